// Blind review in the claim panel (docs/claims.md, "Blind review"): how far the round is, the
// reader's own hidden verdict, and — when the verdicts disagree — the side-by-side view where
// a moderator decides. What is shown comes from the server, which sends each reader only
// what they may see (independentVerdicts); nothing is hidden here that the server sent.
import type { Claim, Evidence, IndependentVerdict, VerdictScale } from '@factdesk/model';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useIntl } from 'react-intl';
import { api } from '../../../api/api.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { verdictTone } from '../../../components/claimWords.ts';
import { formatDateTime } from '../../../components/formatDate.ts';
import { blindProgress } from './blindProgress.ts';
import { RationaleEditor } from './RationaleEditor.tsx';
import { renderRationale } from './renderRationale.ts';
import { type ClaimWriteContext, useClaimWrite } from './useClaimWrite.ts';
import { VerdictChip } from './VerdictChip.tsx';
import { WriteProblem } from './WriteProblem.tsx';

/** Whether this reader gave a verdict in the claim's current round. */
export function hasProposed(claim: Claim, userId: string): boolean {
  return claim.blindReview.proposedBy.some((person) => person.id === userId);
}

/** The round's state while verdicts are collected: progress, and the reader's own verdict. */
export function BlindRoundStatus({ claim, scale, myUserId }: ClaimWriteContext) {
  const { required, proposedBy, blind } = claim.blindReview;
  if (!blind) return null;
  const mine = claim.independentVerdicts.find((verdict) => verdict.reviewer?.id === myUserId);
  const missing = required - proposedBy.length;
  const amReviewer = claim.assignees.some((person) => person.id === myUserId);
  const others = claim.independentVerdicts.filter((verdict) => verdict.reviewer?.id !== myUserId);
  return (
    <section className="blind-round" aria-label="Blind review">
      <p className="blind-round-progress">
        <span className="badge badge-blind">{blindProgress(claim)}</span>{' '}
        {missing > 0 && `Waiting for ${missing} more ${missing === 1 ? 'verdict' : 'verdicts'}.`}
      </p>
      {mine ? (
        <div className="blind-own">
          <p>
            Your verdict: <VerdictChip scale={scale} verdict={mine.verdict} />
          </p>
          {mine.rationale.trim() && <Rationale text={mine.rationale} />}
          <p className="muted">
            Your verdict is hidden from the other{' '}
            {required === 2 ? 'reviewer until both have' : 'reviewers until all have'} proposed.
          </p>
        </div>
      ) : (
        amReviewer && (
          <p className="muted">
            This claim takes {required} independent verdicts. Yours stays hidden from the other{' '}
            {required === 2 ? 'reviewer until both have' : 'reviewers until all have'} proposed, and
            you see theirs only then.
          </p>
        )
      )}
      {others.length > 0 && (
        <details className="blind-others">
          <summary>
            Verdicts given so far ({others.length}) — the reviewers cannot see these
          </summary>
          <VerdictList verdicts={others} scale={scale} />
        </details>
      )}
    </section>
  );
}

function Rationale({ text }: { text: string }) {
  return (
    <div
      className="rationale"
      dir="auto"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: markdown-it output with html off and links checked (renderRationale.ts)
      dangerouslySetInnerHTML={{ __html: renderRationale(text) }}
    />
  );
}

function VerdictList({ verdicts, scale }: { verdicts: IndependentVerdict[]; scale: VerdictScale }) {
  return (
    <ul className="blind-verdict-list">
      {verdicts.map((verdict) => (
        <li key={verdict.reviewer?.id ?? verdict.proposedAt}>
          {verdict.reviewer?.name ?? 'A former member'}:{' '}
          <VerdictChip scale={scale} verdict={verdict.verdict} />
          {verdict.rationale.trim() && <Rationale text={verdict.rationale} />}
        </li>
      ))}
    </ul>
  );
}

/**
 * Disagreeing verdicts, side by side — each reviewer's verdict, rationale and the evidence
 * they added — and, for a moderator who may decide, the decision form.
 */
