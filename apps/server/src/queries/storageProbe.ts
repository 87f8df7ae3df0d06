// SQL of the storage probe: a one-row write, and the recycling of this pool's connections.
import type { Sql } from '../db/database.ts';

/** Rewrites the probe row: fails exactly when a save would (read-only, disk full, unreachable). */
export async function writeStorageProbe(sql: Sql): Promise<void> {
  await sql`UPDATE storage_probe SET probed_at = now() WHERE id = 1`;
}

/** application_name prefix of pools opened by openDatabase for a PostgreSQL server. */
export const POOL_APPLICATION_PREFIX = 'factdesk-pool-';

/**
 * Ends this pool's idle sessions and then the one it runs on, so the next queries open new
 * ones that take the database's current settings (a session opened while the database was
 * read-only stays read-only until it ends). Only for pools of a PostgreSQL server, recognised
 * by their application_name; a no-op otherwise (the embedded database has one session).
 */
export async function recycleSessions(sql: Sql): Promise<void> {
  const session = await sql.reserve();
  try {
    const [row] = await session<{ name: string }[]>`
      SELECT current_setting('application_name') AS name`;
    if (!row?.name.startsWith(POOL_APPLICATION_PREFIX)) return;
    await session`
      SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = ${row.name}
        AND state = 'idle' AND pid <> pg_backend_pid()`;
    await session`SELECT pg_terminate_backend(pg_backend_pid())`.catch(() => {
      // ends this very session: the error is the point
    });
  } finally {
    session.release();
  }
}
