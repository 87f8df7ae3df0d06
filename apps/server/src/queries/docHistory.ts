// SQL for a document's history records: refused Yjs clients and lineage client ids.
import type { HistoryRecords, RefusedClient } from '@factdesk/sync';
import type { Queryable } from '../db/database.ts';

export async function readDocHistory(sql: Queryable, documentId: string): Promise<HistoryRecords> {
  const refused = await sql<{ client_id: string; from_clock: string }[]>`
    SELECT client_id, from_clock FROM doc_refused_clients WHERE document_id = ${documentId}`;
  const lineage = await sql<{ client_id: string }[]>`
    SELECT client_id FROM doc_lineage WHERE document_id = ${documentId}`;
  return {
    refused: refused.map((row) => ({
      client: Number(row.client_id),
      fromClock: Number(row.from_clock),
    })),
    lineage: lineage.map((row) => Number(row.client_id)),
  };
}

/** Adds refused clients; a client already refused keeps the lower clock. */
export async function insertRefusedClients(
  sql: Queryable,
  documentId: string,
  refused: RefusedClient[],
): Promise<void> {
  if (refused.length === 0) return;
  const rows = refused.map(({ client, fromClock }) => ({
    document_id: documentId,
    client_id: String(client),
    from_clock: String(fromClock),
  }));
  await sql`
    INSERT INTO doc_refused_clients ${sql(rows, 'document_id', 'client_id', 'from_clock')}
    ON CONFLICT (document_id, client_id) DO UPDATE
      SET from_clock = LEAST(doc_refused_clients.from_clock, excluded.from_clock)`;
}

export async function insertLineageClient(
  sql: Queryable,
  documentId: string,
  client: number,
): Promise<void> {
  await sql`
    INSERT INTO doc_lineage (document_id, client_id) VALUES (${documentId}, ${String(client)})
    ON CONFLICT DO NOTHING`;
}
