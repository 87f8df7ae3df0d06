// The claim's evidence links: the list (kept live), and for those who may work on the claim
// adding, editing and removing links.
import type { Evidence } from '@factdesk/model';
import { useId, useState } from 'react';
import { api } from '../../../api/api.ts';
import { ErrorAlert } from '../../../components/Alert.tsx';
import { KIND_LABELS, STANCE_LABELS } from '../../../components/claimWords.ts';
import type { ClaimPanelProps } from './ClaimPanelProps.ts';
import { EvidenceForm } from './EvidenceForm.tsx';
import { type ClaimWriteContext, useClaimWrite } from './useClaimWrite.ts';
import { useLiveList } from './useLiveList.ts';
import { WriteProblem } from './WriteProblem.tsx';

interface EvidenceSectionProps extends ClaimWriteContext {
  subscribe: ClaimPanelProps['subscribe'];
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