export function Adjudication(props: ClaimWriteContext & { onDecided(claim: Claim): void }) {
  const intl = useIntl();
  const { claim, scale } = props;
  const headingId = useId();
  const [evidence, setEvidence] = useState<Evidence[]>();
  useEffect(() => {
    let current = true;
    api.evidence(claim.id).then(
      (list) => current && setEvidence(list),
      () => current && setEvidence([]),
    );
    return () => {
      current = false;
    };
  }, [claim.id]);
  const canDecide = claim.abilities.adjudicate || claim.abilities.approveOverride;

  return (
    <section className="adjudication" aria-labelledby={headingId}>
      <h4 id={headingId} className="adjudication-heading">
        The verdicts disagree
      </h4>
      <p className="muted">
        {canDecide
          ? 'Compare them side by side, then decide: one of theirs or another verdict, with your rationale. Your decision approves the claim; the history keeps every input.'
          : 'A moderator who gave none of these verdicts decides between them.'}
      </p>
      <div className="adjudication-columns">
        {claim.independentVerdicts.map((verdict) => (
          <article
            key={verdict.reviewer?.id ?? verdict.proposedAt}
            className="adjudication-column"
            aria-label={`${verdict.reviewer?.name ?? 'A former member'}’s verdict`}
          >
            <h5>{verdict.reviewer?.name ?? 'A former member'}</h5>
            <VerdictChip scale={scale} verdict={verdict.verdict} />
            <p className="muted">{formatDateTime(intl, verdict.proposedAt)}</p>
            {verdict.rationale.trim() ? (
              <Rationale text={verdict.rationale} />
            ) : (
              <p className="muted">No rationale given.</p>
            )}
            <EvidenceOf
              evidence={evidence?.filter((item) => item.addedBy?.id === verdict.reviewer?.id)}
            />
          </article>
        ))}
      </div>
      {canDecide && <DecideForm {...props} />}
    </section>
  );
}

function EvidenceOf({ evidence }: { evidence: Evidence[] | undefined }) {
  if (evidence === undefined) return <p className="muted">Loading evidence…</p>;
  if (evidence.length === 0) return <p className="muted">No evidence added.</p>;
  return (
    <ul className="adjudication-evidence">
      {evidence.map((item) => (
        <li key={item.id}>
          <a href={item.url} target="_blank" rel="noreferrer noopener">
            {item.title || item.displayHost}
          </a>{' '}
          <span className="muted">({item.stance})</span>
        </li>
      ))}
    </ul>
  );
}

function DecideForm(props: ClaimWriteContext & { onDecided(claim: Claim): void }) {
  const { claim, scale } = props;
  const write = useClaimWrite(props);
  const id = useId();
  const [verdict, setVerdict] = useState<string | null>(null);
  const [rationale, setRationale] = useState('');
  const [problem, setProblem] = useState('');
  const [confirming, setConfirming] = useState(false);
  const override = !claim.abilities.adjudicate && claim.abilities.approveOverride;

  async function decide() {
    if (!verdict) return;
    const answer = await write.run((version) =>
      api.adjudicate(claim.id, {
        version,
        verdict,
        rationale,
        ...(override ? { override: true } : {}),
      }),
    );
    if (answer) props.onDecided(answer);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!verdict) {
      setProblem('Pick the verdict you decide on first.');
      return;
    }
    if (!rationale.trim()) {
      setProblem('Say why: the rationale is what readers of the fact-check see.');
      return;
    }
    setProblem('');
    if (override) setConfirming(true);
    else void decide();
  }

  return (
    <form className="claim-form" onSubmit={submit} aria-label="Decide the verdict">
      {override && (
        <p className="four-eyes-notice">
          You gave one of these verdicts. As an owner you may still decide, overriding the four-eyes
          rule; the history and the report will say so.
        </p>
      )}
      <fieldset className="verdict-picker">
        <legend>Your decision</legend>
        <div className="verdict-options">
          {scale.labels.map((label) => (
            <label
              key={label.key}
              className={`verdict-option verdict-option-${verdictTone(scale, label.key)}`}
            >
              <input
                type="radio"
                name={`${id}-verdict`}
                value={label.key}
                checked={verdict === label.key}
                onChange={() => setVerdict(label.key)}
              />
              <span>{label.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <RationaleEditor value={rationale} onChange={setRationale} />
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      <WriteProblem write={write} />
      <div className="claim-form-actions">
        <button
          type="submit"
          className="button button-primary button-small"
          disabled={write.pending}
        >
          {write.pending ? 'Deciding…' : 'Decide and approve'}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Decide although you gave a verdict?"
        confirmLabel="Override and decide"
        onClose={() => setConfirming(false)}
        onConfirm={decide}
      >
        <p>
          You were one of the blind reviewers, and this workspace asks for a second person to
          decide. Deciding yourself overrides the four-eyes rule: the claim’s history and the report
          will show it.
        </p>
      </ConfirmDialog>
    </form>
  );
}

/** The blind reviewers' verdicts once revealed, beside an agreed or decided verdict. */
export function RevealedVerdicts({ claim, scale }: ClaimWriteContext) {
  if (claim.blindReview.blind || claim.status === 'adjudication') return null;
  if (claim.independentVerdicts.length < 2) return null;
  return (
    <details className="blind-others">
      <summary>Independent verdicts of round {claim.blindReview.round}</summary>
      <VerdictList verdicts={claim.independentVerdicts} scale={scale} />
    </details>
  );
}
