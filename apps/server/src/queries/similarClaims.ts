// SQL of verdict reuse (docs/verdict-reuse.md): approved claims of a workspace that say what a
// text says. Candidates come from the word index of migration 0015 (the text's rarest terms),
// and only those are scored by reuse_score (migration 0012), the one measure of "the same".
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
  /** Scores below this are not returned. */
  threshold: number;
  limit: number;
  /** The claim the look-up is for, never its own suggestion. */
  excludeClaimId?: string;
  /** Tighter candidate limits (the labelled-set test); REUSE_CANDIDATE_LIMITS otherwise. */
  candidateLimits?: ReuseCandidateLimits;
}

/**
 * How candidates are found (docs/verdict-reuse.md, "Speed"): the text's terms, rarest first by
 * how many approved claims of the workspace hold them; always the RARE_TERMS rarest, then more
 * while their postings add up to at most POSTINGS_BUDGET (so a small workspace reads them all);
 * at most POSTINGS_PER_TERM postings of any one term; the CANDIDATES claims sharing the most of
 * those terms are scored.
 */
export const REUSE_CANDIDATE_LIMITS: ReuseCandidateLimits = {
  RARE_TERMS: 8,
  POSTINGS_BUDGET: 3_000,
  POSTINGS_PER_TERM: 3_000,
  CANDIDATES: 100,
};

export interface ReuseCandidateLimits {
  RARE_TERMS: number;
  POSTINGS_BUDGET: number;
  POSTINGS_PER_TERM: number;
  CANDIDATES: number;
}

/**
 * The best approved claims whose reuse_score reaches the threshold, among the candidates.
 * reuse_score never exceeds the trigram similarity, so the cheap similarity() first skips
 * only pairs that could not reach it.
 */
export async function findSimilarApprovedClaims(
  sql: Sql,
  lookup: SimilarClaimsLookup,
): Promise<SimilarClaimRow[]> {
  const { RARE_TERMS, POSTINGS_BUDGET, POSTINGS_PER_TERM, CANDIDATES } =
    lookup.candidateLimits ?? REUSE_CANDIDATE_LIMITS;
  return sql<SimilarClaimRow[]>`
    WITH q AS (
      SELECT reuse_fold(t) AS folded FROM unnest(${lookup.texts}::text[]) AS t
      WHERE reuse_fold(t) <> ''
    ),
    ranked AS (
      SELECT k.term,
        row_number() OVER (ORDER BY k.claims, k.term) AS rank,
        sum(k.claims) OVER (ORDER BY k.claims, k.term) AS postings
      FROM reuse_term_counts k
      WHERE k.workspace_id = ${lookup.workspaceId} AND k.claims > 0
        AND k.term = ANY (ARRAY(SELECT DISTINCT unnest(reuse_terms(folded)) FROM q))
    ),
    candidates AS (
      SELECT p.claim_id AS id
      FROM ranked CROSS JOIN LATERAL (
        SELECT r.claim_id FROM reuse_terms r
        WHERE r.workspace_id = ${lookup.workspaceId} AND r.term = ranked.term
        LIMIT ${POSTINGS_PER_TERM}
      ) p
      WHERE ranked.rank <= ${RARE_TERMS} OR ranked.postings <= ${POSTINGS_BUDGET}
      GROUP BY p.claim_id
      ORDER BY count(*) DESC, p.claim_id
      LIMIT ${CANDIDATES}
    ),
    scored AS (
      SELECT c.*, (
        SELECT max(greatest(
          reuse_score(c.reuse_statement, q.folded),
          reuse_score(c.reuse_quote, q.folded)))
        FROM q
        WHERE similarity(c.reuse_statement, q.folded) >= ${lookup.threshold}
          OR similarity(c.reuse_quote, q.folded) >= ${lookup.threshold}
      ) AS score
      FROM claims c JOIN candidates USING (id)
      WHERE c.workspace_id = ${lookup.workspaceId} AND c.status = 'approved'
        AND c.id IS DISTINCT FROM ${lookup.excludeClaimId ?? null}::uuid
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
