// The claim's evidence links: the list (kept live), what the link checker found at each, and
// for those who may work on the claim adding, editing and removing links, "Check again" and
// "Archive now" (docs/evidence-links.md).
import type { Evidence, EvidenceLink } from '@factdesk/model';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { ApiError } from '../../../api/ApiError.ts';
import { api } from '../../../api/api.ts';
import { ErrorAlert } from '../../../components/Alert.tsx';
import { kindLabel, stanceLabel } from '../../../components/claimWords.ts';
import { useT } from '../../../i18n/useT.ts';
import type { ClaimPanelProps } from './ClaimPanelProps.ts';
import { EvidenceForm } from './EvidenceForm.tsx';
import { LinkStatus } from './LinkStatus.tsx';
import { type ClaimWriteContext, useClaimWrite } from './useClaimWrite.ts';
import { useLiveList } from './useLiveList.ts';
import { WriteProblem } from './WriteProblem.tsx';

interface EvidenceSectionProps extends ClaimWriteContext {
  subscribe: ClaimPanelProps['subscribe'];
  subscribeLinks: ClaimPanelProps['subscribeLinks'];
}

export function EvidenceSection(props: EvidenceSectionProps) {
  const { claim } = props;
  const headingId = useId();
  const t = useT();
  const [adding, setAdding] = useState(false);
  const evidence = useLiveList<Evidence>({
    claimId: claim.id,
    load: () => api.evidence(claim.id),
    subscribe: props.subscribe,
    apply: (event, list) => {
      if ((event.type === 'evidence.added' || event.type === 'evidence.updated') && event.evidence)
        list.put(event.evidence);
      if (event.type === 'evidence.removed' && event.evidenceId) list.remove(event.evidenceId);
    },
  });
  const links = useLinkStates(claim.id, evidence.items, props.subscribeLinks);
  const canWork = claim.abilities.work;

  return (
    <section className="claim-section" aria-labelledby={headingId}>
      <div className="claim-section-header">
        <h3 id={headingId}>{t('evidence.title')}</h3>
        {evidence.items && <span className="count">{evidence.items.length}</span>}
      </div>
      <ErrorAlert error={evidence.error} />
      {evidence.items === undefined && !evidence.error && (
        <p className="muted">{t('evidence.loading')}</p>
      )}
      {evidence.items?.length === 0 && <p className="muted">{t('evidence.none')}</p>}
      {evidence.items && evidence.items.length > 0 && (
        <ul className="evidence-list">
          {evidence.items.map((item) => (
            <EvidenceItem
              key={item.id}
              {...props}
              evidence={item}
              link={links.get(item.id)}
              onLinkChecked={links.put}
              canWork={canWork}
              onSaved={evidence.put}
              onRemoved={evidence.remove}
            />
          ))}
        </ul>
      )}
      {canWork &&
        (adding ? (
          <EvidenceForm
            {...props}
            onSaved={(saved) => {
              evidence.put(saved);
              setAdding(false);
            }}
            onCancel={() => setAdding(false)}
          />
        ) : (
          <button
            type="button"
            className="button button-secondary button-small claim-section-action"
            onClick={() => setAdding(true)}
          >
            {t('evidence.add')}
          </button>
        ))}
    </section>
  );
}

/**
 * What the checker found at each link: as the list was loaded, then as the checker's live
 * events (or this person's "Check again") say. An edited link's old finding is dropped (the
 * server checks it again).
 */
function useLinkStates(
  claimId: string,
  items: Evidence[] | undefined,
  subscribeLinks: ClaimPanelProps['subscribeLinks'],
): { get(evidenceId: string): EvidenceLink | undefined; put(link: EvidenceLink): void } {
  // Each finding with the URL its item had when the finding arrived.
  const [heard, setHeard] = useState<ReadonlyMap<string, { url: string; link: EvidenceLink }>>(
    new Map(),
  );
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const put = useCallback((link: EvidenceLink) => {
    const url = itemsRef.current?.find((item) => item.id === link.evidenceId)?.url ?? '';
    setHeard((current) => new Map(current).set(link.evidenceId, { url, link }));
  }, []);
  useEffect(
    () =>
      subscribeLinks((event) => {
        if (event.claimId === claimId) put(event.link);
      }),
    [claimId, subscribeLinks, put],
  );
  // A link as the list loaded it: an item replaced by a write (an edit, an archived copy)
  // comes without its finding, which still holds while its URL is the same.
  const listed = useRef(new Map<string, { url: string; link: EvidenceLink }>());
  const links = new Map<string, EvidenceLink>();
  for (const item of items ?? []) {
    if (item.link) listed.current.set(item.id, { url: item.url, link: item.link });
    const live = heard.get(item.id);
    const loaded = listed.current.get(item.id);
    const link =
      live && (live.url === '' || live.url === item.url)
        ? live.link
        : loaded?.url === item.url
          ? loaded.link
          : undefined;
    if (link) links.set(item.id, link);
  }
  return { get: (evidenceId) => links.get(evidenceId), put };
}

/** A link without a title, as people read it: "bücher.example/mieten". */
function readableLink(evidence: Evidence): string {
  try {
    const url = new URL(evidence.url);
    const path = decodeURIComponent(url.pathname);
    return `${evidence.displayHost}${path === '/' ? '' : path}`;
  } catch {
    return evidence.displayHost;
  }
}

interface EvidenceItemProps extends ClaimWriteContext {
  evidence: Evidence;
  link: EvidenceLink | undefined;
  onLinkChecked(link: EvidenceLink): void;
  canWork: boolean;
  onSaved(evidence: Evidence): void;
  onRemoved(evidenceId: string): void;
}

