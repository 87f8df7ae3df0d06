// The embedded PostgreSQL runs in a worker thread of its own (db/PgliteThread.ts). A thread that
// dies must not leave the server hanging: saves fail as unreachable and /healthz says so, the
// thread is reopened on its data folder, and every accepted edit is then saved. close() ends the
// thread and frees the folder; a folder PGlite cannot open is refused with one sentence.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StartupError } from '../errors.ts';
import {
  eventually,
  openClient,
  paragraphText,
  savedAll,
  seedSyncDocument,
  startSyncAppOn,
  synced,
} from '../testing/syncClients.ts';
import { testDatabaseKind } from '../testing/testDatabase.ts';
import { crashEmbeddedThread, openDatabase } from './database.ts';
import { migrate } from './migrate.ts';

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'fdthread-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Polls an asynchronous check until it holds (then throws with `what`). */
async function until(check: () => Promise<boolean>, what: string, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.runIf(testDatabaseKind() === 'embedded')('the embedded database thread', () => {
  it('a crashed thread shows as storage unreachable, is reopened on its folder, and every edit is then saved', async () => {
    const db = await openDatabase({ kind: 'embedded', dataDir: join(scratch, 'crash') });
    cleanups.push(() => db.close());
    await migrate(db.sql);
    const { token, documentId } = await seedSyncDocument(db.sql, 'crash');
    const t = await startSyncAppOn(db, { COLLAB_BATCH_MS: '20' });
    cleanups.push(() => t.close());
    const writer = openClient(t.wsUrl, documentId, token);
    cleanups.push(() => writer.destroy());
    await synced(writer);
    paragraphText(writer.doc).insert(0, '<before>');
    await eventually(() => savedAll(writer), 'the first edit saved');

    await crashEmbeddedThread(db.sql);
    paragraphText(writer.doc).insert(0, '<after the crash>');
    let body = '';
    await until(
      async () => {
        const health = await t.app.inject({ method: 'GET', url: '/healthz' });
        body = health.body;
        return health.statusCode === 503;
      },
      '/healthz to say the database is down',
      10_000,
    );
    expect(JSON.parse(body)).toMatchObject({ status: 'unavailable', database: false });
    expect(savedAll(writer)).toBe(false);

    // Reopening PGlite takes seconds on a loaded machine; then the probe lets saves resume.
    await eventually(() => savedAll(writer), 'the edit made after the crash saved', 60_000);
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const [row] = await db.sql<{ n: number }[]>`
      SELECT count(*)::int AS n FROM documents WHERE id = ${documentId}`;
    expect(row?.n).toBe(1);
  });

  it('close() ends the thread and frees the data folder: it opens again, with its data', async () => {
    const dataDir = join(scratch, 'reopen');
    const first = await openDatabase({ kind: 'embedded', dataDir });
    await first.sql`CREATE TABLE kept (word text)`;
    await first.sql`INSERT INTO kept VALUES ('still here')`;
    await first.close();
    expect(await readdir(dataDir)).toEqual(['pg']); // no lock file left

    const second = await openDatabase({ kind: 'embedded', dataDir });
    cleanups.push(() => second.close());
    expect(await second.sql`SELECT word FROM kept`).toEqual([{ word: 'still here' }]);
  });

  it('refuses a data folder PGlite cannot open with one sentence, and leaves it unlocked', async () => {
    const dataDir = join(scratch, 'corrupt');
    await mkdir(join(dataDir, 'pg'), { recursive: true });
    await writeFile(join(dataDir, 'pg', 'PG_VERSION'), '99\n');
    const opening = openDatabase({ kind: 'embedded', dataDir });
    await expect(opening).rejects.toThrow(StartupError);
    await expect(opening).rejects.toThrow(
      `The embedded database in ${dataDir} cannot be opened: PGlite failed to initialize properly.`,
    );
    expect(await readdir(dataDir)).toEqual(['pg']);
  });
});
