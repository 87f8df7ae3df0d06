// SQL for a document's history records: refused Yjs clients and lineage client ids.
import type { HistoryRecords, RefusedClient } from '@factdesk/sync';
import type { Queryable } from '../db/database.ts';

export async function readDocHistory(sql: Queryable, documentId: string): Promise<HistoryRecords> {
  // One statement for both tables: one round trip when a document opens. Lineage rows have
  // no clock.
  const rows = await sql<{ client_id: string; from_clock: string | null }[]>`
    SELECT client_id, from_clock FROM doc_refused_clients WHERE document_id = ${documentId}
    UNION ALL
    SELECT client_id, NULL FROM doc_lineage WHERE document_id = ${documentId}`;
  const records: HistoryRecords = { refused: [], lineage: [] };
  for (const row of rows) {
    if (row.from_clock === null) records.lineage.push(Number(row.client_id));
    else records.refused.push({ client: Number(row.client_id), fromClock: Number(row.from_clock) });
  }
  return records;
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
