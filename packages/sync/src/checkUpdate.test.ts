import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate } from './checkUpdate.ts';
import { ATTACKER, CRAFTED_UPDATES, encodeUpdate, typingUpdate } from './testing/craftedUpdates.ts';

const MAX = 1024 * 1024;

/** The server's document: one paragraph another writer has typed into. */
function serverDoc(): Y.Doc {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  doc.getXmlFragment('article').insert(0, [paragraph]);
  text.insert(0, 'written by someone else');
  return doc;
}

function replicaOf(doc: Y.Doc): Y.Doc {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  return replica;
}

/** The update a client's edit produces, made on a replica of `doc`. */
function editOf(doc: Y.Doc, edit: (replica: Y.Doc, text: Y.XmlText) => void): Uint8Array {
  const replica = replicaOf(doc);
  const before = Y.encodeStateVector(replica);
  const text = (replica.getXmlFragment('article').get(0) as Y.XmlElement).get(0) as Y.XmlText;
  edit(replica, text);
  return Y.encodeStateAsUpdate(replica, before);
}

describe('checkUpdate', () => {
  it.each(CRAFTED_UPDATES)('refuses $name', ({ build }) => {
    const doc = serverDoc();
    expect(checkUpdate(build(replicaOf(doc), MAX), doc, MAX)).toEqual(expect.any(String));
  });

  it('names what is wrong', () => {
    const doc = serverDoc();
    const typing = typingUpdate(doc);
    expect(checkUpdate(Uint8Array.from([...typing, 0]), doc, MAX)).toBe(
      'trailing bytes after the update',
    );
    expect(checkUpdate(encodeUpdate([], [[doc.clientID, 0, 2 ** 40]]), doc, MAX)).toBe(
      'update deletes content the document does not have',
    );
    const gc = new Y.GC(Y.createID(ATTACKER, 0), MAX + 1);
    expect(
      checkUpdate(encodeUpdate([{ client: ATTACKER, clock: 0, structs: [gc] }]), doc, MAX),
    ).toBe(`a struct of ${MAX + 1} clocks is longer than allowed`);
  });

  it('accepts what editors send: typing, deleting anyone’s text, insert and delete at once', () => {
    const doc = serverDoc();
    const updates = [
      typingUpdate(doc),
      editOf(doc, (_, text) => text.delete(0, 7)),
      editOf(doc, (replica, text) =>
        replica.transact(() => {
          text.insert(3, 'temporary');
          text.delete(3, 4);
        }),
      ),
      editOf(doc, (replica) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText('a new paragraph')]);
        replica.getXmlFragment('article').insert(1, [paragraph]);
      }),
      editOf(doc, (_, text) => text.insert(0, 'é'.repeat(10_000))),
    ];
    for (const update of updates) {
      expect(checkUpdate(update, doc, MAX)).toBeNull();
      Y.applyUpdate(doc, update);
    }
    expect(doc.store.pendingStructs).toBeNull();
  });

  it('accepts a reconnecting client resending what the server already has, with what it lacks', () => {
    const doc = serverDoc();
    const client = replicaOf(doc);
    const text = (client.getXmlFragment('article').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const before = Y.encodeStateVector(client);
    text.insert(0, 'first ');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(client, before));
    text.insert(0, 'second ');
    // Everything the client has, including what the server holds already.
    expect(checkUpdate(Y.encodeStateAsUpdate(client), doc, MAX)).toBeNull();
  });

  it('accepts a merged update that skips only clocks the server holds', () => {
    const writer = serverDoc();
    const text = (writer.getXmlFragment('article').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const server = replicaOf(writer);
    const behind = replicaOf(writer);
    const updates: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => updates.push(update));
    for (const word of ['one ', 'two ', 'three ']) text.insert(text.length, word);
    Y.applyUpdate(server, updates[0] as Uint8Array);
    Y.applyUpdate(server, updates[1] as Uint8Array);
    const withSkip = Y.mergeUpdates([updates[0] as Uint8Array, updates[2] as Uint8Array]);
    expect(Y.decodeUpdate(withSkip).structs.some((s) => s instanceof Y.Skip)).toBe(true);
    expect(checkUpdate(withSkip, server, MAX)).toBeNull();
    // A server without the middle update would be left with a gap.
    Y.applyUpdate(behind, updates[0] as Uint8Array);
    expect(checkUpdate(withSkip, behind, MAX)).toBe(
      'update skips clocks the document does not have',
    );
  });

  it('costs a typing update a few times the bare Yjs decode (goal: under 50 µs)', () => {
    const doc = serverDoc();
    for (let i = 0; i < 200; i++) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('some text of a paragraph '.repeat(8))]);
      doc.getXmlFragment('article').insert(0, [paragraph]);
    }
    const update = typingUpdate(doc);
    const time = (run: () => void) => {
      const runs = 20_000;
      const started = performance.now();
      for (let i = 0; i < runs; i++) run();
      return ((performance.now() - started) * 1000) / runs;
    };
    const check = () => checkUpdate(update, doc, MAX);
    expect(check()).toBeNull();
    const decode = () => Y.decodeUpdate(update);
    time(check);
    time(decode);
    // Interleaved, best of three: the machine running the tests is shared.
    const checks: number[] = [];
    const decodes: number[] = [];
    for (let round = 0; round < 3; round++) {
      checks.push(time(check));
      decodes.push(time(decode));
    }
    const checkUs = Math.min(...checks);
    const decodeUs = Math.min(...decodes);
    console.info(
      `checkUpdate: ${checkUs.toFixed(1)} µs per typing update (decode alone ${decodeUs.toFixed(1)} µs)`,
    );
    // Absolute time depends on the machine's load; relative to decoding, much less.
    expect(checkUs < 50 && checkUs < decodeUs * 5).toBe(true);
  });
});
