// "Same claim elsewhere": approved claims of the workspace that say what this claim says —
// its quote and statement, or the statement being typed (asked again a moment after typing
// stops) — each with its verdict, document and date, a link to it, and "Reuse this verdict",
// which copies the verdict, rationale and evidence in as a proposal (docs/verdict-reuse.md).
import type { Claim, SimilarClaim, VerdictScale } from '@factdesk/model';
import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../api/ApiError.ts';
import { api } from '../../../api/api.ts';
import { ErrorAlert } from '../../../components/Alert.tsx';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { formatDate } from '../../../components/formatDate.ts';
import type { ClaimWriteContext } from './useClaimWrite.ts';
import { VerdictChip } from './VerdictChip.tsx';

/** How long typing must pause before the suggestions are asked for again. */
const TYPING_PAUSE_MS = 350;

interface SameClaimElsewhereProps extends ClaimWriteContext {
  /** The statement as it is being typed in the claim's form; null when not editing. */
  statementDraft: string | null;
}

export function SameClaimElsewhere(props: SameClaimElsewhereProps) {
  const { claim, statementDraft } = props;
  const headingId = useId();
  const [found, setFound] = useState<SimilarClaim[]>();
  const [error, setError] = useState<ApiError>();
  const [reusing, setReusing] = useState<SimilarClaim>();
  const quote = claim.anchor.quote.exact;
  const statement = statementDraft ?? claim.statement;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the texts and the version are the reload signals
  useEffect(() => {
    let current = true;
    const ask = () =>
      statementDraft === null
        ? api.similarToClaim(claim.id)
        : api.similarToText(claim.workspaceId, { quote, statement });
    const timer = setTimeout(
      () =>
        ask().then(
          (answer) => {
            if (!current) return;
            setFound(answer.claims.filter((other) => other.claimId !== claim.id));
            setError(undefined);
          },
          (caught: unknown) => current && setError(ApiError.from(caught)),
        ),
      // The first look is at once; a statement being typed waits for a pause.
      statementDraft === null ? 0 : TYPING_PAUSE_MS,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [claim.id, claim.version, quote, statement, statementDraft === null]);

  const canReuse = claim.abilities.work && claim.status !== 'approved';

  async function reuse(other: SimilarClaim) {
    // Errors are thrown for the dialog to show beside its button.
    const changed = await api.reuseVerdict(claim.id, claim.version, other.claimId);
    props.ownVersions.add(changed.version);
    props.onClaimChanged(changed);
  }

  return (
    <section className="claim-section same-claim" aria-labelledby={headingId}>
      <h3 id={headingId}>Same claim elsewhere</h3>
      <ErrorAlert error={error} />
      {found === undefined && !error && <p className="muted">Looking for approved claims…</p>}
      {found?.length === 0 && (
        <p className="muted">No approved claim of this workspace says the same thing.</p>
      )}
      {found && found.length > 0 && (
        <ul className="same-claim-list">
          {found.map((other) => (
            <li key={other.claimId} className="same-claim-item">
              <div className="same-claim-top">
                <VerdictChip
                  scale={props.scale}
                  verdict={other.verdict}
                  frozenLabel={other.verdictLabel}
                />
                <span className="same-claim-date">approved {formatDate(other.approvedAt)}</span>
              </div>
              <p className="same-claim-statement" dir="auto">
                {other.statement || `“${other.quote}”`}
              </p>
              <p className="same-claim-where">
                in <Link to={other.link}>{other.documentTitle}</Link>
                {other.documentArchived && ' (archived)'}
              </p>
              {claim.reusedFrom?.claimId === other.claimId ? (
                <p className="same-claim-reused">This claim’s verdict was reused from it.</p>
              ) : (
                canReuse && (
                  <button
                    type="button"
                    className="button button-secondary button-small same-claim-reuse"
                    onClick={() => setReusing(other)}
                  >
                    Reuse this verdict
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      {reusing && (
        <ReuseConfirm
          claim={claim}
          scale={props.scale}
          other={reusing}
          onConfirm={() => reuse(reusing)}
          onClose={() => setReusing(undefined)}
        />
      )}
    </section>
  );
}

function ReuseConfirm(props: {
  claim: Claim;
  scale: VerdictScale;
  other: SimilarClaim;
  onConfirm(): Promise<void>;
  onClose(): void;
}) {
  const { claim, other } = props;
  return (
    <ConfirmDialog
      open
      title="Reuse this verdict?"
      confirmLabel={`Reuse “${other.verdictLabel}”`}
      confirmTone="primary"
      onConfirm={props.onConfirm}
      onClose={props.onClose}
    >
      <p>
        The verdict <strong>{other.verdictLabel}</strong>, its rationale and its evidence links are
        copied from the claim in “{other.documentTitle}” (approved {formatDate(other.approvedAt)}).
      </p>
      <p>
        The verdict is proposed in your name and still needs approval
        {claim.rationale.trim() ? '; this claim’s current rationale is replaced' : ''}. The history
        and the reports say where it came from.
      </p>
    </ConfirmDialog>
  );
}
