// Sign-up, login, logout, password change and administrator-created users.
import type { SignupBody } from '@factdesk/model';
import type { LoginThrottle } from '../auth/LoginThrottle.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../auth/passwords.ts';
import { hashSecret, newSecret } from '../auth/secrets.ts';
import type { Queryable, Sql } from '../db/database.ts';
import { BadRequestError, ConflictError, ForbiddenError, UnauthenticatedError } from '../errors.ts';
import { msg } from '../i18n/translate.ts';
import { deleteSession, deleteSessionsOfUser, insertSession } from '../queries/sessions.ts';
import {
  countUsers,
  findUserByEmail,
  findUserById,
  insertUser,
  lockUsersTable,
  type UserRow,
  updatePasswordHash,
} from '../queries/users.ts';
import {
  insertWorkspace,
  listOpenSignupWorkspaces,
  upsertMembership,
} from '../queries/workspaces.ts';
import { claimInvite } from './invites.ts';

export const DEFAULT_WORKSPACE_NAME = 'Newsroom';

export interface SignedIn {
  user: UserRow;
  sessionToken: string;
}

/** A new session for the user; returns the cookie secret (only its hash is stored). */
export async function startSession(
  sql: Queryable,
  userId: string,
  sessionDays: number,
): Promise<string> {
  const token = newSecret('session');
  const expiresAt = new Date(Date.now() + sessionDays * 86_400_000);
  await insertSession(sql, { userId, tokenHash: hashSecret(token), expiresAt });
  return token;
}

function normaliseEmail(email: string): string {
  return email.trim();
}

/**
 * The first account on an empty instance becomes owner of a first workspace; later ones
 * join through an invite, or the workspaces that allow open sign-up.
 */
export async function signUp(sql: Sql, input: SignupBody, sessionDays: number): Promise<SignedIn> {
  const email = normaliseEmail(input.email);
  const displayName = input.displayName.trim();
  if (!displayName) throw new BadRequestError(msg('errors.displayNameBlank'), 'displayName');
  const passwordHash = await hashPassword(input.password);
  return sql.begin(async (tx) => {
    await lockUsersTable(tx);
    if (await findUserByEmail(tx, email)) {
      throw new ConflictError(msg('errors.accountExists'));
    }
    const firstUser = (await countUsers(tx)) === 0;
    const user = await insertUser(tx, { email, displayName, passwordHash });
    if (firstUser) {
      const workspace = await insertWorkspace(tx, input.workspaceName ?? DEFAULT_WORKSPACE_NAME);
      await upsertMembership(tx, workspace.id, user.id, 'owner');
    } else if (input.inviteToken !== undefined) {
      const invite = await claimInvite(tx, input.inviteToken);
      await upsertMembership(tx, invite.workspace_id, user.id, invite.role);
    } else {
      const open = await listOpenSignupWorkspaces(tx);
      if (open.length === 0) {
        throw new ForbiddenError(msg('errors.inviteRequired'), 'invite_required');
      }
      for (const workspace of open) {
        await upsertMembership(tx, workspace.id, user.id, workspace.open_signup_role ?? 'viewer');
      }
    }
    return { user, sessionToken: await startSession(tx, user.id, sessionDays) };
  });
}

const BAD_CREDENTIALS = msg('errors.badCredentials');

export async function logIn(
  sql: Sql,
  throttle: LoginThrottle,
  input: { email: string; password: string; ip: string },
  sessionDays: number,
): Promise<SignedIn> {
  const email = normaliseEmail(input.email);
  throttle.checkAttempt(input.ip, email);
  const user = await findUserByEmail(sql, email);
  if (!user) {
    await burnPasswordCheck(input.password);
    throttle.recordFailure(input.ip, email);
    throw new UnauthenticatedError(BAD_CREDENTIALS, 'invalid_credentials');
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    throttle.recordFailure(input.ip, email);
    throw new UnauthenticatedError(BAD_CREDENTIALS, 'invalid_credentials');
  }
  throttle.recordSuccess(input.ip, email);
  return { user, sessionToken: await startSession(sql, user.id, sessionDays) };
}

export async function logOut(sql: Queryable, sessionId: string): Promise<void> {
  await deleteSession(sql, sessionId);
}

/** Ends every session of the user (other devices included) and starts a fresh one. */
export async function changePassword(
  sql: Sql,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  sessionDays: number,
): Promise<string> {
  const user = await findUserById(sql, userId);
  if (!user || !(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new BadRequestError(msg('errors.currentPasswordWrong'), 'currentPassword');
  }
  const passwordHash = await hashPassword(input.newPassword);
  return sql.begin(async (tx) => {
    await updatePasswordHash(tx, userId, passwordHash);
    await deleteSessionsOfUser(tx, userId);
    return startSession(tx, userId, sessionDays);
  });
}

/** Administrators provisioning accounts from the command line: no workspace, no session. */
export async function createUser(
  sql: Sql,
  input: { email: string; displayName: string; password: string },
): Promise<UserRow> {
  const email = normaliseEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return sql.begin(async (tx) => {
    await lockUsersTable(tx);
    if (await findUserByEmail(tx, email)) {
      throw new ConflictError(msg('errors.accountWithEmailExists', { email }));
    }
    return insertUser(tx, { email, displayName: input.displayName.trim(), passwordHash });
  });
}
