// Blind review in the claim panel (docs/claims.md, "Blind review"): how far the round is, the
// reader's own hidden verdict, and — when the verdicts disagree — the side-by-side view where
// a moderator decides. What is shown comes from the server, which sends each reader only
// what they may see (independentVerdicts); nothing is hidden here that the server sent.
import type { Claim, Evidence, IndependentVerdict, VerdictScale } from '@factdesk/model';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useIntl } from 'react-intl';
import { api } from '../../../api/api.ts';
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx';
import { formatDateTime } from '../../../components/formatDate.ts';
import { useT } from '../../../i18n/useT.ts';
import { blindProgress } from './blindProgress.ts';
import { FormActions } from './FormActions.tsx';
import { RationaleEditor } from './RationaleEditor.tsx';
import { ReturnButton, ReturnForm } from './ReturnToReview.tsx';
import { renderRationale } from './renderRationale.ts';
import { type ClaimWriteContext, useClaimWrite } from './useClaimWrite.ts';
import { VerdictChip } from './VerdictChip.tsx';
import { VerdictPicker } from './VerdictPicker.tsx';
import { WriteProblem } from './WriteProblem.tsx';

/** Whether this reader gave a verdict in the claim's current round. */
export function hasProposed(claim: Claim, userId: string): boolean {
  return claim.blindReview.proposedBy.some((person) => person.id === userId);
}

