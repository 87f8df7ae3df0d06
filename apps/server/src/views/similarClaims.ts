// "Same claim elsewhere": approved claims of the workspace that say what a quote or statement
// says (docs/verdict-reuse.md). The threshold is tuned on the labelled paraphrase pairs by
// scripts/tune-reuse-threshold.ts, never by hand; similarClaims.test.ts holds it to its figures.
import { SIMILAR_TEXT_MAX, type SimilarClaim, type SimilarClaims } from '@factdesk/model';
import type { Sql } from '../db/database.ts';
import { findSimilarApprovedClaims, type SimilarClaimRow } from '../queries/similarClaims.ts';

/**
 * reuse_score a claim needs to be suggested. Tuned 2026-12-07 on 100 pairs (50 same claim,
 * 50 different on the same topic): best F1 at 0.43, precision 0.961, recall 0.980.
 */
export const REUSE_THRESHOLD = 0.43;

export interface SimilarClaimsRequest {
  workspaceId: string;
  quote?: string | undefined;
  statement?: string | undefined;
  limit: number;
  excludeClaimId?: string;
}

/** The texts worth comparing: non-blank, cut to the longest a statement may be. */
export function comparableTexts(...texts: (string | undefined)[]): string[] {
  return texts
    .filter((text): text is string => text !== undefined && text.trim() !== '')
    .map((text) => text.slice(0, SIMILAR_TEXT_MAX));
}

export async function similarClaims(
  sql: Sql,
  request: SimilarClaimsRequest,
): Promise<SimilarClaims> {
  const texts = comparableTexts(request.quote, request.statement);
  if (texts.length === 0) return { threshold: REUSE_THRESHOLD, claims: [] };
  const rows = await findSimilarApprovedClaims(sql, {
    workspaceId: request.workspaceId,
    texts,
    threshold: REUSE_THRESHOLD,
    limit: request.limit,
    ...(request.excludeClaimId ? { excludeClaimId: request.excludeClaimId } : {}),
  });
  return {
    threshold: REUSE_THRESHOLD,
    claims: rows.map((row) => presentSimilarClaim(request.workspaceId, row)),
  };
}

function presentSimilarClaim(workspaceId: string, row: SimilarClaimRow): SimilarClaim {
  return {
    claimId: row.id,
    documentId: row.document_id,
    documentTitle: row.document_title,
    documentArchived: row.document_archived,
    statement: row.statement,
    quote: row.quote_exact,
    verdict: row.verdict,
    verdictLabel: row.approved_label ?? row.verdict,
    approvedAt: row.approved_at.toISOString(),
    approvedBy: row.approved_by_name,
    score: Math.round(row.score * 1000) / 1000,
    link: `/w/${workspaceId}/d/${row.document_id}?claim=${row.id}`,
  };
}
