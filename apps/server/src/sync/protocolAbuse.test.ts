// Bad frames close the connection that sent them with a named code, store nothing, and never
// disturb another document: random bytes, truncated varints, unknown and server-only types,
// updates outside the article or with node types the editor schema lacks, oversized frames.
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
  seededRandom,
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

function updateOf(build: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  build(doc);
  return Y.encodeStateAsUpdate(doc);
}

describe('protocol abuse', () => {
  let t: SyncTestApp;
  let token: string;
  let target: string;
  let other: string;
  const clients: TestClient[] = [];
  beforeEach(async () => {
    t = await startSyncApp({ COLLAB_MAX_CONNECTIONS_PER_USER: '100000' });
    const { owner, workspaceId } = await buildWorkspace(t);
    token = await tokenFor(t, owner);
    target = (await buildDocument(t.db.sql, { workspaceId, createdBy: owner.id })).id;
    other = (await buildDocument(t.db.sql, { workspaceId, createdBy: owner.id })).id;
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await t.close();
  });

  async function send(frame: Uint8Array) {
    const raw = rawSocket(t.wsUrl, target, token);
    await raw.opened;
    raw.socket.send(frame);
    return raw.closed;
  }

  it('names the reason for each kind of bad frame', async () => {
    expect(await send(new Uint8Array([0xff, 0xff, 0xff]))).toMatchObject({ code: 4400 });
    expect(await send(new Uint8Array([42]))).toEqual({
      code: 4400,
      reason: 'unknown message type 42',
    });
    expect(await send(new Uint8Array([100, 0]))).toEqual({
      code: 4400,
      reason: 'message type only the server may send',
    });
    expect(await send(syncUpdate(new Uint8Array([1, 2, 3, 4, 5])))).toMatchObject({ code: 4400 });
    const outside = updateOf((doc) => doc.getMap('settings').set('admin', true));
    expect(await send(syncUpdate(outside))).toEqual({
      code: 4403,
      reason: 'update writes to "settings", outside the article',
    });
    const script = updateOf((doc) =>
      doc.getXmlFragment('article').insert(0, [new Y.XmlElement('script')]),
    );
    expect(await send(syncUpdate(script))).toEqual({
      code: 4403,
      reason: 'node type "script" is not part of the editor schema',
    });
    expect(await send(new Uint8Array(1024 * 1024 + 1))).toMatchObject({ code: 4413 });
    const stored = await new PostgresPersistence(t.db.sql).load(target);
    expect(stored).toBeNull();
  });

  it('10,000 random and mutated frames leave the server up and another document syncing', async () => {
    const writer = openClient(t.wsUrl, other, token);
    const reader = openClient(t.wsUrl, other, token);
    clients.push(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);
    const valid = [
      syncUpdate(updateOf((doc) => paragraphText(doc).insert(0, 'hello'))),
      new Uint8Array([0, 0, 1, 0]),
      new Uint8Array([3]),
    ];
    const next = seededRandom(7);
    let worstLatency = 0;
    const FRAMES = 10_000;
    const CONNECTIONS = 50;
    const perConnection = FRAMES / CONNECTIONS;
    for (let c = 0; c < CONNECTIONS; c++) {
      const raw = rawSocket(t.wsUrl, target, token);
      await raw.opened;
      for (let i = 0; i < perConnection && raw.socket.readyState === raw.socket.OPEN; i++) {
        const base = valid[Math.floor(next() * valid.length)]!;
        const frame =
          next() < 0.3
            ? Uint8Array.from({ length: 1 + Math.floor(next() * 64) }, () =>
                Math.floor(next() * 256),
              )
            : base.map((byte) => (next() < 0.1 ? Math.floor(next() * 256) : byte));
        raw.socket.send(frame);
      }
      raw.socket.close();
      await raw.closed;
      // Meanwhile the other document keeps syncing promptly.
      const started = Date.now();
      const mark = `m${c};`;
      paragraphText(writer.doc).insert(0, mark);
      await eventually(() => articleString(reader.doc).includes(mark), 'the other document', 1_000);
      worstLatency = Math.max(worstLatency, Date.now() - started);
    }
    expect(worstLatency).toBeLessThan(1_000);
    const health = await t.request({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
  });
});
