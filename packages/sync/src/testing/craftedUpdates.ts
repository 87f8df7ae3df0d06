// Hand-built malformed Yjs updates, one per way a writer could try to get past the structural
// check (checkUpdate): undecodable or trailing bytes, unbounded skip/GC/delete ranges, gaps,
// dangling and circular references, deletions of content that does not exist. Each is built
// against a replica of the server's document holding another writer's paragraph. Tests only.
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** A client id no real client in the tests uses: the attacker's. */
export const ATTACKER = 424_242;
const HUGE = Number.MAX_SAFE_INTEGER; // 2^53 − 1: the largest length lib0 can decode

type Struct = Y.Item | Y.GC | Y.Skip;

interface Block {
  client: number;
  clock: number;
  structs: Struct[];
}

/** Encodes struct blocks and deletions with Yjs's own encoder and struct writers. */
export function encodeUpdate(
  blocks: Block[],
  deletions: [client: number, clock: number, len: number][] = [],
): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, blocks.length);
  for (const block of blocks) {
    encoding.writeVarUint(encoder.restEncoder, block.structs.length);
    encoder.writeClient(block.client);
    encoding.writeVarUint(encoder.restEncoder, block.clock);
    for (const struct of block.structs) struct.write(encoder, 0);
  }
  const byClient = new Map<number, [number, number][]>();
  for (const [client, clock, len] of deletions) {
    const list = byClient.get(client) ?? [];
    list.push([clock, len]);
    byClient.set(client, list);
  }
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, list] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, list.length);
    for (const [clock, len] of list) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
  return encoder.toUint8Array();
}

/** A one-character text item after `origin` (its parent is inferred from the origin). */
function textAfter(client: number, clock: number, origin: Y.ID | null, parent: Y.ID | null = null) {
  return new Y.Item(
    Y.createID(client, clock),
    null,
    origin,
    null,
    null,
    parent,
    null,
    new Y.ContentString('x'),
  );
}

/** The last character another writer wrote into the paragraph, and that writer's clock. */
function victimOf(doc: Y.Doc): { client: number; lastChar: Y.ID; state: number } {
  const { structs } = Y.decodeUpdate(Y.encodeStateAsUpdate(doc));
  const texts = structs.filter(
    (s): s is Y.Item => s instanceof Y.Item && s.content instanceof Y.ContentString,
  );
  const last = texts.at(-1);
  if (!last) throw new Error('the replica needs some text by another writer');
  return {
    client: last.id.client,
    lastChar: Y.createID(last.id.client, last.id.clock + last.length - 1),
    state: Y.getState(doc.store, last.id.client),
  };
}

/** A legitimate one-character insertion by the attacker after the victim's text. */
export function typingUpdate(doc: Y.Doc, client = ATTACKER): Uint8Array {
  const victim = victimOf(doc);
  const clock = Y.getState(doc.store, client);
  return encodeUpdate([{ client, clock, structs: [textAfter(client, clock, victim.lastChar)] }]);
}

export interface CraftedUpdate {
  /** What is wrong with it, as a sentence fragment. */
  name: string;
  build(doc: Y.Doc, maxMessageBytes: number): Uint8Array;
}

