// Refusals and their close codes: a frame that is not the protocol (4400), an update the
// schema forbids (4403), a copy holding changes the server refused (4409), a document that
// cannot load (4503), a server shutting down (1001). Each closes that connection only.
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCodes } from './CloseCodes.ts';
import { MESSAGE_EVENT, MESSAGE_SAVED } from './protocol.ts';
import { connect, pause, until } from './testing/clients.ts';
import { addParagraph, createTestRegistry, paragraphsOf } from './testing/testRegistry.ts';

function frame(...values: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const value of values) encoding.writeVarUint(encoder, value);
  return encoding.toUint8Array(encoder);
}

describe('refusals', () => {
  it.each([
    ['an unknown message type', frame(42), 'unknown message type 42'],
    [
      'a type only the server sends',
      frame(MESSAGE_SAVED, 0),
      'message type only the server may send',
    ],
    [
      'a live event from a client',
      frame(MESSAGE_EVENT, 0),
      'message type only the server may send',
    ],
    ['an unknown sync step', frame(0, 9), 'unknown sync step 9'],
  ])('closes on %s with 4400, naming it', async (_, data, reason) => {
    const { registry } = createTestRegistry();
    const client = connect(registry, 'doc');
    const other = connect(registry, 'doc');
    await until(() => expect(client.synced && other.synced).toBe(true));
    client.sendRaw(data);
    await until(() => expect(client.socket.closed).toEqual({ code: 4400, reason }));
    expect(other.socket.closed).toBeUndefined();
    await registry.shutdown();
  });

  it('closes on an update the schema forbids with 4403 and keeps none of it', async () => {
    const { registry, persistence } = createTestRegistry();
    const client = connect(registry, 'doc');
    await until(() => expect(client.synced).toBe(true));
    client.doc.getMap('elsewhere').set('key', 'value');
    await until(() => expect(client.socket.closed?.code).toBe(CloseCodes.forbidden.code));
    await registry.shutdown();
    expect(persistence.appends).toHaveLength(0);
  });

  it('a copy that lost access cannot bring back what it wrote afterwards (4409)', async () => {
    const { registry, persistence } = createTestRegistry();
    const revoked = connect(registry, 'doc');
    await until(() => expect(revoked.synced).toBe(true));
    addParagraph(revoked.doc, 'while a member');
    await until(() => expect(revoked.ownEditsSaved).toBe(true));
    revoked.connection.revoke(CloseCodes.unauthenticated);
    expect(revoked.socket.closed).toEqual(CloseCodes.unauthenticated);
    await pause();
    // Offline, the same copy writes on; then it comes back (with access again).
    addParagraph(revoked.doc, 'after losing access');
    const back = connect(registry, 'doc', { doc: revoked.doc });
    await until(() => expect(back.socket.closed).toEqual(CloseCodes.RefusedChangesHeld));
    await registry.shutdown();
    expect(paragraphsOf(persistence.storedDoc('doc'))).toEqual(['while a member']);
  });

  it('a client’s update building on server history of another document is refused (4409)', async () => {
    const { registry } = createTestRegistry();
    const writer = connect(registry, 'doc');
    await until(() => expect(writer.synced).toBe(true));
    // The server writes the article of another document; a copy of it is sent here.
    const other = createTestRegistry();
    await other.registry.changeDocument('other', (doc) => addParagraph(doc, 'imported there'));
    const foreign = other.persistence.storedDoc('other');
    writer.sendUpdate(Y.encodeStateAsUpdate(foreign));
    await until(() => expect(writer.socket.closed).toEqual(CloseCodes.RefusedChangesHeld));
    await Promise.all([registry.shutdown(), other.registry.shutdown()]);
  });

  it('when a document cannot load, its connections close with 4503 and the next one tries again', async () => {
    const { registry, persistence, errors } = createTestRegistry();
    persistence.failure = new Error('database down');
    const first = connect(registry, 'doc');
    await until(() => expect(first.socket.closed).toEqual(CloseCodes.storageUnavailable));
    expect(errors).toMatchObject([{ kind: 'load', documentId: 'doc' }]);
    persistence.failure = undefined;
    const second = connect(registry, 'doc');
    await until(() => expect(second.synced).toBe(true));
    await registry.shutdown();
  });

  it('a server shutting down turns new connections away with 1001', async () => {
    const { registry } = createTestRegistry();
    const shutdown = registry.shutdown();
    const late = connect(registry, 'doc');
    expect(late.socket.closed).toEqual(CloseCodes.goingAway);
    await shutdown;
  });
});
