// Forward-only SQL migrations: files NNNN_name.sql applied in order, each in its own
// transaction, recorded in schema_migrations. Safe to run from several processes at once.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Sql } from './database.ts';

const MIGRATION_FILE = /^(\d{4})_[a-z0-9_]+\.sql$/;
// Any fixed number: serialises concurrent migrators (two replicas starting together).
const MIGRATION_LOCK_KEY = 4_242_001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Source tree: src/db/migrations; built bundle: dist/migrations (copied by the build). */
export function defaultMigrationsDir(): string {
  return fileURLToPath(new URL('./migrations/', import.meta.url));
}

export async function loadMigrations(dir = defaultMigrationsDir()): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => MIGRATION_FILE.test(file)).sort();
  return Promise.all(
    files.map(async (name) => ({
      version: Number(name.slice(0, 4)),
      name,
      sql: await readFile(`${dir}/${name}`, 'utf8'),
    })),
  );
}

/** Applies pending migrations; returns the names of those it applied. */
export async function migrate(sql: Sql, dir?: string): Promise<string[]> {
  const migrations = await loadMigrations(dir);
  // Under the lock too: two concurrent CREATE TABLE IF NOT EXISTS can both try to create
  // the table's row type and one fails with a unique violation on pg_type.
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
    await tx`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`;
  });
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await sql.begin(async (tx) => {
      await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
      const [row] = await tx`SELECT 1 FROM schema_migrations WHERE version = ${migration.version}`;
      if (row) return false;
      await tx.unsafe(migration.sql);
      await tx`INSERT INTO schema_migrations (version, name) VALUES (${migration.version}, ${migration.name})`;
      return true;
    });
    if (done) applied.push(migration.name);
  }
  return applied;
}
