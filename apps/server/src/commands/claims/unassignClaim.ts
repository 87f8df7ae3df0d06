// unassignClaim: a moderator takes reviewers off a claim; an assigned claim left with nobody
// goes back to open.
import type { UnassignClaimBody } from '@factdesk/model';
import { BadRequestError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import { deleteAssignees, listAssigneeIds, updateClaimRow } from '../../queries/claims.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { NOT_APPROVED, writeClaim } from './writeClaim.ts';

export function unassignClaim(
  deps: ClaimDeps,
  actorId: string,
  claimId: string,
  body: UnassignClaimBody,
) {
  return writeClaim(
    deps,
    actorId,
    claimId,
    { ability: 'assign', verb: 'unassign', version: body.version, from: NOT_APPROVED },
    async ({ tx, claim }) => {
      const notAssigned = body.reviewerIds.find((id) => !claim.assigneeIds.includes(id));
      if (notAssigned) {
        throw new BadRequestError(msg('errors.notAssigned', { ids: notAssigned }), 'reviewerIds');
      }
      await deleteAssignees(tx, claimId, body.reviewerIds);
      const remaining = await listAssigneeIds(tx, claimId);
      const row = await updateClaimRow(
        tx,
        claimId,
        remaining.length === 0 && claim.status === 'assigned' ? { status: 'open' } : {},
      );
      return [
        {
          type: 'claim.unassigned',
          before: { assigneeIds: claim.assigneeIds, status: claim.status },
          after: { assigneeIds: remaining, status: row.status },
        },
      ];
    },
  );
}
