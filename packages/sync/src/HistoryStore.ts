// Where each document's HistoryGuard records are kept, so what was refused stays refused across
// restarts and instances. The sync core calls it; apps/server implements it on PostgreSQL.
import type { HistoryRecords, RefusedClient } from './HistoryGuard.ts';

export interface HistoryStore {
  /** The document's refused clients and lineage (empty lists for a document without any). */
  load(documentId: string): Promise<HistoryRecords>;
  /** Durably adds refused clients (a client keeps its lowest clock). */
  recordRefused(documentId: string, refused: RefusedClient[]): Promise<void>;
  /** Durably adds a server client id to the document's lineage, before it writes anything. */
  recordLineage(documentId: string, client: number): Promise<void>;
}
