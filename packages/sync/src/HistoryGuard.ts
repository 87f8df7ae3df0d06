// One document's memory of what it must never merge: the Yjs clients whose changes it refused
// (from which clock on), and its lineage — the server client ids that wrote its history
// (imports, restores). An update that carries or builds on refused changes, or that brings in
// server-written history of another document, is held back and its sender told to reload.
import * as Y from 'yjs';
import { type ClockSource, clockOf } from './checkUpdate.ts';
import { isServerClientId } from './serverClientId.ts';

/** From `fromClock` on, nothing of Yjs client `client` is accepted into the document. */
export interface RefusedClient {
  client: number;
  fromClock: number;
}

/** What the guard knows, as stored per document (see HistoryStore). */
export interface HistoryRecords {
  refused: RefusedClient[];
  lineage: number[];
}

/** Why an update may not be merged. */
export type HistoryVerdict = 'refused' | 'foreign' | null;

export class HistoryGuard {
  // Both are created with their first entry: most documents never refuse anything, and an
  // empty Map or Set still costs ~150 bytes of heap (3 MB for 20,000 open documents).
  /** Lowest refused clock per Yjs client. */
  private refused: Map<number, number> | undefined;
  private lineage: Set<number> | undefined;
  private changes = 0;

  /** Adds records (loaded, relayed or new); a client keeps its lowest refused clock. */
  merge(records: Partial<HistoryRecords>): void {
    for (const { client, fromClock } of records.refused ?? []) {
      const known = this.refused?.get(client);
      if (known === undefined || fromClock < known) {
        this.refused ??= new Map();
        this.refused.set(client, fromClock);
        this.changes++;
      }
    }
    for (const client of records.lineage ?? []) {
      if (this.lineage?.has(client)) continue;
      this.changes++;
      this.lineage ??= new Set();
      this.lineage.add(client);
    }
  }

  /** Whether anything of `client` from `clock` on was refused. */
  isRefused(client: number, clock: number): boolean {
    const from = this.refused?.get(client);
    return from !== undefined && clock >= from;
  }

  /** Everything the guard knows, as plain data (for a check in a worker thread). */
  records(): HistoryRecords {
    return {
      refused: [...(this.refused ?? [])].map(([client, fromClock]) => ({ client, fromClock })),
      lineage: [...(this.lineage ?? [])],
    };
  }

  /** Grows with every new refusal or lineage entry: a check made before it may be out of date. */
  get version(): number {
    return this.changes;
  }

  /** Whether `client` has been fenced at all (its copy may hold refused changes). */
  isFenced(client: number): boolean {
    return this.refused?.has(client) ?? false;
  }

  /**
   * Whether `update` may be merged into `doc`. Only what the document lacks is judged: a
   * client may resend what was accepted before. Throws on undecodable bytes.
   */
  check(update: Uint8Array, doc: ClockSource): HistoryVerdict {
    const stateOf = clockOf(doc);
    if (this.refused === undefined) {
      // Fast path: without refusals only the clients an update brings matter.
      for (const [client, to] of Y.parseUpdateMeta(update).to) {
        if (to > stateOf(client) && this.isForeign(client)) return 'foreign';
      }
      return null;
    }
    for (const struct of Y.decodeUpdate(update).structs) {
      if (struct instanceof Y.Skip) continue;
      const { client, clock } = struct.id;
      const end = clock + struct.length;
      if (end <= stateOf(client)) continue;
      if (this.isRefused(client, end - 1)) return 'refused';
      if (this.isForeign(client)) return 'foreign';
      if (struct instanceof Y.Item) {
        // Content typed next to or inside refused content depends on it.
        for (const ref of [struct.origin, struct.rightOrigin, struct.parent]) {
          if (ref instanceof Y.ID && this.isRefused(ref.client, ref.clock)) return 'refused';
        }
      }
    }
    return null;
  }

  /**
   * Records that `update` was refused: per client, from the first clock the document lacks.
   * Returns the new or lowered entries (to be stored and relayed). Throws on undecodable bytes.
   */
  refuse(update: Uint8Array, doc: Y.Doc): RefusedClient[] {
    const { from, to } = Y.parseUpdateMeta(update);
    const added: RefusedClient[] = [];
    for (const [client, end] of to) {
      const state = Y.getState(doc.store, client);
      if (end <= state) continue;
      const fromClock = Math.max(from.get(client) ?? 0, state);
      if (this.isRefused(client, fromClock)) continue;
      added.push({ client, fromClock });
    }
    this.merge({ refused: added });
    return added;
  }

  /**
   * Fences a client that lost access: whatever it writes after what the document holds now
   * is refused. Returns the entry when it is new.
   */
  fence(client: number, doc: Y.Doc): RefusedClient | null {
    const fromClock = Y.getState(doc.store, client);
    if (this.isRefused(client, fromClock)) return null;
    const entry = { client, fromClock };
    this.merge({ refused: [entry] });
    return entry;
  }

  private isForeign(client: number): boolean {
    return isServerClientId(client) && !this.lineage?.has(client);
  }
}
