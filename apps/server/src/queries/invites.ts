// SQL for workspace invite links.
import type { Role } from '@factdesk/model';
import type { Queryable } from '../db/database.ts';

export interface InviteRow {
  id: string;
  workspace_id: string;
  role: Role;
  created_by_name: string;
  max_uses: number;
  use_count: number;
  expires_at: Date;
  revoked_at: Date | null;
  created_at: Date;
}

const SELECT_INVITE = (sql: Queryable) => sql`
  SELECT i.id, i.workspace_id, i.role, u.display_name AS created_by_name, i.max_uses,
         i.use_count, i.expires_at, i.revoked_at, i.created_at
  FROM invites i JOIN users u ON u.id = i.created_by`;

export async function insertInvite(
  sql: Queryable,
  invite: {
    workspaceId: string;
    role: Role;
    tokenHash: Buffer;
    createdBy: string;
    maxUses: number;
    expiresAt: Date;
  },
): Promise<InviteRow> {
  const [{ id } = { id: '' }] = await sql<{ id: string }[]>`
    INSERT INTO invites (workspace_id, role, token_hash, created_by, max_uses, expires_at)
    VALUES (${invite.workspaceId}, ${invite.role}, ${invite.tokenHash}, ${invite.createdBy},
            ${invite.maxUses}, ${invite.expiresAt})
    RETURNING id`;
  const [row] = await sql<InviteRow[]>`${SELECT_INVITE(sql)} WHERE i.id = ${id}`;
  return row!;
}

export async function listInvites(sql: Queryable, workspaceId: string): Promise<InviteRow[]> {
  return sql<InviteRow[]>`
    ${SELECT_INVITE(sql)} WHERE i.workspace_id = ${workspaceId} ORDER BY i.created_at DESC`;
}

export async function findInviteByTokenHash(
  sql: Queryable,
  tokenHash: Buffer,
): Promise<(InviteRow & { workspace_name: string }) | undefined> {
  const [row] = await sql<(InviteRow & { workspace_name: string })[]>`
    SELECT i.id, i.workspace_id, i.role, u.display_name AS created_by_name, i.max_uses,
           i.use_count, i.expires_at, i.revoked_at, i.created_at, w.name AS workspace_name
    FROM invites i JOIN users u ON u.id = i.created_by JOIN workspaces w ON w.id = i.workspace_id
    WHERE i.token_hash = ${tokenHash}`;
  return row;
}

/** Counts one use if the invite is still usable; false when it is expired, revoked or used up. */
export async function consumeInvite(sql: Queryable, inviteId: string): Promise<boolean> {
  const rows = await sql`
    UPDATE invites SET use_count = use_count + 1
    WHERE id = ${inviteId} AND revoked_at IS NULL AND expires_at > now() AND use_count < max_uses
    RETURNING id`;
  return rows.length > 0;
}

export async function revokeInvite(sql: Queryable, workspaceId: string, inviteId: string) {
  const rows = await sql`
    UPDATE invites SET revoked_at = now()
    WHERE id = ${inviteId} AND workspace_id = ${workspaceId} AND revoked_at IS NULL
    RETURNING id`;
  return rows.length > 0;
}
