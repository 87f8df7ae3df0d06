// Where documents are kept between sessions. The sync core calls it; apps/server implements
// it on PostgreSQL. Both calls may fail (database down): the core retries appends.
export interface Persistence {
  /** The stored state as one Yjs update, or null for a document that has none yet. */
  load(documentId: string): Promise<Uint8Array | null>;
  /** Durably stores updates (in order) after those already stored. Resolves once committed. */
  append(documentId: string, updates: Uint8Array[]): Promise<void>;
  /** The document left memory; drop anything cached for it. */
  unloaded?(documentId: string): void;
}
