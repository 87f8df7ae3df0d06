// Two app instances sharing one test database and one Redis, for the scale-out tests of what
// crosses instances (notifications, workspace streams). Channels carry a prefix of this run
// only, so parallel runs on one Redis never hear each other.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { TEST_ORIGIN } from './testApp.ts';
import { createTestDatabase } from './testDatabase.ts';

export interface TwoInstances {
  db: Database;
  one: FastifyInstance;
  two: FastifyInstance;
  /** Where instance two listens (streams are read over HTTP, not injected). */
  twoUrl: string;
  close(): Promise<void>;
}

export async function startTwoInstances(redisUrl: string): Promise<TwoInstances> {
  const prefix = `factdesk-test-${randomBytes(6).toString('hex')}:`;
  const db = await createTestDatabase();
  const start = async () => {
    const config = loadConfig({
      PUBLIC_URL: TEST_ORIGIN,
      WEB_DIST: '',
      LINK_CHECK_HOURS: '0',
      NOTIFICATION_SCAN_MS: '3600000',
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
    });
    const app = await buildApp({ config, db: db.sql, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return app;
  };
  const one = await start();
  const two = await start();
  const address = two.server.address();
  return {
    db,
    one,
    two,
    twoUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    async close() {
      await one.close();
      await two.close();
      await db.close();
    },
  };
}

/** A request to one instance, as a browser with the session cookie would send it. */
export function callInstance(
  app: FastifyInstance,
  method: string,
  url: string,
  cookie?: string,
  payload?: object,
) {
  return app.inject({
    method: method as 'POST',
    url,
    headers: {
      origin: TEST_ORIGIN,
      ...(cookie ? { cookie: `factdesk_session=${cookie}` } : {}),
    },
    ...(payload ? { payload } : {}),
  });
}
