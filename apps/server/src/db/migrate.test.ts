// The migration contract, run on both databases: the embedded PostgreSQL (PGlite) and a
// PostgreSQL server (FACTDESK_TEST_DB=server). Each test starts from an empty database.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmptyTestDatabase } from '../testing/emptyTestDatabase.ts';
import type { Database } from './database.ts';
import { loadMigrations, migrate } from './migrate.ts';

const opened: Database[] = [];
const tempDirs: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function emptyDatabase(): Promise<Database> {
  const db = await createEmptyTestDatabase();
  opened.push(db);
  return db;
}

async function appliedVersions(db: Database): Promise<number[]> {
  const rows = await db.sql<{ version: number }[]>`
    SELECT version FROM schema_migrations ORDER BY version`;
  return rows.map((row) => row.version);
}

async function tableExists(db: Database, name: string): Promise<boolean> {
  const [row] = await db.sql<{ exists: boolean }[]>`
    SELECT to_regclass(${`public.${name}`}) IS NOT NULL AS exists`;
  return row?.exists ?? false;
}

/** A migrations folder holding the given files. */
async function migrationsDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fdmig-'));
  tempDirs.push(dir);
  for (const [name, sql] of Object.entries(files)) await writeFile(join(dir, name), sql);
  return dir;
}

describe('migrations', () => {
  it('apply every migration once, in order, recorded in schema_migrations; a second run applies nothing', async () => {
    const db = await emptyDatabase();
    const migrations = await loadMigrations();
    expect(migrations.length).toBeGreaterThan(0);

    const applied = await migrate(db.sql);

    expect(applied).toEqual(migrations.map((m) => m.name));
    const rows = await db.sql<{ version: number; name: string; applied_at: Date }[]>`
      SELECT version, name, applied_at FROM schema_migrations ORDER BY version`;
    expect(rows.map((row) => [row.version, row.name])).toEqual(
      migrations.map((m) => [m.version, m.name]),
    );
    for (const row of rows) expect(row.applied_at).toBeInstanceOf(Date);
    expect(await tableExists(db, 'users')).toBe(true);
    expect(await tableExists(db, 'documents')).toBe(true);

    await db.sql`INSERT INTO workspaces (name) VALUES ('Kept')`;
    expect(await migrate(db.sql)).toEqual([]);
    expect(
      await db.sql`SELECT version, name, applied_at FROM schema_migrations ORDER BY version`,
    ).toEqual(rows);
    expect(await db.sql`SELECT name FROM workspaces`).toEqual([{ name: 'Kept' }]);
  });

  it('let two concurrent runs on one database both succeed, applying each migration once', async () => {
    const db = await emptyDatabase();
    const migrations = await loadMigrations();

    // On a PostgreSQL server (several connections) this failed with "duplicate key value
    // violates unique constraint pg_type_typname_nsp_index": migrate() creates
    // schema_migrations (CREATE TABLE IF NOT EXISTS, which is not race-free) before it takes
    // the advisory lock that serialises migrators.
    const [first, second] = await Promise.all([migrate(db.sql), migrate(db.sql)]);

    // Between them the two runs applied every migration, and none twice.
    expect([...first, ...second].sort()).toEqual(migrations.map((m) => m.name));
    expect(await appliedVersions(db)).toEqual(migrations.map((m) => m.version));
  });

  it('roll back a failing migration completely, keep the ones before it, report the error, and apply it once fixed', async () => {
    const db = await emptyDatabase();
    const first = 'CREATE TABLE contract_first (id integer PRIMARY KEY);';
    const broken = await migrationsDir({
      '0001_first.sql': first,
      '0002_second.sql': `
        CREATE TABLE contract_second (id integer PRIMARY KEY);
        INSERT INTO contract_first (id) VALUES (1);
        SELECT * FROM contract_no_such_table;`,
    });

    await expect(migrate(db.sql, broken)).rejects.toThrow(/contract_no_such_table/);

    expect(await appliedVersions(db)).toEqual([1]);
    expect(await tableExists(db, 'contract_first')).toBe(true);
    expect(await tableExists(db, 'contract_second')).toBe(false);
    expect(await db.sql`SELECT id FROM contract_first`).toEqual([]);

    // Only files named NNNN_name.sql are migrations: the others are never run.
    const fixed = await migrationsDir({
      '0001_first.sql': first,
      '0002_second.sql':
        'CREATE TABLE contract_second (id integer REFERENCES contract_first (id));',
      'README.md': 'not SQL',
      '0003_draft.sql.bak': 'SELECT broken',
      '4_short.sql': 'SELECT broken',
    });
    expect(await migrate(db.sql, fixed)).toEqual(['0002_second.sql']);
    expect(await appliedVersions(db)).toEqual([1, 2]);
    expect(await tableExists(db, 'contract_second')).toBe(true);
  });
});
