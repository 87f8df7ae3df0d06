// SQL for agreement figures (docs/agreement.md): the independent verdicts of blind review
// (claim_reviews), one unit per claim and round. Only finished rounds count: every verdict the
// round asked for is in, or a later round has begun. An unfinished round would let the figures
// hint at verdicts that are still hidden from the other reviewers.

import type { AgreementFiguresInput, ReviewedUnit } from '../agreement/agreementFigures.ts';
import type { Queryable } from '../db/database.ts';
import type { Period } from './timeToVerdict.ts';

export interface AgreementReviewRow {
  claim_id: string;
  round: number;
  completed_at: Date;
  reviewer_id: string;
  reviewer_name: string;
  verdict: string;
  rating: number | null;
}

/** Whose rounds: a workspace's, finished in a period, or a document's, whenever finished. */
export type ReviewUnitScope = { workspaceId: string; period: Period } | { documentId: string };

export async function listReviewUnits(
  sql: Queryable,
  scope: ReviewUnitScope,
): Promise<AgreementReviewRow[]> {
  const owner =
    'workspaceId' in scope
      ? sql`r.workspace_id = ${scope.workspaceId}`
      : sql`c.document_id = ${scope.documentId}`;
  const inPeriod =
    'period' in scope
      ? sql`WHERE u.completed_at >= ${scope.period.from} AND u.completed_at < ${scope.period.to}`
      : sql``;
  return sql<AgreementReviewRow[]>`
    WITH units AS (
      SELECT r.claim_id, r.round, max(r.proposed_at) AS completed_at
        FROM claim_reviews r
        JOIN claims c ON c.id = r.claim_id
        JOIN workspaces w ON w.id = r.workspace_id
       WHERE ${owner}
       GROUP BY r.claim_id, r.round, c.review_round, c.blind_reviews, w.blind_reviews
      HAVING r.round < c.review_round
          OR count(*) >= coalesce(c.blind_reviews, w.blind_reviews))
    SELECT u.claim_id, u.round, u.completed_at, r.reviewer_id,
           usr.display_name AS reviewer_name, r.verdict, r.rating
      FROM units u
      JOIN claim_reviews r ON r.claim_id = u.claim_id AND r.round = u.round
      JOIN users usr ON usr.id = r.reviewer_id
     ${inPeriod}
     ORDER BY u.completed_at, u.claim_id, u.round, r.reviewer_id`;
}

/** Rows → units and the reviewers' names, as agreementFigures takes them. */
export function reviewUnits(
  rows: readonly AgreementReviewRow[],
): Pick<AgreementFiguresInput, 'units' | 'reviewers'> {
  const units = new Map<string, ReviewedUnit>();
  const reviewers = new Map<string, string>();
  for (const row of rows) {
    const key = `${row.claim_id} ${row.round}`;
    const unit = units.get(key) ?? { completedAt: row.completed_at.toISOString(), reviews: [] };
    unit.reviews.push({ reviewerId: row.reviewer_id, verdict: row.verdict, rating: row.rating });
    units.set(key, unit);
    reviewers.set(row.reviewer_id, row.reviewer_name);
  }
  return {
    units: [...units.values()],
    reviewers: [...reviewers].map(([id, name]) => ({ id, name })),
  };
}
