// reopenClaim: a moderator unfreezes an approved claim; it goes back to review.
import type { VersionBody } from '@factdesk/model';
import { updateClaimRow } from '../../queries/claims.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { pick, writeClaim } from './writeClaim.ts';

const FIELDS = ['status', 'approved_by', 'approved_at'] as const;

export function reopenClaim(deps: ClaimDeps, actorId: string, claimId: string, body: VersionBody) {
  return writeClaim(
    deps,
    actorId,
    claimId,
    { ability: 'reopen', verb: 'reopen', version: body.version, from: ['approved'] },
    async ({ tx, claim }) => {
      const row = await updateClaimRow(tx, claimId, {
        status: 'in_review',
        approved_by: null,
        approved_at: null,
      });
      return [{ type: 'claim.reopened', before: pick(claim, FIELDS), after: pick(row, FIELDS) }];
    },
  );
}
