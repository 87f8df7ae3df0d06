// SQL of verdict reuse (docs/verdict-reuse.md): approved claims of a workspace whose folded
// statement or quote is trigram-similar to a text, scored by reuse_score (migration 0012).
import type { Queryable, Sql } from '../db/database.ts';

export interface SimilarClaimRow {
  id: string;
  document_id: string;
  document_title: string;
  document_archived: boolean;
  statement: string;
  quote_exact: string;
  verdict: string;
  approved_label: string | null;
  approved_at: Date;
  approved_by_name: string | null;
  score: number;
}

export interface SimilarClaimsLookup {
  workspaceId: string;
  /** The texts compared (a quote, a statement), already cut to length; at least one. */
  texts: string[];
  /** Scores below this are not returned; the trigram index looks for this much similarity. */
  threshold: number;
  limit: number;
  /** The claim the look-up is for, never its own suggestion. */
  excludeClaimId?: string;
}

/**
 * The best approved claims at or above the threshold. `%` finds candidates through the partial
 * trigram indexes (its threshold set for this transaction only); reuse_score never exceeds
 * the trigram similarity, so none reaching the threshold is missed.
 */
export async function findSimilarApprovedClaims(
  sql: Sql,
  lookup: SimilarClaimsLookup,
): Promise<SimilarClaimRow[]> {
  return sql.begin(async (tx) => {
    await tx`SELECT set_config('pg_trgm.similarity_threshold', ${String(lookup.threshold)}, true)`;
    return similarRows(tx, lookup);
  }) as Promise<SimilarClaimRow[]>;
}

function similarRows(tx: Queryable, lookup: SimilarClaimsLookup) {
  return tx<SimilarClaimRow[]>`
    WITH q AS (
      SELECT reuse_fold(t) AS folded FROM unnest(${lookup.texts}::text[]) AS t
      WHERE reuse_fold(t) <> ''
    ),
    candidates AS (
      SELECT c.id FROM claims c, q
      WHERE c.workspace_id = ${lookup.workspaceId} AND c.status = 'approved'
        AND c.reuse_statement % q.folded
      UNION
      SELECT c.id FROM claims c, q
      WHERE c.workspace_id = ${lookup.workspaceId} AND c.status = 'approved'
        AND c.reuse_quote % q.folded
    ),
    scored AS (
      SELECT c.*, (
        SELECT max(greatest(
          reuse_score(c.reuse_statement, q.folded),
          reuse_score(c.reuse_quote, q.folded)))
        FROM q
      ) AS score
      FROM claims c JOIN candidates USING (id)
      WHERE c.id IS DISTINCT FROM ${lookup.excludeClaimId ?? null}::uuid
        AND c.verdict IS NOT NULL
    )
    SELECT s.id, s.document_id, d.title AS document_title,
      d.archived_at IS NOT NULL AS document_archived, s.statement, s.quote_exact, s.verdict,
      s.approved_label, s.approved_at, u.display_name AS approved_by_name, s.score
    FROM scored s
    JOIN documents d ON d.id = s.document_id
    LEFT JOIN users u ON u.id = s.approved_by
    WHERE s.score >= ${lookup.threshold}
    ORDER BY s.score DESC, s.approved_at DESC, s.id
    LIMIT ${lookup.limit}`;
}

export interface ReuseSourceRow {
  id: string;
  workspace_id: string;
  document_id: string;
  document_title: string;
  status: string;
  verdict: string | null;
  rationale: string;
  statement: string;
  quote_exact: string;
}

/**
 * The claim a verdict is reused from, held (FOR SHARE) until the reuse commits so it cannot be
 * reopened half-way; undefined when there is no such claim.
 */
export async function lockReuseSource(
  sql: Queryable,
  claimId: string,
): Promise<ReuseSourceRow | undefined> {
  const [row] = await sql<ReuseSourceRow[]>`
    SELECT c.id, c.workspace_id, c.document_id, d.title AS document_title, c.status, c.verdict,
      c.rationale, c.statement, c.quote_exact
    FROM claims c JOIN documents d ON d.id = c.document_id
    WHERE c.id = ${claimId}
    FOR SHARE OF c`;
  return row;
}
