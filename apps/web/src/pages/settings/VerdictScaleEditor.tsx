// The verdict scale editor (owners): labels, ratings, order and colours, with a preview of
// how the verdicts already given map onto the edited scale before it is saved. Approved
// claims keep the label and rating they were approved with; the preview says so.
import type { VerdictScale, WorkspaceVerdictScale } from '@factdesk/model';
import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../../api/ApiError.ts';
import { api } from '../../api/api.ts';
import { ErrorAlert, Notice } from '../../components/Alert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useResource } from '../../state/useResource.ts';
import { useWorkspace } from '../../state/WorkspaceContext.tsx';
import { VerdictChip } from '../document/panel/VerdictChip.tsx';
import {
  type DraftLabel,
  draftOf,
  mappingOf,
  newLabel,
  type ScaleDraft,
  scaleOf,
  type VerdictMapping,
} from './scaleDraft.ts';
// The chips' colours live with the claim panel; the preview shows the very same chips.
import '../document/panel/panel.css';
import './settings.css';
import type { IntlShape } from 'react-intl';
import { useIntl } from 'react-intl';
import { useT } from '../../i18n/useT.ts';

export function VerdictScaleEditor() {
  const { workspace } = useWorkspace();
  const resource = useResource(`verdict-scale:${workspace.id}`, () =>
    api.verdictScale(workspace.id),
  );
  const t = useT();
  return (
    <section className="panel stack" aria-labelledby="verdict-scale-heading">
      <h2 id="verdict-scale-heading" className="scale-title">
        {t('scale.title')}
      </h2>
      <p className="field-hint">{t('scale.intro')}</p>
      {resource.data ? (
        <ScaleForm saved={resource.data} onSaved={(next) => resource.update(() => next)} />
      ) : resource.error ? (
        <ErrorAlert error={resource.error} />
      ) : (
        <Loading />
      )}
    </section>
  );
}

