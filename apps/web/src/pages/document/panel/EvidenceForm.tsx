// Adding or editing one evidence link. Both URLs are checked in the form with the server's
// own rule (checkEvidenceUrl) and its sentence shown at the field before anything is sent.
import {
  checkEvidenceUrl,
  EVIDENCE_KINDS,
  EVIDENCE_STANCES,
  type Evidence,
  type EvidenceKind,
  type EvidenceStance,
} from '@factdesk/model';
import { type FormEvent, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { api } from '../../../api/api.ts';
import { kindLabel, stanceLabel } from '../../../components/claimWords.ts';
import { linkProblemText } from '../../../components/linkProblemText.ts';
import { useT } from '../../../i18n/useT.ts';
import { FormActions } from './FormActions.tsx';
import { type ClaimWriteContext, useClaimWrite } from './useClaimWrite.ts';
import { useDraftBase } from './useDraftBase.ts';
import { WriteProblem } from './WriteProblem.tsx';

interface EvidenceFormProps extends ClaimWriteContext {
  /** The link being edited; none to add a new one. */
  evidence?: Evidence;
  onSaved(evidence: Evidence): void;
  onCancel(): void;
}

type UrlField = 'url' | 'archiveUrl';

export function EvidenceForm(props: EvidenceFormProps) {
  const { claim, evidence } = props;
  // An edit is based on the claim as it was when the form opened; an addition changes
  // nothing anyone else wrote, so it goes with the live version.
  const draft = useDraftBase(claim, props.ownVersions, evidence !== undefined);
  const write = useClaimWrite(props);
  const id = useId();
  const intl = useIntl();
  const t = useT();
  const urlRef = useRef<HTMLInputElement>(null);
  const archiveRef = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState(evidence?.url ?? '');
  const [title, setTitle] = useState(evidence?.title ?? '');
  const [publisher, setPublisher] = useState(evidence?.publisher ?? '');
  const [excerpt, setExcerpt] = useState(evidence?.excerpt ?? '');
  const [archiveUrl, setArchiveUrl] = useState(evidence?.archiveUrl ?? '');
  const [kind, setKind] = useState<EvidenceKind>(evidence?.kind ?? 'primary_source');
  const [stance, setStance] = useState<EvidenceStance>(evidence?.stance ?? 'supports');
  const [problems, setProblems] = useState<Partial<Record<UrlField, string>>>({});

  // A sentence from the server naming one of the URL fields is shown at that field.
  const serverField = write.error?.field;
  const problemOf = (field: UrlField) =>
    problems[field] ?? (serverField === field ? write.error?.message : undefined);

  async function save(event: FormEvent) {
    event.preventDefault();
    const link = checkEvidenceUrl(url, 'Link');
    const archive = archiveUrl.trim() ? checkEvidenceUrl(archiveUrl, 'Archived copy') : null;
    const found: Partial<Record<UrlField, string>> = {};
    if (!link.ok) found.url = linkProblemText(t, link, t('evidence.link'));
    if (archive && !archive.ok) {
      found.archiveUrl = linkProblemText(t, archive, t('evidence.archiveField'));
    }
    setProblems(found);
    if (!link.ok || (archive && !archive.ok)) {
      (found.url ? urlRef : archiveRef).current?.focus();
      write.clear();
      return;
    }
    const fields = {
      url: link.href,
      title: title.trim(),
      publisher: publisher.trim(),
      excerpt: excerpt.trim(),
      archiveUrl: archive?.href ?? null,
      kind,
      stance,
    };
    const saved = await write.run(
      (version) =>
        evidence
          ? api.updateEvidence(evidence.id, { version, ...fields })
          : api.addEvidence(claim.id, { version, ...fields }),
      { base: evidence ? draft.base : claim, onConflict: draft.rebase },
    );
    if (saved) props.onSaved(saved.evidence);
  }

  const urlProblem = problemOf('url');
  const archiveProblem = problemOf('archiveUrl');
  const legend = evidence ? t('evidence.edit') : t('evidence.add');

  return (
    <form className="claim-form evidence-form" onSubmit={save} aria-label={legend} noValidate>
      <p className="claim-form-title">{legend}</p>
      <div className="field">
        <label htmlFor={`${id}-url`}>{t('evidence.link')}</label>
        <input
          ref={urlRef}
          id={`${id}-url`}
          type="url"
          inputMode="url"
          autoComplete="off"
          placeholder="https://"
          maxLength={2048}
          value={url}
          aria-invalid={urlProblem ? true : undefined}
          aria-describedby={urlProblem ? `${id}-url-problem` : undefined}
          onChange={(event) => {
            draft.touch();
            setUrl(event.target.value);
            setProblems(({ url: _, ...rest }) => rest);
          }}
        />
        {urlProblem && (
          <p className="field-error" id={`${id}-url-problem`} role="alert">
            {urlProblem}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-title`}>
          <FormattedMessage
            id="evidence.titleOptional"
            values={{ optional: (chunks) => <span className="optional">{chunks}</span> }}
          />
        </label>
        <input
          id={`${id}-title`}
          dir="auto"
          maxLength={500}
          value={title}
          onChange={(event) => {
            draft.touch();
            setTitle(event.target.value);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-publisher`}>
          <FormattedMessage
            id="evidence.publisherOptional"
            values={{ optional: (chunks) => <span className="optional">{chunks}</span> }}
          />
        </label>
        <input
          id={`${id}-publisher`}
          dir="auto"
          maxLength={200}
          value={publisher}
          onChange={(event) => {
            draft.touch();
            setPublisher(event.target.value);
          }}
        />
      </div>
      <div className="claim-form-row">
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('evidence.kind')}</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(event) => {
              draft.touch();
              setKind(event.target.value as EvidenceKind);
            }}
          >
            {EVIDENCE_KINDS.map((value) => (
              <option key={value} value={value}>
                {kindLabel(intl, value)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-stance`}>{t('evidence.stance')}</label>
          <select
            id={`${id}-stance`}
            value={stance}
            onChange={(event) => {
              draft.touch();
              setStance(event.target.value as EvidenceStance);
            }}
          >
            {EVIDENCE_STANCES.map((value) => (
              <option key={value} value={value}>
                {stanceLabel(intl, value)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-excerpt`}>
          <FormattedMessage
            id="evidence.excerptOptional"
            values={{ optional: (chunks) => <span className="optional">{chunks}</span> }}
          />
        </label>
        <textarea
          id={`${id}-excerpt`}
          dir="auto"
          rows={3}
          maxLength={5000}
          value={excerpt}
          onChange={(event) => {
            draft.touch();
            setExcerpt(event.target.value);
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-archive`}>
          <FormattedMessage
            id="evidence.archiveOptional"
            values={{ optional: (chunks) => <span className="optional">{chunks}</span> }}
          />
        </label>
        <input
          ref={archiveRef}
          id={`${id}-archive`}
          type="url"
          inputMode="url"
          autoComplete="off"
          placeholder="https://web.archive.org/…"
          maxLength={2048}
          value={archiveUrl}
          aria-invalid={archiveProblem ? true : undefined}
          aria-describedby={archiveProblem ? `${id}-archive-problem` : undefined}
          onChange={(event) => {
            draft.touch();
            setArchiveUrl(event.target.value);
            setProblems(({ archiveUrl: _, ...rest }) => rest);
          }}
        />
        {archiveProblem && (
          <p className="field-error" id={`${id}-archive-problem`} role="alert">
            {archiveProblem}
          </p>
        )}
      </div>
      {/* A field's own sentence is shown at the field; everything else here. */}
      {serverField !== 'url' && serverField !== 'archiveUrl' && <WriteProblem write={write} />}
      <FormActions
        pending={write.pending}
        submit={evidence ? t('evidence.saveLink') : t('evidence.addLink')}
        submitting={t('connection.saving')}
        secondary={{ label: t('action.cancel'), onClick: props.onCancel }}
      />
    </form>
  );
}
