// SQL for time to verdict (docs/claims.md): median and 90th percentile, in seconds, of
// created → approved (claims approved in the period and approved now) and of assigned →
// proposed (each reviewer's first proposal on a claim, made in the period, timed from their
// assignment), for the workspace, each reviewer and each document.
import type { Queryable } from '../db/database.ts';

export interface DurationsRow {
  /** null: the whole workspace. */
  id: string | null;
  name: string | null;
  count: number;
  median_seconds: number | null;
  p90_seconds: number | null;
}

/** [from, to): the period as timestamps. */
export interface Period {
  from: Date;
  to: Date;
}

const FIGURES = `
  count(*)::int AS count,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median_seconds,
  percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) AS p90_seconds`;

/** Created → approved, for the workspace (id null) and each document. */
export async function approvedByDocument(
  sql: Queryable,
  workspaceId: string,
  period: Period,
): Promise<DurationsRow[]> {
  return sql<DurationsRow[]>`
    WITH approved AS (
      SELECT c.document_id, extract(epoch FROM c.approved_at - c.created_at)::float8 AS seconds
        FROM claims c
       WHERE c.workspace_id = ${workspaceId} AND c.status = 'approved'
         AND c.approved_at >= ${period.from} AND c.approved_at < ${period.to})
    SELECT a.document_id AS id, d.title AS name, ${sql.unsafe(FIGURES)}
      FROM approved a LEFT JOIN documents d ON d.id = a.document_id
     GROUP BY GROUPING SETS ((), (a.document_id, d.title))`;
}

/** Created → approved, for each reviewer assigned to the claim. */
export async function approvedByReviewer(
  sql: Queryable,
  workspaceId: string,
  period: Period,
): Promise<DurationsRow[]> {
  return sql<DurationsRow[]>`
    WITH approved AS (
      SELECT ca.user_id, extract(epoch FROM c.approved_at - c.created_at)::float8 AS seconds
        FROM claims c JOIN claim_assignees ca ON ca.claim_id = c.id
       WHERE c.workspace_id = ${workspaceId} AND c.status = 'approved'
         AND c.approved_at >= ${period.from} AND c.approved_at < ${period.to})
    SELECT a.user_id AS id, u.display_name AS name, ${sql.unsafe(FIGURES)}
      FROM approved a JOIN users u ON u.id = a.user_id
     GROUP BY a.user_id, u.display_name`;
}

/** Assigned → proposed, for the workspace (id null), each reviewer and each document. */
export async function proposedAfterAssignment(
  sql: Queryable,
  workspaceId: string,
  period: Period,
): Promise<{ reviewers: DurationsRow[]; documents: DurationsRow[]; workspace: DurationsRow[] }> {
  const rows = await sql<(DurationsRow & { grouping: 'reviewer' | 'document' | 'workspace' })[]>`
    WITH first_proposals AS (
      SELECT e.actor_id AS user_id, c.document_id,
             extract(epoch FROM min(e.created_at) - ca.created_at)::float8 AS seconds,
             min(e.created_at) AS proposed_at
        FROM claim_events e
        JOIN claims c ON c.id = e.claim_id
        JOIN claim_assignees ca ON ca.claim_id = e.claim_id AND ca.user_id = e.actor_id
       WHERE c.workspace_id = ${workspaceId} AND e.type = 'claim.verdict_proposed'
         AND e.created_at >= ca.created_at
       GROUP BY e.claim_id, e.actor_id, c.document_id, ca.created_at),
    in_period AS (
      SELECT * FROM first_proposals
       WHERE proposed_at >= ${period.from} AND proposed_at < ${period.to})
    SELECT CASE WHEN GROUPING(p.user_id) = 0 THEN 'reviewer'
                WHEN GROUPING(p.document_id) = 0 THEN 'document'
                ELSE 'workspace' END AS grouping,
           coalesce(p.user_id, p.document_id) AS id,
           CASE WHEN GROUPING(p.user_id) = 0 THEN min(u.display_name)
                WHEN GROUPING(p.document_id) = 0 THEN min(d.title) END AS name,
           ${sql.unsafe(FIGURES)}
      FROM in_period p
      LEFT JOIN users u ON u.id = p.user_id
      LEFT JOIN documents d ON d.id = p.document_id
     GROUP BY GROUPING SETS ((), (p.user_id), (p.document_id))`;
  return {
    reviewers: rows.filter((row) => row.grouping === 'reviewer'),
    documents: rows.filter((row) => row.grouping === 'document'),
    workspace: rows.filter((row) => row.grouping === 'workspace'),
  };
}
