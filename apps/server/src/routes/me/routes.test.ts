import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { buildTestApp, type TestApp } from '../../testing/testApp.ts';

let t: TestApp;
let owner: TestUser;
let other: TestUser;
let workspaceId: string;
beforeAll(async () => {
  t = await buildTestApp();
  ({ owner, workspaceId } = await buildWorkspace(t));
  other = await buildMember(t, owner, workspaceId, 'reviewer');
});
afterAll(() => t.close());

interface CreatedToken {
  apiToken: { id: string; name: string; prefix: string; lastUsedAt: string | null };
  token: string;
}

async function createToken(user: TestUser, name = 'Script'): Promise<CreatedToken> {
  const response = await t.request({
    method: 'POST',
    url: '/api/me/tokens',
    cookie: user.cookie,
    payload: { name },
  });
  expect(response.statusCode).toBe(201);
  return response.json();
}

/** A request carrying only the bearer token: no cookie, no Origin, as a script sends it. */
const withBearer = (
  token: string,
  options: { method: 'GET' | 'POST' | 'DELETE'; url: string; payload?: object },
) => t.app.inject({ ...options, headers: { authorization: `Bearer ${token}` } });

const countTokens = async () =>
  (await t.db.sql<{ n: number }[]>`SELECT count(*)::int AS n FROM api_tokens`)[0]?.n;

