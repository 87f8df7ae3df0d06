// SQL of the storage probe: a one-row write, and the recycling of a pool's sessions.
import type { Sql } from '../db/database.ts';

/** Rewrites the probe row: fails exactly when a save would (read-only, disk full, unreachable). */
export async function writeStorageProbe(sql: Sql): Promise<void> {
  await sql`UPDATE storage_probe SET probed_at = now() WHERE id = 1`;
}

/**
 * Ends a pool's idle sessions (recognised by their application_name), run from a connection of
 * its own: the next queries open new sessions that take the database's current settings (a
 * session opened while the database was read-only stays read-only until it ends).
 */
export async function terminateIdleSessions(sql: Sql, applicationName: string): Promise<void> {
  await sql`
    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
    WHERE datname = current_database() AND application_name = ${applicationName}
      AND state = 'idle' AND pid <> pg_backend_pid()`;
}
