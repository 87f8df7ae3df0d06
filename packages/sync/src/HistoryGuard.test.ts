// The HistoryGuard's rules on real Yjs updates: refused content and what builds on it are held
// back, resent accepted content is not, and server-written history of another lineage is foreign.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { HistoryGuard } from './HistoryGuard.ts';
import { newServerClientId } from './serverClientId.ts';

function textOf(doc: Y.Doc): Y.Text {
  return doc.getText('t');
}

/** Everything `from` has that `to` lacks. */
function diff(from: Y.Doc, to: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(from, Y.encodeStateVector(to));
}

describe('HistoryGuard', () => {
  it('holds back a refused client’s content, later content of that client, and content typed next to it', () => {
    const server = new Y.Doc();
    const guard = new HistoryGuard();
    const viewer = new Y.Doc();
    textOf(viewer).insert(0, 'refused');
    const refused = diff(viewer, server);
    expect(guard.refuse(refused, server)).toEqual([{ client: viewer.clientID, fromClock: 0 }]);
    expect(guard.check(refused, server)).toBe('refused');
    textOf(viewer).insert(7, ' more');
    expect(guard.check(diff(viewer, server), server)).toBe('refused');

    // Another copy that received the refused text (e.g. a tab in the same browser) and typed after it.
    const sibling = new Y.Doc();
    Y.applyUpdate(sibling, Y.encodeStateAsUpdate(viewer));
    let ownEdit: Uint8Array | undefined;
    sibling.on('update', (update: Uint8Array) => {
      ownEdit = update;
    });
    textOf(sibling).insert(12, '!');
    expect(ownEdit && guard.check(ownEdit, server)).toBe('refused');
  });

  it('lets a copy resend what the document already accepted, and other clients write on', () => {
    const server = new Y.Doc();
    const guard = new HistoryGuard();
    const writer = new Y.Doc();
    textOf(writer).insert(0, 'accepted');
    Y.applyUpdate(server, diff(writer, server));
    textOf(writer).insert(0, 'refused ');
    guard.refuse(diff(writer, server), server);
    expect(guard.check(Y.encodeStateAsUpdate(writer, new Uint8Array([0])), server)).toBe('refused');
    // Only the part the server lacks counts: the accepted prefix alone passes.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    textOf(other).insert(0, 'fine ');
    expect(guard.check(diff(other, server), server)).toBeNull();
    expect(guard.check(Y.encodeStateAsUpdate(server), server)).toBeNull();
  });

  it('a fenced client may not write after the document’s state at the fence', () => {
    const server = new Y.Doc();
    const guard = new HistoryGuard();
    const copy = new Y.Doc();
    textOf(copy).insert(0, 'before');
    Y.applyUpdate(server, diff(copy, server));
    expect(guard.fence(copy.clientID, server)).toEqual({ client: copy.clientID, fromClock: 6 });
    expect(guard.check(diff(copy, server), server)).toBeNull();
    textOf(copy).insert(0, 'after');
    expect(guard.check(diff(copy, server), server)).toBe('refused');
  });

  it('server-written history is accepted only from the document’s own lineage', () => {
    const importOf = (client: number) => {
      const doc = new Y.Doc();
      doc.clientID = client;
      textOf(doc).insert(0, 'the article');
      return doc;
    };
    const ours = newServerClientId();
    const theirs = newServerClientId();
    const server = new Y.Doc();
    const guard = new HistoryGuard();
    guard.merge({ lineage: [ours] });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(importOf(ours)));
    const copyOfOther = importOf(theirs);
    textOf(copyOfOther).insert(0, 'an edit ');
    expect(guard.check(diff(copyOfOther, server), server)).toBe('foreign');
    expect(guard.check(Y.encodeStateAsUpdate(importOf(ours)), server)).toBeNull();
    // Stock client ids are never server ids.
    expect(new Y.Doc().clientID).toBeLessThan(2 ** 32);
  });
});
