// One-time password reset links, the way back into an account without e-mail: a workspace
// owner issues one for a member (policies.ts decides for whom), the instance administrator
// for anyone (`factdesk user reset-password`). Like invites, only the link's hash is stored;
// a link expires, works once, and issuing a new one voids the earlier one. Using it sets the
// password, ends every session of the person, signs them in and forgets their failed logins.
import type { Role } from '@factdesk/model';
import {
  authorizeResetLink,
  can,
  type ResetLinkSubject,
  resetLinkRefusal,
} from '../access/policies.ts';
import type { LoginThrottle } from '../auth/LoginThrottle.ts';
import { hashPassword } from '../auth/passwords.ts';
import { hashSecret, isSecretOf, newSecret } from '../auth/secrets.ts';
import type { Queryable, Sql } from '../db/database.ts';
import { GoneError, NotFoundError } from '../errors.ts';
import { msg } from '../i18n/translate.ts';
import {
  findPasswordResetByTokenHash,
  insertPasswordReset,
  lockUser,
  markPasswordResetUsed,
  type PasswordResetRow,
  type ResetLinkSubjectRow,
  resetLinkSubjects,
  voidPasswordResetsOf,
} from '../queries/passwordResets.ts';
import { deleteSessionsOfUser } from '../queries/sessions.ts';
import { findUserByEmail, findUserById, updatePasswordHash } from '../queries/users.ts';
import { findMembership } from '../queries/workspaces.ts';
import { type SignedIn, startSession } from './accounts.ts';

export interface IssuedResetLink {
  userId: string;
  /** The link's secret, shown once: the link is /reset/<token>. */
  token: string;
  expiresAt: Date;
}

/** The address of the web app's reset page for a link's secret (the web app builds the same). */
export function resetLinkUrl(publicUrl: URL, token: string): string {
  return new URL(`/reset/${encodeURIComponent(token)}`, publicUrl.origin).href;
}

/** An owner of the workspace issues a link for one of its members. */
export async function issueResetLink(
  sql: Sql,
  input: {
    workspaceId: string;
    issuerId: string;
    issuerRole: Role;
    userId: string;
    hours: number;
  },
): Promise<IssuedResetLink> {
  return sql.begin(async (tx) => {
    await lockUser(tx, input.userId);
    const [subject] = await resetLinkSubjects(tx, input.workspaceId, input.issuerId, input.userId);
    if (!subject) throw new NotFoundError('Member');
    authorizeResetLink(input.issuerRole, input.issuerId, subjectOf(subject));
    return replaceLink(tx, input.userId, input.hours, {
      createdBy: input.issuerId,
      workspaceId: input.workspaceId,
    });
  });
}

/** The instance administrator (command line) issues a link for any account. */
export async function issueResetLinkAsAdministrator(
  sql: Sql,
  input: { email: string; hours: number },
): Promise<IssuedResetLink> {
  const user = await findUserByEmail(sql, input.email);
  if (!user) throw new NotFoundError(msg('errors.userWithEmailNotFound', { email: input.email }));
  return sql.begin(async (tx) => {
    if (!(await lockUser(tx, user.id))) throw new NotFoundError('User');
    return replaceLink(tx, user.id, input.hours, { createdBy: null, workspaceId: null });
  });
}

/**
 * For each member of the workspace, whether this member (the caller) may issue them a reset
 * link: sent with the members as their abilities, so the web app never re-derives the rule.
 */
export async function resetLinkAbilities(
  sql: Queryable,
  workspaceId: string,
  issuerId: string,
  issuerRole: Role,
): Promise<Map<string, boolean>> {
  if (!can(issuerRole, 'member.resetPassword')) return new Map();
  const subjects = await resetLinkSubjects(sql, workspaceId, issuerId);
  return new Map(
    subjects.map((row) => [
      row.user_id,
      resetLinkRefusal(issuerRole, issuerId, subjectOf(row)) === undefined,
    ]),
  );
}