export const CRAFTED_UPDATES: CraftedUpdate[] = [
  { name: 'random bytes', build: () => new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x01]) },
  { name: 'a truncated update', build: (doc) => typingUpdate(doc).slice(0, -2) },
  {
    name: 'trailing bytes after a valid update',
    build: (doc) => Uint8Array.from([...typingUpdate(doc), 0, 0, 7]),
  },
  {
    name: 'a GC range of length 2^53',
    build: () =>
      encodeUpdate([
        { client: ATTACKER, clock: 0, structs: [new Y.GC(Y.createID(ATTACKER, 0), HUGE)] },
      ]),
  },
  {
    name: 'a skip of length 2^53 before a character',
    build: (doc) => {
      const victim = victimOf(doc);
      return encodeUpdate([
        {
          client: ATTACKER,
          clock: 0,
          structs: [
            new Y.Skip(Y.createID(ATTACKER, 0), HUGE - 1),
            textAfter(ATTACKER, HUGE - 1, victim.lastChar),
          ],
        },
      ]);
    },
  },
  {
    name: 'a skip of length 2^53 alone',
    build: () =>
      encodeUpdate([
        { client: ATTACKER, clock: 0, structs: [new Y.Skip(Y.createID(ATTACKER, 0), HUGE)] },
      ]),
  },
  {
    name: 'a deleted item of length 2^53',
    build: (doc) => {
      const victim = victimOf(doc);
      const item = new Y.Item(
        Y.createID(ATTACKER, 0),
        null,
        victim.lastChar,
        null,
        null,
        null,
        null,
        new Y.ContentDeleted(HUGE),
      );
      return encodeUpdate([{ client: ATTACKER, clock: 0, structs: [item] }]);
    },
  },
  {
    name: "a delete-set range of length 2^53 over another writer's paragraph",
    build: (doc) => encodeUpdate([], [[victimOf(doc).client, 0, HUGE]]),
  },
  {
    name: 'a deletion of clocks another writer has not written yet',
    build: (doc) => {
      const victim = victimOf(doc);
      return encodeUpdate([], [[victim.client, victim.state, 100]]);
    },
  },
  {
    name: 'a zero-length deletion',
    build: (doc) => encodeUpdate([], [[victimOf(doc).client, 0, 0]]),
  },
  {
    name: "a struct past another writer's clock",
    build: (doc) => {
      const victim = victimOf(doc);
      const clock = victim.state + 10;
      return encodeUpdate([
        {
          client: victim.client,
          clock,
          structs: [textAfter(victim.client, clock, victim.lastChar)],
        },
      ]);
    },
  },
  {
    name: "a new client's first struct at clock 1000",
    build: (doc) => {
      const victim = victimOf(doc);
      return encodeUpdate([
        { client: ATTACKER, clock: 1000, structs: [textAfter(ATTACKER, 1000, victim.lastChar)] },
      ]);
    },
  },
  {
    name: 'an item after content nobody has sent',
    build: (doc) => {
      const victim = victimOf(doc);
      const origin = Y.createID(victim.client, victim.state + 5);
      return encodeUpdate([
        { client: ATTACKER, clock: 0, structs: [textAfter(ATTACKER, 0, origin)] },
      ]);
    },
  },
  {
    name: 'an item inside a parent that does not exist',
    build: () => {
      const item = textAfter(ATTACKER, 0, null, Y.createID(ATTACKER + 1, 3));
      return encodeUpdate([{ client: ATTACKER, clock: 0, structs: [item] }]);
    },
  },
  {
    name: 'an item after its own later clock',
    build: () =>
      encodeUpdate([
        { client: ATTACKER, clock: 0, structs: [textAfter(ATTACKER, 0, Y.createID(ATTACKER, 5))] },
      ]),
  },
  {
    name: 'two clients whose items refer to each other',
    build: () => {
      const other = ATTACKER + 1;
      return encodeUpdate([
        { client: ATTACKER, clock: 0, structs: [textAfter(ATTACKER, 0, Y.createID(other, 0))] },
        { client: other, clock: 0, structs: [textAfter(other, 0, Y.createID(ATTACKER, 0))] },
      ]);
    },
  },
  {
    name: 'a client listed twice',
    build: (doc) => {
      const victim = victimOf(doc);
      return encodeUpdate([
        { client: ATTACKER, clock: 0, structs: [textAfter(ATTACKER, 0, victim.lastChar)] },
        { client: ATTACKER, clock: 1, structs: [textAfter(ATTACKER, 1, Y.createID(ATTACKER, 0))] },
      ]);
    },
  },
  {
    name: 'a GC range longer than a frame could carry',
    build: (_doc, max) =>
      encodeUpdate([
        { client: ATTACKER, clock: 0, structs: [new Y.GC(Y.createID(ATTACKER, 0), max + 1)] },
      ]),
  },
  {
    name: 'GC ranges adding more clocks for one client than a frame could carry',
    build: (_doc, max) => {
      const half = Math.ceil(max / 2) + 1;
      return encodeUpdate([
        {
          client: ATTACKER,
          clock: 0,
          structs: [
            new Y.GC(Y.createID(ATTACKER, 0), half),
            new Y.GC(Y.createID(ATTACKER, half), half),
          ],
        },
      ]);
    },
  },
];
