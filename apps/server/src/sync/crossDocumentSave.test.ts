// One save across documents per window: the batches of every document edited in a window are
// stored by one INSERT (one transaction), and a document whose rows the database refuses
// neither loses nor holds up the others' edits; it is retried on its own.
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../testing/documentFactories.ts';
import { buildWorkspace } from '../testing/factories.ts';
import {
  eventually,
  openClient,
  paragraphText,
  savedAll,
  synced,
  tokenFor,
  useSyncApp,
} from '../testing/syncClients.ts';

describe('saves across documents', () => {
  const sync = useSyncApp();
  const { clients } = sync;

  async function twoDocuments() {
    const { owner, workspaceId } = await buildWorkspace(sync.t);
    const token = await tokenFor(sync.t, owner);
    const documents = await Promise.all(
      [0, 1].map(() => buildDocument(sync.t.db.sql, { workspaceId, createdBy: owner.id })),
    );
    const [a, b] = documents.map((document) => openClient(sync.t.wsUrl, document.id, token));
    clients.push(a!, b!);
    await Promise.all(clients.map(synced));
    const [row] = await sync.t.db.sql<{ last: string }[]>`
      SELECT coalesce(max(id), 0)::text AS last FROM doc_updates`;
    return { ids: documents.map((document) => document.id), a: a!, b: b!, since: row!.last };
  }

  it("stores two documents' edits of one window in one transaction", async () => {
    const { ids, a, b, since } = await twoDocuments();
    paragraphText(a.doc).insert(0, 'first document');
    paragraphText(b.doc).insert(0, 'second document');
    await eventually(() => savedAll(a) && savedAll(b), 'both documents saved');
    const rows = await sync.t.db.sql<{ document_id: string; xid: string }[]>`
      SELECT document_id, xmin::text AS xid FROM doc_updates WHERE id > ${since}`;
    expect(new Set(rows.map((row) => row.document_id))).toEqual(new Set(ids));
    expect(new Set(rows.map((row) => row.xid)).size).toBe(1);
  });

  it("a document the database refuses does not lose or hold up the other's edits", async () => {
    const { ids, a, b } = await twoDocuments();
    const sql = sync.t.db.sql;
    // A real refusal by the database (as a constraint would), for the first document only.
    await sql.unsafe(`
      CREATE FUNCTION refuse_test_document() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.document_id = '${ids[0]}' THEN RAISE EXCEPTION 'refused for the test'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_test_document BEFORE INSERT ON doc_updates
        FOR EACH ROW EXECUTE FUNCTION refuse_test_document();`);
    try {
      paragraphText(a.doc).insert(0, 'refused for now');
      paragraphText(b.doc).insert(0, 'stored anyway');
      await eventually(() => savedAll(b), 'the second document saved');
      expect(savedAll(a)).toBe(false);
      const stored = await sql<{ document_id: string }[]>`
        SELECT DISTINCT document_id FROM doc_updates WHERE document_id IN ${sql(ids)}`;
      expect(stored.map((row) => row.document_id)).toEqual([ids[1]]);
      // The second document's next window is not held up by the first one's retries.
      paragraphText(b.doc).insert(0, 'more ');
      await eventually(() => savedAll(b), 'the second document saved again');
      expect(savedAll(a)).toBe(false);
    } finally {
      await sql.unsafe(`
        DROP TRIGGER refuse_test_document ON doc_updates;
        DROP FUNCTION refuse_test_document();`);
    }
    await eventually(() => savedAll(a), 'the first document saved once the database accepts it');
  });
});