/** The round's state while verdicts are collected: progress, and the reader's own verdict. */
export function BlindRoundStatus({ claim, scale, myUserId }: ClaimWriteContext) {
  const intl = useIntl();
  const t = useT();
  const { required, proposedBy, blind } = claim.blindReview;
  if (!blind) return null;
  const mine = claim.independentVerdicts.find((verdict) => verdict.reviewer?.id === myUserId);
  const missing = required - proposedBy.length;
  const amReviewer = claim.assignees.some((person) => person.id === myUserId);
  const others = claim.independentVerdicts.filter((verdict) => verdict.reviewer?.id !== myUserId);
  return (
    <section className="blind-round" aria-label={t('blind.region')}>
      <p className="blind-round-progress">
        <span className="badge badge-blind">{blindProgress(intl, claim)}</span>{' '}
        {missing > 0 && t('blind.waiting', { missing })}
      </p>
      {mine ? (
        <div className="blind-own">
          <p>
            {t('blind.yourVerdict')} <VerdictChip scale={scale} verdict={mine.verdict} />
          </p>
          {mine.rationale.trim() && <Rationale text={mine.rationale} />}
          <p className="muted">{t('blind.ownHidden', { required })}</p>
        </div>
      ) : (
        amReviewer && <p className="muted">{t('blind.takesVerdicts', { required })}</p>
      )}
      {others.length > 0 && (
        <details className="blind-others">
          <summary>{t('blind.othersSummary', { count: others.length })}</summary>
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
  const t = useT();
  return (
    <ul className="blind-verdict-list">
      {verdicts.map((verdict) => (
        <li key={verdict.reviewer?.id ?? verdict.proposedAt}>
          {t('blind.verdictOf', { name: verdict.reviewer?.name ?? t('comments.formerMember') })}{' '}
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
  const t = useT();
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
  // Returning needs the moderator's role only (fourEyesBlocked: a moderator among the reviewers).
  const canReturn = claim.abilities.adjudicate || claim.abilities.fourEyesBlocked;

  return (
    <section className="adjudication" aria-labelledby={headingId}>
      <h4 id={headingId} className="adjudication-heading">
        {t('blind.disagree')}
      </h4>
      <p className="muted">{canDecide ? t('blind.decideHint') : t('blind.moderatorDecides')}</p>
      <div className="adjudication-columns">
        {claim.independentVerdicts.map((verdict) => (
          <article
            key={verdict.reviewer?.id ?? verdict.proposedAt}
            className="adjudication-column"
            aria-label={t('blind.reviewerVerdict', {
              name: verdict.reviewer?.name ?? t('comments.formerMember'),
            })}
          >
            <h5>{verdict.reviewer?.name ?? t('comments.formerMember')}</h5>
            <VerdictChip scale={scale} verdict={verdict.verdict} />
            <p className="muted">{formatDateTime(intl, verdict.proposedAt)}</p>
            {verdict.rationale.trim() ? (
              <Rationale text={verdict.rationale} />
            ) : (
              <p className="muted">{t('blind.noRationale')}</p>
            )}
            <EvidenceOf
              evidence={evidence?.filter((item) => item.addedBy?.id === verdict.reviewer?.id)}
            />
          </article>
        ))}
      </div>
      {canDecide && <DecideForm {...props} />}
      {canReturn && <ReturnToReviewers {...props} onReturned={props.onDecided} />}
    </section>
  );
}

function EvidenceOf({ evidence }: { evidence: Evidence[] | undefined }) {
  const t = useT();
  if (evidence === undefined) return <p className="muted">{t('blind.loadingEvidence')}</p>;
  if (evidence.length === 0) return <p className="muted">{t('blind.noEvidence')}</p>;
  return (
    <ul className="adjudication-evidence">
      {evidence.map((item) => (
        <li key={item.id}>
          <a href={item.url} target="_blank" rel="noreferrer noopener">
            {item.title || item.displayHost}
          </a>{' '}
          <span className="muted">{t('blind.evidenceStance', { stance: item.stance })}</span>
        </li>
      ))}
    </ul>
  );
}

function DecideForm(props: ClaimWriteContext & { onDecided(claim: Claim): void }) {
  const { claim, scale } = props;
  const write = useClaimWrite(props);
  const t = useT();
  const [verdict, setVerdict] = useState<string | null>(null);
  const [rationale, setRationale] = useState('');
  const [missingVerdict, setMissingVerdict] = useState(false);
  const [missingRationale, setMissingRationale] = useState(false);
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
    setMissingVerdict(!verdict);
    setMissingRationale(!!verdict && !rationale.trim());
    if (!verdict || !rationale.trim()) return;
    if (override) setConfirming(true);
    else void decide();
  }

  return (
    <form className="claim-form" onSubmit={submit} aria-label={t('blind.decideForm')}>
      {override && <p className="four-eyes-notice">{t('blind.overrideNotice')}</p>}
      <VerdictPicker
        scale={scale}
        legend={t('blind.yourDecision')}
        value={verdict}
        onChange={(picked) => {
          setMissingVerdict(false);
          setVerdict(picked);
        }}
        problem={missingVerdict ? t('blind.pickVerdict') : undefined}
      />
      <RationaleEditor value={rationale} onChange={setRationale} />
      {missingRationale && (
        <p className="field-error" role="alert">
          {t('blind.sayWhy')}
        </p>
      )}
      <WriteProblem write={write} />
      <FormActions
        pending={write.pending}
        submit={t('blind.decideApprove')}
        submitting={t('blind.deciding')}
      />
      <ConfirmDialog
        open={confirming}
        title={t('blind.confirmTitle')}
        confirmLabel={t('blind.confirmOverride')}
        onClose={() => setConfirming(false)}
        onConfirm={decide}
      >
        <p>{t('blind.confirmBody')}</p>
      </ConfirmDialog>
    </form>
  );
}

/**
 * Instead of deciding, a moderator may send the claim back to its reviewers with a reason, as
 * from a proposed verdict; the server starts a new blind round (returnClaim). Four-eyes does
 * not apply: a moderator among the reviewers may return it too.
 */
function ReturnToReviewers(props: ClaimWriteContext & { onReturned(claim: Claim): void }) {
  const write = useClaimWrite(props);
  const t = useT();
  const [returning, setReturning] = useState(false);
  return (
    <div className="claim-step adjudication-return">
      {returning ? (
        <ReturnForm
          claim={props.claim}
          write={write}
          onReturned={(returned) => {
            setReturning(false);
            props.onReturned(returned);
          }}
          onCancel={() => setReturning(false)}
        />
      ) : (
        <>
          <p className="muted">{t('blind.returnHint')}</p>
          <div className="claim-form-actions">
            <ReturnButton write={write} onOpen={() => setReturning(true)} />
          </div>
        </>
      )}
    </div>
  );
}

/** The blind reviewers' verdicts once revealed, beside an agreed or decided verdict. */
export function RevealedVerdicts({ claim, scale }: ClaimWriteContext) {
  const t = useT();
  if (claim.blindReview.blind || claim.status === 'adjudication') return null;
  if (claim.independentVerdicts.length < 2) return null;
  return (
    <details className="blind-others">
      <summary>{t('blind.revealedSummary', { round: claim.blindReview.round })}</summary>
      <VerdictList verdicts={claim.independentVerdicts} scale={scale} />
    </details>
  );
}
