// Migration 0010 on a database that already holds claims, evidence and comments: they are
// searchable as soon as it has run (documents' text follows when the server starts).
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

describe('migration 0010', () => {
  it('makes claims, evidence and comments written before it searchable', async () => {
    const db = await createEmptyTestDatabase();
    opened.push(db);
    const { sql } = db;
    const dir = await mkdtemp(join(tmpdir(), 'fdmig10-'));
    dirs.push(dir);
    for (const migration of await loadMigrations()) {
      if (migration.version < 10)
        await cp(join(defaultMigrationsDir(), migration.name), join(dir, migration.name));
    }
    await migrate(sql, dir);

    const [workspace] = await sql<{ id: string }[]>`
      INSERT INTO workspaces (name) VALUES ('Desk') RETURNING id`;
    const [document] = await sql<{ id: string }[]>`
      INSERT INTO documents (workspace_id, title, language)
      VALUES (${workspace?.id ?? ''}, 'Doc', 'fr') RETURNING id`;
    const [claim] = await sql<{ id: string }[]>`
      INSERT INTO claims (document_id, workspace_id, statement, anchor_start, anchor_end,
        quote_exact, current_quote)
      VALUES (${document?.id ?? ''}, ${workspace?.id ?? ''}, 'Les loyers ont doublé',
        'AA==', 'AA==', 'les loyers', 'les loyers')
      RETURNING id`;
    await sql`
      INSERT INTO evidence (claim_id, url, title, kind, stance)
      VALUES (${claim?.id ?? ''}, 'https://www.insee.fr/x', 'Indice des loyers', 'official_data',
        'refutes')`;
    await sql`INSERT INTO claim_comments (claim_id, body) VALUES (${claim?.id ?? ''}, 'Vérifié')`;

    const applied = await migrate(sql);
    expect(applied).toContain('0010_search.sql');
    const entries = await sql<{ kind: string; config: string; matches: boolean }[]>`
      SELECT kind, config::text AS config,
        tsv @@ to_tsquery('search_french', 'loyers | insee | verifie') AS matches
      FROM search_entries ORDER BY kind`;
    expect(entries).toEqual([
      { kind: 'claim', config: 'search_french', matches: true },
      { kind: 'comment', config: 'search_french', matches: true },
      { kind: 'evidence', config: 'search_french', matches: true },
    ]);
  });
});
