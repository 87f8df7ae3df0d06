// The group commit of one document's edits: accepted updates wait at most a batch window, then
// go to persistence merged into one append. A failed save goes back in front and is retried,
// once a second at most; the saved vector (what the saved signal claims) moves only when a batch
// is committed, and never past edits another instance has yet to store.
import * as Y from 'yjs';
import type { Persistence } from './Persistence.ts';
import type { UpdateWorker } from './prepareUpdate.ts';

/**
 * A failed save is retried once a second, never faster (storage that is down is not hammered);
 * recovery need not wait for it: `retryFailed` is called as soon as storage answers again.
 */
const RETRY_MS = 1_000;

export interface GroupCommitOptions {
  persistence: Persistence;
  /** Updates are stored at most this long after they arrive. */
  batchWindowMs: number;
  /** Batches of at least `minBytes` are merged in the worker (absent: on the event loop). */
  mergeOffLoop?: { worker: Pick<UpdateWorker, 'mergeUpdates'>; minBytes: number };
  /**
   * Edits applied to the document that another instance stores and has not reported stored:
   * the saved vector stays below their lowest clock per Yjs client.
   */
  heldEdits(): readonly { fromClocks: ReadonlyMap<number, number> }[];
  /**
   * A batch is taken: whatever it must remember of this moment (the latest edit it contains),
   * returned as what to do once the batch is committed.
   */
  startBatch(): (updates: number, bytes: number) => void;
  /** A save failed; it is retried. */
  onSaveError(documentId: string, error: unknown, attempt: number): void;
}

export class GroupCommit {
  /** Updates not yet handed to persistence, in order. */
  private pending: Uint8Array[] = [];
  /** Bytes of edits not yet committed (pending and in flight): capped by maxUnsavedBytes. */
  private unsavedBytes = 0;
  private flushing = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private failedAttempts = 0;
  private lastAttemptAt = 0;
  private idleWaiters: (() => void)[] = [];
  private destroyed = false;
  /** State vector of everything committed to persistence (lowered below held edits). */
  private savedVector: Uint8Array;
  /** The document's state vector when the latest batch was committed (or at load). */
  private committedVector = new Map<number, number>();

  constructor(
    private readonly documentId: string,
    private readonly doc: Y.Doc,
    private readonly options: GroupCommitOptions,
  ) {
    this.savedVector = Y.encodeStateVector(doc);
  }

  /** The document was loaded: everything it holds now is stored. */
  loaded(): void {
    this.savedVector = Y.encodeStateVector(this.doc);
    this.committedVector = Y.decodeStateVector(this.savedVector);
  }

  /** An accepted edit: stored with the next batch. */
  add(update: Uint8Array): void {
    this.pending.push(update);
    this.unsavedBytes += update.byteLength;
    this.scheduleFlush();
  }

  /** What the saved signal claims: a state vector every edit of which is committed. */
  get saved(): Uint8Array {
    return this.savedVector;
  }

  get unsaved(): number {
    return this.unsavedBytes;
  }

  /** Whether the latest save failed (it is being retried). */
  get failing(): boolean {
    return this.failedAttempts > 0;
  }

  /** Nothing waits to be stored and no batch is in flight. */
  get idle(): boolean {
    return this.pending.length === 0 && !this.flushing;
  }

  /** The held edits changed: recomputes the saved vector; whether it moved. */
  heldChanged(): boolean {
    const previous = this.savedVector;
    this.savedVector = this.honestSavedVector();
    return !equalBytes(previous, this.savedVector);
  }

  /** Storage is back: retry a failed save now, or as soon as a second has passed since the last try. */
  retryFailed(): void {
    if (this.failedAttempts === 0 || this.flushing || this.destroyed) return;
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.scheduleFlush();
  }

  /** Resolves once every accepted edit is committed (waits through retries). */
  async flushed(): Promise<void> {
    while (this.pending.length > 0 || this.flushing) {
      if (!this.flushing) {
        clearTimeout(this.flushTimer);
        this.flushTimer = undefined;
        void this.flush();
      }
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  destroy(): void {
    this.destroyed = true;
    clearTimeout(this.flushTimer);
  }

  /** The committed vector, lowered below every held edit: those may not be stored yet. */
  private honestSavedVector(): Uint8Array {
    const vector = new Map(this.committedVector);
    for (const edit of this.options.heldEdits()) {
      for (const [client, clock] of edit.fromClocks) {
        if ((vector.get(client) ?? 0) > clock) vector.set(client, clock);
      }
    }
    return Y.encodeStateVector(vector);
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.flushing) return;
    const delay =
      this.failedAttempts === 0
        ? this.options.batchWindowMs
        : Math.max(0, this.lastAttemptAt + RETRY_MS - Date.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, delay);
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.pending.length === 0) return;
    this.flushing = true;
    this.lastAttemptAt = Date.now();
    const batch = this.pending;
    this.pending = [];
    // Everything applied so far is in this batch or already stored, so once it commits the
    // document's current state vector is saved.
    const vector = Y.encodeStateVector(this.doc);
    const committed = this.options.startBatch();
    let merged: Uint8Array | undefined;
    try {
      merged = await this.mergeBatch(batch);
      await this.options.persistence.append(this.documentId, [merged]);
      this.failedAttempts = 0;
      // What arrived while the batch was in flight is all that is unsaved now.
      this.unsavedBytes = this.pending.reduce((sum, update) => sum + update.byteLength, 0);
      this.committedVector = Y.decodeStateVector(vector);
      this.savedVector = this.options.heldEdits().length === 0 ? vector : this.honestSavedVector();
      committed(batch.length, merged.byteLength);
    } catch (error) {
      // Nothing is reported saved; the batch goes back in front, merged, and is retried.
      this.failedAttempts++;
      this.pending = [...(merged ? [merged] : batch), ...this.pending];
      this.options.onSaveError(this.documentId, error, this.failedAttempts);
    } finally {
      this.flushing = false;
      if (this.pending.length > 0) this.scheduleFlush();
      else for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /** Fewer rows and bytes to store; a large batch is merged in the worker. */
  private async mergeBatch(batch: Uint8Array[]): Promise<Uint8Array> {
    if (batch.length === 1) return batch[0] as Uint8Array;
    const offLoop = this.options.mergeOffLoop;
    const bytes = batch.reduce((sum, update) => sum + update.byteLength, 0);
    if (offLoop && bytes >= offLoop.minBytes) {
      try {
        return await offLoop.worker.mergeUpdates(batch);
      } catch {
        // The pool is gone or full: merged here instead (the save must not wait for it).
      }
    }
    return Y.mergeUpdates(batch);
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}
