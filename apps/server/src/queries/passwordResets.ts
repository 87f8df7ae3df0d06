// SQL for one-time password reset links, and the facts the reset-link policy looks at.
import type { Queryable } from '../db/database.ts';

export interface PasswordResetRow {
  id: string;
  user_id: string;
  created_by: string | null;
  workspace_id: string | null;
  expires_at: Date;
  used_at: Date | null;
  voided_at: Date | null;
  created_at: Date;
  email: string;
  display_name: string;
}

/** Who a reset link would be for, seen from the owner who would issue it (policies.ts). */
export interface ResetLinkSubjectRow {
  user_id: string;
  /** The person owns some workspace. */
  owner_somewhere: boolean;
  /** The person belongs to a workspace the issuer does not own. */
  beyond_issuer: boolean;
}

export async function insertPasswordReset(
  sql: Queryable,
  reset: {
    userId: string;
    tokenHash: Buffer;
    createdBy: string | null;
    workspaceId: string | null;
    expiresAt: Date;
  },
): Promise<void> {
  await sql`
    INSERT INTO password_resets (user_id, token_hash, created_by, workspace_id, expires_at)
    VALUES (${reset.userId}, ${reset.tokenHash}, ${reset.createdBy}, ${reset.workspaceId},
            ${reset.expiresAt})`;
}

/** Voids the person's links not used yet (a newer one replaces them, or one was used). */
export async function voidPasswordResetsOf(sql: Queryable, userId: string): Promise<void> {
  await sql`
    UPDATE password_resets SET voided_at = now()
    WHERE user_id = ${userId} AND used_at IS NULL AND voided_at IS NULL`;
}

/** The link with this secret and its person; `forUpdate` locks it until the transaction ends. */
export async function findPasswordResetByTokenHash(
  sql: Queryable,
  tokenHash: Buffer,
  options: { forUpdate?: boolean } = {},
): Promise<PasswordResetRow | undefined> {
  const [row] = await sql<PasswordResetRow[]>`
    SELECT r.id, r.user_id, r.created_by, r.workspace_id, r.expires_at, r.used_at, r.voided_at,
           r.created_at, u.email, u.display_name
    FROM password_resets r JOIN users u ON u.id = r.user_id
    WHERE r.token_hash = ${tokenHash}
    ${options.forUpdate ? sql`FOR UPDATE OF r` : sql``}`;
  return row;
}

export async function markPasswordResetUsed(sql: Queryable, id: string): Promise<void> {
  await sql`UPDATE password_resets SET used_at = now() WHERE id = ${id}`;
}

/** Locks the person's row: issuing and using their links serialise on it. */
export async function lockUser(sql: Queryable, userId: string): Promise<boolean> {
  const rows = await sql`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
  return rows.length > 0;
}

/**
 * For each member of the workspace (or the one `userId`): is the person an owner anywhere,
 * and are they in a workspace `issuerId` does not own?
 */
export async function resetLinkSubjects(
  sql: Queryable,
  workspaceId: string,
  issuerId: string,
  userId?: string,
): Promise<ResetLinkSubjectRow[]> {
  return sql<ResetLinkSubjectRow[]>`
    SELECT m.user_id,
           EXISTS (SELECT 1 FROM memberships o
                   WHERE o.user_id = m.user_id AND o.role = 'owner') AS owner_somewhere,
           EXISTS (SELECT 1 FROM memberships theirs
                   WHERE theirs.user_id = m.user_id
                     AND NOT EXISTS (SELECT 1 FROM memberships mine
                                     WHERE mine.workspace_id = theirs.workspace_id
                                       AND mine.user_id = ${issuerId}
                                       AND mine.role = 'owner')) AS beyond_issuer
    FROM memberships m
    WHERE m.workspace_id = ${workspaceId}
    ${userId === undefined ? sql`` : sql`AND m.user_id = ${userId}`}`;
}
