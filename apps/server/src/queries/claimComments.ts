// SQL for the comment thread of a claim.
import type { Queryable } from '../db/database.ts';

export interface CommentRow {
  id: string;
  claim_id: string;
  /** Hidden from other readers while this blind round runs (null: never). */
  blind_round: number | null;
  author_id: string | null;
  author_name: string | null;
  body: string;
  created_at: Date;
}

export async function listComments(sql: Queryable, claimId: string): Promise<CommentRow[]> {
  return sql<CommentRow[]>`
    SELECT k.*, u.display_name AS author_name FROM claim_comments k
    LEFT JOIN users u ON u.id = k.author_id
    WHERE k.claim_id = ${claimId} ORDER BY k.created_at, k.id`;
}

export async function insertComment(
  sql: Queryable,
  claimId: string,
  authorId: string,
  body: string,
): Promise<CommentRow> {
  const [row] = await sql<CommentRow[]>`
    WITH k AS (
      INSERT INTO claim_comments (claim_id, author_id, body)
      VALUES (${claimId}, ${authorId}, ${body}) RETURNING *
    )
    SELECT k.*, u.display_name AS author_name FROM k LEFT JOIN users u ON u.id = k.author_id`;
  if (!row) throw new Error('INSERT … RETURNING gave no row');
  return row;
}
