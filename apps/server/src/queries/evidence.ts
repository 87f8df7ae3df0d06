// SQL for evidence links on claims.
import type { EvidenceKind, EvidenceStance } from '@factdesk/model';
import type { Queryable } from '../db/database.ts';

export interface EvidenceRow {
  id: string;
  claim_id: string;
  /** Hidden from other readers while this blind round runs (null: never). */
  blind_round: number | null;
  url: string;
  title: string;
  publisher: string;
  excerpt: string;
  archive_url: string | null;
  kind: EvidenceKind;
  stance: EvidenceStance;
  added_by: string | null;
  added_by_name: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface EvidenceValues {
  url: string;
  title: string;
  publisher: string;
  excerpt: string;
  archive_url: string | null;
  kind: EvidenceKind;
  stance: EvidenceStance;
}

const selectEvidence = (sql: Queryable) => sql`
  SELECT e.*, u.display_name AS added_by_name FROM evidence e
  LEFT JOIN users u ON u.id = e.added_by`;

export async function listEvidence(sql: Queryable, claimId: string): Promise<EvidenceRow[]> {
  return sql<EvidenceRow[]>`
    ${selectEvidence(sql)} WHERE e.claim_id = ${claimId} ORDER BY e.created_at, e.id`;
}

export async function findEvidence(
  sql: Queryable,
  evidenceId: string,
): Promise<EvidenceRow | undefined> {
  const [row] = await sql<EvidenceRow[]>`${selectEvidence(sql)} WHERE e.id = ${evidenceId}`;
  return row;
}

export async function insertEvidence(
  sql: Queryable,
  claimId: string,
  addedBy: string,
  values: EvidenceValues,
): Promise<EvidenceRow> {
  const [row] = await sql<{ id: string }[]>`
    INSERT INTO evidence ${sql({ ...values, claim_id: claimId, added_by: addedBy })}
    RETURNING id`;
  const inserted = row && (await findEvidence(sql, row.id));
  if (!inserted) throw new Error('INSERT … RETURNING gave no row');
  return inserted;
}

export async function updateEvidenceRow(
  sql: Queryable,
  evidenceId: string,
  values: EvidenceValues,
): Promise<EvidenceRow> {
  await sql`UPDATE evidence SET ${sql(values)}, updated_at = now() WHERE id = ${evidenceId}`;
  const row = await findEvidence(sql, evidenceId);
  if (!row) throw new Error(`evidence ${evidenceId} vanished inside its transaction`);
  return row;
}

export async function deleteEvidence(sql: Queryable, evidenceId: string): Promise<void> {
  await sql`DELETE FROM evidence WHERE id = ${evidenceId}`;
}
