// Structural check of a client's Yjs update before it touches the document: it must decode in
// full with no trailing bytes, every struct and deletion must be bounded, and Yjs must be able
// to integrate all of it at once — nothing left pending, nothing deleted that does not exist.
//
// Yjs accepts far more than that and keeps the rest for later: structs whose clocks leave a gap
// or refer to content nobody has sent become "pending structs", deletions of clocks that do not
// exist yet become a "pending delete set" that deletes another writer's edits when they arrive,
// and skip, GC and delete ranges may be 2^53 long. A server must not hold any of that.
//
// The update is read with Yjs's own decoder; the walk over its structs mirrors the order in
// which Yjs integrates them (Y.applyUpdate's integrateStructs), without changing the document.
import type * as decoding from 'lib0/decoding';
import * as lib0Decoding from 'lib0/decoding';
import * as Y from 'yjs';

/**
 * An update with no structs and no deletions (0 clients, then an empty delete set): what a
 * client whose copy holds nothing new answers the sync handshake with.
 */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}

/** Yjs's V1 decoder, remembering the client of every struct block it reads. */
class RecordingDecoder extends Y.UpdateDecoderV1 {
  static last: RecordingDecoder | null = null;
  readonly clients: number[] = [];

  constructor(decoder: decoding.Decoder) {
    super(decoder);
    RecordingDecoder.last = this;
  }

  override readClient(): number {
    const client = super.readClient();
    this.clients.push(client);
    return client;
  }
}

export type Struct = Y.Item | Y.GC | Y.Skip;

/**
 * What the checks need of the document: its clock per Yjs client. The document itself on the
 * event loop; its state vector in a worker thread (clocks only grow, so an update that passed
 * against an earlier state vector still passes against the document's later state).
 */
export type ClockSource = Y.Doc | ReadonlyMap<number, number>;

export function clockOf(source: ClockSource): (client: number) => number {
  return source instanceof Y.Doc
    ? (client) => Y.getState(source.store, client)
    : (client) => source.get(client) ?? 0;
}

/** An update that passed: its structs in the order Yjs integrates them, and its deletions. */
export interface CheckedUpdate {
  order: Struct[];
  structs: Struct[];
  ds: ReturnType<typeof Y.decodeUpdate>['ds'];
}

interface Cursor {
  client: number;
  structs: Struct[];
  next: number;
}

/**
 * Why the update must be refused as malformed, or null when Yjs can integrate all of it into
 * `doc` now. `maxLength` bounds every struct and deletion length and the clocks one update may
 * add for one client: what the largest frame could carry.
 */
export function checkUpdate(
  update: Uint8Array,
  doc: ClockSource,
  maxLength: number,
): string | null {
  const checked = inspectUpdate(update, doc, maxLength);
  return typeof checked === 'string' ? checked : null;
}

