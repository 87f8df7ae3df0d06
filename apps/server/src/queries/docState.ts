// SQL for a document's Yjs state: the snapshot and the log of updates after it.
import type { Queryable } from '../db/database.ts';

export interface StoredState {
  snapshot: { state: Uint8Array; throughUpdateId: bigint } | undefined;
  updates: { id: bigint; payload: Uint8Array }[];
}

/**
 * The snapshot and the log in one statement, so both come from the same moment: read apart, a
 * compaction committing between the two (another instance's, or this one's after an unload)
 * would leave a snapshot from before it and a log from after it, missing the rows it merged.
 */
export async function readDocState(sql: Queryable, documentId: string): Promise<StoredState> {
  const rows = await sql<{ is_snapshot: boolean; id: string; payload: Buffer }[]>`
    SELECT true AS is_snapshot, through_update_id AS id, state AS payload
    FROM doc_snapshots WHERE document_id = ${documentId}
    UNION ALL
    SELECT false, id, payload FROM doc_updates WHERE document_id = ${documentId}
    ORDER BY is_snapshot DESC, id`;
  const snapshot = rows[0]?.is_snapshot ? rows[0] : undefined;
  // Every row still in the log is unmerged: compaction deletes exactly the rows it merged. An
  // append may commit a lower id after a compaction read the log, so ids are no watermark.
  const updates = snapshot ? rows.slice(1) : rows;
  return {
    snapshot: snapshot
      ? { state: new Uint8Array(snapshot.payload), throughUpdateId: BigInt(snapshot.id) }
      : undefined,
    updates: updates.map((row) => ({ id: BigInt(row.id), payload: new Uint8Array(row.payload) })),
  };
}

export async function appendDocUpdates(
  sql: Queryable,
  documentId: string,
  payloads: Uint8Array[],
): Promise<void> {
  if (payloads.length === 0) return;
  const rows = payloads.map((payload) => ({
    document_id: documentId,
    payload: Buffer.from(payload),
  }));
  await sql`INSERT INTO doc_updates ${sql(rows, 'document_id', 'payload')}`;
}

/** Several documents' updates in one statement (one transaction): all rows or none. */
export async function appendManyDocUpdates(
  sql: Queryable,
  batches: readonly { documentId: string; updates: Uint8Array[] }[],
): Promise<void> {
  const rows = batches.flatMap(({ documentId, updates }) =>
    updates.map((payload) => ({ document_id: documentId, payload: Buffer.from(payload) })),
  );
  if (rows.length === 0) return;
  await sql`INSERT INTO doc_updates ${sql(rows, 'document_id', 'payload')}`;
}

/** Replaces the snapshot and drops exactly the updates merged into it (inside a transaction). */
export async function writeSnapshot(
  sql: Queryable,
  documentId: string,
  state: Uint8Array,
  mergedUpdateIds: bigint[],
): Promise<void> {
  // bigint ids: Math.max does not take them.
  let highest = 0n;
  for (const id of mergedUpdateIds) if (id > highest) highest = id;
  const through = highest.toString();
  const ids = mergedUpdateIds.map(String);
  await sql`
    INSERT INTO doc_snapshots (document_id, state, through_update_id)
    VALUES (${documentId}, ${Buffer.from(state)}, ${through})
    ON CONFLICT (document_id) DO UPDATE
      SET state = excluded.state, through_update_id = excluded.through_update_id, updated_at = now()`;
  await sql`DELETE FROM doc_updates WHERE document_id = ${documentId} AND id = ANY(${ids}::bigint[])`;
}

/**
 * Whether a compaction's read still stands: the snapshot is the one it read (through the same
 * update) and every row it merged is still in the log (no other compaction took them).
 */
export async function docStateUnchanged(
  sql: Queryable,
  documentId: string,
  throughUpdateId: bigint | undefined,
  updateIds: bigint[],
): Promise<boolean> {
  const ids = updateIds.map(String);
  const [row] = await sql<{ through: string | null; logged: number }[]>`
    SELECT
      (SELECT through_update_id::text FROM doc_snapshots WHERE document_id = ${documentId}) AS through,
      (SELECT count(*)::int FROM doc_updates
        WHERE document_id = ${documentId} AND id = ANY(${ids}::bigint[])) AS logged`;
  const through = row?.through == null ? undefined : BigInt(row.through);
  return through === throughUpdateId && row?.logged === ids.length;
}

/** Serialises compactions of one document across server instances. */
export async function lockDocState(sql: Queryable, documentId: string): Promise<boolean> {
  const [row] = await sql<{ locked: boolean }[]>`
    SELECT pg_try_advisory_xact_lock(hashtextextended(${documentId}, 0)) AS locked`;
  return row?.locked ?? false;
}
