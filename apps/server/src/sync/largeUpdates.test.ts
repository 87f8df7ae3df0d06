// Large updates (COLLAB_LARGE_UPDATE_BYTES and above) are checked in the worker pool and applied
// in slices over several event-loop turns. What a writer sees must not change: a large paste
// arrives whole at every reader and in PostgreSQL with nothing pending, the writer's edits sent
// right after it arrive after it, and what the checks refuse on the event loop is refused here.
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildDocument } from '../testing/documentFactories.ts';
import { buildWorkspace } from '../testing/factories.ts';
import {
  articleString,
  eventually,
  openClient,
  paragraphText,
  rawSocket,
  type SyncTestApp,
  savedAll,
  startSyncApp,
  synced,
  type TestClient,
  tokenFor,
} from '../testing/syncClients.ts';
import { PostgresPersistence } from './PostgresPersistence.ts';

function syncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** `count` one-character structs typed at the front of the writer's paragraph, in one transaction. */
function pasteStructs(doc: Y.Doc, count: number): void {
  const text = paragraphText(doc);
  doc.transact(() => {
    for (let i = 0; i < count; i++) text.insert(0, String.fromCharCode(97 + (i % 26)));
  });
}

describe('large updates', () => {
  let t: SyncTestApp;
  let token: string;
  let documentId: string;
  const clients: TestClient[] = [];
  beforeEach(async () => {
    t = await startSyncApp({
      COLLAB_MAX_CONNECTIONS_PER_USER: '1000',
      COLLAB_LARGE_UPDATE_BYTES: '4096',
      COLLAB_SLICE_STRUCTS: '500',
    });
    await t.app.heavyWork.warmSyncThread(); // its start-up would eat the test's waits
    const { owner, workspaceId } = await buildWorkspace(t);
    token = await tokenFor(t, owner);
    documentId = (await buildDocument(t.db.sql, { workspaceId, createdBy: owner.id })).id;
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await t.close();
  });

  it('a 20,000-struct paste reaches readers and PostgreSQL whole, and later edits come after it', async () => {
    const writer = openClient(t.wsUrl, documentId, token);
    const reader = openClient(t.wsUrl, documentId, token);
    clients.push(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);
    paragraphText(writer.doc).insert(0, 'start');
    await eventually(() => articleString(reader.doc) === articleString(writer.doc), 'in step');

    // The paste, then at once ten small edits that build on it (typed after its text).
    const updates: Uint8Array[] = [];
    writer.doc.on('update', (update: Uint8Array) => updates.push(update));
    pasteStructs(writer.doc, 20_000);
    const text = paragraphText(writer.doc);
    for (let i = 0; i < 10; i++) text.insert(text.length, `|${i}`);
    expect(updates[0]?.byteLength).toBeGreaterThan(4096); // the paste takes the worker path

    await eventually(
      () => articleString(reader.doc) === articleString(writer.doc),
      'the reader has the paste and the edits after it',
      20_000,
    );
    expect(reader.doc.store.pendingStructs).toBeNull();
    await eventually(() => savedAll(writer), 'saved', 20_000);
    const stored = await new PostgresPersistence(t.db.sql).load(documentId);
    const restored = new Y.Doc();
    Y.applyUpdate(restored, stored as Uint8Array);
    expect(restored.store.pendingStructs).toBeNull();
    expect(restored.store.pendingDs).toBeNull();
    expect(articleString(restored)).toBe(articleString(writer.doc));
  });

  it('a large update the schema refuses closes with 4403, also when the check needs the document', async () => {
    const writer = openClient(t.wsUrl, documentId, token);
    clients.push(writer);
    await synced(writer);
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', 2 as unknown as string);
    heading.insert(0, [new Y.XmlText('Title')]);
    writer.doc.getXmlFragment('article').insert(0, [heading]);
    await eventually(() => savedAll(writer), 'the heading saved');

    // On a copy: a long paste plus a heading level the schema forbids, set on the heading the
    // server already has (so the worker cannot judge it alone).
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(writer.doc));
    const before = Y.encodeStateVector(copy);
    const copyHeading = copy.getXmlFragment('article').get(0) as Y.XmlElement;
    copy.transact(() => {
      const text = copyHeading.get(0) as Y.XmlText;
      for (let i = 0; i < 3_000; i++) text.insert(0, 'x');
      copyHeading.setAttribute('level', 9 as unknown as string);
    });
    const badLevel = Y.encodeStateAsUpdate(copy, before);
    expect(badLevel.byteLength).toBeGreaterThan(4096);

    const raw = rawSocket(t.wsUrl, documentId, token);
    await raw.opened;
    raw.socket.send(syncUpdate(badLevel));
    const closed = await raw.closed;
    expect(closed.code).toBe(4403);
    expect(articleString(writer.doc)).not.toContain('xxx');

    // A large update with a trailing byte is malformed (4400), as a small one is.
    const copy2 = new Y.Doc();
    Y.applyUpdate(copy2, Y.encodeStateAsUpdate(writer.doc));
    const before2 = Y.encodeStateVector(copy2);
    const text2 = (copy2.getXmlFragment('article').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    copy2.transact(() => {
      for (let i = 0; i < 3_000; i++) text2.insert(0, 'y');
    });
    const trailing = Uint8Array.from([...Y.encodeStateAsUpdate(copy2, before2), 0]);
    const raw2 = rawSocket(t.wsUrl, documentId, token);
    await raw2.opened;
    raw2.socket.send(syncUpdate(trailing));
    expect((await raw2.closed).code).toBe(4400);

    // Nothing of either reached the stored document.
    await eventually(() => savedAll(writer), 'saved');
    const stored = await new PostgresPersistence(t.db.sql).load(documentId);
    const restored = new Y.Doc();
    Y.applyUpdate(restored, stored as Uint8Array);
    expect(articleString(restored)).toBe(articleString(writer.doc));
    expect(articleString(restored)).not.toMatch(/xxx|yyy/);
  });
});
