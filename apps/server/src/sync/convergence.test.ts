// Several stock y-websocket clients typing at once end identical, and identical to what
// PostgreSQL holds once the server has stored everything.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildDocument } from '../testing/documentFactories.ts';
import { buildWorkspace } from '../testing/factories.ts';
import {
  articleString,
  eventually,
  openClient,
  paragraphText,
  seededRandom,
  synced,
  tokenFor,
  useSyncApp,
} from '../testing/syncClients.ts';
import { PostgresPersistence } from './PostgresPersistence.ts';

describe('convergence', () => {
  const sync = useSyncApp();
  const { clients } = sync;

  it('concurrent random inserts and deletes from five clients converge, and PostgreSQL holds the same', async () => {
    const { owner, workspaceId } = await buildWorkspace(sync.t);
    const token = await tokenFor(sync.t, owner);
    const document = await buildDocument(sync.t.db.sql, {
      workspaceId,
      createdBy: owner.id,
    });
    for (let i = 0; i < 5; i++) clients.push(openClient(sync.t.wsUrl, document.id, token));
    await Promise.all(clients.map(synced));
    paragraphText(clients[0]!.doc).insert(0, 'start');
    await eventually(
      () => clients.every((c) => articleString(c.doc) === articleString(clients[0]!.doc)),
      'the first paragraph everywhere',
    );

    const next = seededRandom(42);
    for (let round = 0; round < 30; round++) {
      for (const client of clients) {
        const text = paragraphText(client.doc);
        if (text.length > 3 && next() < 0.3) {
          const at = Math.floor(next() * (text.length - 2));
          text.delete(at, 1 + Math.floor(next() * 2));
        } else {
          text.insert(
            Math.floor(next() * (text.length + 1)),
            String.fromCharCode(97 + (round % 26)),
          );
        }
      }
      // Rounds spread over time, so edits cross on the wire instead of arriving in order.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }

    const expected = () => articleString(clients[0]!.doc);
    await eventually(
      () => clients.every((c) => articleString(c.doc) === expected()),
      'clients to converge',
    );
    await eventually(() => {
      const vector = Y.encodeStateVector(clients[0]!.doc);
      const saved = clients[0]!.saved();
      return [...Y.decodeStateVector(vector)].every(([id, clock]) => (saved.get(id) ?? 0) >= clock);
    }, 'the saved signal to cover every edit');
    const stored = await new PostgresPersistence(sync.t.db.sql).load(document.id);
    const restored = new Y.Doc();
    Y.applyUpdate(restored, stored!);
    expect(articleString(restored)).toBe(expected());
    expect(expected().length).toBeGreaterThan(20);
  });
});
