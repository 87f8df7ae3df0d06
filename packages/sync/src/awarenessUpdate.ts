// Awareness updates as y-protocols encodes them: a list of (client id, clock, JSON state).
// The server decodes each client's update once to enforce identity — a connection speaks only
// for its own client id, and the `user` others see is the authenticated one — and applies the
// parsed entries itself (no second decode). An update that already says exactly that is
// forwarded as it came; otherwise it is re-encoded once, for every receiver.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as f from 'lib0/function';
import type * as awarenessProtocol from 'y-protocols/awareness';

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The parsed state; null removes the client's state. */
  state: Record<string, unknown> | null;
  /** The state's JSON as received, until the state is changed here. */
  json: string | undefined;
}

export class AwarenessError extends Error {
  constructor(
    message: string,
    readonly kind: 'malformed' | 'tooLarge',
  ) {
    super(message);
  }
}

export function decodeAwarenessUpdate(update: Uint8Array, maxStateBytes: number): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarString(decoder);
    if (json.length > maxStateBytes) {
      throw new AwarenessError('awareness state too large', 'tooLarge');
    }
    let state: unknown;
    try {
      state = JSON.parse(json);
    } catch {
      throw new AwarenessError('awareness state is not JSON', 'malformed');
    }
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new AwarenessError('awareness state must be an object or null', 'malformed');
    }
    entries.push({ clientId, clock, state: state as Record<string, unknown> | null, json });
  }
  if (decoding.hasContent(decoder)) {
    throw new AwarenessError('trailing bytes after awareness update', 'malformed');
  }
  return entries;
}

/**
 * Several encoded awareness updates as one: one count, then every entry in order (a receiver
 * applies them one after another, as if they had come apart). No entry is decoded.
 */
export function concatAwarenessUpdates(updates: readonly Uint8Array[]): Uint8Array {
  let count = 0;
  let bytes = 0;
  const bodies = updates.map((update) => {
    const decoder = decoding.createDecoder(update);
    count += decoding.readVarUint(decoder);
    const body = update.subarray(decoder.pos);
    bytes += body.byteLength;
    return body;
  });
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, count);
  const head = encoding.toUint8Array(encoder);
  const merged = new Uint8Array(head.byteLength + bytes);
  merged.set(head);
  let offset = head.byteLength;
  for (const body of bodies) {
    merged.set(body, offset);
    offset += body.byteLength;
  }
  return merged;
}

export function encodeAwarenessUpdate(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json ?? JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Whether the entry's state already shows exactly `user` (the same three fields, nothing
 * else), so its bytes can be forwarded as they are. A second `"user"` anywhere in the JSON
 * (a duplicate key, which parsers resolve differently, or a nested one) does not count.
 */
export function showsUser(
  entry: AwarenessEntry,
  user: { userId: string; name: string; color: string },
): boolean {
  const shown = entry.state?.user as Record<string, unknown> | undefined;
  if (typeof shown !== 'object' || shown === null) return false;
  if (shown.userId !== user.userId || shown.name !== user.name || shown.color !== user.color) {
    return false;
  }
  if (Object.keys(shown).length !== 3 || entry.json === undefined) return false;
  const first = entry.json.indexOf('"user"');
  return first >= 0 && entry.json.indexOf('"user"', first + 1) < 0;
}

/**
 * Applies decoded entries to an Awareness as y-protocols' applyAwarenessUpdate applies an
 * encoded update (same clock rules, same `change` and `update` events), without decoding
 * and parsing the states a second time.
 */
export function applyAwarenessEntries(
  awareness: awarenessProtocol.Awareness,
  entries: AwarenessEntry[],
  origin: unknown,
): void {
  const timestamp = Date.now();
  const added: number[] = [];
  const updated: number[] = [];
  const filteredUpdated: number[] = [];
  const removed: number[] = [];
  for (const { clientId, state, clock: sent } of entries) {
    let clock = sent;
    const meta = awareness.meta.get(clientId);
    const previous = awareness.states.get(clientId);
    const currentClock = meta === undefined ? 0 : meta.clock;
    const newer =
      currentClock < clock ||
      (currentClock === clock && state === null && awareness.states.has(clientId));
    if (!newer) continue;
    if (state === null) {
      // Never let a client remove the server's own state (it has none; kept for parity).
      if (clientId === awareness.clientID && awareness.getLocalState() != null) clock++;
      else awareness.states.delete(clientId);
    } else {
      awareness.states.set(clientId, state);
    }
    awareness.meta.set(clientId, { clock, lastUpdated: timestamp });
    if (meta === undefined && state !== null) added.push(clientId);
    else if (meta !== undefined && state === null) removed.push(clientId);
    else if (state !== null) {
      if (!f.equalityDeep(state, previous)) filteredUpdated.push(clientId);
      updated.push(clientId);
    }
  }
  if (added.length > 0 || filteredUpdated.length > 0 || removed.length > 0) {
    awareness.emit('change', [{ added, updated: filteredUpdated, removed }, origin]);
  }
  if (added.length > 0 || updated.length > 0 || removed.length > 0) {
    awareness.emit('update', [{ added, updated, removed }, origin]);
  }
}
