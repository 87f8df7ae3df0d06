// returnClaim: a moderator sends a proposed verdict back to review, optionally saying why.
// A blind review (agreed, or waiting in adjudication) goes back as a new round.
import type { ReturnClaimBody } from '@factdesk/model';
import { requiredReviews } from '../../access/blindRound.ts';
import { updateClaimRow } from '../../queries/claims.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { pick, writeClaim } from './writeClaim.ts';

export function returnClaim(
  deps: ClaimDeps,
  actorId: string,
  claimId: string,
  body: ReturnClaimBody,
) {
  return writeClaim(
    deps,
    actorId,
    claimId,
    {
      ability: 'approve',
      verb: 'return',
      version: body.version,
      from: ['verdict_proposed', 'adjudication'],
    },
    async ({ tx, claim }) => {
      const newRound = requiredReviews(claim) > 1 || claim.status === 'adjudication';
      const row = await updateClaimRow(tx, claimId, {
        status: 'in_review',
        ...(newRound ? { review_round: claim.review_round + 1 } : {}),
      });
      return [
        {
          type: 'claim.returned',
          before: pick(claim, ['status', 'review_round']),
          after: pick(row, ['status', 'review_round']),
          // The reason is what was said, not a field that changed: it goes with the subject.
          subject: { verdict: row.verdict, reason: body.reason ?? null },
        },
      ];
    },
  );
}
