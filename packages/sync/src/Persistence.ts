// Where documents are kept between sessions. The sync core calls it; apps/server implements
// it on PostgreSQL. Every call may fail (database down): the core retries appends.

/** One document's updates for a save across documents. */
export interface DocumentBatch {
  documentId: string;
  updates: Uint8Array[];
}

export interface Persistence {
  /** The stored state as one Yjs update, or null for a document that has none yet. */
  load(documentId: string): Promise<Uint8Array | null>;
  /** Durably stores updates (in order) after those already stored. Resolves once committed. */
  append(documentId: string, updates: Uint8Array[]): Promise<void>;
  /**
   * Stores several documents' updates in one transaction: all of them or none (the core then
   * saves each document on its own). Absent: the core calls `append` per document.
   */
  appendMany?(batches: readonly DocumentBatch[]): Promise<void>;
  /** The document left memory; drop anything cached for it. */
  unloaded?(documentId: string): void;
}
