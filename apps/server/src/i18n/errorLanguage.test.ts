// API errors are written in the language the request asks for (Accept-Language, q-values
// weighed), English when it asks for none the server speaks; code and field never change.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMember, buildWorkspace, type TestUser } from '../testing/factories.ts';
import { buildTestApp, type TestApp } from '../testing/testApp.ts';

let t: TestApp;
let owner: TestUser;
let viewer: TestUser;
let workspaceId: string;
beforeAll(async () => {
  t = await buildTestApp();
  ({ owner, workspaceId } = await buildWorkspace(t));
  viewer = await buildMember(t, owner, workspaceId, 'viewer');
});
afterAll(() => t.close());

const FRENCH = 'fr-FR,fr;q=0.9,en;q=0.8';

async function errorIn(
  language: string | undefined,
  options: { method: 'GET' | 'POST' | 'PATCH'; url: string; cookie?: string; payload?: object },
) {
  const response = await t.request({
    ...options,
    headers: language === undefined ? {} : { 'accept-language': language },
  });
  return { status: response.statusCode, body: response.json() };
}

describe('the language of API errors', () => {
  it('a 404 in French for a French browser, in English otherwise', async () => {
    const missing = {
      method: 'GET',
      url: `/api/workspaces/${randomUUID()}`,
      cookie: owner.cookie,
    } as const;
    expect(await errorIn(FRENCH, missing)).toEqual({
      status: 404,
      body: { code: 'not_found', message: 'L’espace de travail est introuvable.' },
    });
    expect(await errorIn(undefined, missing)).toEqual({
      status: 404,
      body: { code: 'not_found', message: 'Workspace was not found.' },
    });
  });

  it('a validation 400 names the API field inside a French sentence', async () => {
    const bad = {
      method: 'PATCH',
      url: '/api/me',
      cookie: owner.cookie,
      payload: { locale: 'de' },
    } as const;
    expect(await errorIn('fr', bad)).toEqual({
      status: 400,
      body: {
        code: 'invalid_input',
        field: 'locale',
        message: 'locale doit être l’une des valeurs\u00a0: en, fr.',
      },
    });
    expect(await errorIn('en-GB', bad)).toEqual({
      status: 400,
      body: { code: 'invalid_input', field: 'locale', message: 'locale must be one of: en, fr.' },
    });
    const missing = { method: 'PATCH', url: '/api/me', cookie: owner.cookie, payload: {} } as const;
    expect((await errorIn('fr-CA', missing)).body.message).toBe('locale est obligatoire.');
  });

  it('a 403 says which role may not, in French', async () => {
    const invite = {
      method: 'POST',
      url: `/api/workspaces/${workspaceId}/invites`,
      cookie: viewer.cookie,
      payload: { role: 'viewer' },
    } as const;
    expect(await errorIn(FRENCH, invite)).toEqual({
      status: 403,
      body: {
        code: 'forbidden',
        message:
          'Un lecteur ne peut pas faire cela (invite.create)\u202f; demandez à un propriétaire de l’espace de travail.',
      },
    });
    expect((await errorIn(undefined, invite)).body.message).toBe(
      'A viewer cannot do this (invite.create); ask a workspace owner.',
    );
  });

  it('a wrong password on login, and a request without a session, in French', async () => {
    const login = {
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: owner.email, password: 'not-the-password' },
    } as const;
    expect(await errorIn('fr', login)).toEqual({
      status: 401,
      body: {
        code: 'invalid_credentials',
        message: 'L’adresse e-mail ou le mot de passe est incorrect.',
      },
    });
    expect((await errorIn('fr', { method: 'GET', url: '/api/me' })).body.message).toBe(
      'Vous devez vous connecter.',
    );
  });

  it('weighs q-values and falls back to English for a language it does not speak', async () => {
    const missing = {
      method: 'GET',
      url: `/api/workspaces/${randomUUID()}`,
      cookie: owner.cookie,
    } as const;
    const message = async (language: string) => (await errorIn(language, missing)).body.message;
    expect(await message('en;q=0.4,fr;q=0.8')).toBe('L’espace de travail est introuvable.');
    expect(await message('fr;q=0.4,en;q=0.8')).toBe('Workspace was not found.');
    expect(await message('de-DE,es;q=0.9')).toBe('Workspace was not found.');
    expect(await message('de-DE,fr;q=0.5')).toBe('L’espace de travail est introuvable.');
  });

  it('an API path with no route, in French', async () => {
    expect(await errorIn('fr', { method: 'GET', url: '/api/nowhere?x=1' })).toEqual({
      status: 404,
      body: { code: 'not_found', message: 'Il n’y a pas de route GET /api/nowhere.' },
    });
  });

  it('a body that is not JSON, in French', async () => {
    const response = await t.request({
      method: 'PATCH',
      url: '/api/me',
      cookie: owner.cookie,
      headers: { 'accept-language': 'fr', 'content-type': 'application/json' },
      payload: '{"locale":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      code: 'invalid_json',
      message: 'Le corps de la requête n’est pas du JSON valide.',
    });
  });

  it('a refused link names why in French, and in English otherwise (the shared link rule)', async () => {
    const importing = {
      method: 'POST',
      url: `/api/workspaces/${workspaceId}/documents`,
      cookie: owner.cookie,
      payload: { format: 'md', content: 'Hi', sourceUrl: 'ftp://example.org/story' },
    } as const;
    expect(await errorIn(FRENCH, importing)).toEqual({
      status: 400,
      body: {
        code: 'invalid_url',
        field: 'sourceUrl',
        message: 'sourceUrl doit être une URL http ou https (pas ftp).',
      },
    });
    expect((await errorIn(undefined, importing)).body.message).toBe(
      'sourceUrl must be an http or https URL (not ftp).',
    );
  });
});