function ScaleForm({
  saved,
  onSaved,
}: {
  saved: WorkspaceVerdictScale;
  onSaved(next: WorkspaceVerdictScale): void;
}) {
  const { workspace } = useWorkspace();
  const t = useT();
  const [draft, setDraft] = useState<ScaleDraft>(() => draftOf(saved.scale));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState(false);
  const id = useId();
  const scale = scaleOf(draft);
  const mapping = mappingOf(saved.scale, scale, saved.usage);
  const removedInUse = mapping.filter((m) => m.after === null);

  function change(next: ScaleDraft) {
    setDraft(next);
    setDone(false);
  }

  function changeLabel(index: number, patch: Partial<DraftLabel>) {
    change({
      ...draft,
      labels: draft.labels.map((label, i) => (i === index ? { ...label, ...patch } : label)),
    });
  }

  function move(index: number, by: -1 | 1) {
    const labels = [...draft.labels];
    const [moved] = labels.splice(index, 1);
    if (!moved) return;
    labels.splice(index + by, 0, moved);
    change({ ...draft, labels });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    try {
      const next = await api.saveVerdictScale(workspace.id, scaleOf(draft));
      onSaved(next);
      setDraft(draftOf(next.scale));
      setDone(true);
    } catch (caught) {
      setError(ApiError.from(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <form className="stack" onSubmit={submit} aria-label={t('scale.title')}>
      <div className="scale-bounds">
        <div className="field">
          <label htmlFor={`${id}-best`}>{t('scale.best')}</label>
          <input
            id={`${id}-best`}
            type="number"
            step="any"
            required
            value={draft.bestRating}
            aria-invalid={error?.field === 'bestRating' || undefined}
            onChange={(event) => change({ ...draft, bestRating: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-worst`}>{t('scale.worst')}</label>
          <input
            id={`${id}-worst`}
            type="number"
            step="any"
            required
            value={draft.worstRating}
            aria-invalid={error?.field === 'worstRating' || undefined}
            onChange={(event) => change({ ...draft, worstRating: event.target.value })}
          />
        </div>
      </div>
      <ol className="scale-labels">
        {draft.labels.map((label, index) => (
          <li key={label.id} className="scale-label">
            <ScaleLabelRow
              label={label}
              index={index}
              count={draft.labels.length}
              inUse={saved.usage.some((use) => use.key === label.key)}
              invalidField={error?.field}
              onChange={(patch) => changeLabel(index, patch)}
              onMove={(by) => move(index, by)}
              onRemove={() =>
                change({ ...draft, labels: draft.labels.filter((_, i) => i !== index) })
              }
            />
          </li>
        ))}
      </ol>
      <div>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={draft.labels.length >= 20}
          onClick={() =>
            change({
              ...draft,
              labels: [...draft.labels, newLabel()],
            })
          }
        >
          {t('scale.add')}
        </button>
      </div>
      <ScalePreview scale={scale} mapping={mapping} />
      {removedInUse.length > 0 && (
        <p className="scale-error" role="alert">
          {t('scale.removedInUse', {
            count: removedInUse.length,
            labels: removedInUse.map((m) => m.before?.label ?? m.key).join(', '),
          })}
        </p>
      )}
      <ErrorAlert error={error} />
      <Notice>{done && t('scale.saved')}</Notice>
      <div>
        <button
          type="submit"
          className="button button-primary"
          disabled={pending || removedInUse.length > 0}
        >
          {pending ? t('connection.saving') : t('scale.save')}
        </button>
      </div>
    </form>
  );
}

function ScaleLabelRow({
  label,
  index,
  count,
  inUse,
  invalidField,
  onChange,
  onMove,
  onRemove,
}: {
  label: DraftLabel;
  index: number;
  count: number;
  inUse: boolean;
  invalidField: string | undefined;
  onChange(patch: Partial<DraftLabel>): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}) {
  const id = useId();
  const t = useT();
  const name = label.label.trim() || t('scale.unnamed', { number: index + 1 });
  return (
    <>
      <div className="field scale-label-text">
        <label htmlFor={`${id}-label`}>{t('scale.verdictNumber', { number: index + 1 })}</label>
        <input
          id={`${id}-label`}
          required
          maxLength={80}
          value={label.label}
          aria-invalid={invalidField === `labels.${index}.label` || undefined}
          onChange={(event) => onChange({ label: event.target.value })}
        />
      </div>
      <div className="field scale-label-rating">
        <label htmlFor={`${id}-rating`}>{t('scale.rating')}</label>
        <input
          id={`${id}-rating`}
          type="number"
          step="any"
          placeholder={t('scale.ratingNone')}
          value={label.rating}
          aria-invalid={invalidField === `labels.${index}.ratingValue` || undefined}
          onChange={(event) => onChange({ rating: event.target.value })}
        />
      </div>
      <div className="field scale-label-colour">
        <label htmlFor={`${id}-colour`}>{t('scale.colour')}</label>
        <span className="scale-colour">
          <input
            id={`${id}-colour`}
            type="color"
            value={label.color ?? '#4b5563'}
            disabled={label.color === null}
            onChange={(event) => onChange({ color: event.target.value })}
          />
          <label className="scale-colour-auto">
            <input
              type="checkbox"
              checked={label.color === null}
              onChange={(event) => onChange({ color: event.target.checked ? null : '#4b5563' })}
            />
            {t('scale.colourFromRating')}
          </label>
        </span>
      </div>
      <div className="scale-label-actions">
        <button
          type="button"
          className="button button-secondary button-small"
          aria-label={t('scale.moveUp', { name })}
          disabled={index === 0}
          onClick={() => onMove(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          aria-label={t('scale.moveDown', { name })}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          ↓
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          aria-label={t('members.removeNamed', { name })}
          title={inUse ? t('scale.inUse') : undefined}
          disabled={inUse || count === 1}
          onClick={onRemove}
        >
          {t('action.remove')}
        </button>
      </div>
    </>
  );
}

function describeLabel(intl: IntlShape, label: { label: string; rating: number | null }): string {
  return label.rating === null
    ? intl.formatMessage({ id: 'scale.labelUnrated' }, { label: label.label })
    : intl.formatMessage({ id: 'scale.labelRated' }, { label: label.label, rating: label.rating });
}

function ScalePreview({ scale, mapping }: { scale: VerdictScale; mapping: VerdictMapping[] }) {
  const intl = useIntl();
  const t = useT();
  return (
    <section className="scale-preview" aria-label={t('scale.preview')}>
      <h3 className="scale-preview-title">{t('scale.preview')}</h3>
      <p className="scale-preview-chips">
        {scale.labels.map((label) => (
          <VerdictChip key={label.key} scale={scale} verdict={label.key} />
        ))}
      </p>
      {mapping.length === 0 ? (
        <p className="muted">{t('scale.noVerdictsYet')}</p>
      ) : (
        <table className="scale-mapping">
          <caption>{t('scale.mapping')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('scale.now')}</th>
              <th scope="col">{t('scale.afterSaving')}</th>
              <th scope="col">{t('export.claims')}</th>
            </tr>
          </thead>
          <tbody>
            {mapping.map((m) => (
              <tr key={m.key}>
                <td>{m.before ? describeLabel(intl, m.before) : m.key}</td>
                <td>{m.after ? describeLabel(intl, m.after) : t('scale.removedNotAllowed')}</td>
                <td>
                  {m.claims > 0 && `${t('scale.followNew', { count: m.claims })} `}
                  {m.approved > 0 && t('scale.approvedKeep', { count: m.approved })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
