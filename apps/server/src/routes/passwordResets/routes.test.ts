// One-time password reset links: an owner issues one for a member, the member sets a new
// password with it and is signed in; everything else about the account's access follows.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { hashSecret } from '../../auth/secrets.ts';
import { buildDocument } from '../../testing/documentFactories.ts';
import { buildMember, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { type SyncTestApp, startSyncApp } from '../../testing/syncClients.ts';
import { sessionCookieOf, TEST_ORIGIN } from '../../testing/testApp.ts';

let t: SyncTestApp;
let owner: TestUser;
let workspaceId: string;

beforeAll(async () => {
  t = await startSyncApp();
  ({ owner, workspaceId } = await buildWorkspace(t));
});
afterAll(() => t.close());

const issue = (issuer: TestUser, userId: string, workspace = workspaceId) =>
  t.request({
    method: 'POST',
    url: `/api/workspaces/${workspace}/members/${userId}/reset-link`,
    cookie: issuer.cookie,
  });
const preview = (token: string) =>
  t.request({ method: 'GET', url: `/api/password-resets/${token}` });
const useLink = (token: string, newPassword: string, remoteAddress?: string) =>
  t.request({
    method: 'POST',
    url: `/api/password-resets/${token}`,
    payload: { newPassword },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
const login = (email: string, password: string, remoteAddress = '127.0.0.1') =>
  t.request({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    remoteAddress,
  });
const me = (cookie: string) => t.request({ method: 'GET', url: '/api/me', cookie });

async function issued(issuer: TestUser, userId: string): Promise<string> {
  const response = await issue(issuer, userId);
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { token: string }).token;
}

async function newWorkspace(creator: TestUser, name: string): Promise<string> {
  const response = await t.request({
    method: 'POST',
    url: '/api/workspaces',
    cookie: creator.cookie,
    payload: { name },
  });
  expect(response.statusCode).toBe(201);
  return (response.json() as { id: string }).id;
}

function expectGone(response: LightMyRequestResponse, code: string, message: RegExp) {
  expect(response.statusCode, response.body).toBe(410);
  expect(response.json()).toMatchObject({ code });
  expect(response.json().message).toMatch(message);
}

describe('reset links issued by an owner', () => {
  it('gives a one-time link, stored only as its hash, that expires in 24 hours', async () => {
    const reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
    const before = Date.now();
    const response = await issue(owner, reviewer.id);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.userId).toBe(reviewer.id);
    expect(body.token).toMatch(/^fdr_[A-Za-z0-9_-]{43}$/);
    const expiresIn = Date.parse(body.expiresAt) - before;
    expect(expiresIn).toBeGreaterThan(24 * 3_600_000 - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(24 * 3_600_000 + 60_000);
    const rows = await t.db
      .sql`SELECT token_hash FROM password_resets WHERE user_id = ${reviewer.id}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toEqual(hashSecret(body.token));
    expect(JSON.stringify(rows)).not.toContain(body.token.slice(4));

    const shown = await preview(body.token);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({
      email: reviewer.email,
      displayName: expect.any(String),
      expiresAt: body.expiresAt,
    });
  });

  it('sets the new password, signs the person in and ends every other session and socket', async () => {
    const reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
    const document = await buildDocument(t.db.sql, { workspaceId, createdBy: owner.id });
    const otherSession = sessionCookieOf(await login(reviewer.email, reviewer.password));
    // An editor open in another browser, on the reviewer's old session.
    const socket = new WebSocket(`${t.wsUrl}/${document.id}`, {
      headers: { cookie: `factdesk_session=${otherSession}`, origin: TEST_ORIGIN },
    });
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.once('message', resolve));

    const token = await issued(owner, reviewer.id);
    const used = await useLink(token, 'a brand new passphrase');
    expect(used.statusCode, used.body).toBe(200);
    expect(used.json().user).toMatchObject({ id: reviewer.id, email: reviewer.email });
    const fresh = sessionCookieOf(used);
    // The socket was closed before the answer came back (the route awaits the re-check).
    expect(
      await Promise.race([closed, new Promise((r) => setTimeout(() => r('open'), 2000))]),
    ).toBe(4401);

    expect((await me(fresh)).statusCode).toBe(200);
    expect((await me(otherSession)).statusCode).toBe(401);
    expect((await me(reviewer.cookie)).statusCode).toBe(401);
    expect((await login(reviewer.email, reviewer.password)).statusCode).toBe(401);
    expect((await login(reviewer.email, 'a brand new passphrase')).statusCode).toBe(200);

    // One use only.
    expectGone(await preview(token), 'reset_link_used', /already used/);
    expectGone(await useLink(token, 'yet another passphrase'), 'reset_link_used', /already used/);
    expect((await login(reviewer.email, 'a brand new passphrase')).statusCode).toBe(200);
  });

  it('holds the signup password rules, and a refused password leaves the link usable', async () => {
    const viewer = await buildMember(t, owner, workspaceId, 'viewer');
    const token = await issued(owner, viewer.id);
    const short = await useLink(token, 'short');
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'invalid_input', field: 'newPassword' });
    expect(short.json().message).toMatch(/at least 10/);
    expect((await preview(token)).statusCode).toBe(200);
    expect((await useLink(token, 'long enough now')).statusCode).toBe(200);
  });

  it('voids the earlier link when a new one is issued', async () => {
    const reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
    const first = await issued(owner, reviewer.id);
    const second = await issued(owner, reviewer.id);
    expectGone(await preview(first), 'reset_link_replaced', /replaced by a newer one/);
    expectGone(await useLink(first, 'never accepted pw'), 'reset_link_replaced', /newer/);
    expect((await useLink(second, 'the second one works')).statusCode).toBe(200);
  });

  it('refuses an expired link with 410 and an unknown one with 404', async () => {
    const reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
    const token = await issued(owner, reviewer.id);
    await t.db.sql`
      UPDATE password_resets SET expires_at = now() - interval '1 second'
      WHERE token_hash = ${hashSecret(token)}`;
    expectGone(await preview(token), 'reset_link_expired', /expired/);
    expectGone(await useLink(token, 'too late for this'), 'reset_link_expired', /expired/);
    expect((await login(reviewer.email, reviewer.password)).statusCode).toBe(200);

    for (const unknown of [`fdr_${'A'.repeat(43)}`, 'not-a-link', `fdi_${'B'.repeat(43)}`]) {
      const response = await preview(unknown);
      expect(response.statusCode, unknown).toBe(404);
      expect(response.json()).toEqual({ code: 'not_found', message: 'Reset link was not found.' });
      expect((await useLink(unknown, 'whatever password')).statusCode).toBe(404);
    }
  });

  it('forgets the account’s failed logins, so an attacker’s address may try again', async () => {
    const reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
    const attacker = '203.0.113.9';
    for (let i = 0; i < 10; i++) await login(reviewer.email, `guess ${i} wrong`, attacker);
    expect((await login(reviewer.email, reviewer.password, attacker)).statusCode).toBe(429);
    const token = await issued(owner, reviewer.id);
    expect((await useLink(token, 'after the attack')).statusCode).toBe(200);
    expect((await login(reviewer.email, 'after the attack', attacker)).statusCode).toBe(200);
  });
});

describe('who an owner may issue a reset link for', () => {
  it('sends the answer with each member, and refuses the others with a reason', async () => {
    const coOwner = await buildMember(t, owner, workspaceId, 'owner');
    const moderator = await buildMember(t, owner, workspaceId, 'moderator');
    // A reviewer who also works for another desk, owned by someone else.
    const elsewhere = await buildMember(t, owner, workspaceId, 'reviewer');
    const otherDesk = await newWorkspace(coOwner, 'Sports desk');
    await buildMember(t, coOwner, otherDesk, 'viewer'); // someone who is only there
    const join = await t.request({
      method: 'POST',
      url: `/api/workspaces/${otherDesk}/invites`,
      cookie: coOwner.cookie,
      payload: { role: 'reviewer' },
    });
    const accept = await t.request({
      method: 'POST',
      url: `/api/invites/${join.json().token}/accept`,
      cookie: elsewhere.cookie,
    });
    expect(accept.statusCode).toBe(200);

    const members = await t.request({
      method: 'GET',
      url: `/api/workspaces/${workspaceId}/members`,
      cookie: owner.cookie,
    });
    const ability = new Map(
      (members.json() as { userId: string; abilities: { resetLink: boolean } }[]).map((m) => [
        m.userId,
        m.abilities.resetLink,
      ]),
    );
    expect(ability.get(owner.id)).toBe(false);
    expect(ability.get(coOwner.id)).toBe(false);
    expect(ability.get(elsewhere.id)).toBe(false);
    expect(ability.get(moderator.id)).toBe(true);

    const refusals: [TestUser, RegExp][] = [
      [owner, /for yourself/],
      [coOwner, /other owners/],
      [elsewhere, /workspace you do not own/],
    ];
    for (const [person, reason] of refusals) {
      const response = await issue(owner, person.id);
      expect(response.statusCode, response.body).toBe(403);
      expect(response.json()).toMatchObject({ code: 'reset_link_refused' });
      expect(response.json().message).toMatch(reason);
    }
    const count = await t.db.sql`
      SELECT count(*)::int AS n FROM password_resets
      WHERE user_id IN ${t.db.sql([owner.id, coOwner.id, elsewhere.id])}`;
    expect(count[0]?.n).toBe(0);

    // A moderator sees no reset ability at all, and cannot issue.
    const asModerator = await t.request({
      method: 'GET',
      url: `/api/workspaces/${workspaceId}/members`,
      cookie: moderator.cookie,
    });
    expect(
      (asModerator.json() as { abilities: { resetLink: boolean } }[]).every(
        (m) => !m.abilities.resetLink,
      ),
    ).toBe(true);
    const byModerator = await issue(moderator, elsewhere.id);
    expect(byModerator.statusCode).toBe(403);
    expect(byModerator.json().code).toBe('forbidden');
  });

  it('allows a member of several workspaces when the issuer owns them all', async () => {
    const reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
    const second = await newWorkspace(owner, 'Investigations');
    const invite = await t.request({
      method: 'POST',
      url: `/api/workspaces/${second}/invites`,
      cookie: owner.cookie,
      payload: { role: 'viewer' },
    });
    await t.request({
      method: 'POST',
      url: `/api/invites/${invite.json().token}/accept`,
      cookie: reviewer.cookie,
    });
    expect((await issue(owner, reviewer.id)).statusCode).toBe(201);
    expect((await issue(owner, reviewer.id, second)).statusCode).toBe(201);
  });

  it('answers 404 for someone who is not a member of the workspace', async () => {
    const otherDesk = await newWorkspace(owner, 'Elsewhere');
    const outsider = await buildMember(t, owner, otherDesk, 'viewer');
    const response = await issue(owner, outsider.id);
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toBe('Member was not found.');
  });

  it('withdraws a link once its person joins a workspace the issuer does not own', async () => {
    const reviewer = await buildMember(t, owner, workspaceId, 'reviewer');
    const token = await issued(owner, reviewer.id);
    // The reviewer starts a workspace of their own: they are an owner now.
    await newWorkspace(reviewer, 'My notes');
    expectGone(await preview(token), 'reset_link_withdrawn', /withdrawn/);
    expectGone(await useLink(token, 'takeover attempt'), 'reset_link_withdrawn', /withdrawn/);
    expect((await login(reviewer.email, reviewer.password)).statusCode).toBe(200);
  });

  it('withdraws a link once its issuer is no longer an owner of the workspace', async () => {
    const issuer = await buildMember(t, owner, workspaceId, 'owner');
    const viewer = await buildMember(t, owner, workspaceId, 'viewer');
    const token = await issued(issuer, viewer.id);
    const demoted = await t.request({
      method: 'PATCH',
      url: `/api/workspaces/${workspaceId}/members/${issuer.id}`,
      cookie: owner.cookie,
      payload: { role: 'reviewer' },
    });
    expect(demoted.statusCode).toBe(200);
    expectGone(await preview(token), 'reset_link_withdrawn', /withdrawn/);
  });
});
