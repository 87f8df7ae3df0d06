// assignClaim: a moderator gives a claim to one or more reviewers, with an optional due date;
// an open claim becomes assigned.
import type { AssignClaimBody } from '@factdesk/model';
import { BadRequestError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import {
  type ClaimChanges,
  findReviewerMembers,
  insertAssignees,
  listAssigneeIds,
  updateClaimRow,
} from '../../queries/claims.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { NOT_APPROVED, writeClaim } from './writeClaim.ts';

export function assignClaim(
  deps: ClaimDeps,
  actorId: string,
  claimId: string,
  body: AssignClaimBody,
) {
  return writeClaim(
    deps,
    actorId,
    claimId,
    { ability: 'assign', verb: 'assign', version: body.version, from: NOT_APPROVED },
    async ({ tx, claim }) => {
      const eligible = new Set(await findReviewerMembers(tx, claim.workspace_id, body.reviewerIds));
      const refused = body.reviewerIds.find((id) => !eligible.has(id));
      if (refused) {
        throw new BadRequestError(
          msg('errors.notReviewerOfWorkspace', { ids: refused }),
          'reviewerIds',
        );
      }
      await insertAssignees(tx, claimId, body.reviewerIds, actorId);
      const changes: ClaimChanges = {};
      if (claim.status === 'open') changes.status = 'assigned';
      if (body.dueAt !== undefined)
        changes.due_at = body.dueAt === null ? null : new Date(body.dueAt);
      const row = await updateClaimRow(tx, claimId, changes);
      return [
        {
          type: 'claim.assigned',
          before: {
            assigneeIds: claim.assigneeIds,
            status: claim.status,
            dueAt: claim.due_at?.toISOString() ?? null,
          },
          after: {
            assigneeIds: await listAssigneeIds(tx, claimId),
            status: row.status,
            dueAt: row.due_at?.toISOString() ?? null,
          },
        },
      ];
    },
  );
}
