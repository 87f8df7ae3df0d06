// The frames instances exchange through a Relay, per document: edits, awareness, live events,
// a sync handshake for rooms that load (or reconnect) while others hold unsaved edits, and
// "saved" notices so the others know when they no longer need to keep those edits.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { RefusedClient } from './HistoryGuard.ts';

/** Bumped on an incompatible change; frames of another version are ignored (rolling deploys). */
const RELAY_VERSION = 1;

export type RelayMessage =
  /** Local edits (one event-loop turn, merged); `seq` counts the sender's local updates so far. */
  | { kind: 'update'; update: Uint8Array; seq: number }
  /** The sender committed its local updates up to `seq` to persistence. */
  | { kind: 'saved'; seq: number }
  /** Awareness changes of the sender's own clients (y-protocols encoding). */
  | { kind: 'awareness'; update: Uint8Array }
  /** A live event (JSON), for the Factdesk clients of every instance. */
  | { kind: 'event'; json: string }
  /** A room became live: answer with what it lacks, your state vector, and your awareness. */
  | { kind: 'hello'; stateVector: Uint8Array }
  /** Sync step 1 in answer to a hello: answer with what the sender lacks. */
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  /** Sync step 2: what the receiver lacked; `seq` as in `update`. */
  | { kind: 'syncStep2'; update: Uint8Array; seq: number }
  /** New HistoryGuard records: refused clients and lineage (the sender also stores them). */
  | { kind: 'history'; refused: RefusedClient[]; lineage: number[] };

export interface RelayEnvelope {
  /** The sending instance. */
  from: string;
  /** The one instance meant to act on it, or null for all. */
  to: string | null;
  message: RelayMessage;
}

const KINDS = [
  'update',
  'saved',
  'awareness',
  'event',
  'hello',
  'syncStep1',
  'syncStep2',
  'history',
] as const;

export function encodeRelayMessage(envelope: RelayEnvelope): Uint8Array {
  const encoder = encoding.createEncoder();
  const { message } = envelope;
  encoding.writeVarUint(encoder, RELAY_VERSION);
  encoding.writeVarUint(encoder, KINDS.indexOf(message.kind));
  encoding.writeVarString(encoder, envelope.from);
  encoding.writeVarString(encoder, envelope.to ?? '');
  switch (message.kind) {
    case 'update':
    case 'syncStep2':
      encoding.writeVarUint(encoder, message.seq);
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'saved':
      encoding.writeVarUint(encoder, message.seq);
      break;
    case 'awareness':
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'event':
      encoding.writeVarString(encoder, message.json);
      break;
    case 'hello':
    case 'syncStep1':
      encoding.writeVarUint8Array(encoder, message.stateVector);
      break;
    case 'history':
      encoding.writeVarUint(encoder, message.refused.length);
      for (const { client, fromClock } of message.refused) {
        encoding.writeVarUint(encoder, client);
        encoding.writeVarUint(encoder, fromClock);
      }
      encoding.writeVarUint(encoder, message.lineage.length);
      for (const client of message.lineage) encoding.writeVarUint(encoder, client);
      break;
  }
  return encoding.toUint8Array(encoder);
}

/** The envelope, or null for a frame of another version. Throws on undecodable bytes. */
export function decodeRelayMessage(data: Uint8Array): RelayEnvelope | null {
  const decoder = decoding.createDecoder(data);
  if (decoding.readVarUint(decoder) !== RELAY_VERSION) return null;
  const kind = KINDS[decoding.readVarUint(decoder)];
  const from = decoding.readVarString(decoder);
  const to = decoding.readVarString(decoder) || null;
  let message: RelayMessage;
  switch (kind) {
    case 'update':
    case 'syncStep2': {
      const seq = decoding.readVarUint(decoder);
      message = { kind, seq, update: decoding.readVarUint8Array(decoder) };
      break;
    }
    case 'saved':
      message = { kind, seq: decoding.readVarUint(decoder) };
      break;
    case 'awareness':
      message = { kind, update: decoding.readVarUint8Array(decoder) };
      break;
    case 'event':
      message = { kind, json: decoding.readVarString(decoder) };
      break;
    case 'hello':
    case 'syncStep1':
      message = { kind, stateVector: decoding.readVarUint8Array(decoder) };
      break;
    case 'history': {
      const refused: RefusedClient[] = [];
      for (let n = decoding.readVarUint(decoder); n > 0; n--) {
        refused.push({
          client: decoding.readVarUint(decoder),
          fromClock: decoding.readVarUint(decoder),
        });
      }
      const lineage: number[] = [];
      for (let n = decoding.readVarUint(decoder); n > 0; n--)
        lineage.push(decoding.readVarUint(decoder));
      message = { kind, refused, lineage };
      break;
    }
    default:
      throw new Error('unknown relay message kind');
  }
  return { from, to, message };
}
