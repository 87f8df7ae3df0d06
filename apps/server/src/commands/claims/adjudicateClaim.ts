// adjudicateClaim: a moderator decides between the disagreeing verdicts of a blind review —
// one of theirs or another label — with a rationale. The decision approves the claim (frozen
// as approval freezes it) and its event keeps every reviewer's input beside it. Four-eyes:
// a moderator who gave one of the verdicts cannot decide, unless an owner overrides.
import { type AdjudicateBody, DEFAULT_VERDICT_SCALE } from '@factdesk/model';
import { BadRequestError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { listIndependentVerdicts, updateClaimRow } from '../../queries/claims.ts';
import { findVerdictScale } from '../../queries/verdictScales.ts';
import { APPROVAL_FIELDS } from './approveVerdict.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { presentInput } from './submitIndependentVerdict.ts';
import { authorizeDecision, pick, writeClaim } from './writeClaim.ts';

const ADJUDICATION_FIELDS = [
  ...APPROVAL_FIELDS,
  'verdict',
  'rationale',
  'proposed_by',
  'proposed_at',
  'adjudicated_by',
  'adjudicated_at',
] as const;

export function adjudicateClaim(
  deps: ClaimDeps,
  actorId: string,
  claimId: string,
  body: AdjudicateBody,
) {
  return writeClaim(
    deps,
    actorId,
    claimId,
    { ability: 'approve', verb: 'adjudicate', version: body.version, from: ['adjudication'] },
    async (context) => {
      const { tx, claim } = context;
      const { override } = authorizeDecision(context, body.override === true);
      const scale = (await findVerdictScale(tx, claim.workspace_id)) ?? DEFAULT_VERDICT_SCALE;
      const label = scale.labels.find((candidate) => candidate.key === body.verdict);
      if (!label) {
        throw new BadRequestError(
          msg('errors.verdictNotOnScale', { labels: scale.labels.map((l) => l.key).join(', ') }),
          'verdict',
        );
      }
      const inputs = (await listIndependentVerdicts(tx, claimId, claim.review_round)).map(
        presentInput,
      );
      const now = new Date();
      const row = await updateClaimRow(tx, claimId, {
        status: 'approved',
        verdict: label.key,
        rationale: body.rationale,
        // The verdict is the adjudicator's decision; the reviewers' inputs are in claim_reviews.
        proposed_by: null,
        proposed_at: now,
        adjudicated_by: actorId,
        adjudicated_at: now,
        approved_by: actorId,
        approved_at: now,
        approved_label: label.label,
        approved_rating: label.ratingValue,
        approved_best_rating: scale.bestRating,
        approved_worst_rating: scale.worstRating,
        approval_override: override,
      });
      return [
        {
          type: 'claim.adjudicated',
          before: pick(claim, ADJUDICATION_FIELDS),
          after: pick(row, ADJUDICATION_FIELDS),
          subject: { round: claim.review_round, verdict: label.key, reviews: inputs },
        },
      ];
    },
  );
}
