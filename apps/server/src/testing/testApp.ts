// The real app on a fresh database, for integration tests through app.inject().
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import type { LoginThrottle } from '../auth/LoginThrottle.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from './testDatabase.ts';

export const TEST_ORIGIN = 'http://localhost:3000';

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  /** A request as the web app sends it: JSON, same Origin, with the given session cookie. */
  request(
    options: InjectOptions & { cookie?: string; token?: string },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function buildTestApp(
  options: { loginThrottle?: LoginThrottle; env?: NodeJS.ProcessEnv } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    PUBLIC_URL: TEST_ORIGIN,
    WEB_DIST: '',
    LINK_CHECK_HOURS: '0', // no background fetches of the tests' made-up evidence links
    ...options.env,
  });
  const app = await buildApp({
    config,
    db: db.sql,
    logger: false,
    ...(options.loginThrottle ? { loginThrottle: options.loginThrottle } : {}),
  });
  await app.ready();
  return {
    app,
    db,
    request({ cookie, token, headers, ...rest }) {
      return app.inject({
        ...rest,
        headers: {
          origin: TEST_ORIGIN,
          ...(cookie ? { cookie: `factdesk_session=${cookie}` } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
      });
    },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** The session secret from a response's Set-Cookie header. */
export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'factdesk_session');
  if (!cookie) throw new Error(`no session cookie in response ${response.statusCode}`);
  return cookie.value;
}
