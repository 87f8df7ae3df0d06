import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../testing/testDatabase.ts';
import { PostgresPersistence } from './PostgresPersistence.ts';

let db: Database;
let workspaceId: string;
beforeAll(async () => {
  db = await createTestDatabase();
  const [workspace] = await db.sql<{ id: string }[]>`
    INSERT INTO workspaces (name) VALUES ('Desk') RETURNING id`;
  workspaceId = workspace!.id;
});
afterAll(() => db.close());

async function newDocument(): Promise<string> {
  const [row] = await db.sql<{ id: string }[]>`
    INSERT INTO documents (workspace_id, title) VALUES (${workspaceId}, 'Article') RETURNING id`;
  return row!.id;
}

/** Types `text` into a Y.Doc one character per update, returning each update. */
function typedUpdates(text: string): { doc: Y.Doc; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const ytext = doc.getText('t');
  for (const [i, char] of [...text].entries()) ytext.insert(i, char);
  return { doc, updates };
}

function textOf(state: Uint8Array | null): string {
  const doc = new Y.Doc();
  if (state) Y.applyUpdate(doc, state);
  return doc.getText('t').toString();
}

describe('PostgreSQL persistence of Yjs documents', () => {
  it('loads nothing for a document that has never been edited', async () => {
    const persistence = new PostgresPersistence(db.sql);
    expect(await persistence.load(await newDocument())).toBeNull();
  });

  it('loads back exactly what was appended, batch by batch', async () => {
    const persistence = new PostgresPersistence(db.sql);
    const id = await newDocument();
    const { updates } = typedUpdates('Fact-check me, please');
    await persistence.append(id, updates.slice(0, 5));
    await persistence.append(id, updates.slice(5));
    expect(textOf(await persistence.load(id))).toBe('Fact-check me, please');
    const rows = await db.sql`SELECT 1 FROM doc_updates WHERE document_id = ${id}`;
    expect(rows).toHaveLength(updates.length);
  });

  it('compacts the log into a snapshot without losing content', async () => {
    const persistence = new PostgresPersistence(db.sql, { compactAfterUpdates: 10 });
    const id = await newDocument();
    const { updates } = typedUpdates('The minister said unemployment fell by half.');
    await persistence.append(id, updates);
    await persistence.compact(id);
    const log = await db.sql`SELECT 1 FROM doc_updates WHERE document_id = ${id}`;
    expect(log).toHaveLength(0);
    const [snapshot] = await db.sql`SELECT 1 FROM doc_snapshots WHERE document_id = ${id}`;
    expect(snapshot).toBeDefined();
    expect(textOf(await persistence.load(id))).toBe('The minister said unemployment fell by half.');
  });

  it('keeps updates appended after a compaction on top of the snapshot', async () => {
    const persistence = new PostgresPersistence(db.sql);
    const id = await newDocument();
    const { doc, updates } = typedUpdates('abc');
    await persistence.append(id, updates);
    await persistence.compact(id);
    const later: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => later.push(update));
    doc.getText('t').insert(3, 'def');
    await persistence.append(id, later);
    expect(textOf(await persistence.load(id))).toBe('abcdef');
  });

  it('two instances compacting at once, with appends between, keep every update', async () => {
    const [one, two] = [new PostgresPersistence(db.sql), new PostgresPersistence(db.sql)];
    const id = await newDocument();
    const { updates } = typedUpdates('abcdefghijklmnopqrst');
    await one.append(id, updates.slice(0, 10));
    // Each merges outside its transaction: whichever writes second finds its read outdated.
    const compactions = [one.compact(id), two.append(id, updates.slice(10, 15)), two.compact(id)];
    await Promise.all(compactions);
    await one.append(id, updates.slice(15));
    await one.compact(id);
    expect(textOf(await two.load(id))).toBe('abcdefghijklmnopqrst');
    const log = await db.sql`SELECT 1 FROM doc_updates WHERE document_id = ${id}`;
    expect(log).toHaveLength(0);
  });

  it('compacts in the background once the log passes the threshold, while appends go on', async () => {
    const persistence = new PostgresPersistence(db.sql, { compactAfterUpdates: 20 });
    const id = await newDocument();
    const { updates } = typedUpdates('x'.repeat(100));
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        persistence.append(id, updates.slice(i * 10, i * 10 + 10)),
      ),
    );
    // Background work: on a loaded machine it can take longer than poll's default second.
    await expect
      .poll(
        async () => (await db.sql`SELECT 1 FROM doc_snapshots WHERE document_id = ${id}`).length,
        { timeout: 15_000 },
      )
      .toBe(1);
    expect(textOf(await persistence.load(id))).toBe('x'.repeat(100));
  });

  it("stores several documents' updates in one INSERT and loads each back", async () => {
    const persistence = new PostgresPersistence(db.sql);
    const [first, second] = [await newDocument(), await newDocument()];
    await persistence.appendMany([
      { documentId: first, updates: typedUpdates('one').updates },
      { documentId: second, updates: typedUpdates('two').updates },
    ]);
    expect(textOf(await persistence.load(first))).toBe('one');
    expect(textOf(await persistence.load(second))).toBe('two');
    const rows = await db.sql<{ xid: string }[]>`
      SELECT DISTINCT xmin::text AS xid FROM doc_updates WHERE document_id IN (${first}, ${second})`;
    expect(rows).toHaveLength(1);
  });

  it('stores none of them when one document is gone (the sync core then appends each alone)', async () => {
    const persistence = new PostgresPersistence(db.sql);
    const [kept, deleted] = [await newDocument(), await newDocument()];
    await db.sql`DELETE FROM documents WHERE id = ${deleted}`;
    await expect(
      persistence.appendMany([
        { documentId: kept, updates: typedUpdates('kept').updates },
        { documentId: deleted, updates: typedUpdates('gone').updates },
      ]),
    ).rejects.toMatchObject({ code: '23503' });
    expect(await persistence.load(kept)).toBeNull();
    await persistence.append(deleted, typedUpdates('gone').updates); // dropped, not thrown
    await persistence.append(kept, typedUpdates('kept').updates);
    expect(textOf(await persistence.load(kept))).toBe('kept');
  });
});
