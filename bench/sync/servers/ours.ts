// Starts Factdesk's server for the benchmark: persistence to PostgreSQL on (embedded PGlite in
// a temporary folder, or a fresh database on BENCH_DATABASE_URL), a seeded user, workspace, API
// token and documents; prints {port, token, documentIds} as one JSON line and serves until SIGTERM.
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
import { insertDocument } from '../../../apps/server/src/queries/documents.ts';
import { collectGarbageOnSignal } from './gcOnSignal.ts';

collectGarbageOnSignal();

const documentCount = Number(process.argv[2] ?? '500');

async function openBenchDatabase(): Promise<{ db: Database; cleanup: () => Promise<void> }> {
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
      async cleanup() {
        await admin.sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.close();
      },
    };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'factdesk-bench-'));
  const db = await openDatabase({ kind: 'embedded', dataDir });
  return { db, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
}

async function main() {
  const { db, cleanup } = await openBenchDatabase();
  await migrate(db.sql);
  const user = await createUser(db.sql, {
    email: 'bench@example.com',
    displayName: 'Bench',
    password: 'bench-password-123',
  });
  const workspace = await createWorkspace(db.sql, user.id, 'Bench');
  const { token } = await createApiToken(db.sql, user.id, 'bench');
  const documentIds: string[] = [];
  await db.sql.begin(async (tx) => {
    for (let i = 0; i < documentCount; i++) {
      const row = await insertDocument(tx, {
        workspaceId: workspace.id,
        createdBy: user.id,
        title: `Bench ${i}`,
        textLocked: false,
      });
      documentIds.push(row.id);
    }
  });

  // The benchmark opens hundreds of sockets as one user on one document, from one address:
  // raise those limits.
  const config = loadConfig({
    ...process.env,
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
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port, token, documentIds })}\n`);

  const shutdown = async () => {
    await app.close();
    await db.close();
    await cleanup();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
