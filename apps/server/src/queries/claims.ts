// SQL for claims and their assignees: rows with the names and counts the API shows.
import type { ClaimantType, ClaimStatus, Role } from '@factdesk/model';
import type { Queryable } from '../db/database.ts';

export interface ClaimRow {
  id: string;
  document_id: string;
  workspace_id: string;
  status: ClaimStatus;
  verdict: string | null;
  rationale: string;
  statement: string;
  claimant_name: string | null;
  claimant_type: ClaimantType | null;
  tags: string[];
  anchor_start: string;
  anchor_end: string;
  quote_exact: string;
  quote_prefix: string;
  quote_suffix: string;
  current_quote: string;
  orphaned: boolean;
  version: number;
  created_by: string | null;
  proposed_by: string | null;
  proposed_at: Date | null;
  approved_by: string | null;
  approved_at: Date | null;
  /** Frozen at approval (cleared on reopening): what reports and ClaimReview show. */
  approved_label: string | null;
  approved_rating: number | null;
  approved_best_rating: number | null;
  approved_worst_rating: number | null;
  approval_override: boolean;
  /** Where a reused verdict came from, as it was then (docs/verdict-reuse.md). */
  reused_from_claim_id: string | null;
  reused_from_document_id: string | null;
  reused_from_document_title: string | null;
  reused_at: Date | null;
  due_at: Date | null;
  /** Independent verdicts this claim needs; null: the workspace's (docs/claims.md, Blind review). */
  blind_reviews: number | null;
  review_round: number;
  adjudicated_by: string | null;
  adjudicated_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** One reviewer's independent verdict of the claim's current round, as the detail reads it. */
export interface RoundReviewRow {
  reviewer_id: string;
  reviewer_name: string | null;
  verdict: string;
  rating: number | null;
  rationale: string;
  /** JSON text of a timestamptz. */
  proposed_at: string;
}

/** Evidence or a comment a blind reviewer added while the current round is blind. */
export interface BlindItemRow {
  kind: 'evidence' | 'comment';
  by: string | null;
  dead: boolean;
  moved: boolean;
}

export interface ClaimDetailRow extends ClaimRow {
  created_by_name: string | null;
  proposed_by_name: string | null;
  approved_by_name: string | null;
  assignees: { id: string; name: string }[];
  evidence_count: number;
  dead_link_count: number;
  moved_link_count: number;
  comment_count: number;
  /** The workspace's four-eyes rule, for the abilities sent with the claim. */
  four_eyes: boolean;
  workspace_blind_reviews: number;
  adjudicated_by_name: string | null;
  round_reviews: RoundReviewRow[];
  blind_items: BlindItemRow[];
}

/**
 * SQL twin of access/blindRound.ts isBlindRound: the claim (alias c) is collecting hidden
 * independent verdicts. For list queries (search, report) that cannot present claim by claim.
 */
export const blindRoundSql = (sql: Queryable) => sql`(
  c.status IN ('open', 'assigned', 'in_review')
  AND coalesce(c.blind_reviews, (SELECT w.blind_reviews FROM workspaces w WHERE w.id = c.workspace_id)) > 1)`;

const detailColumns = (sql: Queryable) => sql`
  c.*,
  cu.display_name AS created_by_name,
  pu.display_name AS proposed_by_name,
  au.display_name AS approved_by_name,
  coalesce((
    SELECT json_agg(json_build_object('id', u.id, 'name', u.display_name) ORDER BY ca.created_at, u.id)
    FROM claim_assignees ca JOIN users u ON u.id = ca.user_id
    WHERE ca.claim_id = c.id
  ), '[]'::json) AS assignees,
  (SELECT count(*)::int FROM evidence e WHERE e.claim_id = c.id) AS evidence_count,
  (SELECT count(*)::int FROM evidence e JOIN evidence_links l ON l.evidence_id = e.id
    WHERE e.claim_id = c.id AND l.state = 'dead') AS dead_link_count,
  (SELECT count(*)::int FROM evidence e JOIN evidence_links l ON l.evidence_id = e.id
    WHERE e.claim_id = c.id AND l.state = 'moved') AS moved_link_count,
  (SELECT count(*)::int FROM claim_comments k WHERE k.claim_id = c.id) AS comment_count,
  (SELECT w.four_eyes FROM workspaces w WHERE w.id = c.workspace_id) AS four_eyes,
  (SELECT w.blind_reviews FROM workspaces w WHERE w.id = c.workspace_id) AS workspace_blind_reviews,
  (SELECT du.display_name FROM users du WHERE du.id = c.adjudicated_by) AS adjudicated_by_name,
  coalesce((
    SELECT json_agg(json_build_object('reviewer_id', r.reviewer_id, 'reviewer_name', ru.display_name,
      'verdict', r.verdict, 'rating', r.rating, 'rationale', r.rationale, 'proposed_at', r.proposed_at)
      ORDER BY r.proposed_at, r.reviewer_id)
    FROM claim_reviews r LEFT JOIN users ru ON ru.id = r.reviewer_id
    WHERE r.claim_id = c.id AND r.round = c.review_round
  ), '[]'::json) AS round_reviews,
  coalesce((
    SELECT json_agg(item) FROM (
      SELECT 'evidence' AS kind, e.added_by AS by,
        coalesce(l.state = 'dead', false) AS dead, coalesce(l.state = 'moved', false) AS moved
      FROM evidence e LEFT JOIN evidence_links l ON l.evidence_id = e.id
      WHERE e.claim_id = c.id AND e.blind_round = c.review_round
      UNION ALL
      SELECT 'comment', k.author_id, false, false FROM claim_comments k
      WHERE k.claim_id = c.id AND k.blind_round = c.review_round
    ) item
  ), '[]'::json) AS blind_items`;

const detailJoins = (sql: Queryable) => sql`
  LEFT JOIN users cu ON cu.id = c.created_by
  LEFT JOIN users pu ON pu.id = c.proposed_by
  LEFT JOIN users au ON au.id = c.approved_by`;

export async function findClaimDetail(
  sql: Queryable,
  claimId: string,
): Promise<ClaimDetailRow | undefined> {
  const [row] = await sql<ClaimDetailRow[]>`
    SELECT ${detailColumns(sql)} FROM claims c ${detailJoins(sql)} WHERE c.id = ${claimId}`;
  return row;
}

export async function listClaimDetails(
  sql: Queryable,
  documentId: string,
): Promise<ClaimDetailRow[]> {
  return sql<ClaimDetailRow[]>`
    SELECT ${detailColumns(sql)} FROM claims c ${detailJoins(sql)}
    WHERE c.document_id = ${documentId}
    ORDER BY c.created_at, c.id`;
}

export async function listClaimDetailsByIds(
  sql: Queryable,
  claimIds: string[],
): Promise<ClaimDetailRow[]> {
  if (claimIds.length === 0) return [];
  return sql<ClaimDetailRow[]>`
    SELECT ${detailColumns(sql)} FROM claims c ${detailJoins(sql)}
    WHERE c.id = ANY(${claimIds}::uuid[])
    ORDER BY c.created_at, c.id`;
}

export interface QueueRow extends ClaimDetailRow {
  document_title: string;
  role: Role;
}

/** Claims assigned to the user and not yet approved, in workspaces they still belong to. */
export async function listQueue(sql: Queryable, userId: string): Promise<QueueRow[]> {
  return sql<QueueRow[]>`
    SELECT ${detailColumns(sql)}, d.title AS document_title, m.role
    FROM claim_assignees mine
    JOIN claims c ON c.id = mine.claim_id
    JOIN documents d ON d.id = c.document_id
    JOIN memberships m ON m.workspace_id = c.workspace_id AND m.user_id = ${userId}
    ${detailJoins(sql)}
    WHERE mine.user_id = ${userId} AND c.status <> 'approved'
    ORDER BY c.due_at ASC NULLS LAST, c.created_at, c.id`;
}

export interface WorkspaceClaimRow extends ClaimDetailRow {
  document_title: string;
}

/**
 * Every claim of the workspace's documents that are not archived, newest document first, each
 * document's claims in creation order (the caller puts them in text order).
 */
export async function listWorkspaceClaims(
  sql: Queryable,
  workspaceId: string,
): Promise<WorkspaceClaimRow[]> {
  return sql<WorkspaceClaimRow[]>`
    SELECT ${detailColumns(sql)}, d.title AS document_title
    FROM claims c
    JOIN documents d ON d.id = c.document_id
    ${detailJoins(sql)}
    WHERE c.workspace_id = ${workspaceId} AND d.archived_at IS NULL
    ORDER BY d.created_at DESC, d.id, c.created_at, c.id`;
}

/** Locks the claim row for the rest of the transaction: writers of one claim serialise. */
export async function lockClaim(sql: Queryable, claimId: string): Promise<ClaimRow | undefined> {
  const [row] = await sql<ClaimRow[]>`SELECT * FROM claims WHERE id = ${claimId} FOR UPDATE`;
  return row;
}

/** What a write checks first, beside the claim row. */
export interface LockedClaimFacts {
  role: Role | null;
  assignee_ids: string[];
  four_eyes: boolean;
  workspace_blind_reviews: number;
  /** Who has given an independent verdict in the current round. */
  round_reviewer_ids: string[];
}

/**
 * lockClaim with what a write checks first, in one round trip: the user's role in the claim's
 * workspace (null: not a member) and the claim's assignees.
 */
export async function lockClaimForWrite(
  sql: Queryable,
  claimId: string,
  userId: string,
): Promise<(ClaimRow & LockedClaimFacts) | undefined> {
  const [row] = await sql<(ClaimRow & LockedClaimFacts)[]>`
    SELECT c.*, m.role, w.four_eyes, w.blind_reviews AS workspace_blind_reviews, array(
      SELECT ca.user_id FROM claim_assignees ca WHERE ca.claim_id = c.id
      ORDER BY ca.created_at, ca.user_id
    )::text[] AS assignee_ids, array(
      SELECT r.reviewer_id FROM claim_reviews r
      WHERE r.claim_id = c.id AND r.round = c.review_round ORDER BY r.proposed_at, r.reviewer_id
    )::text[] AS round_reviewer_ids
    FROM claims c
    JOIN workspaces w ON w.id = c.workspace_id
    LEFT JOIN memberships m ON m.workspace_id = c.workspace_id AND m.user_id = ${userId}
    WHERE c.id = ${claimId}
    FOR UPDATE OF c`;
  return row;
}

export async function listAssigneeIds(sql: Queryable, claimId: string): Promise<string[]> {
  const rows = await sql<{ user_id: string }[]>`
    SELECT user_id FROM claim_assignees WHERE claim_id = ${claimId} ORDER BY created_at, user_id`;
  return rows.map((row) => row.user_id);
}

export interface NewClaim {
  documentId: string;
  workspaceId: string;
  statement: string;
  claimantName: string | null;
  claimantType: ClaimantType | null;
  tags: string[];
  anchorStart: string;
  anchorEnd: string;
  quoteExact: string;
  quotePrefix: string;
  quoteSuffix: string;
  currentQuote: string;
  createdBy: string;
}

export async function insertClaim(sql: Queryable, claim: NewClaim): Promise<ClaimRow> {
  const [row] = await sql<ClaimRow[]>`
    INSERT INTO claims (
      document_id, workspace_id, statement, claimant_name, claimant_type, tags,
      anchor_start, anchor_end, quote_exact, quote_prefix, quote_suffix, current_quote, created_by
    ) VALUES (
      ${claim.documentId}, ${claim.workspaceId}, ${claim.statement}, ${claim.claimantName},
      ${claim.claimantType}, ${sql.array(claim.tags)}, ${claim.anchorStart}, ${claim.anchorEnd},
      ${claim.quoteExact}, ${claim.quotePrefix}, ${claim.quoteSuffix}, ${claim.currentQuote},
      ${claim.createdBy}
    ) RETURNING *`;
  if (!row) throw new Error('INSERT … RETURNING gave no row');
  return row;
}

/** The claim columns a command may change. */
export interface ClaimChanges {
  status?: ClaimStatus;
  verdict?: string | null;
  rationale?: string;
  statement?: string;
  claimant_name?: string | null;
  claimant_type?: ClaimantType | null;
  tags?: string[];
  anchor_start?: string;
  anchor_end?: string;
  quote_exact?: string;
  quote_prefix?: string;
  quote_suffix?: string;
  current_quote?: string;
  orphaned?: boolean;
  proposed_by?: string | null;
  proposed_at?: Date | null;
  approved_by?: string | null;
  approved_at?: Date | null;
  approved_label?: string | null;
  approved_rating?: number | null;
  approved_best_rating?: number | null;
  approved_worst_rating?: number | null;
  approval_override?: boolean;
  reused_from_claim_id?: string | null;
  reused_from_document_id?: string | null;
  reused_from_document_title?: string | null;
  reused_at?: Date | null;
  due_at?: Date | null;
  blind_reviews?: number | null;
  review_round?: number;
  adjudicated_by?: string | null;
  adjudicated_at?: Date | null;
}

/** Applies the changes and bumps the version: every write is one version. */
export async function updateClaimRow(
  sql: Queryable,
  claimId: string,
  changes: ClaimChanges,
): Promise<ClaimRow> {
  const columns = Object.keys(changes) as (keyof ClaimChanges)[];
  // postgres.js picks the SET form of the helper from the text just before it, so the
  // helper has to sit right after SET in this very query.
  const [row] =
    columns.length === 0
      ? await sql<ClaimRow[]>`
          UPDATE claims SET version = version + 1, updated_at = now()
          WHERE id = ${claimId} RETURNING *`
      : await sql<ClaimRow[]>`
          UPDATE claims SET ${sql(changes, columns)},
            version = version + 1, updated_at = now()
          WHERE id = ${claimId} RETURNING *`;
  if (!row) throw new Error(`claim ${claimId} vanished inside its transaction`);
  return row;
}

/** Keeps the text under the anchor up to date without a new version (it is not an edit). */
export async function setCurrentQuote(sql: Queryable, claimId: string, quote: string) {
  await sql`UPDATE claims SET current_quote = ${quote} WHERE id = ${claimId}`;
}

export async function insertAssignees(
  sql: Queryable,
  claimId: string,
  userIds: string[],
  assignedBy: string,
) {
  const rows = userIds.map((user_id) => ({ claim_id: claimId, user_id, assigned_by: assignedBy }));
  await sql`
    INSERT INTO claim_assignees ${sql(rows, 'claim_id', 'user_id', 'assigned_by')}
    ON CONFLICT (claim_id, user_id) DO NOTHING`;
}

export async function deleteAssignees(sql: Queryable, claimId: string, userIds: string[]) {
  await sql`
    DELETE FROM claim_assignees WHERE claim_id = ${claimId} AND user_id = ANY(${userIds}::uuid[])`;
}

/** Which of these users are members of the workspace with at least the reviewer role. */
export async function findReviewerMembers(
  sql: Queryable,
  workspaceId: string,
  userIds: string[],
): Promise<string[]> {
  const rows = await sql<{ user_id: string }[]>`
    SELECT user_id FROM memberships
    WHERE workspace_id = ${workspaceId} AND user_id = ANY(${userIds}::uuid[])
      AND role IN ('owner', 'moderator', 'reviewer')`;
  return rows.map((row) => row.user_id);
}

/** Verdict keys in use on the workspace's claims (a scale change must keep them). */
export async function listUsedVerdicts(sql: Queryable, workspaceId: string): Promise<string[]> {
  return (await countVerdictUsage(sql, workspaceId)).map((row) => row.key);
}

/** Per verdict key: claims carrying it that follow the scale, and approved ones (frozen). */
export async function countVerdictUsage(
  sql: Queryable,
  workspaceId: string,
): Promise<{ key: string; claims: number; approved: number }[]> {
  return sql<{ key: string; claims: number; approved: number }[]>`
    SELECT verdict AS key,
      count(*) FILTER (WHERE status <> 'approved')::int AS claims,
      count(*) FILTER (WHERE status = 'approved')::int AS approved
    FROM claims WHERE workspace_id = ${workspaceId} AND verdict IS NOT NULL
    GROUP BY verdict ORDER BY verdict`;
}

export interface ClaimAccessRow {
  claim_id: string;
  document_id: string;
  workspace_id: string;
  role: Role | null;
}

/** The claim's document and workspace, with the user's role there (null: not a member). */
export async function findClaimAccess(
  sql: Queryable,
  claimId: string,
  userId: string,
): Promise<ClaimAccessRow | undefined> {
  const [row] = await sql<ClaimAccessRow[]>`
    SELECT c.id AS claim_id, c.document_id, c.workspace_id, m.role
    FROM claims c
    LEFT JOIN memberships m ON m.workspace_id = c.workspace_id AND m.user_id = ${userId}
    WHERE c.id = ${claimId}`;
  return row;
}

export interface NewIndependentVerdict {
  claimId: string;
  workspaceId: string;
  round: number;
  reviewerId: string;
  verdict: string;
  rating: number | null;
  rationale: string;
}

/** One reviewer's verdict of a blind round (claim_reviews: one row per reviewer per round). */
export async function insertIndependentVerdict(sql: Queryable, review: NewIndependentVerdict) {
  await sql`
    INSERT INTO claim_reviews (claim_id, workspace_id, round, reviewer_id, verdict, rating, rationale)
    VALUES (${review.claimId}, ${review.workspaceId}, ${review.round}, ${review.reviewerId},
      ${review.verdict}, ${review.rating}, ${review.rationale})`;
}

export interface IndependentVerdictRow {
  reviewer_id: string;
  reviewer_name: string | null;
  verdict: string;
  rating: number | null;
  rationale: string;
  proposed_at: Date;
}

export async function listIndependentVerdicts(
  sql: Queryable,
  claimId: string,
  round: number,
): Promise<IndependentVerdictRow[]> {
  return sql<IndependentVerdictRow[]>`
    SELECT r.reviewer_id, u.display_name AS reviewer_name, r.verdict, r.rating, r.rationale,
      r.proposed_at
    FROM claim_reviews r LEFT JOIN users u ON u.id = r.reviewer_id
    WHERE r.claim_id = ${claimId} AND r.round = ${round}
    ORDER BY r.proposed_at, r.reviewer_id`;
}

/** Marks evidence or a comment as a blind reviewer's, hidden from others while `round` is blind. */
export async function markBlindItem(
  sql: Queryable,
  kind: 'evidence' | 'comment',
  id: string,
  round: number,
): Promise<void> {
  if (kind === 'evidence') await sql`UPDATE evidence SET blind_round = ${round} WHERE id = ${id}`;
  else await sql`UPDATE claim_comments SET blind_round = ${round} WHERE id = ${id}`;
}

/** The round each of the claim's evidence links and comments is hidden in (null: none). */
export async function findBlindRounds(
  sql: Queryable,
  claimId: string,
): Promise<Map<string, number | null>> {
  const rows = await sql<{ id: string; blind_round: number | null }[]>`
    SELECT id, blind_round FROM evidence WHERE claim_id = ${claimId}
    UNION ALL
    SELECT id, blind_round FROM claim_comments WHERE claim_id = ${claimId}`;
  return new Map(rows.map((row) => [row.id, row.blind_round]));
}

/** The evidence link is hidden by its claim's blind round (its live link checks are not sent). */
export async function isHiddenByBlindRound(sql: Queryable, evidenceId: string): Promise<boolean> {
  const [row] = await sql<{ hidden: boolean }[]>`
    SELECT (e.blind_round IS NOT NULL AND e.blind_round = c.review_round AND ${blindRoundSql(sql)})
      AS hidden
    FROM evidence e JOIN claims c ON c.id = e.claim_id WHERE e.id = ${evidenceId}`;
  return row?.hidden ?? false;
}