/** Whose password the link sets, for the reset page; 404 unknown, 410 no longer usable. */
export async function previewResetLink(sql: Queryable, token: string): Promise<PasswordResetRow> {
  return usableLink(sql, token);
}

/**
 * Sets the new password and signs the person in with a fresh session; every other session
 * ends and the link is used up. The caller re-checks the person's open sockets.
 */
export async function useResetLink(
  sql: Sql,
  throttle: LoginThrottle,
  input: { token: string; newPassword: string },
  sessionDays: number,
): Promise<SignedIn> {
  // Refuse a dead link before the (deliberately slow) hashing, and check again under the lock.
  await usableLink(sql, input.token);
  const passwordHash = await hashPassword(input.newPassword);
  const signedIn = await sql.begin(async (tx) => {
    const link = await usableLink(tx, input.token, { forUpdate: true });
    await updatePasswordHash(tx, link.user_id, passwordHash);
    await markPasswordResetUsed(tx, link.id);
    await deleteSessionsOfUser(tx, link.user_id);
    const user = await findUserById(tx, link.user_id);
    if (!user) throw new NotFoundError('User');
    return { user, sessionToken: await startSession(tx, user.id, sessionDays) };
  });
  throttle.clearAccount(signedIn.user.email);
  return signedIn;
}

async function replaceLink(
  tx: Queryable,
  userId: string,
  hours: number,
  issuer: { createdBy: string | null; workspaceId: string | null },
): Promise<IssuedResetLink> {
  await voidPasswordResetsOf(tx, userId);
  const token = newSecret('reset');
  const expiresAt = new Date(Date.now() + hours * 3_600_000);
  await insertPasswordReset(tx, { userId, tokenHash: hashSecret(token), expiresAt, ...issuer });
  return { userId, token, expiresAt };
}

/** The link, if it can still be used: unknown → 404, used, replaced, expired or withdrawn → 410. */
async function usableLink(
  sql: Queryable,
  token: string,
  options: { forUpdate?: boolean } = {},
): Promise<PasswordResetRow> {
  const link = isSecretOf('reset', token)
    ? await findPasswordResetByTokenHash(sql, hashSecret(token), options)
    : undefined;
  if (!link) throw new NotFoundError('Reset link');
  if (link.used_at) {
    throw new GoneError(msg('errors.resetLinkUsed'), 'reset_link_used');
  }
  if (link.voided_at) {
    throw new GoneError(msg('errors.resetLinkReplaced'), 'reset_link_replaced');
  }
  if (link.expires_at <= new Date()) {
    throw new GoneError(msg('errors.resetLinkExpired'), 'reset_link_expired');
  }
  if (!(await issuerMayStillReset(sql, link))) {
    throw new GoneError(msg('errors.resetLinkWithdrawn'), 'reset_link_withdrawn');
  }
  return link;
}

/**
 * An owner's link holds only while the rule that allowed it still does: the issuer still owns
 * the workspace, and the person is still a member there, owns nothing and is in no workspace
 * the issuer does not own (else a link issued earlier would open what they joined since).
 */
async function issuerMayStillReset(sql: Queryable, link: PasswordResetRow): Promise<boolean> {
  if (link.created_by === null || link.workspace_id === null) return true; // the administrator
  const issuer = await findMembership(sql, link.workspace_id, link.created_by);
  if (!issuer) return false;
  const [subject] = await resetLinkSubjects(sql, link.workspace_id, link.created_by, link.user_id);
  if (!subject) return false;
  return resetLinkRefusal(issuer.role, link.created_by, subjectOf(subject)) === undefined;
}

function subjectOf(row: ResetLinkSubjectRow): ResetLinkSubject {
  return {
    userId: row.user_id,
    ownerSomewhere: row.owner_somewhere,
    beyondIssuer: row.beyond_issuer,
  };
}