/** checkUpdate, returning what it decoded when the update passes (see CheckedUpdate). */
export function inspectUpdate(
  update: Uint8Array,
  doc: ClockSource,
  maxLength: number,
): string | CheckedUpdate {
  const clock = clockOf(doc);
  let structs: Struct[];
  let ds: ReturnType<typeof Y.decodeUpdate>['ds'];
  let decoder: RecordingDecoder | null;
  try {
    RecordingDecoder.last = null;
    ({ structs, ds } = Y.decodeUpdateV2(update, RecordingDecoder));
    // Set by the constructor during decoding, which TypeScript's narrowing cannot see.
    decoder = RecordingDecoder.last as RecordingDecoder | null;
  } catch {
    return 'update could not be decoded';
  }
  if (!decoder) return 'update could not be decoded';
  if (lib0Decoding.hasContent(decoder.restDecoder)) return 'trailing bytes after the update';
  // Yjs keeps only the last block of a client listed twice: the first would vanish.
  if (new Set(decoder.clients).size !== decoder.clients.length) {
    return 'update lists a client twice';
  }

  // Structs arrive block by block, one block per client.
  const cursors = new Map<number, Cursor>();
  let cursor: Cursor | undefined;
  for (const struct of structs) {
    if (struct.length > maxLength) {
      return `a struct of ${struct.length} clocks is longer than allowed`;
    }
    const client = struct.id.client;
    if (cursor?.client !== client) {
      cursor = { client, structs: [], next: 0 };
      cursors.set(client, cursor);
    }
    cursor.structs.push(struct);
  }

  const held = new Map<number, number>();
  const stateOf = (client: number) => held.get(client) ?? clock(client);
  const order: Struct[] = [];
  const refusal = walk(cursors, stateOf, held, order);
  if (refusal) return refusal;

  for (const [client, state] of held) {
    if (state - clock(client) > maxLength) {
      return 'update adds more clocks for one client than a frame can carry';
    }
  }
  for (const [client, deletions] of ds.clients) {
    const state = stateOf(client);
    for (const { clock, len } of deletions) {
      if (len < 1 || clock + len > state)
        return 'update deletes content the document does not have';
    }
  }
  return { order, structs, ds };
}

/**
 * Integrates the structs on paper, client by client, following references to other clients
 * first as Yjs does; `held` ends as the state vector the document would have, `order` as the
 * structs in the order they were integrated.
 */
function walk(
  cursors: Map<number, Cursor>,
  stateOf: (client: number) => number,
  held: Map<number, number>,
  order: Struct[],
): string | null {
  for (const first of cursors.values()) {
    // The client being integrated, kept in locals: this loop runs once per struct.
    let cursor = first;
    let state = stateOf(cursor.client);
    const switchTo = (next: Cursor) => {
      held.set(cursor.client, state);
      cursor = next;
      state = stateOf(next.client);
    };
    const waiting: Cursor[] = [];
    for (;;) {
      const struct = cursor.structs[cursor.next];
      if (!struct) break; // only the first client can run out here: others are checked below
      if (struct instanceof Y.Skip) {
        // A skip may only stand for clocks the document already holds.
        if (struct.id.clock + struct.length > state) {
          return 'update skips clocks the document does not have';
        }
        order.push(struct);
        cursor.next++;
      } else {
        if (struct.id.clock > state) return 'update is not contiguous with the document';
        if (struct instanceof Y.Item) {
          const missing = missingReference(struct, stateOf);
          if (typeof missing === 'string') return missing;
          if (missing !== null) {
            const target = cursors.get(missing);
            if (!target || target.next === target.structs.length) {
              return 'update refers to content the document does not have';
            }
            if (waiting.includes(target)) return 'update refers to itself in a cycle';
            waiting.push(cursor);
            switchTo(target);
            continue;
          }
        }
        state = Math.max(state, struct.id.clock + struct.length);
        order.push(struct);
        cursor.next++;
      }
      const back = waiting.pop();
      if (back !== undefined) switchTo(back);
    }
    held.set(cursor.client, state);
  }
  return null;
}

/**
 * The client whose content an item refers to but which is not integrated yet, null when all is
 * there, or a reason when a reference can never resolve.
 */
function missingReference(
  item: Y.Item,
  stateOf: (client: number) => number,
): number | string | null {
  return (
    referenceProblem(item, item.origin, stateOf) ??
    referenceProblem(item, item.rightOrigin, stateOf) ??
    referenceProblem(item, item.parent instanceof Y.ID ? item.parent : null, stateOf)
  );
}

function referenceProblem(
  item: Y.Item,
  ref: Y.ID | null,
  stateOf: (client: number) => number,
): number | string | null {
  if (!ref) return null;
  if (ref.client === item.id.client) {
    // Yjs assumes a client's own references point back in time; anything else throws midway.
    return ref.clock >= item.id.clock
      ? 'update refers to content the document does not have'
      : null;
  }
  return ref.clock >= stateOf(ref.client) ? ref.client : null;
}
