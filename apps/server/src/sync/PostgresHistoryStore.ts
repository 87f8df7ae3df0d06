// Where the sync core keeps each document's refused clients and lineage: two small tables
// (doc_refused_clients, doc_lineage), read when a document loads and added to as it goes.
import type { HistoryRecords, HistoryStore, RefusedClient } from '@factdesk/sync';
import type { Sql } from '../db/database.ts';
import {
  insertLineageClient,
  insertRefusedClients,
  readDocHistory,
} from '../queries/docHistory.ts';

const FOREIGN_KEY_VIOLATION = '23503';

export class PostgresHistoryStore implements HistoryStore {
  constructor(private readonly sql: Sql) {}

  load(documentId: string): Promise<HistoryRecords> {
    return readDocHistory(this.sql, documentId);
  }

  async recordRefused(documentId: string, refused: RefusedClient[]): Promise<void> {
    await ignoreDeleted(insertRefusedClients(this.sql, documentId, refused));
  }

  async recordLineage(documentId: string, client: number): Promise<void> {
    await ignoreDeleted(insertLineageClient(this.sql, documentId, client));
  }
}

/** The document was deleted while open: nothing is left to protect, and retrying never succeeds. */
async function ignoreDeleted(write: Promise<void>): Promise<void> {
  try {
    await write;
  } catch (error) {
    if ((error as { code?: string }).code !== FOREIGN_KEY_VIOLATION) throw error;
  }
}
