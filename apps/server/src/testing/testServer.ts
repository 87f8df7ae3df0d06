// The real server listening on 127.0.0.1 for browser tests: a fresh embedded database, the
// built web app, and a public URL that matches the port so Origin checks pass.
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Sql } from '../db/database.ts';
import { freePort } from './serverProcess.ts';
import { createTestDatabase } from './testDatabase.ts';

export interface TestServer {
  url: string;
  /** The server's database, for a browser test that must set up rows no page writes yet. */
  sql: Sql;
  close(): Promise<void>;
}

/** `env`: settings over the test defaults (the link checker is off unless a test turns it on). */
export async function startTestServer(
  options: { webDist?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<TestServer> {
  const db = await createTestDatabase();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    ...(options.webDist ? { WEB_DIST: options.webDist } : {}),
    LINK_CHECK_HOURS: '0', // no background fetches of the tests' made-up evidence links
    ...options.env,
  });
  const app = await buildApp({ config, db: db.sql, logger: false });
  await app.listen({ port, host: '127.0.0.1' });
  // As main.ts does at launch; awaited, so no test's first large paste waits for it.
  await app.heavyWork.warmSyncThread();
  return {
    url,
    sql: db.sql,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
