// setClaimBlindReviews: a moderator sets how many independent verdicts one claim needs (null:
// the workspace's setting). Not once its round has a verdict: the round's size is fixed then.
import type { SetClaimBlindReviewsBody } from '@factdesk/model';
import { ConflictError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { updateClaimRow } from '../../queries/claims.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { pick, writeClaim } from './writeClaim.ts';

export function setClaimBlindReviews(
  deps: ClaimDeps,
  actorId: string,
  claimId: string,
  body: SetClaimBlindReviewsBody,
) {
  return writeClaim(
    deps,
    actorId,
    claimId,
    {
      ability: 'assign',
      verb: 'change the number of independent verdicts',
      version: body.version,
      from: ['open', 'assigned', 'in_review'],
    },
    async ({ tx, claim }) => {
      if (claim.round_reviewer_ids.length > 0 && body.blindReviews !== claim.blind_reviews) {
        throw new ConflictError(
          msg('errors.blindRoundStarted', { count: claim.round_reviewer_ids.length }),
          'blind_round_started',
        );
      }
      const row = await updateClaimRow(tx, claimId, { blind_reviews: body.blindReviews });
      return [
        {
          type: 'claim.updated',
          before: pick(claim, ['blind_reviews']),
          after: pick(row, ['blind_reviews']),
        },
      ];
    },
  );
}
