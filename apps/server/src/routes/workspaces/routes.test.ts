import { createHash } from 'node:crypto';
import { ACTIONS, type Action, ROLES, type Role } from '@factdesk/model';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can } from '../../access/policies.ts';
import { buildMember, buildUser, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { buildTestApp, type TestApp } from '../../testing/testApp.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

let t: TestApp;
/** "Newsroom", owned by Olivia, with one member of each other role. */
let workspaceId: string;
const members = {} as Record<Role, TestUser>;
/** Owner of another workspace, and no member of Newsroom. */
let outsider: TestUser;
let outsiderWorkspaceId: string;

beforeAll(async () => {
  t = await buildTestApp();
  const built = await buildWorkspace(t);
  workspaceId = built.workspaceId;
  members.owner = built.owner;
  members.moderator = await buildMember(t, built.owner, workspaceId, 'moderator');
  members.reviewer = await buildMember(t, built.owner, workspaceId, 'reviewer');
  members.commenter = await buildMember(t, built.owner, workspaceId, 'commenter');
  members.viewer = await buildMember(t, built.owner, workspaceId, 'viewer');
  ({ user: outsider, workspaceId: outsiderWorkspaceId } = await buildOwnerElsewhere('Otto'));
});
afterAll(() => t.close());

/** A request as `user` (or nobody), from the web app's origin. */
function as(
  user: TestUser | undefined,
  method: Method,
  url: string,
  payload?: object,
): Promise<LightMyRequestResponse> {
  return t.request({
    method,
    url,
    ...(user ? { cookie: user.cookie } : {}),
    ...(payload ? { payload } : {}),
  });
}

/** A new user who is the only owner of a workspace of their own, and in no other. */
async function buildOwnerElsewhere(name: string) {
  const owner = members.owner;
  const created = await as(owner, 'POST', '/api/workspaces', { name: `${name}’s desk` });
  expect(created.statusCode).toBe(201);
  const id = created.json().id as string;
  const user = await buildMember(t, owner, id, 'owner');
  expect((await as(owner, 'DELETE', `/api/workspaces/${id}/members/${owner.id}`)).statusCode).toBe(
    204,
  );
  return { user, workspaceId: id };
}

async function createInvite(body: object = { role: 'viewer' }, id = workspaceId) {
  const response = await as(members.owner, 'POST', `/api/workspaces/${id}/invites`, body);
  expect(response.statusCode).toBe(201);
  return response.json() as { invite: { id: string; role: Role }; token: string };
}

async function roleIn(id: string, userId: string): Promise<Role | undefined> {
  const [row] = await t.db.sql<{ role: Role }[]>`
    SELECT role FROM memberships WHERE workspace_id = ${id} AND user_id = ${userId}`;
  return row?.role;
}

async function workspaceRow(id = workspaceId) {
  const [row] = await t.db.sql`
    SELECT name, open_signup_role, updated_at FROM workspaces WHERE id = ${id}`;
  return row;
}

const count = async (table: 'users' | 'memberships' | 'invites' | 'workspaces') =>
  (await t.db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ${t.db.sql(table)}`)[0]?.n;

function expectForbidden(response: LightMyRequestResponse, role: Role, action: Action) {
  expect(response.statusCode, `${role} ${action}`).toBe(403);
  expect(response.json()).toEqual({
    code: 'forbidden',
    message: `A ${role} cannot do this (${action}); ask a workspace owner.`,
  });
}

const WORKSPACE_NOT_FOUND = { code: 'not_found', message: 'Workspace was not found.' };

describe('workspaces', () => {
  it('makes the creator of a workspace its only member, as owner', async () => {
    const reviewer = members.reviewer;
    const response = await as(reviewer, 'POST', '/api/workspaces', { name: '  Side project  ' });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({ name: 'Side project', role: 'owner', openSignupRole: null });
    expect(Object.values(created.abilities).every(Boolean)).toBe(true);
    const rows = await t.db.sql`
      SELECT user_id, role FROM memberships WHERE workspace_id = ${created.id}`;
    expect(rows).toEqual([{ user_id: reviewer.id, role: 'owner' }]);
    // Owning one workspace gives nothing in another.
    expect(await roleIn(workspaceId, reviewer.id)).toBe('reviewer');
  });

  it('refuses a blank workspace name, naming the field, and creates nothing', async () => {
    const before = await count('workspaces');
    const blank = await as(members.viewer, 'POST', '/api/workspaces', { name: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toEqual({
      code: 'bad_request',
      message: 'Workspace name cannot be blank.',
      field: 'name',
    });
    const long = await as(members.viewer, 'POST', '/api/workspaces', { name: 'x'.repeat(101) });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ code: 'invalid_input', field: 'name' });
    expect(long.json().message).toMatch(/name must be at most 100 characters/);
    expect(await count('workspaces')).toBe(before);
  });

  it('returns the workspace with the caller’s role and what that role may do', async () => {
    for (const role of ROLES) {
      const response = await as(members[role], 'GET', `/api/workspaces/${workspaceId}`);
      expect(response.statusCode).toBe(200);
      const workspace = response.json();
      expect(workspace).toMatchObject({ id: workspaceId, name: 'Newsroom', role });
      expect(workspace.abilities).toEqual(
        Object.fromEntries(ACTIONS.map((action) => [action, can(role, action)])),
      );
    }
    const viewer = (await as(members.viewer, 'GET', `/api/workspaces/${workspaceId}`)).json();
    expect(viewer.abilities['member.list']).toBe(true);
    expect(viewer.abilities['workspace.update']).toBe(false);
  });

  it('lets the owner rename the workspace and open or close sign-up', async () => {
    const owner = members.owner;
    const url = `/api/workspaces/${workspaceId}`;
    try {
      const renamed = await as(owner, 'PATCH', url, { name: '  The Desk  ' });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json()).toMatchObject({
        name: 'The Desk',
        openSignupRole: null,
        role: 'owner',
      });

      const opened = await as(owner, 'PATCH', url, { openSignupRole: 'reviewer' });
      expect(opened.statusCode).toBe(200);
      expect(opened.json()).toMatchObject({ name: 'The Desk', openSignupRole: 'reviewer' });
      expect(await workspaceRow()).toMatchObject({
        name: 'The Desk',
        open_signup_role: 'reviewer',
      });

      const closed = await as(owner, 'PATCH', url, { openSignupRole: null });
      expect(closed.json()).toMatchObject({ name: 'The Desk', openSignupRole: null });
    } finally {
      await as(owner, 'PATCH', url, { name: 'Newsroom', openSignupRole: null });
    }
    expect(await workspaceRow()).toMatchObject({ name: 'Newsroom', open_signup_role: null });
  });

  it('refuses workspace changes that name no field, a blank name or an owner-level sign-up role', async () => {
    const before = await workspaceRow();
    const cases: [object, string | undefined, RegExp][] = [
      [{}, undefined, /at least one field/],
      [{ name: '' }, 'name', /name cannot be empty/],
      [{ name: '   ' }, 'name', /Workspace name cannot be blank/],
      [
        { openSignupRole: 'owner' },
        'openSignupRole',
        /must be one of: reviewer, commenter, viewer/,
      ],
      [{ name: 'Fine', color: 'red' }, 'color', /color is not a known field/],
    ];
    for (const [payload, field, message] of cases) {
      const response = await as(members.owner, 'PATCH', `/api/workspaces/${workspaceId}`, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      if (field) expect(response.json().field, JSON.stringify(payload)).toBe(field);
      expect(response.json().message, JSON.stringify(payload)).toMatch(message);
    }
    expect(await workspaceRow()).toEqual(before);
  });

  it('lets no one but the owner change the workspace, and a refusal changes nothing', async () => {
    const before = await workspaceRow();
    for (const role of ['moderator', 'reviewer', 'viewer'] as const) {
      for (const payload of [{ name: `Taken over by ${role}` }, { openSignupRole: 'viewer' }]) {
        const response = await as(
          members[role],
          'PATCH',
          `/api/workspaces/${workspaceId}`,
          payload,
        );
        expectForbidden(response, role, 'workspace.update');
      }
    }
    expect(await workspaceRow()).toEqual(before);
  });
});

describe('members', () => {
  it('shows every member, with their role, to every role', async () => {
    for (const role of ROLES) {
      const response = await as(members[role], 'GET', `/api/workspaces/${workspaceId}/members`);
      expect(response.statusCode, role).toBe(200);
      const listed = response.json() as { userId: string; email: string; role: Role }[];
      for (const other of ROLES) {
        expect(listed).toContainEqual(
          expect.objectContaining({
            userId: members[other].id,
            email: members[other].email,
            role: other,
          }),
        );
      }
      expect(listed.map((m) => m.userId)).not.toContain(outsider.id);
      expect(Object.keys(listed[0] ?? {}).sort()).toEqual([
        'abilities',
        'displayName',
        'email',
        'joinedAt',
        'role',
        'userId',
      ]);
    }
  });

  it('lets only the owner change a member’s role', async () => {
    const target = await buildMember(t, members.owner, workspaceId, 'viewer');
    const url = `/api/workspaces/${workspaceId}/members/${target.id}`;
    for (const role of ['moderator', 'reviewer', 'viewer'] as const) {
      expectForbidden(
        await as(members[role], 'PATCH', url, { role: 'moderator' }),
        role,
        'member.changeRole',
      );
    }
    expect(await roleIn(workspaceId, target.id)).toBe('viewer');

    const promoted = await as(members.owner, 'PATCH', url, { role: 'reviewer' });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({ userId: target.id, role: 'reviewer' });
    expect(await roleIn(workspaceId, target.id)).toBe('reviewer');
    const seen = await as(target, 'GET', `/api/workspaces/${workspaceId}`);
    expect(seen.json()).toMatchObject({ role: 'reviewer' });
    expect(seen.json().abilities['claim.create']).toBe(true);
  });

  it('refuses an unknown role, naming the field', async () => {
    const url = `/api/workspaces/${workspaceId}/members/${members.viewer.id}`;
    const response = await as(members.owner, 'PATCH', url, { role: 'admin' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_input', field: 'role' });
    expect(response.json().message).toBe(
      'role must be one of: owner, moderator, reviewer, commenter, viewer.',
    );
    expect(await roleIn(workspaceId, members.viewer.id)).toBe('viewer');
  });

  it('answers 404 for changing or removing someone who is not a member', async () => {
    for (const method of ['PATCH', 'DELETE'] as const) {
      const response = await as(
        members.owner,
        method,
        `/api/workspaces/${workspaceId}/members/${outsider.id}`,
        method === 'PATCH' ? { role: 'viewer' } : undefined,
      );
      expect(response.statusCode, method).toBe(404);
      expect(response.json()).toEqual({ code: 'not_found', message: 'Member was not found.' });
    }
    expect(await roleIn(workspaceId, outsider.id)).toBeUndefined();
  });

  it('never lets the last owner be demoted or removed, but does once a second owner exists', async () => {
    const { user: first, workspaceId: id } = await buildOwnerElsewhere('Lone');
    const second = await buildMember(t, first, id, 'moderator');
    const memberUrl = (user: TestUser) => `/api/workspaces/${id}/members/${user.id}`;

    const [{ display_name: name } = { display_name: '' }] = await t.db.sql<
      { display_name: string }[]
    >`SELECT display_name FROM users WHERE id = ${first.id}`;
    for (const [method, payload, what] of [
      ['PATCH', { role: 'moderator' }, 'Cannot change the role'],
      ['DELETE', undefined, 'Cannot remove the member'],
    ] as const) {
      const refused = await as(first, method, memberUrl(first), payload);
      expect(refused.statusCode, method).toBe(409);
      expect(refused.json()).toEqual({
        code: 'last_owner',
        message: `${what}: ${name} is the workspace's last owner. Make someone else owner first.`,
      });
    }
    expect(await roleIn(id, first.id)).toBe('owner');

    expect((await as(first, 'PATCH', memberUrl(second), { role: 'owner' })).statusCode).toBe(200);
    const stepDown = await as(first, 'PATCH', memberUrl(first), { role: 'reviewer' });
    expect(stepDown.statusCode).toBe(200);
    expect(stepDown.json()).toMatchObject({ userId: first.id, role: 'reviewer' });

    // Now `second` is the last owner, and `first` no longer has an owner's say.
    const removeLast = await as(second, 'DELETE', memberUrl(second));
    expect(removeLast.statusCode).toBe(409);
    expect(removeLast.json().code).toBe('last_owner');
    expectForbidden(
      await as(first, 'PATCH', memberUrl(first), { role: 'owner' }),
      'reviewer',
      'member.changeRole',
    );
    expect(await roleIn(id, second.id)).toBe('owner');

    expect((await as(second, 'PATCH', memberUrl(first), { role: 'owner' })).statusCode).toBe(200);
    expect((await as(first, 'DELETE', memberUrl(second))).statusCode).toBe(204);
    expect(await roleIn(id, second.id)).toBeUndefined();
  });

  it('keeps one owner when two owners demote each other at the same moment', async () => {
    const { user: a, workspaceId: id } = await buildOwnerElsewhere('Duel');
    const b = await buildMember(t, a, id, 'owner');
    const results = await Promise.all([
      as(a, 'PATCH', `/api/workspaces/${id}/members/${b.id}`, { role: 'viewer' }),
      as(b, 'PATCH', `/api/workspaces/${id}/members/${a.id}`, { role: 'viewer' }),
    ]);
    const statuses = results.map((r) => r.statusCode).sort();
    // One wins; the other finds itself the last owner (409) or already demoted (403).
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const owners = await t.db.sql`
      SELECT user_id FROM memberships WHERE workspace_id = ${id} AND role = 'owner'`;
    expect(owners).toHaveLength(1);
  });

  it('removes a member, who then cannot see the workspace at all', async () => {
    const leaving = await buildMember(t, members.owner, workspaceId, 'reviewer');
    const url = `/api/workspaces/${workspaceId}/members/${leaving.id}`;
    expect((await as(leaving, 'GET', `/api/workspaces/${workspaceId}`)).statusCode).toBe(200);

    const removed = await as(members.owner, 'DELETE', url);
    expect(removed.statusCode).toBe(204);
    expect(removed.body).toBe('');

    const after = await as(leaving, 'GET', `/api/workspaces/${workspaceId}`);
    expect(after.statusCode).toBe(404);
    expect(after.json()).toEqual(WORKSPACE_NOT_FOUND);
    const me = await as(leaving, 'GET', '/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().workspaces).toEqual([]);
    const list = await as(members.owner, 'GET', `/api/workspaces/${workspaceId}/members`);
    expect(list.json().map((m: { userId: string }) => m.userId)).not.toContain(leaving.id);
    const again = await as(members.owner, 'DELETE', url);
    expect(again.statusCode).toBe(404);
  });
});

