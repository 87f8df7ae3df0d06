// Starts the server of ours for the benchmarks as people run it: the bundle `pnpm build`
// produced (apps/server/dist/main.js, built first when stale), spawned with its config in the
// environment — never the TypeScript sources through tsx, whose transform (esbuild's kept
// function names, a property on every closure) made ours ~2 KiB heavier per document than what
// ships. The database is seeded first by seedOurs.ts in a process of its own; benchProbe.mjs is
// preloaded to answer the harness's memory and event-loop samples.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../../apps/server/src/db/database.ts';
import {
  type ServerProcess,
  startServerProcess,
  stopChild,
} from '../../../apps/server/src/testing/serverProcess.ts';
import { ensureBuilt } from '../../../scripts/ensureBuilt.mjs';
import type { Seeded } from './seedOurs.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** Node flags of every benchmarked server, ours and the peers: see benchProbe.mjs. */
export const PROBE_FLAGS = ['--expose-gc', '--import', join(here, 'benchProbe.mjs')];
/** Seeding 10,000 documents, then starting on them, on a loaded 2-core machine. */
const STARTUP_MS = 240_000;

export interface OursOptions {
  documents: number;
  /**
   * A PostgreSQL server (its URL, any database): a fresh database is created on it for this
   * run and dropped after. Without it, embedded PGlite in a temporary folder.
   */
  databaseUrl?: string;
  /** Two or more instances sharing the documents through Redis (needs `databaseUrl`). */
  instances?: number;
  redisUrl?: string;
  /** More node flags (BENCH_SERVER_FLAGS, --heapsnapshot-signal…) and the server's folder. */
  nodeFlags?: string[];
  cwd?: string;
}

export interface OursStarted extends Seeded {
  instances: ServerProcess[];
  /** Stops every instance, waits until they have exited, then removes the database. */
  stop(): Promise<void>;
}

/** The limits a newsroom needs and the benchmark's crowds exceed, raised. */
const BENCH_LIMITS = {
  COLLAB_MAX_CONNECTIONS_PER_DOCUMENT: '100000',
  COLLAB_MAX_CONNECTIONS_PER_USER: '100000',
  HTTP_MAX_CONNECTIONS_PER_ADDRESS: '0',
  COLLAB_AWARENESS_PER_SECOND: '10000',
  COLLAB_MAX_BUFFERED_BYTES: String(256 * 1024 * 1024),
};

export async function startOurs(options: OursOptions): Promise<OursStarted> {
  ensureBuilt(['server']);
  const count = options.instances ?? 1;
  if (count > 1 && (!options.databaseUrl || !options.redisUrl)) {
    throw new Error('instances sharing documents need a PostgreSQL server and Redis');
  }
  const database = options.databaseUrl
    ? await createDatabase(options.databaseUrl)
    : await createDataDir();
  const instances: ServerProcess[] = [];
  try {
    const seeded = seed(options.documents, database.seedArgument);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...BENCH_LIMITS,
      ...database.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      REDIS_URL: count > 1 ? options.redisUrl : '',
      REDIS_PREFIX: `bench${process.pid}:`,
    };
    const nodeFlags = [...PROBE_FLAGS, ...(options.nodeFlags ?? [])];
    for (let i = 0; i < count; i++) {
      instances.push(await startServerProcess(env, STARTUP_MS, { nodeFlags, cwd: options.cwd }));
    }
    return {
      ...seeded,
      instances,
      async stop() {
        await Promise.all(instances.map((instance) => stopChild(instance.child)));
        await database.remove();
      },
    };
  } catch (error) {
    await Promise.all(instances.map((instance) => stopChild(instance.child)));
    await database.remove();
    throw error;
  }
}

interface BenchDatabase {
  seedArgument: string;
  env: NodeJS.ProcessEnv;
  remove(): Promise<void>;
}

async function createDataDir(): Promise<BenchDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'factdesk-bench-'));
  return {
    seedArgument: `--data-dir=${dataDir}`,
    env: { DATA_DIR: dataDir, DATABASE_URL: '' },
    remove: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/** A fresh database per run, so earlier runs' rows do not skew the figures. */
async function createDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `factdesk_bench_${process.pid}_${Date.now()}`;
  const admin = await openDatabase({ kind: 'server', url: serverUrl });
  try {
    await admin.sql.unsafe(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  return {
    seedArgument: `--database-url=${target}`,
    env: { DATABASE_URL: target.toString() },
    async remove() {
      const cleaner = await openDatabase({ kind: 'server', url: serverUrl });
      try {
        await cleaner.sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleaner.close();
      }
    },
  };
}

function seed(documents: number, databaseArgument: string): Seeded {
  const seeding = spawnSync(
    process.execPath,
    [
      '--import',
      import.meta.resolve('tsx'),
      join(here, 'seedOurs.ts'),
      String(documents),
      databaseArgument,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (seeding.status !== 0) throw new Error(`seeding the database failed (${seeding.status})`);
  return JSON.parse(seeding.stdout) as Seeded;
}
