// Resolves "may this user do this in that workspace?": membership from the database, the
// decision from the policy table. Non-members get 404 so a workspace's existence never leaks.
import type { Action } from '@factdesk/model';
import type { Queryable } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import { findMembership, type MembershipRow } from '../queries/workspaces.ts';
import { authorize } from './policies.ts';

export async function workspaceAccess(
  sql: Queryable,
  userId: string,
  workspaceId: string,
  action: Action,
): Promise<MembershipRow> {
  const membership = await findMembership(sql, workspaceId, userId);
  if (!membership) throw new NotFoundError('Workspace');
  authorize(membership.role, action);
  return membership;
}
