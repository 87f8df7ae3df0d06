// SQL for workspaces and memberships.
import type { OpenSignupRole, Role } from '@factdesk/model';
import type { Queryable } from '../db/database.ts';

export interface WorkspaceRow {
  id: string;
  name: string;
  open_signup_role: OpenSignupRole | null;
  org_name: string | null;
  org_url: string | null;
  org_logo_url: string | null;
  four_eyes: boolean;
  /** Independent verdicts each claim needs unless it says otherwise (1: single review). */
  blind_reviews: number;
  created_at: Date;
}

/** The settings an owner changes; undefined: unchanged. */
export interface WorkspaceChanges {
  name?: string;
  openSignupRole?: OpenSignupRole | null;
  orgName?: string | null;
  orgUrl?: string | null;
  orgLogoUrl?: string | null;
  fourEyes?: boolean;
}

export interface MembershipRow extends WorkspaceRow {
  role: Role;
}

export interface MemberRow {
  user_id: string;
  email: string;
  display_name: string;
  role: Role;
  created_at: Date;
}

export async function insertWorkspace(sql: Queryable, name: string): Promise<WorkspaceRow> {
  const [row] = await sql<
    WorkspaceRow[]
  >`INSERT INTO workspaces (name) VALUES (${name}) RETURNING *`;
  return row!;
}

export async function updateWorkspace(
  sql: Queryable,
  id: string,
  changes: WorkspaceChanges,
): Promise<WorkspaceRow> {
  const keep = <T>(value: T | undefined, column: string) =>
    value === undefined ? sql(column) : value;
  const [row] = await sql<WorkspaceRow[]>`
    UPDATE workspaces SET
      name = coalesce(${changes.name ?? null}, name),
      open_signup_role = ${keep(changes.openSignupRole, 'open_signup_role')},
      org_name = ${keep(changes.orgName, 'org_name')},
      org_url = ${keep(changes.orgUrl, 'org_url')},
      org_logo_url = ${keep(changes.orgLogoUrl, 'org_logo_url')},
      four_eyes = ${keep(changes.fourEyes, 'four_eyes')},
      updated_at = now()
    WHERE id = ${id}
    RETURNING *`;
  return row!;
}

export async function listOpenSignupWorkspaces(sql: Queryable): Promise<WorkspaceRow[]> {
  return sql<WorkspaceRow[]>`SELECT * FROM workspaces WHERE open_signup_role IS NOT NULL`;
}

/** The caller's workspace with their role, or undefined when they are not a member. */
export async function findMembership(
  sql: Queryable,
  workspaceId: string,
  userId: string,
): Promise<MembershipRow | undefined> {
  const [row] = await sql<MembershipRow[]>`
    SELECT w.*, m.role FROM workspaces w
    JOIN memberships m ON m.workspace_id = w.id AND m.user_id = ${userId}
    WHERE w.id = ${workspaceId}`;
  return row;
}

export async function listMemberships(sql: Queryable, userId: string): Promise<MembershipRow[]> {
  return sql<MembershipRow[]>`
    SELECT w.*, m.role FROM workspaces w
    JOIN memberships m ON m.workspace_id = w.id
    WHERE m.user_id = ${userId}
    ORDER BY w.created_at, w.name`;
}

export async function listMembers(sql: Queryable, workspaceId: string): Promise<MemberRow[]> {
  return sql<MemberRow[]>`
    SELECT u.id AS user_id, u.email, u.display_name, m.role, m.created_at
    FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.workspace_id = ${workspaceId}
    ORDER BY m.created_at, u.display_name`;
}

export async function findMember(
  sql: Queryable,
  workspaceId: string,
  userId: string,
): Promise<MemberRow | undefined> {
  const [row] = await sql<MemberRow[]>`
    SELECT u.id AS user_id, u.email, u.display_name, m.role, m.created_at
    FROM memberships m JOIN users u ON u.id = m.user_id
    WHERE m.workspace_id = ${workspaceId} AND m.user_id = ${userId}`;
  return row;
}

/** Adds the member; someone already in the workspace keeps their role. */
export async function upsertMembership(
  sql: Queryable,
  workspaceId: string,
  userId: string,
  role: Role,
) {
  await sql`
    INSERT INTO memberships (workspace_id, user_id, role) VALUES (${workspaceId}, ${userId}, ${role})
    ON CONFLICT (workspace_id, user_id) DO NOTHING`;
}

export async function setMemberRole(
  sql: Queryable,
  workspaceId: string,
  userId: string,
  role: Role,
) {
  await sql`
    UPDATE memberships SET role = ${role}, updated_at = now()
    WHERE workspace_id = ${workspaceId} AND user_id = ${userId}`;
}

export async function deleteMembership(sql: Queryable, workspaceId: string, userId: string) {
  await sql`DELETE FROM memberships WHERE workspace_id = ${workspaceId} AND user_id = ${userId}`;
}

/** Locks the workspace row so owner-count checks and role changes serialise. */
export async function lockWorkspace(sql: Queryable, workspaceId: string): Promise<void> {
  await sql`SELECT id FROM workspaces WHERE id = ${workspaceId} FOR UPDATE`;
}

export async function countOwners(sql: Queryable, workspaceId: string): Promise<number> {
  const [row] = await sql<{ count: number }[]>`
    SELECT count(*)::int AS count FROM memberships
    WHERE workspace_id = ${workspaceId} AND role = 'owner'`;
  return row?.count ?? 0;
}

/** How many independent verdicts the workspace's claims need unless one says otherwise. */
export async function setWorkspaceBlindReviews(
  sql: Queryable,
  id: string,
  blindReviews: number,
): Promise<WorkspaceRow> {
  const [row] = await sql<WorkspaceRow[]>`
    UPDATE workspaces SET blind_reviews = ${blindReviews}, updated_at = now()
    WHERE id = ${id} RETURNING *`;
  if (!row) throw new Error(`workspace ${id} vanished`);
  return row;
}
