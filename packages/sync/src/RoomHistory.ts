// A room's HistoryGuard wired to the outside: loaded with the room, new refusals and lineage
// stored through the HistoryStore (retried until stored) and announced to the other instances,
// so the rule "what was refused stays refused" holds after restarts and on every instance.
import type * as Y from 'yjs';
import {
  HistoryGuard,
  type HistoryRecords,
  type HistoryVerdict,
  type RefusedClient,
} from './HistoryGuard.ts';
import type { HistoryStore } from './HistoryStore.ts';
import { newServerClientId } from './serverClientId.ts';

/** Retries of a failed record write: at most once a second, like saves. */
const RETRY_MS = 1_000;

export interface RoomHistoryOptions {
  store: HistoryStore | undefined;
  /** Tells the other instances (relay); a no-op for a single instance. */
  announce(records: Partial<HistoryRecords>): void;
  onError(documentId: string, error: unknown, attempt: number): void;
}

export class RoomHistory {
  readonly guard = new HistoryGuard();
  private unrecorded: RefusedClient[] = [];
  private writing: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private destroyed = false;

  constructor(
    private readonly documentId: string,
    private readonly options: RoomHistoryOptions,
  ) {}

  async load(): Promise<void> {
    const records = await this.options.store?.load(this.documentId);
    if (records) this.guard.merge(records);
  }

  /** Records relayed by another instance, or read again from the store. */
  merge(records: Partial<HistoryRecords>): void {
    this.guard.merge(records);
  }

  async reload(): Promise<void> {
    await this.load();
  }

  check(update: Uint8Array, doc: Y.Doc): HistoryVerdict {
    return this.guard.check(update, doc);
  }

  /**
   * A read-only connection sent `update`: it is dropped, and its changes the document lacks
   * are refused for good. Returns whether the sender now holds refused changes.
   */
  refuse(update: Uint8Array, doc: Y.Doc): boolean {
    this.record(this.guard.refuse(update, doc));
    return this.guard.check(update, doc) === 'refused';
  }

  /** A client lost access: nothing it writes after what the document holds now is accepted. */
  fence(client: number, doc: Y.Doc): void {
    const entry = this.guard.fence(client, doc);
    if (entry) this.record([entry]);
  }

  /** A server client id for one server change, in the lineage (stored) before it writes. */
  async newLineageClient(): Promise<number> {
    const client = newServerClientId();
    await this.options.store?.recordLineage(this.documentId, client);
    this.guard.merge({ lineage: [client] });
    this.options.announce({ lineage: [client] });
    return client;
  }

  /** Resolves once every refusal so far is stored (waits through retries). */
  async settled(): Promise<void> {
    while (this.unrecorded.length > 0 || this.writing) {
      if (this.writing) await this.writing;
      else if (this.retryTimer) await new Promise((resolve) => setTimeout(resolve, RETRY_MS / 4));
      else await this.write();
    }
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.retryTimer);
  }

  private record(entries: RefusedClient[]): void {
    if (entries.length === 0) return;
    this.options.announce({ refused: entries });
    this.unrecorded.push(...entries);
    if (!this.writing && !this.retryTimer) void this.write();
  }

  private write(): Promise<void> {
    const store = this.options.store;
    if (!store || this.unrecorded.length === 0) {
      this.unrecorded = [];
      return Promise.resolve();
    }
    const batch = this.unrecorded;
    this.unrecorded = [];
    this.writing = store.recordRefused(this.documentId, batch).then(
      () => {
        this.failures = 0;
        this.writing = undefined;
        if (this.unrecorded.length > 0) void this.write();
      },
      (error: unknown) => {
        this.unrecorded = [...batch, ...this.unrecorded];
        this.writing = undefined;
        this.options.onError(this.documentId, error, ++this.failures);
        if (this.destroyed) return;
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          void this.write();
        }, RETRY_MS);
      },
    );
    return this.writing;
  }
}
