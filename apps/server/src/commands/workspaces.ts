// Workspaces and their members: create, rename, change roles, remove. The last owner of a
// workspace can be neither demoted nor removed.
import {
  checkEvidenceUrl,
  type Role,
  type SetWorkspaceBlindReviewsBody,
  type UpdateWorkspaceBody,
} from '@factdesk/model';
import type { Queryable, Sql } from '../db/database.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.ts';
import { linkRefusal } from '../i18n/linkRefusal.ts';
import { msg } from '../i18n/translate.ts';
import { findUserByEmail } from '../queries/users.ts';
import {
  countOwners,
  deleteMembership,
  findMember,
  findMembership,
  insertWorkspace,
  lockWorkspace,
  type MemberRow,
  type MembershipRow,
  setMemberRole,
  setWorkspaceBlindReviews,
  updateWorkspace as updateWorkspaceRow,
  upsertMembership,
} from '../queries/workspaces.ts';

export async function createWorkspace(
  sql: Sql,
  ownerId: string,
  name: string,
): Promise<MembershipRow> {
  const trimmed = name.trim();
  if (!trimmed) throw new BadRequestError(msg('errors.workspaceNameBlank'), 'name');
  return sql.begin(async (tx) => {
    const workspace = await insertWorkspace(tx, trimmed);
    await upsertMembership(tx, workspace.id, ownerId, 'owner');
    return { ...workspace, role: 'owner' as const };
  });
}

export async function updateWorkspace(
  sql: Queryable,
  membership: MembershipRow,
  changes: UpdateWorkspaceBody,
): Promise<MembershipRow> {
  const name = changes.name?.trim();
  if (name === '') throw new BadRequestError(msg('errors.workspaceNameBlank'), 'name');
  const org = changes.organization;
  const row = await updateWorkspaceRow(sql, membership.id, {
    name,
    openSignupRole: changes.openSignupRole,
    orgName: org?.name === undefined ? undefined : org.name?.trim() || null,
    orgUrl: publicUrl(org?.url, 'organization.url'),
    orgLogoUrl: publicUrl(org?.logoUrl, 'organization.logoUrl'),
    fourEyes: changes.fourEyes,
  });
  return { ...row, role: membership.role };
}

/** How many independent verdicts the workspace's claims need (docs/claims.md, Blind review). */
export async function setBlindReviews(
  sql: Queryable,
  membership: MembershipRow,
  body: SetWorkspaceBlindReviewsBody,
): Promise<MembershipRow> {
  const row = await setWorkspaceBlindReviews(sql, membership.id, body.blindReviews);
  return { ...row, role: membership.role };
}

/** An organisation link as ClaimReview publishes it: http(s), normalised; blank clears it. */
function publicUrl(raw: string | null | undefined, field: string): string | null | undefined {
  if (raw === undefined || raw === null) return raw;
  if (raw.trim() === '') return null;
  const checked = checkEvidenceUrl(raw, field);
  if (!checked.ok) throw new BadRequestError(linkRefusal(checked, field), field);
  return checked.href;
}

/** Inside a transaction holding the workspace lock: refuses to leave it without an owner. */
async function guardLastOwner(
  tx: Queryable,
  workspaceId: string,
  target: MemberRow,
  what: 'errors.lastOwnerRole' | 'errors.lastOwnerRemove',
) {
  if (target.role === 'owner' && (await countOwners(tx, workspaceId)) <= 1) {
    throw new ConflictError(msg(what, { name: target.display_name }), 'last_owner');
  }
}

async function lockedMember(
  tx: Queryable,
  workspaceId: string,
  userId: string,
): Promise<MemberRow> {
  await lockWorkspace(tx, workspaceId);
  const member = await findMember(tx, workspaceId, userId);
  if (!member) throw new NotFoundError('Member');
  return member;
}

export async function changeMemberRole(
  sql: Sql,
  workspaceId: string,
  userId: string,
  role: Role,
): Promise<MemberRow> {
  return sql.begin(async (tx) => {
    const member = await lockedMember(tx, workspaceId, userId);
    if (role !== 'owner') await guardLastOwner(tx, workspaceId, member, 'errors.lastOwnerRole');
    await setMemberRole(tx, workspaceId, userId, role);
    return { ...member, role };
  });
}

export async function removeMember(sql: Sql, workspaceId: string, userId: string): Promise<void> {
  await sql.begin(async (tx) => {
    const member = await lockedMember(tx, workspaceId, userId);
    await guardLastOwner(tx, workspaceId, member, 'errors.lastOwnerRemove');
    await deleteMembership(tx, workspaceId, userId);
  });
}

/** Administrators (command line): adds a user by email, or sets the role of a member. */
export async function addMember(
  sql: Sql,
  workspaceId: string,
  email: string,
  role: Role,
): Promise<MemberRow> {
  const user = await findUserByEmail(sql, email.trim());
  if (!user) throw new NotFoundError(msg('errors.userWithEmailNotFound', { email }));
  const workspace = await sql`SELECT id FROM workspaces WHERE id = ${workspaceId}`;
  if (workspace.length === 0)
    throw new NotFoundError(msg('errors.workspaceWithIdNotFound', { workspaceId }));
  if (await findMembership(sql, workspaceId, user.id)) {
    return changeMemberRole(sql, workspaceId, user.id, role);
  }
  await upsertMembership(sql, workspaceId, user.id, role);
  return (await findMember(sql, workspaceId, user.id))!;
}
