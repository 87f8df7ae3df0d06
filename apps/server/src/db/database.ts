// Opens the database the server and the command line share: a PostgreSQL server when a
// URL is given, otherwise an embedded PostgreSQL (PGlite) persisted in the data directory.
// Both are reached through postgres.js, so the same queries and migrations run on both.
import { randomUUID } from 'node:crypto';
import { access, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { StartupError } from '../errors.ts';
import { terminateIdleSessions } from '../queries/storageProbe.ts';
import { describeSystemError } from '../systemErrorText.ts';
import { acquireDataDirLock, type DataDirLock } from './dataDirLock.ts';
import {
  crashThread,
  createInThread,
  PgliteThreadError,
  type ServingThread,
  serveInThread,
} from './PgliteThread.ts';

/** A connection pool: can run queries and start transactions. */
export type Sql = postgres.Sql;
/** Anything queries can run on: the pool or an open transaction. */
export type Queryable = postgres.Sql | postgres.TransactionSql;

export type DatabaseTarget =
  | { kind: 'server'; url: string }
  | { kind: 'embedded'; dataDir: string }
  /** `archive`: a PGlite archive of a data folder to start from (tests' migrated template). */
  | { kind: 'memory'; archive?: string };

export interface Database {
  sql: Sql;
  kind: DatabaseTarget['kind'];
  /** Ends the connections (and, for the embedded database, closes it cleanly). */
  close(): Promise<void>;
}

const recyclers = new WeakMap<Sql, () => Promise<void>>();

/**
 * Replaces the idle sessions of a pool opened here for a PostgreSQL server, so they pick up
 * the database's current settings (read-only no more, or a new primary after a failover).
 * Undefined for the embedded database: its single session has nothing to catch up with.
 */
export function sessionRecyclerOf(sql: Sql): (() => Promise<void>) | undefined {
  return recyclers.get(sql);
}

// postgres.js would log NOTICEs (e.g. "relation already exists, skipping") to the console.
const quiet = { onnotice: () => {} };

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'server') {
    // A name of this pool's own, so its sessions can be recycled (recycleSessions).
    const application_name = `factdesk-pool-${randomUUID().slice(0, 8)}`;
    const sql = postgres(target.url, {
      ...quiet,
      max: 10,
      connect_timeout: 10,
      connection: { application_name },
      // Reconnect attempts back off to a quarter second, not postgres.js's 20 s: after an
      // outage saves resume as soon as the database answers (StorageHealth probes it).
      backoff: (retries: number) => Math.min(0.02 * 2 ** retries, 0.25),
    });
    try {
      await sql`select 1`;
    } catch (error) {
      await sql.end({ timeout: 1 });
      throw new StartupError(
        `Cannot reach the PostgreSQL server in DATABASE_URL (${withoutPassword(target.url)}): ${describeSystemError(error)}.`,
      );
    }
    recyclers.set(sql, async () => {
      // From a connection of its own: a pool session ending itself under postgres.js can crash
      // the driver (a write scheduled on the closed socket).
      const outside = postgres(target.url, { ...quiet, max: 1 });
      try {
        await terminateIdleSessions(outside, application_name);
      } finally {
        await outside.end({ timeout: 1 });
      }
    });
    return { sql, kind: 'server', close: () => sql.end({ timeout: 5 }) };
  }
  return openEmbedded(target);
}

async function openEmbedded(
  target: { kind: 'embedded'; dataDir: string } | { kind: 'memory'; archive?: string },
) {
  let lock: DataDirLock | undefined;
  let dataUri = 'memory://';
  if (target.kind === 'embedded') {
    try {
      await mkdir(target.dataDir, { recursive: true });
      lock = await acquireDataDirLock(target.dataDir);
    } catch (error) {
      if (error instanceof StartupError) throw error;
      throw new StartupError(
        `DATA_DIR ${target.dataDir} cannot hold the embedded database: ${describeSystemError(error)}. Set DATA_DIR to a folder this user can write.`,
      );
    }
    dataUri = join(target.dataDir, 'pg');
  }
  // PGlite runs in a worker thread of its own (PgliteThread): its WebAssembly memory and CPU
  // stay off this event loop. One postgres.js connection reaches it through a private Unix
  // socket, in a fresh 0700 temporary folder, so no other local user can reach the database.
  const socketDir = await mkdtemp(join(tmpdir(), 'factdesk-pg-'));
  const socketPath = join(socketDir, '.s.PGSQL.5432');
  const where = target.kind === 'embedded' ? `in ${target.dataDir}` : 'in memory';
  let thread: ServingThread;
  try {
    // Creating a database (initdb) leaves ~500 MB of WebAssembly memory behind for the life of
    // its thread: it runs in a thread that then exits, and another opens the result.
    if (target.kind === 'embedded' && !(await exists(join(dataUri, 'PG_VERSION')))) {
      await createInThread(dataUri);
    }
    const archive = target.kind === 'memory' ? target.archive : undefined;
    thread = await serveInThread(dataUri, socketPath, archive);
  } catch (error) {
    await rm(socketDir, { recursive: true, force: true });
    await lock?.release();
    if (error instanceof PgliteThreadError) {
      throw new StartupError(`The embedded database ${where} cannot be opened: ${error.message}.`);
    }
    throw error;
  }

  let closing = false;
  let reopening: Promise<void> | undefined;
  // A thread that dies on its own is reported and, for a data folder, reopened (PostgreSQL
  // recovers from its WAL as after a crash); meanwhile queries fail as unreachable, so saves
  // are retried and /healthz says storage is down (StorageHealth) until the probe gets through.
  const watch = (current: ServingThread) => {
    void current.ended.then(({ crashed, reason }) => {
      if (!crashed || closing) return;
      if (target.kind === 'memory') {
        console.error(
          `factdesk: the embedded database in memory stopped (${reason}); its data is gone, queries fail from now on.`,
        );
        return;
      }
      console.error(`factdesk: the embedded database ${where} stopped (${reason}); reopening it.`);
      reopening = serveInThread(dataUri, socketPath).then(
        (next) => {
          thread = next;
          crashers.set(sql, () => crashThread(next));
          watch(next);
          console.error(`factdesk: the embedded database ${where} is open again.`);
        },
        (error: unknown) => {
          console.error(
            `factdesk: the embedded database ${where} cannot be reopened (${error instanceof Error ? error.message : String(error)}); saves fail until the server restarts.`,
          );
        },
      );
    });
  };
  watch(thread);
  const sql = postgres({ ...quiet, path: socketPath, database: 'postgres', max: 1 });
  crashers.set(sql, () => crashThread(thread));
  return {
    sql,
    kind: target.kind,
    async close() {
      closing = true;
      await sql.end({ timeout: 5 });
      await reopening;
      await thread.close();
      await rm(socketDir, { recursive: true, force: true });
      await lock?.release();
    },
  } satisfies Database;
}

const crashers = new WeakMap<Sql, () => Promise<void>>();

/**
 * Ends the embedded database's thread at once, as a crash would (no clean close), for tests of
 * what follows; a no-op for a PostgreSQL server.
 */
export async function crashEmbeddedThread(sql: Sql): Promise<void> {
  await crashers.get(sql)?.();
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** The URL as people may see it in a message: the password replaced by ***. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparseable URL';
  }
}
