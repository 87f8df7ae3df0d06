import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../auth/LoginThrottle.ts';
import { buildMember, buildUser, buildWorkspace } from '../../testing/factories.ts';
import { buildTestApp, sessionCookieOf, type TestApp } from '../../testing/testApp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({
    loginThrottle: new LoginThrottle({ perIp: 1000, perSourceFailures: 3, windowMs: 60_000 }),
  });
});
afterAll(() => t.close());

const signup = (payload: object) => t.request({ method: 'POST', url: '/api/auth/signup', payload });
const login = (payload: object, headers: Record<string, string> = {}) =>
  t.request({ method: 'POST', url: '/api/auth/login', payload, headers });

describe('sign-up and login', () => {
  it('makes the first account owner of a first workspace, with a session cookie', async () => {
    const response = await signup({
      email: 'Olivia@Example.com',
      displayName: 'Olivia',
      password: 'correct horse battery',
      workspaceName: 'The Daily Check',
    });
    expect(response.statusCode).toBe(201);
    const me = response.json();
    expect(me.user.email).toBe('Olivia@Example.com');
    expect(me.workspaces).toHaveLength(1);
    expect(me.workspaces[0]).toMatchObject({ name: 'The Daily Check', role: 'owner' });
    expect(me.workspaces[0].abilities['member.changeRole']).toBe(true);
    const cookie = response.cookies.find((c) => c.name === 'factdesk_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const stored = await t.db.sql`SELECT token_hash FROM sessions`;
    expect(stored[0]?.token_hash).not.toEqual(Buffer.from(cookie!.value));
  });

  it('refuses a later sign-up without an invite, and creates nothing', async () => {
    const before = await t.db.sql`SELECT count(*)::int AS n FROM users`;
    const response = await signup({
      email: 'stranger@example.com',
      displayName: 'Stranger',
      password: 'long enough password',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'invite_required' });
    expect(response.json().message).toMatch(/invite link/);
    const after = await t.db.sql`SELECT count(*)::int AS n FROM users`;
    expect(after[0]?.n).toBe(before[0]?.n);
  });

  it('refuses a duplicate email in any letter case with 409', async () => {
    const response = await signup({
      email: 'olivia@example.COM',
      displayName: 'Copy',
      password: 'long enough password',
    });
    expect(response.statusCode).toBe(409);
  });

  it('names the field of bad sign-up input', async () => {
    const cases: [object, string, RegExp][] = [
      [
        { email: 'not-an-email', displayName: 'A', password: 'long enough pw' },
        'email',
        /valid email/,
      ],
      [{ email: 'a@example.com', displayName: 'A', password: 'short' }, 'password', /at least 10/],
      [{ email: 'a@example.com', password: 'long enough pw' }, 'displayName', /required/],
      [
        { email: 'a@example.com', displayName: '', password: 'long enough pw' },
        'displayName',
        /empty/,
      ],
      [
        { email: 'a@example.com', displayName: 'A', password: 'long enough pw', admin: true },
        'admin',
        /not a known field/,
      ],
      [
        { email: { x: 1 }, displayName: 'A', password: 'long enough pw' },
        'email',
        /must be a string/,
      ],
    ];
    for (const [payload, field, message] of cases) {
      const response = await signup(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'invalid_input', field });
      expect(response.json().message).toMatch(message);
    }
  });

  it('answers malformed JSON, a wrong content type and an oversized body clearly', async () => {
    const broken = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().message).toMatch(/not valid JSON/);

    const form = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a&password=b',
    });
    expect(form.statusCode).toBe(415);
    expect(form.json().message).toMatch(/JSON/);

    for (const contentType of ['text/plain', 'text/plain; charset=utf-8', 'text/html']) {
      const text = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': contentType },
        payload: '{"email":"a@example.com","password":"b"}',
      });
      expect(text.statusCode, contentType).toBe(415);
      expect(text.json().code).toBe('unsupported_media_type');
    }

    const huge = await t.request({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email: 'a@example.com', displayName: 'x'.repeat(2 * 1024 * 1024), password: 'p' },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().message).toMatch(/too large/);
  });

  it('logs in with the right password and starts a new session each time', async () => {
    const first = await login({ email: 'olivia@example.com', password: 'correct horse battery' });
    const second = await login({ email: 'olivia@example.com', password: 'correct horse battery' });
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(sessionCookieOf(first)).not.toBe(sessionCookieOf(second));
  });

  it('gives the same 401 for an unknown email and a wrong password', async () => {
    const unknown = await login({ email: 'nobody@example.com', password: 'whatever password' });
    const wrong = await login({ email: 'olivia@example.com', password: 'wrong password!' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('answers 429 with Retry-After to a source past its failures for an account', async () => {
    const email = 'ratelimited@example.com';
    for (let i = 0; i < 3; i++) {
      expect((await login({ email, password: 'wrong password!' })).statusCode).toBe(401);
    }
    const limited = await login({ email, password: 'wrong password!' });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().message).toMatch(/Too many login attempts/);
  });

  it('logs out: the session stops working', async () => {
    const response = await login({
      email: 'olivia@example.com',
      password: 'correct horse battery',
    });
    const cookie = sessionCookieOf(response);
    expect((await t.request({ method: 'GET', url: '/api/me', cookie })).statusCode).toBe(200);
    const logout = await t.request({ method: 'POST', url: '/api/auth/logout', cookie });
    expect(logout.statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/me', cookie })).statusCode).toBe(401);
  });

  it('ends every other session when the password changes', async () => {
    const a = sessionCookieOf(
      await login({ email: 'olivia@example.com', password: 'correct horse battery' }),
    );
    const b = sessionCookieOf(
      await login({ email: 'olivia@example.com', password: 'correct horse battery' }),
    );
    const wrong = await t.request({
      method: 'PUT',
      url: '/api/me/password',
      cookie: a,
      payload: { currentPassword: 'not it at all', newPassword: 'a new long password' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ field: 'currentPassword' });
    const changed = await t.request({
      method: 'PUT',
      url: '/api/me/password',
      cookie: a,
      payload: { currentPassword: 'correct horse battery', newPassword: 'a new long password' },
    });
    expect(changed.statusCode).toBe(204);
    const fresh = sessionCookieOf(changed);
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: a })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: b })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/api/me', cookie: fresh })).statusCode).toBe(
      200,
    );
    expect(
      (await login({ email: 'olivia@example.com', password: 'a new long password' })).statusCode,
    ).toBe(200);
  });

  it('refuses cookie-authenticated writes from another origin or with no origin (CSRF)', async () => {
    const other = await buildUser(t, { inviteToken: undefined }).catch(() => undefined);
    expect(other).toBeUndefined(); // sign-up is closed: use the owner below
    const cookie = sessionCookieOf(
      await login({ email: 'olivia@example.com', password: 'a new long password' }),
    );
    const evil = await t.request({
      method: 'POST',
      url: '/api/workspaces',
      cookie,
      headers: { origin: 'https://evil.example' },
      payload: { name: 'Hijacked' },
    });
    expect(evil.statusCode).toBe(403);
    expect(evil.json()).toMatchObject({ code: 'bad_origin' });
    const noOrigin = await t.app.inject({
      method: 'POST',
      url: '/api/workspaces',
      headers: { cookie: `factdesk_session=${cookie}` },
      payload: { name: 'Hijacked' },
    });
    expect(noOrigin.statusCode).toBe(403);
    const names = await t.db.sql`SELECT name FROM workspaces WHERE name = 'Hijacked'`;
    expect(names).toHaveLength(0);
  });
});

