// What the claim says and who said it: statement, claimant and tags, editable in place by
// those whose abilities allow it.
import { CLAIMANT_TYPES, type ClaimantType } from '@factdesk/model';
import { type FormEvent, useId, useState } from 'react';
import { FormattedMessage } from 'react-intl';
import { api } from '../../../api/api.ts';
import type { MessageId } from '../../../i18n/catalogs.ts';
import { useT } from '../../../i18n/useT.ts';
import { FormActions } from './FormActions.tsx';
import { type ClaimWriteContext, useClaimWrite } from './useClaimWrite.ts';
import { useDraftBase } from './useDraftBase.ts';
import { WriteProblem } from './WriteProblem.tsx';

const CLAIMANT_LABELS: Record<ClaimantType, MessageId> = {
  person: 'claimant.person',
  organization: 'claimant.organization',
};

function parseTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  return [...new Set(tags)];
}

interface ClaimFactsProps extends ClaimWriteContext {
  /** The statement as it is being typed, for "Same claim elsewhere"; null when not editing. */
  onStatementDraft(statement: string | null): void;
}

export function ClaimFacts({ onStatementDraft, ...props }: ClaimFactsProps) {
  const { claim } = props;
  const [editing, setEditing] = useState(false);
  const t = useT();

  return (
    <section className="claim-section" aria-label={t('claim.statement')}>
      {editing ? (
        <ClaimFactsForm
          {...props}
          onStatementChange={onStatementDraft}
          onDone={() => {
            setEditing(false);
            onStatementDraft(null);
          }}
        />
      ) : (
        <>
          <dl className="claim-facts">
            <div>
              <dt>{t('claim.statement')}</dt>
              <dd dir="auto">
                {claim.statement || <span className="muted">{t('claim.noStatement')}</span>}
              </dd>
            </div>
            <div>
              <dt>{t('claim.claimant')}</dt>
              <dd>
                {claim.claimant ? (
                  <>
                    <span dir="auto">{claim.claimant.name}</span>{' '}
                    <span className="muted">({t(CLAIMANT_LABELS[claim.claimant.type])})</span>
                  </>
                ) : (
                  <span className="muted">{t('claim.claimantNotNamed')}</span>
                )}
              </dd>
            </div>
            <div>
              <dt>{t('claim.tags')}</dt>
              <dd>
                {claim.tags.length > 0 ? (
                  <ul className="tag-list">
                    {claim.tags.map((tag) => (
                      <li key={tag} className="tag" dir="auto">
                        {tag}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">{t('claim.noTags')}</span>
                )}
              </dd>
            </div>
          </dl>
          {claim.abilities.update && (
            <button
              type="button"
              className="button button-secondary button-small claim-section-action"
              onClick={() => setEditing(true)}
            >
              {t('claim.editFacts')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function ClaimFactsForm(
  props: ClaimWriteContext & { onDone(): void; onStatementChange(statement: string): void },
) {
  const { claim } = props;
  const draft = useDraftBase(claim, props.ownVersions, true);
  const write = useClaimWrite(props);
  const id = useId();
  const t = useT();
  const [statement, setStatement] = useState(claim.statement);
  const [claimantName, setClaimantName] = useState(claim.claimant?.name ?? '');
  const [claimantType, setClaimantType] = useState<ClaimantType>(claim.claimant?.type ?? 'person');
  const [tags, setTags] = useState(claim.tags.join(', '));

  function change<T>(set: (value: T) => void) {
    return (value: T) => {
      draft.touch();
      set(value);
    };
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    const name = claimantName.trim();
    const saved = await write.run(
      (version) =>
        api.updateClaim(claim.id, {
          version,
          statement: statement.trim(),
          claimant: name ? { name, type: claimantType } : null,
          tags: parseTags(tags),
        }),
      { base: draft.base, onConflict: draft.rebase },
    );
    if (saved) props.onDone();
  }

  return (
    <form className="claim-form" onSubmit={save} aria-label={t('claim.editFacts')}>
      <div className="field">
        <label htmlFor={`${id}-statement`}>{t('claim.statement')}</label>
        <textarea
          id={`${id}-statement`}
          dir="auto"
          rows={3}
          maxLength={2000}
          value={statement}
          onChange={(event) => {
            change(setStatement)(event.target.value);
            props.onStatementChange(event.target.value);
          }}
        />
        <p className="field-hint">{t('claim.statement.hint')}</p>
      </div>
      <div className="claim-form-row">
        <div className="field">
          <label htmlFor={`${id}-claimant`}>
            <FormattedMessage
              id="claim.claimantOptional"
              values={{ optional: (chunks) => <span className="optional">{chunks}</span> }}
            />
          </label>
          <input
            id={`${id}-claimant`}
            dir="auto"
            maxLength={200}
            value={claimantName}
            onChange={(event) => change(setClaimantName)(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-claimant-type`}>{t('claim.claimantType')}</label>
          <select
            id={`${id}-claimant-type`}
            value={claimantType}
            onChange={(event) => change(setClaimantType)(event.target.value as ClaimantType)}
          >
            {CLAIMANT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(CLAIMANT_LABELS[type])}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-tags`}>
          <FormattedMessage
            id="claim.tagsLabel"
            values={{ optional: (chunks) => <span className="optional">{chunks}</span> }}
          />
        </label>
        <input
          id={`${id}-tags`}
          dir="auto"
          value={tags}
          onChange={(event) => change(setTags)(event.target.value)}
        />
      </div>
      <WriteProblem write={write} />
      <FormActions
        pending={write.pending}
        submit={t('action.save')}
        submitting={t('connection.saving')}
        secondary={{ label: t('action.cancel'), onClick: props.onDone }}
      />
    </form>
  );
}
