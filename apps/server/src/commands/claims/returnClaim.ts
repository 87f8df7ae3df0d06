// returnClaim: a moderator sends a proposed verdict back to review, optionally saying why.
import type { ReturnClaimBody } from '@factdesk/model';
import { updateClaimRow } from '../../queries/claims.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { writeClaim } from './writeClaim.ts';

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
    { ability: 'approve', verb: 'return', version: body.version, from: ['verdict_proposed'] },
    async ({ tx, claim }) => {
      const row = await updateClaimRow(tx, claimId, { status: 'in_review' });
      return [
        {
          type: 'claim.returned',
          before: { status: claim.status },
          after: { status: row.status },
          // The reason is what was said, not a field that changed: it goes with the subject.
          subject: { verdict: row.verdict, reason: body.reason ?? null },
        },
      ];
    },
  );
}
