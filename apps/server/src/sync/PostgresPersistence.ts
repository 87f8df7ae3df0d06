// Where the sync core keeps documents: appended Yjs updates in doc_updates (one INSERT per
// window for every document's group-commit batch), compacted into doc_snapshots once a
// document's log grows past a threshold.
import type { DocumentBatch, Persistence } from '@factdesk/sync';
import * as Y from 'yjs';
import type { Sql } from '../db/database.ts';
import {
  appendDocUpdates,
  appendManyDocUpdates,
  docStateUnchanged,
  lockDocState,
  readDocState,
  writeSnapshot,
} from '../queries/docState.ts';

const FOREIGN_KEY_VIOLATION = '23503';

export interface PostgresPersistenceOptions {
  /** Compact once a document has more logged updates than this. */
  compactAfterUpdates?: number;
  onCompactError?: (documentId: string, error: unknown) => void;
  /**
   * Y.mergeUpdates off the event loop (the worker pool), used when the parts add up to at
   * least `mergeOffLoopBytes`: merging a large document's snapshot and log takes long enough
   * to stall every other document.
   */
  mergeUpdates?: (parts: Uint8Array[]) => Promise<Uint8Array>;
  mergeOffLoopBytes?: number;
}

export class PostgresPersistence implements Persistence {
  private readonly compactAfter: number;
  /** This instance's compaction of each document, so a second one waits instead of skipping. */
  private readonly compactions = new Map<string, Promise<void>>();
  /** Logged updates per document as this instance knows them: counted, not queried. */
  private readonly logLength = new Map<string, number>();

  constructor(
    private readonly sql: Sql,
    private readonly options: PostgresPersistenceOptions = {},
  ) {
    this.compactAfter = options.compactAfterUpdates ?? 500;
  }

  /** The document's stored state as one Yjs update, or null when nothing is stored. */
  async load(documentId: string): Promise<Uint8Array | null> {
    const { snapshot, updates } = await readDocState(this.sql, documentId);
    this.logLength.set(documentId, updates.length);
    const parts = [...(snapshot ? [snapshot.state] : []), ...updates.map((u) => u.payload)];
    if (parts.length === 0) return null;
    return parts.length === 1 ? parts[0]! : this.merge(parts);
  }

  private async merge(parts: Uint8Array[]): Promise<Uint8Array> {
    const { mergeUpdates, mergeOffLoopBytes = 0 } = this.options;
    const bytes = parts.reduce((sum, part) => sum + part.byteLength, 0);
    if (mergeUpdates && bytes >= mergeOffLoopBytes) {
      try {
        return await mergeUpdates(parts);
      } catch {
        // The pool is gone (shutting down) or full: merged here instead.
      }
    }
    return Y.mergeUpdates(parts);
  }

  async append(documentId: string, updates: Uint8Array[]): Promise<void> {
    try {
      await appendDocUpdates(this.sql, documentId, updates);
    } catch (error) {
      // The document was deleted while open: there is nowhere to keep its last edits, and
      // retrying would never succeed.
      if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) return;
      throw error;
    }
    this.logged(documentId, updates.length);
  }

  /**
   * Every document's batch in one INSERT. Any failure (a document deleted while open among
   * them) fails all: the sync core then appends each on its own.
   */
  async appendMany(batches: readonly DocumentBatch[]): Promise<void> {
    await appendManyDocUpdates(this.sql, batches);
    for (const { documentId, updates } of batches) this.logged(documentId, updates.length);
  }

  /** Counts what was appended; a log grown past the threshold is compacted. */
  private logged(documentId: string, count: number): void {
    const length = (this.logLength.get(documentId) ?? 0) + count;
    this.logLength.set(documentId, length);
    if (length > this.compactAfter && !this.compactions.has(documentId)) {
      void this.compactInBackground(documentId);
    }
  }

  /** Forgets what it counted for a document the sync core has unloaded. */
  unloaded(documentId: string): void {
    this.logLength.delete(documentId);
  }

  /**
   * Merges snapshot and log into a new snapshot, in one transaction; live editing goes on.
   * Runs after any compaction of the same document this instance already has under way, so
   * that when it returns, everything logged before the call is in the snapshot.
   */
  async compact(documentId: string): Promise<void> {
    const previous = this.compactions.get(documentId);
    const run = (previous ?? Promise.resolve())
      .catch(() => undefined) // the earlier run reports its own failure
      .then(() => this.compactOnce(documentId));
    this.compactions.set(documentId, run);
    try {
      await run;
    } finally {
      if (this.compactions.get(documentId) === run) this.compactions.delete(documentId);
    }
  }

  /**
   * Reads and merges outside any transaction (merging a large document takes a while, and on
   * the embedded database's one session every other query would wait for it), then, in a short
   * transaction, replaces the snapshot if what it read still stands.
   */
  private async compactOnce(documentId: string): Promise<void> {
    const { snapshot, updates } = await readDocState(this.sql, documentId);
    if (updates.length === 0) return;
    const parts = [...(snapshot ? [snapshot.state] : []), ...updates.map((u) => u.payload)];
    const merged = await this.merge(parts);
    const ids = updates.map((u) => u.id);
    await this.sql.begin(async (tx) => {
      if (!(await lockDocState(tx, documentId))) return; // another instance is on it
      // Another instance compacted meanwhile: its snapshot holds these rows; ours is stale.
      if (!(await docStateUnchanged(tx, documentId, snapshot?.throughUpdateId, ids))) return;
      await writeSnapshot(tx, documentId, merged, ids);
    });
  }

  private async compactInBackground(documentId: string): Promise<void> {
    try {
      await this.compact(documentId);
      this.logLength.set(documentId, 0);
    } catch (error) {
      this.options.onCompactError?.(documentId, error);
    }
  }
}