describe('invites', () => {
  it('creates an invite with a role, an expiry and a number of uses, and shows its token once', async () => {
    const response = await as(members.owner, 'POST', `/api/workspaces/${workspaceId}/invites`, {
      role: 'reviewer',
      expiresInDays: 3,
      maxUses: 5,
    });
    expect(response.statusCode).toBe(201);
    const { invite, token } = response.json();
    expect(token).toMatch(/^fdi_[A-Za-z0-9_-]{43}$/);
    expect(invite).toMatchObject({
      role: 'reviewer',
      maxUses: 5,
      useCount: 0,
      status: 'active',
      revokedAt: null,
      createdBy: 'Olivia Owner',
    });
    const inThreeDays = Date.now() + 3 * 86_400_000;
    expect(Math.abs(Date.parse(invite.expiresAt) - inThreeDays)).toBeLessThan(60_000);

    const [row] = await t.db.sql`SELECT * FROM invites WHERE id = ${invite.id}`;
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
    expect(row?.token_hash).toEqual(createHash('sha256').update(token).digest());

    const list = await as(members.owner, 'GET', `/api/workspaces/${workspaceId}/invites`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toContainEqual(expect.objectContaining({ id: invite.id, maxUses: 5 }));
    expect(list.body).not.toContain(token.slice(4));
    for (const entry of list.json()) expect(entry).not.toHaveProperty('token');
  });

  it('defaults to one use and seven days', async () => {
    const { invite } = await createInvite({ role: 'viewer' });
    const listed = (await as(members.owner, 'GET', `/api/workspaces/${workspaceId}/invites`))
      .json()
      .find((entry: { id: string }) => entry.id === invite.id);
    expect(listed).toMatchObject({ maxUses: 1, useCount: 0, status: 'active' });
    const inSevenDays = Date.now() + 7 * 86_400_000;
    expect(Math.abs(Date.parse(listed.expiresAt) - inSevenDays)).toBeLessThan(60_000);
  });

  it('names the field of a bad invite request, and creates nothing', async () => {
    const before = await count('invites');
    const cases: [object, string, RegExp][] = [
      [{}, 'role', /role is required/],
      [{ role: 'admin' }, 'role', /role must be one of/],
      [{ role: 'viewer', expiresInDays: 0 }, 'expiresInDays', /expiresInDays must be >= 1/],
      [{ role: 'viewer', expiresInDays: 31 }, 'expiresInDays', /expiresInDays must be <= 30/],
      [{ role: 'viewer', expiresInDays: 1.5 }, 'expiresInDays', /a whole number/],
      [{ role: 'viewer', maxUses: 0 }, 'maxUses', /maxUses must be >= 1/],
      [{ role: 'viewer', maxUses: 101 }, 'maxUses', /maxUses must be <= 100/],
      [{ role: 'viewer', email: 'a@example.com' }, 'email', /email is not a known field/],
    ];
    for (const [payload, field, message] of cases) {
      const response = await as(
        members.owner,
        'POST',
        `/api/workspaces/${workspaceId}/invites`,
        payload,
      );
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json(), JSON.stringify(payload)).toMatchObject({
        code: 'invalid_input',
        field,
      });
      expect(response.json().message, JSON.stringify(payload)).toMatch(message);
    }
    expect(await count('invites')).toBe(before);
  });

  it('lists invites to owners only', async () => {
    for (const role of ['moderator', 'reviewer', 'viewer'] as const) {
      const response = await as(members[role], 'GET', `/api/workspaces/${workspaceId}/invites`);
      expectForbidden(response, role, 'invite.list');
    }
  });

  it('shows what an invite offers to anyone holding the link, without a login', async () => {
    const { token } = await createInvite({ role: 'moderator', expiresInDays: 2 });
    const response = await t.app.inject({ method: 'GET', url: `/api/invites/${token}` });
    expect(response.statusCode).toBe(200);
    const preview = response.json();
    expect(Object.keys(preview).sort()).toEqual(['expiresAt', 'role', 'workspaceName']);
    expect(preview).toMatchObject({ workspaceName: 'Newsroom', role: 'moderator' });
    expect(Math.abs(Date.parse(preview.expiresAt) - (Date.now() + 2 * 86_400_000))).toBeLessThan(
      60_000,
    );
  });

  it('signs a new person up into the invite’s workspace with its role, using up the invite', async () => {
    const { invite, token } = await createInvite({ role: 'reviewer' });
    const joined = await buildUser(t, { inviteToken: token });
    const me = (await as(joined, 'GET', '/api/me')).json();
    expect(me.workspaces).toEqual([expect.objectContaining({ id: workspaceId, role: 'reviewer' })]);
    const listed = (await as(members.owner, 'GET', `/api/workspaces/${workspaceId}/invites`))
      .json()
      .find((entry: { id: string }) => entry.id === invite.id);
    expect(listed).toMatchObject({ useCount: 1, status: 'used' });
  });

  const unusable: [string, (invite: { id: string; token: string }) => Promise<void>][] = [
    [
      'revoked',
      async ({ id }) => {
        const revoked = await as(
          members.owner,
          'DELETE',
          `/api/workspaces/${workspaceId}/invites/${id}`,
        );
        expect(revoked.statusCode).toBe(204);
      },
    ],
    [
      'used',
      async ({ token }) => {
        await buildUser(t, { inviteToken: token });
      },
    ],
    [
      'expired',
      async ({ id }) => {
        await t.db
          .sql`UPDATE invites SET expires_at = now() - interval '1 minute' WHERE id = ${id}`;
      },
    ],
  ];
  for (const [status, spoil] of unusable) {
    it(`turns away a ${status} invite: 404 to preview, 400 to sign up or accept, and creates no one`, async () => {
      const { invite, token } = await createInvite({ role: 'moderator', maxUses: 1 });
      await spoil({ id: invite.id, token });
      const listed = (await as(members.owner, 'GET', `/api/workspaces/${workspaceId}/invites`))
        .json()
        .find((entry: { id: string }) => entry.id === invite.id);
      expect(listed.status).toBe(status);
      const users = await count('users');
      const memberships = await count('memberships');

      const preview = await t.app.inject({ method: 'GET', url: `/api/invites/${token}` });
      expect(preview.statusCode).toBe(404);
      expect(preview.json()).toEqual({ code: 'not_found', message: 'Invite was not found.' });

      const signup = await t.request({
        method: 'POST',
        url: '/api/auth/signup',
        payload: {
          email: `late-${status}@example.com`,
          displayName: 'Late',
          password: 'long enough password',
          inviteToken: token,
        },
      });
      expect(signup.statusCode).toBe(400);
      expect(signup.json()).toEqual({
        code: 'invite_invalid',
        field: 'inviteToken',
        message: 'This invite link is invalid, expired, revoked or already used.',
      });
      expect(signup.cookies).toEqual([]);

      const accept = await as(outsider, 'POST', `/api/invites/${token}/accept`);
      expect(accept.statusCode).toBe(400);
      expect(accept.json()).toMatchObject({ code: 'invite_invalid', field: 'inviteToken' });

      expect(await count('users')).toBe(users);
      expect(await count('memberships')).toBe(memberships);
      const [row] = await t.db.sql`SELECT use_count FROM invites WHERE id = ${invite.id}`;
      expect(row?.use_count).toBe(status === 'used' ? 1 : 0);
      expect(await roleIn(workspaceId, outsider.id)).toBeUndefined();
    });
  }

  it('turns away a token that was never issued', async () => {
    const users = await count('users');
    for (const token of ['nonsense', `fdi_${'A'.repeat(43)}`, `fdt_${'A'.repeat(43)}`]) {
      const preview = await t.app.inject({ method: 'GET', url: `/api/invites/${token}` });
      expect(preview.statusCode, token).toBe(404);
      const signup = await t.request({
        method: 'POST',
        url: '/api/auth/signup',
        payload: {
          email: 'guess@example.com',
          displayName: 'Guess',
          password: 'long enough password',
          inviteToken: token,
        },
      });
      expect(signup.statusCode, token).toBe(400);
      expect(signup.json().code).toBe('invite_invalid');
    }
    expect(await count('users')).toBe(users);
  });

  it('revokes an invite once; revoking it again is a 404', async () => {
    const { invite } = await createInvite();
    const url = `/api/workspaces/${workspaceId}/invites/${invite.id}`;
    expect((await as(members.owner, 'DELETE', url)).statusCode).toBe(204);
    const again = await as(members.owner, 'DELETE', url);
    expect(again.statusCode).toBe(404);
    expect(again.json()).toEqual({ code: 'not_found', message: 'Invite was not found.' });
  });

  it('lets a signed-in member of another workspace accept an invite and belong to both', async () => {
    const { user: joiner, workspaceId: homeId } = await buildOwnerElsewhere('Jo');
    const { token, invite } = await createInvite({ role: 'reviewer' });

    const response = await as(joiner, 'POST', `/api/invites/${token}/accept`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ workspaceId });

    const me = (await as(joiner, 'GET', '/api/me')).json();
    expect(me.workspaces).toHaveLength(2);
    expect(me.workspaces).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: homeId, role: 'owner' }),
        expect.objectContaining({ id: workspaceId, role: 'reviewer' }),
      ]),
    );
    const workspace = await as(joiner, 'GET', `/api/workspaces/${workspaceId}`);
    expect(workspace.json()).toMatchObject({ role: 'reviewer' });
    expect(workspace.json().abilities['invite.create']).toBe(false);
    const [row] = await t.db.sql`SELECT use_count FROM invites WHERE id = ${invite.id}`;
    expect(row?.use_count).toBe(1);
  });

  it('admits exactly one of two people accepting a one-use invite at the same moment', async () => {
    const first = await buildOwnerElsewhere('Racer one');
    const second = await buildOwnerElsewhere('Racer two');
    const { token, invite } = await createInvite({ role: 'reviewer', maxUses: 1 });
    const results = await Promise.all(
      [first.user, second.user].map((user) => as(user, 'POST', `/api/invites/${token}/accept`)),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400]);
    const joined = await t.db.sql`
      SELECT user_id FROM memberships
      WHERE workspace_id = ${workspaceId} AND user_id IN (${first.user.id}, ${second.user.id})`;
    expect(joined).toHaveLength(1);
    const [row] = await t.db.sql`SELECT use_count FROM invites WHERE id = ${invite.id}`;
    expect(row?.use_count).toBe(1);
  });

  it('keeps the role of a member who accepts an invite to a workspace they are already in', async () => {
    const { token } = await createInvite({ role: 'viewer' });
    const response = await as(members.moderator, 'POST', `/api/invites/${token}/accept`);
    expect(response.statusCode).toBe(200);
    expect(await roleIn(workspaceId, members.moderator.id)).toBe('moderator');
  });
});

