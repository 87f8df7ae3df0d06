// What one connection or one document may cost: the frame size, the document size and the
// memory for unsaved edits. Crossing a limit closes that connection only, never the document
// or another client.
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import { CloseCodes } from './CloseCodes.ts';
import { MESSAGE_SYNC } from './protocol.ts';
import { connect, pause, until } from './testing/clients.ts';
import { addParagraph, createTestRegistry, paragraphsOf } from './testing/testRegistry.ts';

describe('limits', () => {
  it('a frame over the message limit closes its connection with 4413; the others write on', async () => {
    const { registry, persistence } = createTestRegistry({ limits: { maxMessageBytes: 1_000 } });
    const big = connect(registry, 'doc');
    const other = connect(registry, 'doc');
    await until(() => expect(big.synced && other.synced).toBe(true));
    addParagraph(big.doc, 'x'.repeat(2_000));
    await until(() => expect(big.socket.closed).toEqual(CloseCodes.tooLarge));
    addParagraph(other.doc, 'still here');
    await until(() => expect(other.ownEditsSaved).toBe(true));
    expect(other.socket.closed).toBeUndefined();
    expect(paragraphsOf(persistence.storedDoc('doc'))).toEqual(['still here']);
    await registry.shutdown();
  });

  it('an update that would grow the document past its limit closes with 4413, and none of it is kept', async () => {
    const { registry, persistence } = createTestRegistry({
      limits: { maxDocumentBytes: 1_500, maxMessageBytes: 1_000 },
    });
    const writer = connect(registry, 'doc');
    await until(() => expect(writer.synced).toBe(true));
    addParagraph(writer.doc, 'a'.repeat(600));
    await until(() => expect(writer.ownEditsSaved).toBe(true));
    addParagraph(writer.doc, 'b'.repeat(600));
    await until(() => expect(writer.ownEditsSaved).toBe(true));
    addParagraph(writer.doc, 'c'.repeat(600));
    await until(() =>
      expect(writer.socket.closed).toEqual({ code: 4413, reason: 'document too large' }),
    );
    await registry.shutdown();
    expect(paragraphsOf(persistence.storedDoc('doc')).map((p) => p[0])).toEqual(['a', 'b']);
  });

  it('while saves fail, a writer past the unsaved-bytes limit is turned away with 4503; readers stay', async () => {
    const { registry, persistence } = createTestRegistry({
      limits: { maxUnsavedBytes: 1_000 },
    });
    const writer = connect(registry, 'doc');
    const reader = connect(registry, 'doc', { readOnly: true });
    await until(() => expect(writer.synced && reader.synced).toBe(true));
    persistence.failure = new Error('database down');
    addParagraph(writer.doc, 'a'.repeat(600));
    await pause();
    expect(writer.socket.closed).toBeUndefined();
    addParagraph(writer.doc, 'b'.repeat(600));
    await until(() => expect(writer.socket.closed).toEqual(CloseCodes.storageUnavailable));
    expect(reader.socket.closed).toBeUndefined();
    expect(paragraphsOf(reader.doc).map((p) => p[0])).toEqual(['a']);
    persistence.failure = undefined;
    await registry.shutdown();
    expect(paragraphsOf(persistence.storedDoc('doc')).map((p) => p[0])).toEqual(['a']);
  });

  it('a reader too slow to keep up is closed with 4408', async () => {
    const { registry } = createTestRegistry({ limits: { maxBufferedBytes: 100 } });
    const slow = connect(registry, 'doc', { readOnly: true });
    const writer = connect(registry, 'doc');
    await until(() => expect(slow.synced && writer.synced).toBe(true));
    slow.socket.bufferedAmount = 101;
    addParagraph(writer.doc, 'one more thing');
    await until(() => expect(slow.socket.closed).toEqual(CloseCodes.slowReader));
    expect(writer.socket.closed).toBeUndefined();
    await registry.shutdown();
  });

  it('a connection past the per-document or per-user limit is refused with 4429', async () => {
    const { registry } = createTestRegistry({
      limits: { maxConnectionsPerDocument: 2, maxConnectionsPerUser: 1 },
    });
    const first = connect(registry, 'doc', { userId: 'ann' });
    const sameUser = connect(registry, 'other', { userId: 'ann' });
    const second = connect(registry, 'doc', { userId: 'bob' });
    const third = connect(registry, 'doc', { userId: 'cat' });
    expect(sameUser.socket.closed).toEqual(CloseCodes.tooManyConnections);
    expect(third.socket.closed).toEqual(CloseCodes.tooManyConnections);
    await until(() => expect(first.synced && second.synced).toBe(true));
    await registry.shutdown();
  });

  it('a sync update with bytes after it is malformed (4400)', async () => {
    const { registry } = createTestRegistry();
    const client = connect(registry, 'doc');
    await until(() => expect(client.synced).toBe(true));
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, new Uint8Array([0, 0]));
    encoding.writeVarUint(encoder, 7);
    client.sendRaw(encoding.toUint8Array(encoder));
    await until(() =>
      expect(client.socket.closed).toEqual({ code: 4400, reason: 'trailing bytes after message' }),
    );
    await registry.shutdown();
  });
});
