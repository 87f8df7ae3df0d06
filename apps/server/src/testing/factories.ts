// Test factories: users with sessions, workspaces with members of a given role.

import { randomBytes } from 'node:crypto';
import type { Role } from '@factdesk/model';
import type { TestApp } from './testApp.ts';
import { sessionCookieOf } from './testApp.ts';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  cookie: string;
}

let counter = 0;

/** Signs up through the API: the first user of an app becomes owner of its first workspace. */
export async function buildUser(
  t: TestApp,
  options: { inviteToken?: string; name?: string } = {},
): Promise<TestUser & { workspaceIds: string[] }> {
  counter++;
  const email = `user${counter}-${randomBytes(3).toString('hex')}@example.com`;
  const password = `password-${counter}-long`;
  const response = await t.request({
    method: 'POST',
    url: '/api/auth/signup',
    payload: {
      email,
      displayName: options.name ?? `User ${counter}`,
      password,
      ...(options.inviteToken ? { inviteToken: options.inviteToken } : {}),
    },
  });
  if (response.statusCode !== 201) throw new Error(`signup failed: ${response.body}`);
  const me = response.json() as { user: { id: string }; workspaces: { id: string }[] };
  return {
    id: me.user.id,
    email,
    password,
    cookie: sessionCookieOf(response),
    workspaceIds: me.workspaces.map((w) => w.id),
  };
}

/** A member of `workspaceId` with `role`, joined through an invite made by `owner`. */
export async function buildMember(
  t: TestApp,
  owner: TestUser,
  workspaceId: string,
  role: Role,
): Promise<TestUser> {
  const invite = await t.request({
    method: 'POST',
    url: `/api/workspaces/${workspaceId}/invites`,
    cookie: owner.cookie,
    payload: { role },
  });
  if (invite.statusCode !== 201) throw new Error(`invite failed: ${invite.body}`);
  return buildUser(t, { inviteToken: (invite.json() as { token: string }).token });
}

/** An owner with a workspace, on a fresh app: the usual start of a test. */
export async function buildWorkspace(t: TestApp) {
  const owner = await buildUser(t, { name: 'Olivia Owner' });
  const workspaceId = owner.workspaceIds[0];
  if (!workspaceId) throw new Error('the first user should own a workspace');
  return { owner, workspaceId };
}
