import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { buildTestApp, TEST_ORIGIN, type TestApp } from '../../testing/testApp.ts';

let t: TestApp;
let owner: TestUser;
let workspaceId: string;
beforeAll(async () => {
  t = await buildTestApp();
  ({ owner, workspaceId } = await buildWorkspace(t));
});
afterAll(() => t.close());

const testConfig = (env: NodeJS.ProcessEnv = {}) =>
  loadConfig({ PUBLIC_URL: TEST_ORIGIN, WEB_DIST: '', ...env });

describe('health check', () => {
  it('answers 200 with the database up', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: true });
  });

  it('answers 503 when the database cannot be reached', async () => {
    // Nothing listens on port 1: every connection attempt is refused.
    const unreachable = postgres('postgres://postgres@127.0.0.1:1/x', {
      max: 1,
      connect_timeout: 1,
      onnotice: () => {},
    });
    const app = await buildApp({ config: testConfig(), db: unreachable, logger: false });
    try {
      const response = await app.inject({ method: 'GET', url: '/healthz' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({
        status: 'unavailable',
        database: false,
        reason: 'the database does not answer',
      });
    } finally {
      await app.close();
      await unreachable.end({ timeout: 0 });
    }
  });
});

describe('metrics', () => {
  it('serves Prometheus text counting requests by method, route pattern and status', async () => {
    await t.app.inject({ method: 'GET', url: '/healthz' });
    await t.request({ method: 'GET', url: `/api/workspaces/${workspaceId}`, cookie: owner.cookie });

    const response = await t.app.inject({ method: 'GET', url: '/metrics' });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toContain('# TYPE factdesk_http_requests_total counter');
    expect(response.body).toMatch(
      /^factdesk_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+$/m,
    );
    // The route pattern, never the identifier, so the label's cardinality stays bounded.
    expect(response.body).toMatch(
      /^factdesk_http_requests_total\{method="GET",route="\/api\/workspaces\/:workspaceId",status="200"\} 1$/m,
    );
    expect(response.body).not.toContain(workspaceId);
    expect(response.body).toContain('factdesk_http_request_duration_seconds_bucket');
    expect(response.body).toContain('factdesk_process_cpu_seconds_total');
  });

  it('labels requests that match no route with one shared label', async () => {
    await t.app.inject({ method: 'GET', url: '/api/nothing-here-1' });
    await t.app.inject({ method: 'GET', url: '/api/nothing-here-2' });
    const response = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.body).not.toContain('nothing-here');
    expect(response.body).toMatch(
      /^factdesk_http_requests_total\{method="GET",route="unmatched",status="404"\} [2-9]\d*$/m,
    );
  });
});

describe('API description', () => {
  it('serves an OpenAPI 3.1 document listing the API routes', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const spec = response.json();
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.info.title).toBe('Factdesk API');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/signup',
        '/api/auth/login',
        '/api/me/',
        '/api/me/tokens',
        '/api/workspaces/{workspaceId}',
        '/api/workspaces/{workspaceId}/members',
        '/api/workspaces/{workspaceId}/members/{userId}',
        '/api/workspaces/{workspaceId}/invites',
        '/api/invites/{token}',
      ]),
    );
    expect(spec.paths['/api/auth/signup'].post.requestBody).toBeDefined();
    expect(spec.paths['/api/workspaces/{workspaceId}/members'].get.parameters).toEqual([
      expect.objectContaining({ name: 'workspaceId', in: 'path', required: true }),
    ]);
    expect(spec.components.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      session: { type: 'apiKey', in: 'cookie', name: 'factdesk_session' },
    });
    // Internal routes stay out of the description.
    expect(spec.paths['/metrics']).toBeUndefined();
    expect(spec.paths['/api/openapi.json']).toBeUndefined();
  });

  it('serves the interactive documentation as an HTML page at /api/docs', async () => {
    let url = '/api/docs';
    let response = await t.app.inject({ method: 'GET', url });
    for (
      let hops = 0;
      hops < 5 && response.statusCode >= 300 && response.statusCode < 400;
      hops++
    ) {
      const location = response.headers.location;
      expect(location, `redirect from ${url}`).toBeTypeOf('string');
      url = new URL(String(location), `http://localhost${url}`).pathname;
      response = await t.app.inject({ method: 'GET', url });
    }
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toMatch(/swagger/i);
    // The page works only if its scripts load from the server itself ("script-src 'self'").
    const scripts = [...response.body.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src).toMatch(/^\/api\/docs\//);
      const script = await t.app.inject({ method: 'GET', url: String(src) });
      expect(script.statusCode, src).toBe(200);
      expect(script.headers['content-type'], src).toMatch(/javascript/);
    }
  });
});

describe('security headers', () => {
  it('sends a content security policy and nosniff on pages and API answers alike', async () => {
    for (const url of ['/healthz', '/api/no-such-route', '/api/openapi.json']) {
      const response = await t.app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain(`connect-src 'self' ws://localhost:3000`);
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('adds HSTS and the upgrade directive only when the public URL is https', async () => {
    const app = await buildApp({
      config: testConfig({ PUBLIC_URL: 'https://factdesk.example' }),
      db: t.db.sql,
      logger: false,
    });
    try {
      const response = await app.inject({ method: 'GET', url: '/healthz' });
      expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain('upgrade-insecure-requests');
      expect(csp).toContain("connect-src 'self' wss://factdesk.example");
      const docs = await app.inject({ method: 'GET', url: '/api/docs' });
      expect(String(docs.headers['content-security-policy'])).toContain(
        'upgrade-insecure-requests',
      );
    } finally {
      await app.close();
    }
  });
});

describe('API documentation over plain http', () => {
  it('does not make browsers upgrade the docs page’s own scripts to https', async () => {
    // Root cause: @fastify/swagger-ui's staticCSP always adds `upgrade-insecure-requests`,
    // which the app's own policy leaves out on http deployments (e.g. a newsroom LAN host):
    // there the browser fetched /api/docs/static/*.js over https, and the page stayed blank.
    const response = await t.app.inject({ method: 'GET', url: '/api/docs' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });
});

describe('errors', () => {
  it('answers an unknown API route with a JSON 404 that names it', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/nope?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({
      code: 'not_found',
      message: 'There is no POST /api/nope route.',
    });
  });

  it('never puts a stack trace or SQL in a 500 body', async () => {
    // The memberships table disappears (and comes back after): every route that reads it fails.
    await t.db.sql`ALTER TABLE memberships RENAME TO memberships_gone`;
    try {
      const responses = [
        await t.request({ method: 'GET', url: '/api/me', cookie: owner.cookie }),
        await t.request({
          method: 'POST',
          url: '/api/workspaces',
          cookie: owner.cookie,
          payload: { name: 'Doomed' },
        }),
      ];
      for (const response of responses) {
        expect(response.statusCode).toBe(500);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.json()).toEqual({
          code: 'internal',
          message: 'Something went wrong on our side. Please try again.',
        });
        expect(response.body).not.toMatch(/memberships|relation|SELECT|INSERT|\.ts:|at /);
      }
    } finally {
      await t.db.sql`ALTER TABLE memberships_gone RENAME TO memberships`;
    }
    // The failed write left nothing behind, and the app recovers.
    expect(await t.db.sql`SELECT id FROM workspaces WHERE name = 'Doomed'`).toEqual([]);
    const me = await t.request({ method: 'GET', url: '/api/me', cookie: owner.cookie });
    expect(me.statusCode).toBe(200);
  });
});
