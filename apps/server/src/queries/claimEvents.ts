// SQL for the claims audit log: append-only rows, read per claim or per document after an id.
import type { ClaimEventType } from '@factdesk/model';
import type { Queryable } from '../db/database.ts';

export interface ClaimEventRow {
  /** bigint, as a string (postgres.js keeps int8 exact). */
  id: string;
  claim_id: string;
  document_id: string;
  actor_id: string | null;
  actor_name: string | null;
  type: ClaimEventType;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  subject: Record<string, unknown> | null;
  /** The blind round that hides this event from other readers until it is revealed. */
  blind_round: number | null;
  created_at: Date;
}

export interface NewClaimEvent {
  claimId: string;
  documentId: string;
  actorId: string | null;
  type: ClaimEventType;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  subject?: Record<string, unknown> | null;
  blindRound?: number | null;
}

export async function insertClaimEvent(sql: Queryable, event: NewClaimEvent): Promise<number> {
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO claim_events (
      claim_id, document_id, actor_id, type, before, after, subject, blind_round
    ) VALUES (
      ${event.claimId}, ${event.documentId}, ${event.actorId}, ${event.type},
      ${event.before === null ? null : sql.json(event.before as never)},
      ${event.after === null ? null : sql.json(event.after as never)},
      ${event.subject ? sql.json(event.subject as never) : null}, ${event.blindRound ?? null}
    ) RETURNING id`;
  if (!row) throw new Error('INSERT … RETURNING gave no row');
  return Number(row.id);
}

const selectEvents = (sql: Queryable) => sql`
  SELECT ev.*, u.display_name AS actor_name FROM claim_events ev
  LEFT JOIN users u ON u.id = ev.actor_id`;

export async function listClaimEvents(sql: Queryable, claimId: string): Promise<ClaimEventRow[]> {
  return sql<ClaimEventRow[]>`
    ${selectEvents(sql)} WHERE ev.claim_id = ${claimId} ORDER BY ev.id`;
}

/** The document's events after `afterId`, oldest first, at most `limit`. */
export async function listDocumentEventsAfter(
  sql: Queryable,
  documentId: string,
  afterId: number,
  limit: number,
): Promise<ClaimEventRow[]> {
  return sql<ClaimEventRow[]>`
    ${selectEvents(sql)} WHERE ev.document_id = ${documentId} AND ev.id > ${afterId}
    ORDER BY ev.id LIMIT ${limit}`;
}

export async function lastDocumentEventId(sql: Queryable, documentId: string): Promise<number> {
  const [row] = await sql<{ id: string | null }[]>`
    SELECT max(id) AS id FROM claim_events WHERE document_id = ${documentId}`;
  return row?.id ? Number(row.id) : 0;
}
