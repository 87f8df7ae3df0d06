// Invite links: created by owners with a role, an expiry and a number of uses.
import type { Role } from '@factdesk/model';
import { hashSecret, isSecretOf, newSecret } from '../auth/secrets.ts';
import type { Queryable, Sql } from '../db/database.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';
import {
  consumeInvite,
  findInviteByTokenHash,
  type InviteRow,
  insertInvite,
  revokeInvite as revokeInviteRow,
} from '../queries/invites.ts';
import { upsertMembership } from '../queries/workspaces.ts';

const INVALID_INVITE = 'This invite link is invalid, expired, revoked or already used.';

export async function createInvite(
  sql: Queryable,
  input: {
    workspaceId: string;
    createdBy: string;
    role: Role;
    expiresInDays?: number | undefined;
    maxUses?: number | undefined;
  },
): Promise<{ invite: InviteRow; token: string }> {
  const token = newSecret('invite');
  const invite = await insertInvite(sql, {
    workspaceId: input.workspaceId,
    role: input.role,
    tokenHash: hashSecret(token),
    createdBy: input.createdBy,
    maxUses: input.maxUses ?? 1,
    expiresAt: new Date(Date.now() + (input.expiresInDays ?? 7) * 86_400_000),
  });
  return { invite, token };
}

/** What an invite link offers, for the sign-up page; 404 when it cannot be used. */
export async function previewInvite(sql: Queryable, token: string) {
  const invite = isSecretOf('invite', token)
    ? await findInviteByTokenHash(sql, hashSecret(token))
    : undefined;
  if (!invite || !usable(invite)) throw new NotFoundError('Invite');
  return invite;
}

/** Uses up one use of the invite (inside the caller's transaction). */
export async function claimInvite(sql: Queryable, token: string) {
  const invite = isSecretOf('invite', token)
    ? await findInviteByTokenHash(sql, hashSecret(token))
    : undefined;
  if (!invite || !(await consumeInvite(sql, invite.id))) {
    throw new BadRequestError(INVALID_INVITE, 'inviteToken', 'invite_invalid');
  }
  return invite;
}

/** A logged-in user joins the invite's workspace; existing members keep their role. */
export async function acceptInvite(sql: Sql, userId: string, token: string): Promise<string> {
  return sql.begin(async (tx) => {
    const invite = await claimInvite(tx, token);
    await upsertMembership(tx, invite.workspace_id, userId, invite.role);
    return invite.workspace_id;
  });
}

export async function revokeInvite(sql: Queryable, workspaceId: string, inviteId: string) {
  if (!(await revokeInviteRow(sql, workspaceId, inviteId))) throw new NotFoundError('Invite');
}

function usable(invite: InviteRow): boolean {
  return !invite.revoked_at && invite.use_count < invite.max_uses && invite.expires_at > new Date();
}
