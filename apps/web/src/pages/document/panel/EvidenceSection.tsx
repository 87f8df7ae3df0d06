// The claim's evidence links: the list (kept live), what the link checker found at each, and
// for those who may work on the claim adding, editing and removing links.
import type { Evidence, EvidenceLink } from '@factdesk/model';
import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../../../api/api.ts';
import { ErrorAlert } from '../../../components/Alert.tsx';
import { KIND_LABELS, STANCE_LABELS } from '../../../components/claimWords.ts';
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
        <h3 id={headingId}>Evidence</h3>
        {evidence.items && <span className="count">{evidence.items.length}</span>}
      </div>
      <ErrorAlert error={evidence.error} />
      {evidence.items === undefined && !evidence.error && (
        <p className="muted">Loading evidence…</p>
      )}
      {evidence.items?.length === 0 && <p className="muted">No evidence links yet.</p>}
      {evidence.items && evidence.items.length > 0 && (
        <ul className="evidence-list">
          {evidence.items.map((item) => (
            <EvidenceItem
              key={item.id}
              {...props}
              evidence={item}
              link={links.get(item.id)}
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
            Add evidence
          </button>
        ))}
    </section>
  );
}

/**
 * What the checker found at each link: as the list was loaded, then as the checker's live
 * events say. An edited link's old finding is dropped (the server checks it again).
 */
function useLinkStates(
  claimId: string,
  items: Evidence[] | undefined,
  subscribeLinks: ClaimPanelProps['subscribeLinks'],
): ReadonlyMap<string, EvidenceLink> {
  // Each finding with the URL its item had when the finding arrived.
  const [heard, setHeard] = useState<ReadonlyMap<string, { url: string; link: EvidenceLink }>>(
    new Map(),
  );
  const itemsRef = useRef(items);
  itemsRef.current = items;
  useEffect(
    () =>
      subscribeLinks((event) => {
        if (event.claimId !== claimId) return;
        const { evidenceId } = event.link;
        const url = itemsRef.current?.find((item) => item.id === evidenceId)?.url ?? '';
        setHeard((current) => new Map(current).set(evidenceId, { url, link: event.link }));
      }),
    [claimId, subscribeLinks],
  );
  const links = new Map<string, EvidenceLink>();
  for (const item of items ?? []) {
    const live = heard.get(item.id);
    const link = live && (live.url === '' || live.url === item.url) ? live.link : item.link;
    if (link) links.set(item.id, link);
  }
  return links;
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
  canWork: boolean;
  onSaved(evidence: Evidence): void;
  onRemoved(evidenceId: string): void;
}

function EvidenceItem(props: EvidenceItemProps) {
  const { evidence, canWork } = props;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const remove = useClaimWrite(props);

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
        <span className={`stance stance-${evidence.stance}`}>{STANCE_LABELS[evidence.stance]}</span>
        <span className="evidence-kind">{KIND_LABELS[evidence.kind]}</span>
      </p>
      {evidence.excerpt && (
        <blockquote className="evidence-excerpt" dir="auto">
          {evidence.excerpt}
        </blockquote>
      )}
      <LinkStatus link={props.link} />
      {evidence.archiveUrl && (
        <p>
          <a href={evidence.archiveUrl} target="_blank" rel="noopener noreferrer">
            Archived copy<span className="visually-hidden"> of {name}</span>
          </a>
        </p>
      )}
      {evidence.addedBy && <p className="evidence-by">Added by {evidence.addedBy.name}</p>}
      {canWork &&
        (confirming ? (
          <div className="evidence-confirm">
            <p>Remove this link from the claim?</p>
            <div className="claim-form-actions">
              <button
                type="button"
                className="button button-danger button-small"
                disabled={remove.pending}
                onClick={confirmRemove}
              >
                {remove.pending ? 'Removing…' : 'Remove'}
              </button>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => {
                  setConfirming(false);
                  remove.clear();
                }}
              >
                Keep it
              </button>
            </div>
          </div>
        ) : (
          <div className="claim-form-actions">
            <button
              type="button"
              className="button button-secondary button-small"
              aria-label={`Edit evidence ${name}`}
              onClick={() => setEditing(true)}
            >
              Edit
            </button>
            <button
              type="button"
              className="button button-danger-quiet button-small"
              aria-label={`Remove evidence ${name}`}
              onClick={() => setConfirming(true)}
            >
              Remove
            </button>
          </div>
        ))}
      <WriteProblem write={remove} kept={false} />
    </li>
  );
}
