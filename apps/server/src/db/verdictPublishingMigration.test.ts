// Migration 0007 on a database that already holds approved claims: they are frozen on the
// scale in force when it runs (the workspace's own, else the default), so upgrading never
// leaves a published verdict following later scale changes.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmptyTestDatabase } from '../testing/emptyTestDatabase.ts';
import type { Database } from './database.ts';
import { defaultMigrationsDir, loadMigrations, migrate } from './migrate.ts';

const opened: Database[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(opened.map((db) => db.close()));
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A migrations folder with the migrations before 0007 only. */
async function migrationsBefore0007(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fdmig7-'));
  dirs.push(dir);
  for (const migration of await loadMigrations()) {
    if (migration.version < 7)
      await cp(join(defaultMigrationsDir(), migration.name), join(dir, migration.name));
  }
  return dir;
}

describe('migration 0007', () => {
  it('freezes claims approved before it on the scale then in force', async () => {
    const db = await createEmptyTestDatabase();
    opened.push(db);
    const { sql } = db;
    await migrate(sql, await migrationsBefore0007());

    const [user] = await sql<{ id: string }[]>`
      INSERT INTO users (email, display_name, password_hash) VALUES ('a@example.com', 'A', 'x')
      RETURNING id`;
    const custom = {
      bestRating: 10,
      worstRating: 0,
      labels: [
        { key: 'false', label: 'Pants on fire', ratingValue: 0 },
        { key: 'unverifiable', label: 'Unverifiable', ratingValue: null },
      ],
    };
    const [plain] = await sql<{ id: string }[]>`
      INSERT INTO workspaces (name) VALUES ('Default scale') RETURNING id`;
    const [own] = await sql<{ id: string }[]>`
      INSERT INTO workspaces (name, verdict_scale) VALUES ('Own scale', ${sql.json(custom)})
      RETURNING id`;
    const claimIn = async (workspaceId: string, status: string, verdict: string) => {
      const [document] = await sql<{ id: string }[]>`
        INSERT INTO documents (workspace_id, title, created_by)
        VALUES (${workspaceId}, 'Doc', ${user?.id ?? null}) RETURNING id`;
      const [claim] = await sql<{ id: string }[]>`
        INSERT INTO claims (document_id, workspace_id, status, verdict, anchor_start, anchor_end,
          quote_exact, current_quote)
        VALUES (${document?.id ?? null}, ${workspaceId}, ${status}, ${verdict}, 'AQ==', 'Ag==', 'q', 'q')
        RETURNING id`;
      return claim?.id ?? '';
    };
    const approvedDefault = await claimIn(plain?.id ?? '', 'approved', 'mostly_true');
    const approvedUnrated = await claimIn(own?.id ?? '', 'approved', 'unverifiable');
    const approvedOwn = await claimIn(own?.id ?? '', 'approved', 'false');
    const proposed = await claimIn(own?.id ?? '', 'verdict_proposed', 'false');

    // 0007 first; later migrations follow it.
    expect((await migrate(sql))[0]).toBe('0007_verdict_publishing.sql');

    const frozen = async (id: string) => {
      const [row] = await sql`
        SELECT approved_label, approved_rating, approved_best_rating, approved_worst_rating,
          approval_override FROM claims WHERE id = ${id}`;
      return row;
    };
    expect(await frozen(approvedDefault)).toEqual({
      approved_label: 'Mostly true',
      approved_rating: 4,
      approved_best_rating: 5,
      approved_worst_rating: 1,
      approval_override: false,
    });
    expect(await frozen(approvedOwn)).toMatchObject({
      approved_label: 'Pants on fire',
      approved_rating: 0,
      approved_best_rating: 10,
      approved_worst_rating: 0,
    });
    expect(await frozen(approvedUnrated)).toMatchObject({
      approved_label: 'Unverifiable',
      approved_rating: null,
    });
    // Not approved: nothing frozen, it follows the scale.
    expect(await frozen(proposed)).toMatchObject({ approved_label: null, approved_rating: null });
    const [workspace] = await sql`SELECT four_eyes FROM workspaces WHERE id = ${plain?.id ?? ''}`;
    expect(workspace).toEqual({ four_eyes: true });
  });
});
