// A large client update prepared off the event loop (in a worker thread): the same checks as
// Room.applyClientUpdate makes on small ones — history guard, structural check, schema — made
// against the document's state vector, and the update cut into slices the event loop applies
// one per turn, so a 100,000-struct paste never holds the loop for more than a few
// milliseconds at a time.
//
// Slices follow the order in which Yjs integrates the structs (checkUpdate's walk), so every
// slice only refers to the document, to earlier slices or to itself: applied in order, each
// integrates at once and nothing is ever left pending. The update's deletions travel with the
// last slice. Each slice is a plain V1 update, so it is relayed and stored like any other.
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { DeferredCheck, StructValidator } from './ArticleUpdateValidator.ts';
import { inspectUpdate, type Struct } from './checkUpdate.ts';
import { HistoryGuard, type HistoryRecords } from './HistoryGuard.ts';

/** What the worker gets: plain data only (it crosses threads). */
export interface PrepareUpdateJob {
  update: Uint8Array;
  /** The document's state vector when the job was sent. */
  stateVector: Uint8Array;
  history: HistoryRecords;
  /** The frame limit: bounds struct and deletion lengths (checkUpdate). */
  maxLength: number;
  /** Structs per slice. */
  sliceStructs: number;
}

export type PrepareUpdateResult =
  | { kind: 'refused' | 'foreign' }
  | { kind: 'malformed' | 'forbidden'; reason: string }
  | { kind: 'accepted'; slices: Uint8Array[]; deferred: DeferredCheck[] };

/**
 * Where a room sends the work of large updates (the server's worker pool). Without one, every
 * update is checked and applied on the event loop in one piece.
 */
export interface UpdateWorker {
  prepareUpdate(job: PrepareUpdateJob): Promise<PrepareUpdateResult>;
  /** Y.mergeUpdates, off the event loop. */
  mergeUpdates(updates: Uint8Array[]): Promise<Uint8Array>;
}

/** Runs the checks of a large update and slices it. Pure: the same in a worker and a test. */
export function prepareUpdate(
  job: PrepareUpdateJob,
  validator: StructValidator,
): PrepareUpdateResult {
  const clocks = Y.decodeStateVector(job.stateVector);
  const guard = new HistoryGuard();
  guard.merge(job.history);
  let checked: ReturnType<typeof inspectUpdate>;
  try {
    const verdict = guard.check(job.update, clocks);
    if (verdict) return { kind: verdict };
    checked = inspectUpdate(job.update, clocks, job.maxLength);
  } catch {
    return { kind: 'malformed', reason: 'update could not be decoded' };
  }
  if (typeof checked === 'string') return { kind: 'malformed', reason: checked };
  const deferred: DeferredCheck[] = [];
  const refusal = validator.check(checked.structs, null, deferred);
  if (refusal) return { kind: 'forbidden', reason: refusal };
  return { kind: 'accepted', slices: sliceUpdate(checked, job.sliceStructs), deferred };
}

/** The structs in integration order, cut every `sliceStructs`; the deletions go last. */
export function sliceUpdate(
  checked: {
    order: readonly Struct[];
    ds: { clients: Map<number, { clock: number; len: number }[]> };
  },
  sliceStructs: number,
): Uint8Array[] {
  const slices: Uint8Array[] = [];
  const { order, ds } = checked;
  const size = Math.max(1, sliceStructs);
  for (let start = 0; start < order.length || slices.length === 0; start += size) {
    const end = Math.min(order.length, start + size);
    slices.push(encodeSlice(order.slice(start, end), end === order.length ? ds : null));
  }
  return slices;
}

/**
 * A V1 update of `structs` (one block per client: within a slice a client's structs are
 * consecutive, since the walk takes each client's structs in clock order) and `ds`.
 */
function encodeSlice(
  structs: readonly Struct[],
  ds: { clients: Map<number, { clock: number; len: number }[]> } | null,
): Uint8Array {
  const blocks = new Map<number, Struct[]>();
  for (const struct of structs) {
    const block = blocks.get(struct.id.client);
    if (block) block.push(struct);
    else blocks.set(struct.id.client, [struct]);
  }
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, blocks.size);
  for (const [client, block] of blocks) {
    encoding.writeVarUint(encoder.restEncoder, block.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, (block[0] as Struct).id.clock);
    for (const struct of block) struct.write(encoder, 0);
  }
  // The delete set, as Yjs's writeDeleteSet lays it out.
  const clients = ds ? [...ds.clients].filter(([, deletions]) => deletions.length > 0) : [];
  encoding.writeVarUint(encoder.restEncoder, clients.length);
  for (const [client, deletions] of clients) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, deletions.length);
    for (const { clock, len } of deletions) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
  return encoder.toUint8Array();
}