describe('failed-login throttling (default limits)', () => {
  let d: TestApp;
  let newsroom: Awaited<ReturnType<typeof buildWorkspace>>;
  beforeAll(async () => {
    d = await buildTestApp();
    newsroom = await buildWorkspace(d);
  });
  afterAll(() => d.close());

  const from = (remoteAddress: string, payload: object) =>
    d.request({ method: 'POST', url: '/api/auth/login', payload, remoteAddress });

  it('an attacker’s 50 failures from one address never keep the owner out from another', async () => {
    const { owner } = newsroom;
    const attacker = '203.0.113.7';
    const answers: number[] = [];
    for (let i = 0; i < 50; i++) {
      const response = await from(attacker, { email: owner.email, password: `guess number ${i}` });
      answers.push(response.statusCode);
    }
    // Ten wrong passwords are checked; everything after them is refused unchecked.
    expect(answers.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(answers.slice(10)).toEqual(Array(40).fill(429));

    const owners = await from('198.51.100.2', { email: owner.email, password: owner.password });
    expect(owners.statusCode).toBe(200);
    expect(sessionCookieOf(owners)).toBeTruthy();

    // The attacker's address stays refused, even with the right password, and is told when.
    const again = await from(attacker, { email: owner.email, password: owner.password });
    expect(again.statusCode).toBe(429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(60);
    expect(again.json()).toMatchObject({ code: 'rate_limited' });
  });

  it('slows every address that failed for an account under attack, but not a clean one', async () => {
    const { owner, workspaceId } = newsroom;
    const member = await buildMember(d, owner, workspaceId, 'reviewer');
    // Twenty failures from twenty addresses: the account is under attack.
    for (let i = 0; i < 20; i++) {
      const response = await from(`10.9.0.${i}`, { email: member.email, password: 'wrong guess!' });
      expect(response.statusCode).toBe(401);
    }
    // The latest of them failed moments ago: it waits up to 15 s, even with the right password.
    const slowed = await from('10.9.0.19', { email: member.email, password: member.password });
    expect(slowed.statusCode).toBe(429);
    const wait = Number(slowed.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(15);
    const clean = await from('10.9.1.1', { email: member.email, password: member.password });
    expect(clean.statusCode).toBe(200);
  });

  it('forgets an address’s failures for the account once the right password comes from it', async () => {
    const { owner, workspaceId } = newsroom;
    const member = await buildMember(d, owner, workspaceId, 'viewer');
    const office = '192.0.2.44';
    for (let i = 0; i < 9; i++) {
      expect(
        (await from(office, { email: member.email, password: 'typo typo typo' })).statusCode,
      ).toBe(401);
    }
    expect(
      (await from(office, { email: member.email, password: member.password })).statusCode,
    ).toBe(200);
    // Nine more typos are all checked: the success started the count again.
    for (let i = 0; i < 9; i++) {
      expect(
        (await from(office, { email: member.email, password: 'typo typo typo' })).statusCode,
      ).toBe(401);
    }
  });
});

describe('open sign-up', () => {
  it('lets people join as the workspace’s open sign-up role once the owner allows it', async () => {
    const o = await buildTestApp();
    try {
      const { owner, workspaceId } = await buildWorkspace(o);
      const patch = await o.request({
        method: 'PATCH',
        url: `/api/workspaces/${workspaceId}`,
        cookie: owner.cookie,
        payload: { openSignupRole: 'viewer' },
      });
      expect(patch.statusCode).toBe(200);
      const joined = await buildUser(o);
      const me = await o.request({ method: 'GET', url: '/api/me', cookie: joined.cookie });
      expect(me.json().workspaces).toEqual([
        expect.objectContaining({ id: workspaceId, role: 'viewer' }),
      ]);
    } finally {
      await o.close();
    }
  });
});
