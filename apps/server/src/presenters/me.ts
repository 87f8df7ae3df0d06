// The signed-in user with their workspaces, roles and abilities.
import type { Me } from '@factdesk/model';
import type { Queryable } from '../db/database.ts';
import type { UserRow } from '../queries/users.ts';
import { listMemberships } from '../queries/workspaces.ts';
import { presentUser, presentWorkspaceSummary } from './accounts.ts';

export async function presentMe(sql: Queryable, user: UserRow): Promise<Me> {
  const memberships = await listMemberships(sql, user.id);
  return { user: presentUser(user), workspaces: memberships.map(presentWorkspaceSummary) };
}
