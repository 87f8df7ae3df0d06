// Starts Factdesk's server for the benchmark: persistence to PostgreSQL on (embedded PGlite in
// a temporary folder, or a fresh database on BENCH_DATABASE_URL), a seeded user, workspace, API
// token and documents; prints {port, token, documentIds} as one JSON line and serves until SIGTERM.

import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildApp } from '../../../apps/server/src/app.ts';
import { createUser } from '../../../apps/server/src/commands/accounts.ts';
import { createApiToken } from '../../../apps/server/src/commands/apiTokens.ts';
import { createWorkspace } from '../../../apps/server/src/commands/workspaces.ts';
import { loadConfig } from '../../../apps/server/src/config.ts';
import { type Database, openDatabase } from '../../../apps/server/src/db/database.ts';
import { migrate } from '../../../apps/server/src/db/migrate.ts';
import { collectGarbageOnSignal } from './gcOnSignal.ts';

const documentCount = Number(process.argv[2] ?? '500');

interface Seeded {
  token: string;
  documentIds: string[];
}

/** Migrates, then seeds a user, workspace, API token and `documentCount` documents. */
async function seed(db: Database): Promise<Seeded> {
  await migrate(db.sql);
  const user = await createUser(db.sql, {
    email: 'bench@example.com',
    displayName: 'Bench',
    password: 'bench-password-123',
  });
  const workspace = await createWorkspace(db.sql, user.id, 'Bench');
  const { token } = await createApiToken(db.sql, user.id, 'bench');
  // One statement for all of them: the scale phase seeds 10,000 (one INSERT each takes minutes
  // on a loaded machine). The columns are those insertDocument sets for a new document.
  const rows = await db.sql<{ id: string }[]>`
    INSERT INTO documents (workspace_id, title, created_by, text_locked)
    SELECT ${workspace.id}, 'Bench ' || n, ${user.id}, false
    FROM generate_series(1, ${documentCount}::int) AS n
    RETURNING id`;
  const documentIds = rows.map((row) => row.id);
  // An (empty) search entry each: without one the server indexes every seeded document in
  // the background at start (SearchTextIndexer.catchUp loads each), while the first run's
  // figures are taken. The entry an indexed empty document has (search_put), in one statement.
  await db.sql`
    INSERT INTO search_entries (workspace_id, document_id, claim_id, kind, source_id, config, body, keywords)
    SELECT d.workspace_id, d.id, NULL, 'text', d.id, search_config(d.language), '', ''
    FROM documents d WHERE d.workspace_id = ${workspace.id}`;
  return { token, documentIds };
}

async function openBenchDatabase(): Promise<{
  db: Database;
  seeded: Seeded;
  cleanup: () => Promise<void>;
}> {
  const url = process.env.BENCH_DATABASE_URL;
  if (url) {
    // A fresh database per run, so earlier runs' rows do not skew the figures.
    const admin = await openDatabase({ kind: 'server', url });
    const name = `factdesk_bench_${process.pid}_${Date.now()}`;
    await admin.sql.unsafe(`CREATE DATABASE ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const db = await openDatabase({ kind: 'server', url: target.toString() });
    return {
      db,
      seeded: await seed(db),
      async cleanup() {
        await admin.sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.close();
      },
    };
  }
  // Created and seeded by a child process that exits before this server opens the folder: the
  // figures start from the memory of a server restarting on a database holding these documents,
  // not one that has just written them (PGlite's memory never shrinks).
  const dataDir = await mkdtemp(join(tmpdir(), 'factdesk-bench-'));
  const seeding = spawnSync(
    process.execPath,
    [...process.execArgv, process.argv[1] ?? '', String(documentCount), `--seed-only=${dataDir}`],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (seeding.status !== 0) throw new Error(`seeding ${dataDir} failed (${seeding.status})`);
  const seeded = JSON.parse(seeding.stdout) as Seeded;
  const db = await openDatabase({ kind: 'embedded', dataDir });
  return {
    db,
    seeded,
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/** `--seed-only=DIR`: creates and seeds the embedded database in DIR, prints what it seeded. */
async function seedOnly(dataDir: string) {
  const db = await openDatabase({ kind: 'embedded', dataDir });
  const seeded = await seed(db);
  await db.close();
  process.stdout.write(JSON.stringify(seeded));
}

async function main() {
  collectGarbageOnSignal();
  const { db, seeded, cleanup } = await openBenchDatabase();
  const { token, documentIds } = seeded;
  // The benchmark opens hundreds of sockets as one user on one document, from one address:
  // raise those limits.
  // BENCH_REDIS_URL: a second instance in this process, sharing the database and documents
  // with the first through Redis (scale-out), for the cross-instance fan-out figure.
  const redisUrl = process.env.BENCH_REDIS_URL;
  const config = loadConfig({
    ...process.env,
    ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_PREFIX: `bench${process.pid}:` } : {}),
    PORT: '0',
    HOST: '127.0.0.1',
    PUBLIC_URL: 'http://127.0.0.1',
    LOG_LEVEL: 'silent',
    COLLAB_MAX_CONNECTIONS_PER_DOCUMENT: '100000',
    COLLAB_MAX_CONNECTIONS_PER_USER: '100000',
    HTTP_MAX_CONNECTIONS_PER_ADDRESS: '0',
    COLLAB_AWARENESS_PER_SECOND: '10000',
    COLLAB_MAX_BUFFERED_BYTES: String(256 * 1024 * 1024),
  });
  const app = await buildApp({ config, db: db.sql, logger: false });
  // The server's own event-loop delay since the previous call, in ms (bench:heavy-update reads
  // it to tell a loop held by our code from a machine too busy to schedule the process).
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  app.get('/bench/loop-delay', { config: { authenticatesItself: true } }, async () => {
    const ms = (ns: number) => Math.round(ns / 1e4) / 100;
    const figures = {
      p50: ms(loopDelay.percentile(50)),
      p99: ms(loopDelay.percentile(99)),
      max: ms(loopDelay.max),
    };
    loopDelay.reset();
    return figures;
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  // The server's main starts the sync thread at launch too; here the figures wait for it.
  await app.heavyWork.warmSyncThread();
  const second = redisUrl ? await buildApp({ config, db: db.sql, logger: false }) : undefined;
  if (second) {
    await second.listen({ port: 0, host: '127.0.0.1' });
    await second.heavyWork.warmSyncThread();
  }
  const portOf = (server: typeof app.server) => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  };
  const port = portOf(app.server);
  const secondPort = second ? portOf(second.server) : undefined;
  process.stdout.write(`${JSON.stringify({ port, secondPort, token, documentIds })}\n`);

  const shutdown = async () => {
    await second?.close();
    await app.close();
    await db.close();
    await cleanup();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}

const seedOnlyDir = process.argv.find((arg) => arg.startsWith('--seed-only='))?.slice(12);
(seedOnlyDir ? seedOnly(seedOnlyDir) : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
