// The group commit of one document's edits: accepted updates wait at most a batch window, then
// go to persistence merged into one append. With a SharedCommitter every open document's batch
// of a window goes in one save (one transaction for all of them). A failed save goes back in
// front and is retried, once a second at most, on its own; the saved vector (what the saved
// signal claims) moves only when a batch is committed, and never past edits another instance
// has yet to store.
import * as Y from 'yjs';
import type { DocumentBatch, Persistence } from './Persistence.ts';
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
  /** Saves the window's batch together with other documents' (absent: a save of its own). */
  committer?: SharedCommitter;
}

/** A batch taken from the pending edits, in flight until settled. */
interface Batch {
  updates: Uint8Array[];
  /** The document's state vector when the batch was taken: saved once it commits. */
  vector: Uint8Array;
  committed: (updates: number, bytes: number) => void;
}

/** A document's batch handed to the SharedCommitter: stored, then `settle`d with the outcome. */
export interface SharedBatch extends DocumentBatch {
  committed(): void;
  failed(error: unknown): void;
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
    this.options.committer?.forget(this);
  }

  /**
   * For the SharedCommitter: the window's batch, merged, or undefined when there is nothing to
   * store or a save of this document is already in flight (it schedules what follows itself).
   */
  async takeShared(): Promise<SharedBatch | undefined> {
    const batch = this.take();
    if (!batch) return undefined;
    let merged: Uint8Array;
    try {
      merged = await this.mergeBatch(batch.updates);
    } catch (error) {
      this.settle(batch, undefined, { error });
      return undefined;
    }
    return {
      documentId: this.documentId,
      updates: [merged],
      committed: () => this.settle(batch, merged),
      failed: (error) => this.settle(batch, merged, { error }),
    };
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
    // A failing document retries on its own: its save must not hold up the others'.
    if (this.failedAttempts === 0 && this.options.committer) {
      this.options.committer.enqueue(this);
      return;
    }
    const delay =
      this.failedAttempts === 0
        ? this.options.batchWindowMs
        : Math.max(0, this.lastAttemptAt + RETRY_MS - Date.now());
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush();
    }, delay);
  }

  /** A save of this document alone: the first window without a committer, retries, `flushed`. */
  private async flush(): Promise<void> {
    const batch = this.take();
    if (!batch) return;
    let merged: Uint8Array | undefined;
    try {
      merged = await this.mergeBatch(batch.updates);
      await this.options.persistence.append(this.documentId, [merged]);
    } catch (error) {
      this.settle(batch, merged, { error });
      return;
    }
    this.settle(batch, merged);
  }

  /** Takes every pending edit as one batch, unless one is in flight. */
  private take(): Batch | undefined {
    if (this.flushing || this.pending.length === 0) return undefined;
    this.flushing = true;
    this.lastAttemptAt = Date.now();
    const updates = this.pending;
    this.pending = [];
    // Everything applied so far is in this batch or already stored, so once it commits the
    // document's current state vector is saved.
    return {
      updates,
      vector: Y.encodeStateVector(this.doc),
      committed: this.options.startBatch(),
    };
  }

  /** The batch's save ended: committed (no error) or to be retried. */
  private settle(batch: Batch, merged: Uint8Array | undefined, failure?: { error: unknown }): void {
    try {
      if (!failure && merged) {
        this.failedAttempts = 0;
        // What arrived while the batch was in flight is all that is unsaved now.
        this.unsavedBytes = this.pending.reduce((sum, update) => sum + update.byteLength, 0);
        this.committedVector = Y.decodeStateVector(batch.vector);
        this.savedVector =
          this.options.heldEdits().length === 0 ? batch.vector : this.honestSavedVector();
        batch.committed(batch.updates.length, merged.byteLength);
      } else {
        // Nothing is reported saved; the batch goes back in front, merged, and is retried.
        this.failedAttempts++;
        this.pending = [...(merged ? [merged] : batch.updates), ...this.pending];
        this.options.onSaveError(this.documentId, failure?.error, this.failedAttempts);
      }
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

/**
 * One save across documents per window: each window, every document with edits waiting hands
 * its merged batch in, and they are stored together (`Persistence.appendMany`, one transaction),
 * in parts of at most `maxBytesPerSave` so that nothing else sharing the database waits behind
 * one long save. When a shared save fails, each of its documents is saved on its own, so one
 * document's failure (a constraint, a deleted document) neither loses nor holds up the others;
 * a document that fails on its own too is retried by its GroupCommit.
 */
export class SharedCommitter {
  private readonly waiting = new Set<GroupCommit>();
  private timer: NodeJS.Timeout | undefined;
  /** When the oldest waiting document joined: it is stored at most a window later. */
  private oldestAt = 0;
  private running = false;

  constructor(
    private readonly options: {
      persistence: Persistence;
      batchWindowMs: number;
      /** A shared save holds at most this many bytes (one document's batch may be larger). */
      maxBytesPerSave?: number;
    },
  ) {}

  /** The document has edits waiting: they go with the next window's save. */
  enqueue(commit: GroupCommit): void {
    if (this.waiting.size === 0) this.oldestAt = Date.now();
    this.waiting.add(commit);
    this.schedule();
  }

  /** The document left memory. */
  forget(commit: GroupCommit): void {
    this.waiting.delete(commit);
  }

  private schedule(): void {
    if (this.timer || this.running || this.waiting.size === 0) return;
    const delay = Math.max(0, this.oldestAt + this.options.batchWindowMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delay);
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      const commits = [...this.waiting];
      this.waiting.clear();
      const taken = await Promise.all(commits.map((commit) => commit.takeShared()));
      const batches = taken.filter((batch): batch is SharedBatch => batch !== undefined);
      for (const part of this.parts(batches)) await this.save(part);
    } finally {
      this.running = false;
      this.schedule();
    }
  }

  /** Consecutive batches of at most maxBytesPerSave bytes each (a larger one alone). */
  private parts(batches: SharedBatch[]): SharedBatch[][] {
    const max = this.options.maxBytesPerSave ?? 256 * 1024;
    const parts: SharedBatch[][] = [];
    let part: SharedBatch[] = [];
    let bytes = 0;
    for (const batch of batches) {
      const size = batch.updates.reduce((sum, update) => sum + update.byteLength, 0);
      if (part.length > 0 && bytes + size > max) {
        parts.push(part);
        part = [];
        bytes = 0;
      }
      part.push(batch);
      bytes += size;
    }
    if (part.length > 0) parts.push(part);
    return parts;
  }

  private async save(part: SharedBatch[]): Promise<void> {
    const { persistence } = this.options;
    if (part.length > 1 && persistence.appendMany) {
      try {
        await persistence.appendMany(part);
        for (const batch of part) batch.committed();
        return;
      } catch {
        // Each document alone, below: whichever one made the shared save fail reports it.
      }
    }
    for (const batch of part) {
      try {
        await persistence.append(batch.documentId, batch.updates);
      } catch (error) {
        batch.failed(error);
        continue;
      }
      batch.committed();
    }
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}
