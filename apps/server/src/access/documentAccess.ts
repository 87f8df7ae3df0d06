// "May this user do this to that document?": membership of its workspace from the database,
// the decision from the policy table. Non-members get 404 so a document's existence never leaks.
import type { Action, Role } from '@factdesk/model';
import type { Queryable } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import { type DocumentRow, findDocumentForUser } from '../queries/documents.ts';
import { authorize } from './policies.ts';

export async function documentAccess(
  sql: Queryable,
  userId: string,
  documentId: string,
  action: Action,
  options: { forUpdate?: boolean } = {},
): Promise<DocumentRow & { role: Role }> {
  const row = await findDocumentForUser(sql, documentId, userId, options);
  if (!row || row.role === null) throw new NotFoundError('Document');
  authorize(row.role, action);
  return { ...row, role: row.role };
}
