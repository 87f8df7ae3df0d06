// submitIndependentVerdict: a blind reviewer's verdict (proposeVerdict on a claim that needs
// several). It goes into claim_reviews, never onto the claim, and stays hidden from the other
// reviewers until the round has all its verdicts. The last one reveals them all at once: if
// they agree, the claim goes to approval with that verdict (four-eyes as usual); if not, it
// waits in adjudication for a moderator (adjudicateClaim).
import type { ProposeVerdictBody, VerdictLabel } from '@factdesk/model';
import type { TransactionSql } from 'postgres';
import { requiredReviews } from '../../access/blindRound.ts';
import { authorizeBlindProposal } from '../../access/policies.ts';
import { ConflictError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import {
  type ClaimChanges,
  type IndependentVerdictRow,
  insertIndependentVerdict,
  listIndependentVerdicts,
  updateClaimRow,
} from '../../queries/claims.ts';
import { PROPOSAL_FIELDS } from './proposeVerdict.ts';
import { type ClaimChange, type LockedClaim, pick } from './writeClaim.ts';

export async function submitIndependentVerdict(
  tx: TransactionSql,
  claim: LockedClaim,
  actorId: string,
  body: ProposeVerdictBody,
  label: VerdictLabel,
): Promise<ClaimChange[]> {
  authorizeBlindProposal(actorId, claim.assigneeIds);
  if (claim.round_reviewer_ids.includes(actorId)) {
    throw new ConflictError(msg('errors.alreadyProposed'), 'already_proposed');
  }
  const round = claim.review_round;
  const required = requiredReviews(claim);
  const rationale = body.rationale ?? '';
  await insertIndependentVerdict(tx, {
    claimId: claim.id,
    workspaceId: claim.workspace_id,
    round,
    reviewerId: actorId,
    verdict: label.key,
    rating: label.ratingValue,
    rationale,
  });
  const submitted: ClaimChange = {
    type: 'claim.review_submitted',
    before: null,
    after: { round, verdict: label.key, rating: label.ratingValue, rationale },
    subject: { round },
  };
  // The round's size is fixed by its first verdict: a later change of the workspace's
  // setting cannot leave it waiting for a verdict nobody is asked for, or reveal it early.
  const pinned: ClaimChanges = claim.blind_reviews === null ? { blind_reviews: required } : {};
  const reviews = await listIndependentVerdicts(tx, claim.id, round);
  if (reviews.length < required) {
    await updateClaimRow(tx, claim.id, pinned);
    return [submitted];
  }
  const inputs = reviews.map(presentInput);
  const [first] = reviews;
  const agreed = first !== undefined && reviews.every((review) => review.verdict === first.verdict);
  if (!agreed) {
    const row = await updateClaimRow(tx, claim.id, { ...pinned, status: 'adjudication' });
    return [
      submitted,
      {
        type: 'claim.reviews_revealed',
        before: { status: claim.status },
        after: { status: row.status },
        subject: { round, agreed: false, reviews: inputs },
      },
    ];
  }
  const row = await updateClaimRow(tx, claim.id, {
    ...pinned,
    status: 'verdict_proposed',
    verdict: first.verdict,
    rationale: combinedRationale(reviews),
    proposed_by: actorId,
    proposed_at: new Date(),
    reused_from_claim_id: null,
    reused_from_document_id: null,
    reused_from_document_title: null,
    reused_at: null,
  });
  return [
    submitted,
    {
      type: 'claim.reviews_revealed',
      before: pick(claim, PROPOSAL_FIELDS),
      after: pick(row, PROPOSAL_FIELDS),
      subject: { round, agreed: true, verdict: first.verdict, reviews: inputs },
    },
  ];
}

/** An independent verdict as events record it: the inputs of a reveal or an adjudication. */
export function presentInput(review: IndependentVerdictRow) {
  return {
    reviewer_id: review.reviewer_id,
    reviewer_name: review.reviewer_name,
    verdict: review.verdict,
    rating: review.rating,
    rationale: review.rationale,
  };
}

/** Agreeing reviewers' rationales, each under its author's name, as the claim's one rationale. */
function combinedRationale(reviews: IndependentVerdictRow[]): string {
  const given = reviews.filter((review) => review.rationale.trim() !== '');
  if (given.length <= 1) return given[0]?.rationale ?? '';
  return given
    .map((review) => `**${review.reviewer_name ?? 'A reviewer'}:** ${review.rationale.trim()}`)
    .join('\n\n');
}