describe('access from outside a workspace', () => {
  /** Every workspace-scoped route, with a valid body, against `id`. */
  async function everyRoute(id: string) {
    const { invite } = await createInvite();
    const someone = members.viewer.id;
    return [
      ['GET', `/api/workspaces/${id}`, undefined],
      ['PATCH', `/api/workspaces/${id}`, { name: 'Hijacked' }],
      ['GET', `/api/workspaces/${id}/members`, undefined],
      ['PATCH', `/api/workspaces/${id}/members/${someone}`, { role: 'owner' }],
      ['DELETE', `/api/workspaces/${id}/members/${someone}`, undefined],
      ['GET', `/api/workspaces/${id}/invites`, undefined],
      ['POST', `/api/workspaces/${id}/invites`, { role: 'owner' }],
      ['DELETE', `/api/workspaces/${id}/invites/${invite.id}`, undefined],
    ] as const;
  }

  async function snapshot() {
    return {
      workspace: await workspaceRow(),
      members: await t.db.sql`
        SELECT user_id, role FROM memberships WHERE workspace_id = ${workspaceId} ORDER BY user_id`,
      invites: await t.db.sql`
        SELECT id, revoked_at FROM invites WHERE workspace_id = ${workspaceId} ORDER BY id`,
    };
  }

  it('answers 404, never 403, to the owner of another workspace, and changes nothing', async () => {
    const routes = await everyRoute(workspaceId);
    const before = await snapshot();
    for (const [method, url, payload] of routes) {
      const response = await as(outsider, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json()).toEqual(WORKSPACE_NOT_FOUND);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('answers a workspace that does not exist exactly as one the caller is not in', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const [method, url, payload] of await everyRoute(missing)) {
      const response = await as(members.owner, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json()).toEqual(WORKSPACE_NOT_FOUND);
    }
    const theirs = await as(members.owner, 'GET', `/api/workspaces/${outsiderWorkspaceId}`);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json()).toEqual(WORKSPACE_NOT_FOUND);
  });

  it('does not let an owner reach another workspace’s members or invites through their own', async () => {
    const { invite } = await createInvite();
    const before = await snapshot();
    const own = `/api/workspaces/${outsiderWorkspaceId}`;
    const attempts = [
      ['PATCH', `${own}/members/${members.moderator.id}`, { role: 'viewer' }, 'Member'],
      ['DELETE', `${own}/members/${members.moderator.id}`, undefined, 'Member'],
      ['DELETE', `${own}/invites/${invite.id}`, undefined, 'Invite'],
    ] as const;
    for (const [method, url, payload, what] of attempts) {
      const response = await as(outsider, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json()).toEqual({ code: 'not_found', message: `${what} was not found.` });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('input at the edges', () => {
  it('answers a malformed identifier in the path with 400 naming the field', async () => {
    const ws = `/api/workspaces/${workspaceId}`;
    const cases: [Method, string, object | undefined, string][] = [
      ['GET', '/api/workspaces/not-a-uuid', undefined, 'workspaceId'],
      ['PATCH', '/api/workspaces/123', { name: 'x' }, 'workspaceId'],
      ['GET', '/api/workspaces/xyz/members', undefined, 'workspaceId'],
      ['PATCH', `${ws}/members/42`, { role: 'viewer' }, 'userId'],
      ['DELETE', `${ws}/members/${workspaceId}x`, undefined, 'userId'],
      ['GET', '/api/workspaces/%20/invites', undefined, 'workspaceId'],
      ['POST', '/api/workspaces/nope/invites', { role: 'viewer' }, 'workspaceId'],
      ['DELETE', `${ws}/invites/nope`, undefined, 'inviteId'],
    ];
    for (const [method, url, payload, field] of cases) {
      const response = await as(members.owner, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(400);
      expect(response.json()).toEqual({
        code: 'invalid_input',
        field,
        message: `${field} must be a valid identifier (UUID).`,
      });
    }
  });

  it('answers an identifier PostgreSQL cannot read (urn:uuid: form) with 400, not 500', async () => {
    // Root cause: the `uuid` format of ajv-formats also accepts "urn:uuid:<uuid>", which
    // PostgreSQL's uuid type rejects, so the query failed with a 500.
    const cases: [Method, string, string][] = [
      ['GET', `/api/workspaces/urn:uuid:${workspaceId}`, 'workspaceId'],
      ['DELETE', `/api/workspaces/${workspaceId}/members/urn:uuid:${members.viewer.id}`, 'userId'],
    ];
    for (const [method, url, field] of cases) {
      const response = await as(members.owner, method, url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json()).toEqual({
        code: 'invalid_input',
        field,
        message: `${field} must be a valid identifier (UUID).`,
      });
    }
    expect(await roleIn(workspaceId, members.viewer.id)).toBe('viewer');
  });

  it('refuses a cookie-authenticated write from another origin however its path is spelled', async () => {
    // Root cause: the Origin check ran only when the raw URL started with "/api/", but the
    // router decodes "%61" to "a", so POST /%61pi/workspaces reached the route unchecked.
    const { token } = await createInvite({ role: 'owner' });
    const before = {
      workspaces: await count('workspaces'),
      memberships: await count('memberships'),
    };
    const attempts: [string, object | undefined][] = [
      ['/api/workspaces', { name: 'Forged' }],
      ['/%61pi/workspaces', { name: 'Forged' }],
      [`/%61pi/invites/${token}/accept`, undefined],
    ];
    for (const [url, payload] of attempts) {
      const response = await t.request({
        method: 'POST',
        url,
        cookie: outsider.cookie,
        headers: { origin: 'https://evil.example' },
        ...(payload ? { payload } : {}),
      });
      expect(response.statusCode, url).toBe(403);
      expect(response.json().code, url).toBe('bad_origin');
    }
    expect({
      workspaces: await count('workspaces'),
      memberships: await count('memberships'),
    }).toEqual(before);
  });

  it('refuses unknown body fields with 400 naming them, and creates nothing', async () => {
    const before = {
      workspaces: await count('workspaces'),
      invites: await count('invites'),
      workspace: await workspaceRow(),
    };
    const ws = `/api/workspaces/${workspaceId}`;
    const cases: [Method, string, object, string][] = [
      ['POST', '/api/workspaces', { name: 'Extra', plan: 'pro' }, 'plan'],
      ['PATCH', ws, { name: 'Extra', ownerId: members.viewer.id }, 'ownerId'],
      ['PATCH', `${ws}/members/${members.viewer.id}`, { role: 'owner', force: true }, 'force'],
      ['POST', `${ws}/invites`, { role: 'viewer', workspaceId }, 'workspaceId'],
    ];
    for (const [method, url, payload, field] of cases) {
      const response = await as(members.owner, method, url, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(400);
      expect(response.json()).toEqual({
        code: 'invalid_input',
        field,
        message: `${field} is not a known field.`,
      });
    }
    expect({
      workspaces: await count('workspaces'),
      invites: await count('invites'),
      workspace: await workspaceRow(),
    }).toEqual(before);
    expect(await roleIn(workspaceId, members.viewer.id)).toBe('viewer');
  });

  it('answers 401 to every route without a login (or with a stale session), and changes nothing', async () => {
    const { invite, token } = await createInvite({ role: 'owner' });
    const ws = `/api/workspaces/${workspaceId}`;
    const routes: [Method, string, object | undefined][] = [
      ['POST', '/api/workspaces', { name: 'Anonymous' }],
      ['GET', ws, undefined],
      ['PATCH', ws, { name: 'Anonymous' }],
      ['GET', `${ws}/members`, undefined],
      ['PATCH', `${ws}/members/${members.viewer.id}`, { role: 'owner' }],
      ['DELETE', `${ws}/members/${members.viewer.id}`, undefined],
      ['POST', `${ws}/members/${members.viewer.id}/reset-link`, undefined],
      ['GET', `${ws}/invites`, undefined],
      ['POST', `${ws}/invites`, { role: 'owner' }],
      ['DELETE', `${ws}/invites/${invite.id}`, undefined],
      ['POST', `/api/invites/${token}/accept`, undefined],
    ];
    const stale: TestUser = { ...members.owner, cookie: `fds_${'A'.repeat(43)}` };
    const before = {
      workspaces: await count('workspaces'),
      invites: await count('invites'),
      memberships: await t.db.sql`SELECT * FROM memberships ORDER BY workspace_id, user_id`,
      workspace: await workspaceRow(),
    };
    for (const caller of [undefined, stale]) {
      for (const [method, url, payload] of routes) {
        const response = await as(caller, method, url, payload);
        expect(response.statusCode, `${method} ${url}`).toBe(401);
        expect(response.json()).toEqual({
          code: 'unauthenticated',
          message: 'You need to log in.',
        });
      }
    }
    expect({
      workspaces: await count('workspaces'),
      invites: await count('invites'),
      memberships: await t.db.sql`SELECT * FROM memberships ORDER BY workspace_id, user_id`,
      workspace: await workspaceRow(),
    }).toEqual(before);
    const [row] = await t.db.sql`SELECT use_count, revoked_at FROM invites WHERE id = ${invite.id}`;
    expect(row).toEqual({ use_count: 0, revoked_at: null });
  });
});

describe('the role × route matrix', () => {
  interface RouteCase {
    action: Action;
    what: string;
    /** Builds the request (and any fixture it needs), and says how to see that it took effect. */
    prepare(): Promise<{
      method: Method;
      url: string;
      payload?: object;
      tookEffect(): Promise<boolean>;
    }>;
  }

  const ws = () => `/api/workspaces/${workspaceId}`;
  const updatedAt = async () => (await workspaceRow())?.updated_at as Date;

  const routes: RouteCase[] = [
    {
      action: 'workspace.read',
      what: 'GET a workspace',
      prepare: async () => ({ method: 'GET', url: ws(), tookEffect: async () => true }),
    },
    {
      action: 'workspace.update',
      what: 'PATCH a workspace',
      async prepare() {
        const before = await updatedAt();
        return {
          method: 'PATCH',
          url: ws(),
          payload: { name: 'Newsroom' },
          tookEffect: async () => (await updatedAt()).getTime() !== before.getTime(),
        };
      },
    },
    {
      action: 'member.list',
      what: 'GET the members',
      prepare: async () => ({
        method: 'GET',
        url: `${ws()}/members`,
        tookEffect: async () => true,
      }),
    },
    {
      action: 'member.changeRole',
      what: 'PATCH a member’s role',
      async prepare() {
        const target = await buildMember(t, members.owner, workspaceId, 'viewer');
        return {
          method: 'PATCH',
          url: `${ws()}/members/${target.id}`,
          payload: { role: 'reviewer' },
          tookEffect: async () => (await roleIn(workspaceId, target.id)) === 'reviewer',
        };
      },
    },
    {
      action: 'member.remove',
      what: 'DELETE a member',
      async prepare() {
        const target = await buildMember(t, members.owner, workspaceId, 'viewer');
        return {
          method: 'DELETE',
          url: `${ws()}/members/${target.id}`,
          tookEffect: async () => (await roleIn(workspaceId, target.id)) === undefined,
        };
      },
    },
    {
      action: 'member.resetPassword',
      what: 'POST a member’s reset link',
      async prepare() {
        const target = await buildMember(t, members.owner, workspaceId, 'viewer');
        return {
          method: 'POST',
          url: `${ws()}/members/${target.id}/reset-link`,
          tookEffect: async () =>
            (await t.db.sql`SELECT 1 FROM password_resets WHERE user_id = ${target.id}`).length ===
            1,
        };
      },
    },
    {
      action: 'invite.list',
      what: 'GET the invites',
      prepare: async () => ({
        method: 'GET',
        url: `${ws()}/invites`,
        tookEffect: async () => true,
      }),
    },
    {
      action: 'invite.create',
      what: 'POST an invite',
      async prepare() {
        const before = await count('invites');
        return {
          method: 'POST',
          url: `${ws()}/invites`,
          payload: { role: 'owner' },
          tookEffect: async () => (await count('invites')) === (before ?? 0) + 1,
        };
      },
    },
    {
      action: 'invite.revoke',
      what: 'DELETE an invite',
      async prepare() {
        const { invite } = await createInvite();
        return {
          method: 'DELETE',
          url: `${ws()}/invites/${invite.id}`,
          tookEffect: async () => {
            const [row] = await t.db.sql`SELECT revoked_at FROM invites WHERE id = ${invite.id}`;
            return row?.revoked_at !== null;
          },
        };
      },
    },
  ];

  it('covers every workspace, member and invite action of the policy table', () => {
    const covered = new Set(routes.map((route) => route.action));
    const scoped = ACTIONS.filter((a) => /^(workspace|member|invite)\./.test(a));
    expect([...covered].sort()).toEqual([...scoped].sort());
  });

  for (const route of routes) {
    for (const role of ROLES) {
      const allowed = can(role, route.action);
      const who = role === 'owner' ? 'an owner' : `a ${role}`;
      it(`${allowed ? 'lets' : 'stops'} ${who}: ${route.what} (${route.action})`, async () => {
        const { method, url, payload, tookEffect } = await route.prepare();
        const response = await as(members[role], method, url, payload);
        if (allowed) {
          expect(response.statusCode, response.body).toBeGreaterThanOrEqual(200);
          expect(response.statusCode, response.body).toBeLessThan(300);
        } else {
          expectForbidden(response, role, route.action);
        }
        expect(await tookEffect()).toBe(allowed || method === 'GET');
      });
    }
  }
});