describe('API tokens', () => {
  it('creates a token whose secret is shown once and stored only as a hash', async () => {
    const { apiToken, token } = await createToken(owner, 'Nightly import');

    expect(token).toMatch(/^fdt_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({ name: 'Nightly import', prefix: token.slice(0, 10) });
    expect(apiToken.lastUsedAt).toBeNull();
    expect(JSON.stringify(apiToken)).not.toContain(token.slice(10));

    const [row] = await t.db.sql<{ token_hash: Buffer }[]>`
      SELECT * FROM api_tokens WHERE id = ${apiToken.id}`;
    expect(row).toBeDefined();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(token.slice(10));
    expect(stored).not.toContain(Buffer.from(token).toString('hex'));
    expect(row!.token_hash).toEqual(createHash('sha256').update(token).digest());
  });

  it('lists the user’s live tokens without their secrets', async () => {
    const { apiToken, token } = await createToken(owner, 'Listed');
    const response = await t.request({
      method: 'GET',
      url: '/api/me/tokens',
      cookie: owner.cookie,
    });
    expect(response.statusCode).toBe(200);
    const listed = response.json() as Record<string, unknown>[];
    expect(listed).toContainEqual(
      expect.objectContaining({ id: apiToken.id, name: 'Listed', prefix: token.slice(0, 10) }),
    );
    for (const entry of listed) {
      expect(Object.keys(entry).sort()).toEqual([
        'createdAt',
        'id',
        'lastUsedAt',
        'name',
        'prefix',
      ]);
    }
    expect(response.body).not.toContain(token.slice(10));

    const theirs = await t.request({ method: 'GET', url: '/api/me/tokens', cookie: other.cookie });
    expect(theirs.json()).not.toContainEqual(expect.objectContaining({ id: apiToken.id }));
  });

  it('authenticates GET /api/me with Authorization: Bearer, and records when it was used', async () => {
    const { apiToken, token } = await createToken(owner);
    const me = await withBearer(token, { method: 'GET', url: '/api/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json().user).toMatchObject({ id: owner.id, email: owner.email });
    expect(me.json().workspaces).toEqual([
      expect.objectContaining({ id: workspaceId, role: 'owner' }),
    ]);

    const list = await t.request({ method: 'GET', url: '/api/me/tokens', cookie: owner.cookie });
    const used = (list.json() as { id: string; lastUsedAt: string | null }[]).find(
      (entry) => entry.id === apiToken.id,
    );
    expect(used?.lastUsedAt).toEqual(expect.any(String));
  });

  it('lets a bearer token write without an Origin header', async () => {
    const { token } = await createToken(owner);
    const response = await withBearer(token, {
      method: 'POST',
      url: '/api/workspaces',
      payload: { name: 'Scripted desk' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ name: 'Scripted desk', role: 'owner' });
    const [membership] = await t.db.sql`
      SELECT role FROM memberships WHERE workspace_id = ${response.json().id} AND user_id = ${owner.id}`;
    expect(membership).toEqual({ role: 'owner' });
  });

  it('refuses a revoked token with 401 and says why', async () => {
    const { apiToken, token } = await createToken(owner);
    const revoke = await t.request({
      method: 'DELETE',
      url: `/api/me/tokens/${apiToken.id}`,
      cookie: owner.cookie,
    });
    expect(revoke.statusCode).toBe(204);

    const response = await withBearer(token, { method: 'GET', url: '/api/me' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({
      code: 'invalid_token',
      message: 'The API token is unknown or revoked.',
    });
    const list = await t.request({ method: 'GET', url: '/api/me/tokens', cookie: owner.cookie });
    expect(list.json()).not.toContainEqual(expect.objectContaining({ id: apiToken.id }));
    const again = await t.request({
      method: 'DELETE',
      url: `/api/me/tokens/${apiToken.id}`,
      cookie: owner.cookie,
    });
    expect(again.statusCode).toBe(404);
  });

  it('refuses a malformed bearer with 401 even when a valid session cookie comes with it', async () => {
    for (const authorization of [
      'Bearer not-a-token',
      'Bearer fdt_short',
      'Bearer fds_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      `Basic ${Buffer.from('a:b').toString('base64')}`,
      'Bearer',
      '',
    ]) {
      const response = await t.request({
        method: 'GET',
        url: '/api/me',
        cookie: owner.cookie,
        headers: { authorization },
      });
      expect(response.statusCode, authorization).toBe(401);
      expect(response.json(), authorization).toEqual({
        code: 'invalid_token',
        message: 'The API token is malformed.',
      });
    }
  });

  it('refuses a well-formed token that was never issued with 401', async () => {
    const response = await withBearer(`fdt_${'A'.repeat(43)}`, { method: 'GET', url: '/api/me' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'invalid_token' });
  });

  it('answers 404 to revoking another user’s token, which keeps working', async () => {
    const { apiToken, token } = await createToken(other, 'Not yours');
    const response = await t.request({
      method: 'DELETE',
      url: `/api/me/tokens/${apiToken.id}`,
      cookie: owner.cookie,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 'not_found', message: 'API token was not found.' });
    const [row] = await t.db.sql`SELECT revoked_at FROM api_tokens WHERE id = ${apiToken.id}`;
    expect(row).toEqual({ revoked_at: null });
    expect((await withBearer(token, { method: 'GET', url: '/api/me' })).statusCode).toBe(200);
  });

  it('names the field of bad token input, and creates nothing', async () => {
    const before = await countTokens();
    const cases: [string, object, string, RegExp][] = [
      ['POST', { name: '' }, 'name', /cannot be empty/],
      ['POST', { name: 'x'.repeat(81) }, 'name', /at most 80/],
      ['POST', {}, 'name', /required/],
      ['POST', { name: 'ok', scopes: ['all'] }, 'scopes', /not a known field/],
    ];
    for (const [method, payload, field, message] of cases) {
      const response = await t.request({
        method: method as 'POST',
        url: '/api/me/tokens',
        cookie: owner.cookie,
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'invalid_input', field });
      expect(response.json().message).toMatch(message);
    }
    const malformedId = await t.request({
      method: 'DELETE',
      url: '/api/me/tokens/not-a-uuid',
      cookie: owner.cookie,
    });
    expect(malformedId.statusCode).toBe(400);
    expect(malformedId.json()).toMatchObject({ code: 'invalid_input', field: 'tokenId' });
    expect(malformedId.json().message).toMatch(/tokenId must be a valid identifier \(UUID\)/);
    expect(await countTokens()).toBe(before);
  });

  it('answers 401 to every /api/me route without a login, and creates nothing', async () => {
    const before = await countTokens();
    const { apiToken } = await createToken(owner, 'Survivor');
    const requests = [
      { method: 'GET', url: '/api/me' },
      { method: 'GET', url: '/api/me/tokens' },
      { method: 'POST', url: '/api/me/tokens', payload: { name: 'Sneaky' } },
      { method: 'DELETE', url: `/api/me/tokens/${apiToken.id}` },
      {
        method: 'PUT',
        url: '/api/me/password',
        payload: { currentPassword: owner.password, newPassword: 'a brand new password' },
      },
    ] as const;
    for (const request of requests) {
      const response = await t.request(request);
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(401);
      expect(response.json()).toEqual({ code: 'unauthenticated', message: 'You need to log in.' });
    }
    expect(await countTokens()).toBe((before ?? 0) + 1);
    const [row] = await t.db.sql`SELECT revoked_at FROM api_tokens WHERE id = ${apiToken.id}`;
    expect(row).toEqual({ revoked_at: null });
  });
});

describe('Interface language', () => {
  const localeOf = async (user: TestUser) =>
    (await t.request({ method: 'GET', url: '/api/me', cookie: user.cookie })).json().user.locale;

  it('starts unset, so the web app follows the browser', async () => {
    expect(await localeOf(other)).toBeNull();
  });

  it('stores the chosen language on the account and answers with the new Me', async () => {
    const response = await t.request({
      method: 'PATCH',
      url: '/api/me',
      cookie: owner.cookie,
      payload: { locale: 'fr' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().user.locale).toBe('fr');
    expect(await localeOf(owner)).toBe('fr');
    expect(await localeOf(other)).toBeNull();

    await t.request({
      method: 'PATCH',
      url: '/api/me',
      cookie: owner.cookie,
      payload: { locale: 'en' },
    });
    expect(await localeOf(owner)).toBe('en');
  });

  it.each([
    [{ locale: 'de' }, 'locale must be one of: en, fr.'],
    [{ locale: null }, 'locale must be one of: en, fr.'],
    [{}, 'locale is required.'],
    [{ locale: 'fr', email: 'x@example.com' }, 'email is not a known field.'],
  ])('refuses %j with 400 and a sentence, and changes nothing', async (payload, message) => {
    const before = await localeOf(other);
    const response = await t.request({
      method: 'PATCH',
      url: '/api/me',
      cookie: other.cookie,
      payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toBe(message);
    expect(await localeOf(other)).toBe(before);
  });

  it('answers 401 without a login', async () => {
    const response = await t.request({
      method: 'PATCH',
      url: '/api/me',
      payload: { locale: 'fr' },
    });
    expect(response.statusCode).toBe(401);
  });
});