function EvidenceItem(props: EvidenceItemProps) {
  const { evidence, canWork } = props;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useClaimWrite(props);
  const intl = useIntl();
  const t = useT();

  if (editing) {
    return (
      <li className="evidence-item">
        <EvidenceForm
          {...props}
          evidence={evidence}
          onSaved={(saved) => {
            props.onSaved(saved);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      </li>
    );
  }

  async function confirmRemove() {
    const done = await remove.run((version) => api.removeEvidence(evidence.id, version));
    if (done) props.onRemoved(evidence.id);
  }

  const name = evidence.title || readableLink(evidence);
  return (
    <li className="evidence-item">
      <a
        className="evidence-title"
        href={evidence.url}
        target="_blank"
        rel="noopener noreferrer"
        dir="auto"
      >
        {name}
      </a>
      <p className="evidence-source">
        <span className="evidence-host">{evidence.displayHost}</span>
        {evidence.publisher && (
          <>
            {' · '}
            <span dir="auto">{evidence.publisher}</span>
          </>
        )}
      </p>
      <p className="evidence-tags">
        <span className={`stance stance-${evidence.stance}`}>
          {stanceLabel(intl, evidence.stance)}
        </span>
        <span className="evidence-kind">{kindLabel(intl, evidence.kind)}</span>
      </p>
      {evidence.excerpt && (
        <blockquote className="evidence-excerpt" dir="auto">
          {evidence.excerpt}
        </blockquote>
      )}
      <div className="evidence-link-row">
        <LinkStatus link={props.link} />
        {canWork && (
          <CheckAgain evidenceId={evidence.id} name={name} onChecked={props.onLinkChecked} />
        )}
      </div>
      <ArchiveLine {...props} name={name} />
      {evidence.addedBy && (
        <p className="evidence-by">{t('evidence.addedBy', { name: evidence.addedBy.name })}</p>
      )}
      {canWork &&
        (confirming ? (
          <div className="evidence-confirm">
            <p>{t('evidence.removeConfirm')}</p>
            <div className="claim-form-actions">
              <button
                type="button"
                className="button button-danger button-small"
                disabled={remove.pending}
                onClick={confirmRemove}
              >
                {remove.pending ? t('evidence.removing') : t('action.remove')}
              </button>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => {
                  setConfirming(false);
                  remove.clear();
                }}
              >
                {t('evidence.keep')}
              </button>
            </div>
          </div>
        ) : (
          <div className="claim-form-actions">
            <button
              type="button"
              className="button button-secondary button-small"
              aria-label={t('evidence.editNamed', { name })}
              onClick={() => setEditing(true)}
            >
              {t('action.edit')}
            </button>
            <button
              type="button"
              className="button button-danger-quiet button-small"
              aria-label={t('evidence.removeNamed', { name })}
              onClick={() => setConfirming(true)}
            >
              {t('action.remove')}
            </button>
          </div>
        ))}
      <WriteProblem write={remove} kept={false} />
    </li>
  );
}

/** "Check again": the server fetches the link now and answers with what it found. */
function CheckAgain(props: {
  evidenceId: string;
  name: string;
  onChecked(link: EvidenceLink): void;
}) {
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<ApiError>();
  const t = useT();
  async function check() {
    setChecking(true);
    setError(undefined);
    try {
      props.onChecked(await api.checkEvidenceLink(props.evidenceId));
    } catch (problem) {
      setError(problem as ApiError);
    } finally {
      setChecking(false);
    }
  }
  return (
    <>
      <button
        type="button"
        className="button button-secondary button-small"
        aria-label={
          checking
            ? t('evidence.checkingNamed', { name: props.name })
            : t('evidence.checkAgainNamed', { name: props.name })
        }
        disabled={checking}
        onClick={check}
      >
        {checking ? t('evidence.checking') : t('evidence.checkAgain')}
      </button>
      <ErrorAlert error={error} />
    </>
  );
}

/**
 * The archived copy when there is one; otherwise, for those who may work on the claim, "Archive
 * now" (the archive service can take a while: the button says so, then the copy or the
 * service's sentence shows).
 */
function ArchiveLine(props: EvidenceItemProps & { name: string }) {
  const { evidence, canWork, name } = props;
  const archive = useClaimWrite(props);
  const t = useT();
  async function archiveNow() {
    const done = await archive.run(() => api.archiveEvidence(evidence.id));
    if (done) props.onSaved(done.evidence);
  }
  if (!evidence.archiveUrl && !canWork) return null;
  return (
    <div className="evidence-archive" aria-live="polite">
      {evidence.archiveUrl ? (
        <p>
          <a href={evidence.archiveUrl} target="_blank" rel="noopener noreferrer">
            <FormattedMessage
              id="evidence.archivedCopy"
              values={{
                name,
                hidden: (chunks) => <span className="visually-hidden">{chunks}</span>,
              }}
            />
          </a>
        </p>
      ) : (
        <button
          type="button"
          className="button button-secondary button-small"
          aria-label={
            archive.pending
              ? t('evidence.archivingNamed', { name })
              : t('evidence.archiveNowNamed', { name })
          }
          disabled={archive.pending}
          onClick={archiveNow}
        >
          {archive.pending ? t('evidence.archiving') : t('evidence.archiveNow')}
        </button>
      )}
      <WriteProblem write={archive} kept={false} />
    </div>
  );
}
