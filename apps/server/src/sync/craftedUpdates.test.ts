// A writer's hand-built malformed updates (unbounded ranges, gaps, dangling references,
// deletions of what does not exist, trailing bytes…) close its socket with 4400 and change
// nothing: not the stored document, not another writer's text, not a bystander's view.
import { CRAFTED_UPDATES } from '@factdesk/sync/testing/craftedUpdates';
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

const MAX_MESSAGE_BYTES = 1024 * 1024;

function syncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

// Twice: checked on the event loop (the default for small updates), and with every update
// taking the large-update path (checked in the worker pool, applied in slices).
describe.each([
  { path: 'on the event loop', env: {} },
  { path: 'in the worker', env: { COLLAB_LARGE_UPDATE_BYTES: '1' } },
])('crafted updates, checked $path', ({ env }) => {
  let t: SyncTestApp;
  let token: string;
  let documentId: string;
  const clients: TestClient[] = [];
  beforeEach(async () => {
    t = await startSyncApp({
      COLLAB_MAX_CONNECTIONS_PER_USER: '1000',
      COLLAB_MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES),
      ...env,
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

  it(`closes each of ${CRAFTED_UPDATES.length} kinds with 4400 and stores, applies and relays none`, async () => {
    const writer = openClient(t.wsUrl, documentId, token);
    const bystander = openClient(t.wsUrl, documentId, token);
    clients.push(writer, bystander);
    await Promise.all([synced(writer), synced(bystander)]);
    paragraphText(writer.doc).insert(0, "the other writer's paragraph");
    await eventually(() => savedAll(writer), 'the writer saved');
    await eventually(
      () => articleString(bystander.doc) === articleString(writer.doc),
      'the bystander in step',
    );
    const before = articleString(writer.doc);
    const bystanderUpdates: Uint8Array[] = [];
    bystander.doc.on('update', (update: Uint8Array) => bystanderUpdates.push(update));

    const closes: { name: string; code: number; reason: string }[] = [];
    for (const crafted of CRAFTED_UPDATES) {
      const frame = syncUpdate(crafted.build(writer.doc, MAX_MESSAGE_BYTES));
      const raw = rawSocket(t.wsUrl, documentId, token);
      await raw.opened;
      raw.socket.send(frame);
      closes.push({ name: crafted.name, ...(await raw.closed) });
    }
    expect(closes.filter((close) => close.code !== 4400)).toEqual([]);

    // The writer goes on typing after the attack: every edit arrives, nothing was pending.
    const text = paragraphText(writer.doc);
    for (let i = 0; i < 20; i++) text.insert(text.length, `${i};`);
    await eventually(
      () => articleString(bystander.doc) === articleString(writer.doc),
      "the writer's later edits at the bystander",
    );
    await eventually(() => savedAll(writer), 'the later edits saved');
    expect(articleString(bystander.doc)).toContain(before.replace('</paragraph>', ''));
    // The bystander received only the writer's edits.
    const writerOnly = new Set([writer.doc.clientID]);
    for (const update of bystanderUpdates) {
      const clients = new Set(Y.decodeUpdate(update).structs.map((s) => s.id.client));
      expect([...clients].every((client) => writerOnly.has(client))).toBe(true);
    }

    // What PostgreSQL holds is exactly the writer's document: no pending structs or deletions.
    const stored = await new PostgresPersistence(t.db.sql).load(documentId);
    const restored = new Y.Doc();
    Y.applyUpdate(restored, stored as Uint8Array);
    expect(restored.store.pendingStructs).toBeNull();
    expect(restored.store.pendingDs).toBeNull();
    expect([...Y.decodeStateVector(Y.encodeStateVector(restored)).keys()]).toEqual([
      ...Y.decodeStateVector(Y.encodeStateVector(writer.doc)).keys(),
    ]);
    expect(articleString(restored)).toBe(articleString(writer.doc));
  });
});
