// Read access to a claim or a document's claims: members only (404 otherwise, so nothing
// leaks), with the role the presenters turn into abilities.
import type { Role } from '@factdesk/model';
import type { Queryable } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import { findClaimAccess } from '../queries/claims.ts';
import { findDocumentAccess } from '../queries/documents.ts';
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

export async function readDocumentAccess(sql: Queryable, documentId: string, userId: string) {
  const access = await findDocumentAccess(sql, documentId, userId);
  if (!access?.role) throw new NotFoundError('Document');
  authorize(access.role, 'document.read');
  return { workspaceId: access.workspace_id, role: access.role };
}
