// Awareness updates as y-protocols encodes them: a list of (client id, clock, JSON state).
// The server decodes each client's update to enforce identity — a connection speaks only for
// its own client id, and the `user` others see is the authenticated one — then re-encodes.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The parsed state; null removes the client's state. */
  state: Record<string, unknown> | null;
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
    entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
  }
  if (decoding.hasContent(decoder)) {
    throw new AwarenessError('trailing bytes after awareness update', 'malformed');
  }
  return entries;
}

export function encodeAwarenessUpdate(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}
