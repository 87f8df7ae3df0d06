// startReview: the reviewer (or a moderator) starts work on an open or assigned claim.
import type { VersionBody } from '@factdesk/model';
import { updateClaimRow } from '../../queries/claims.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { writeClaim } from './writeClaim.ts';

export function startReview(deps: ClaimDeps, actorId: string, claimId: string, body: VersionBody) {
  return writeClaim(
    deps,
    actorId,
    claimId,
    { ability: 'work', verb: 'start review', version: body.version, from: ['open', 'assigned'] },
    async ({ tx, claim }) => {
      const row = await updateClaimRow(tx, claimId, { status: 'in_review' });
      return [
        {
          type: 'claim.review_started',
          before: { status: claim.status },
          after: { status: row.status },
        },
      ];
    },
  );
}
