// approveVerdict: a moderator approves a proposed verdict; the claim is frozen until reopened.
import type { VersionBody } from '@factdesk/model';
import { updateClaimRow } from '../../queries/claims.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { pick, writeClaim } from './writeClaim.ts';

const FIELDS = ['status', 'verdict', 'approved_by', 'approved_at'] as const;

export function approveVerdict(
  deps: ClaimDeps,
  actorId: string,
  claimId: string,
  body: VersionBody,
) {
  return writeClaim(
    deps,
    actorId,
    claimId,
    { ability: 'approve', verb: 'approve', version: body.version, from: ['verdict_proposed'] },
    async ({ tx, claim }) => {
      const row = await updateClaimRow(tx, claimId, {
        status: 'approved',
        approved_by: actorId,
        approved_at: new Date(),
      });
      return [{ type: 'claim.approved', before: pick(claim, FIELDS), after: pick(row, FIELDS) }];
    },
  );
}
