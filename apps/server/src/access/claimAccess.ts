// "May this user read this claim?": members of its workspace only (404 otherwise, so nothing
// leaks), with the role the presenters turn into abilities. A document's claims are read
// with documentAccess(…, 'document.read').
import type { Role } from '@factdesk/model';
import type { Queryable } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import { findClaimAccess } from '../queries/claims.ts';
import { authorize } from './policies.ts';

export async function readClaimAccess(sql: Queryable, claimId: string, userId: string) {
  const access = await findClaimAccess(sql, claimId, userId);
  if (!access?.role) throw new NotFoundError('Claim');
  authorize(access.role, 'document.read');
  return {
    documentId: access.document_id,
    workspaceId: access.workspace_id,
    role: access.role as Role,
  };
}
