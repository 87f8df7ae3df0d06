// A Persistence in memory, for the sync core's own tests: what a batch appends is kept per
// document in order, saves can be made to fail or wait, and a second instance can share the
// same documents (as two servers share one database). Tests only.
import * as Y from 'yjs';
import type { DocumentBatch, Persistence } from '../Persistence.ts';

export class MemoryPersistence implements Persistence {
  /** Every append that committed, in order: one entry per group-commit batch. */
  readonly appends: { documentId: string; updates: Uint8Array[] }[] = [];
  /** The documents of every committed save (transaction), in order: one per append or appendMany. */
  readonly transactions: string[][] = [];
  /** Saves that include one of these documents reject with its error (a constraint, say). */
  readonly failingDocuments = new Map<string, Error>();
  /** Documents the sync core reported unloaded, in order. */
  readonly unloadedDocuments: string[] = [];
  /** While set, appends and loads reject with it (the database is down). */
  failure: Error | undefined;
  private paused: Promise<void> | undefined;

  constructor(private readonly documents = new Map<string, Uint8Array[]>()) {}

  /** Another instance's connection to the same documents, with its own failures. */
  another(): MemoryPersistence {
    return new MemoryPersistence(this.documents);
  }

  async load(documentId: string): Promise<Uint8Array | null> {
    if (this.failure) throw this.failure;
    const updates = this.documents.get(documentId) ?? [];
    return updates.length === 0 ? null : Y.mergeUpdates(updates);
  }

  async append(documentId: string, updates: Uint8Array[]): Promise<void> {
    await this.appendMany([{ documentId, updates }]);
  }

  async appendMany(batches: readonly DocumentBatch[]): Promise<void> {
    await this.paused;
    if (this.failure) throw this.failure;
    for (const { documentId } of batches) {
      const failure = this.failingDocuments.get(documentId);
      if (failure) throw failure;
    }
    for (const { documentId, updates } of batches) {
      const stored = this.documents.get(documentId) ?? [];
      stored.push(...updates);
      this.documents.set(documentId, stored);
      this.appends.push({ documentId, updates });
    }
    this.transactions.push(batches.map((batch) => batch.documentId));
  }

  unloaded(documentId: string): void {
    this.unloadedDocuments.push(documentId);
  }

  /** Appends wait (in flight) until the returned function is called. */
  pause(): () => void {
    let resume = () => {};
    this.paused = new Promise<void>((resolve) => {
      resume = () => {
        this.paused = undefined;
        resolve();
      };
    });
    return resume;
  }

  /** The document as stored: a fresh Y.Doc holding every committed update. */
  storedDoc(documentId: string): Y.Doc {
    const doc = new Y.Doc();
    for (const update of this.documents.get(documentId) ?? []) Y.applyUpdate(doc, update);
    return doc;
  }
}
