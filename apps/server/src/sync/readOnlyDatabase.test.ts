// A read-only database (a failover replica, or `default_transaction_read_only`): every save
// fails, /healthz says so with the reason, nothing is reported saved — and once the database
// takes writes again, saves resume within 2 s without anyone terminating connections (the
// pool's sessions opened while it was read-only are recycled by the server itself).

import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import {
  eventually,
  openClient,
  paragraphText,
  type SyncTestApp,
  savedAll,
  seedSyncDocument,
  startSyncAppOn,
  synced,
  type TestClient,
} from '../testing/syncClients.ts';
import { createTestDatabase, testDatabaseKind } from '../testing/testDatabase.ts';

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.runIf(testDatabaseKind() === 'server')('a read-only database', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('makes /healthz answer 503 with the reason, and saves resume within 2 s once it is writable', async () => {
    const db = await createTestDatabase();
    cleanups.push(() => db.close());
    const admin = postgres(process.env.TEST_DATABASE_URL ?? '', { max: 1, onnotice: () => {} });
    cleanups.push(() => admin.end());
    const [{ name } = { name: '' }] = await db.sql<{ name: string }[]>`
      SELECT current_database() AS name`;
    const t: SyncTestApp = await startSyncAppOn(db, { COLLAB_BATCH_MS: '20' });
    cleanups.push(() => t.close());
    const { token, documentId } = await seedSyncDocument(db.sql, 'readonly');
    const writer: TestClient = openClient(t.wsUrl, documentId, token);
    cleanups.push(async () => writer.destroy());
    await synced(writer);
    paragraphText(writer.doc).insert(0, '<before>');
    await eventually(() => savedAll(writer), 'the first edit saved');

    // As after a failover to a replica: the database refuses writes, and the sessions the
    // server opens from now on are read-only.
    await admin.unsafe(`ALTER DATABASE ${name} SET default_transaction_read_only = on`);
    await admin`
      SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = ${name} AND pid <> pg_backend_pid()`;
    paragraphText(writer.doc).insert(0, '<while read-only>');
    await until(async () => {
      const health = await t.app.inject({ method: 'GET', url: '/healthz' });
      return health.statusCode === 503 && /read-only/.test(health.body);
    }, '/healthz to report the read-only database');
    expect(savedAll(writer)).toBe(false);
    const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/^factdesk_storage_writable 0$/m);
    expect(metrics).toMatch(/^factdesk_collab_failing_save_documents 1$/m);

    // Writable again. Nobody touches the server's connections.
    await admin.unsafe(`ALTER DATABASE ${name} SET default_transaction_read_only = off`);
    const writableAt = Date.now();
    await eventually(() => savedAll(writer), 'saves to resume', 10_000);
    const resumedMs = Date.now() - writableAt;
    console.info(`read-only database: saves resumed ${resumedMs} ms after it became writable`);
    expect(resumedMs).toBeLessThan(2_000);
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
  }, 60_000);
});
