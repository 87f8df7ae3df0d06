// Accounts: users, workspaces, members, invites and API tokens, rows → API shapes (schemas in
// @factdesk/model).
import type { ApiToken, Invite, Member, User, Workspace, WorkspaceSummary } from '@factdesk/model';
import { abilitiesOf } from '../access/policies.ts';
import type { InviteRow } from '../queries/invites.ts';
import type { ApiTokenRow } from '../queries/sessions.ts';
import type { UserRow } from '../queries/users.ts';
import type { MemberRow, MembershipRow } from '../queries/workspaces.ts';

export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    createdAt: row.created_at.toISOString(),
    locale: row.locale,
  };
}

export function presentWorkspaceSummary(row: MembershipRow): WorkspaceSummary {
  return { id: row.id, name: row.name, role: row.role, abilities: abilitiesOf(row.role) };
}

export function presentWorkspace(row: MembershipRow): Workspace {
  return {
    ...presentWorkspaceSummary(row),
    openSignupRole: row.open_signup_role,
    organization: { name: row.org_name, url: row.org_url, logoUrl: row.org_logo_url },
    fourEyes: row.four_eyes,
    blindReviews: row.blind_reviews,
    createdAt: row.created_at.toISOString(),
  };
}

/** `resetLinks`: the members the caller may issue a reset link for (resetLinkAbilities). */
export function presentMember(row: MemberRow, resetLinks: ReadonlyMap<string, boolean>): Member {
  return {
    userId: row.user_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    joinedAt: row.created_at.toISOString(),
    abilities: { resetLink: resetLinks.get(row.user_id) === true },
  };
}

export function presentInvite(row: InviteRow, now = new Date()): Invite {
  const status = row.revoked_at
    ? 'revoked'
    : row.use_count >= row.max_uses
      ? 'used'
      : row.expires_at <= now
        ? 'expired'
        : 'active';
  return {
    id: row.id,
    role: row.role,
    createdBy: row.created_by_name,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    maxUses: row.max_uses,
    useCount: row.use_count,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    status,
  };
}

export function presentApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}
