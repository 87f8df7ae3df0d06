// reopenClaim: a moderator unfreezes an approved claim; it goes back to review. A claim that
// takes independent verdicts starts a new blind round (earlier rounds stay in claim_reviews).
import type { VersionBody } from '@factdesk/model';
import { requiredReviews } from '../../access/blindRound.ts';
import { updateClaimRow } from '../../queries/claims.ts';
import { APPROVAL_FIELDS } from './approveVerdict.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { pick, writeClaim } from './writeClaim.ts';

export function reopenClaim(deps: ClaimDeps, actorId: string, claimId: string, body: VersionBody) {
  return writeClaim(
    deps,
    actorId,
    claimId,
    { ability: 'reopen', verb: 'reopen', version: body.version, from: ['approved'] },
    async ({ tx, claim }) => {
      // What approval froze goes with it: a re-approval freezes the scale of its own day.
      const row = await updateClaimRow(tx, claimId, {
        status: 'in_review',
        approved_by: null,
        approved_at: null,
        approved_label: null,
        approved_rating: null,
        approved_best_rating: null,
        approved_worst_rating: null,
        approval_override: false,
        adjudicated_by: null,
        adjudicated_at: null,
        ...(requiredReviews(claim) > 1 ? { review_round: claim.review_round + 1 } : {}),
      });
      const fields = [...APPROVAL_FIELDS, 'review_round', 'adjudicated_by'] as const;
      return [
        {
          type: 'claim.reopened',
          before: pick(claim, fields),
          after: pick(row, fields),
          subject: { verdict: row.verdict },
        },
      ];
    },
  );
}
