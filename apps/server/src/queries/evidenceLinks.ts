// SQL for what the link checker found at evidence links (migration 0011).
import type { Queryable } from '../db/database.ts';

export type LinkState = 'unchecked' | 'alive' | 'moved' | 'dead' | 'unreachable' | 'refused';

export interface EvidenceLinkRow {
  evidence_id: string;
  url: string;
  state: LinkState;
  http_status: number | null;
  final_url: string | null;
  problem: string | null;
  checked_at: Date | null;
  archive_problem: string | null;
  archive_tried_at: Date | null;
  archiving_until: Date | null;
}

/** A link the checker has taken, with where live events about it go. */
export interface DueLinkRow {
  evidence_id: string;
  url: string;
  state: LinkState;
  claim_id: string;
  document_id: string;
}

/**
 * Takes up to `limit` links whose check is due and pushes them `leaseSeconds` ahead, so
 * another instance (or a slow check) does not take them too. Oldest due first.
 */
export async function takeDueLinks(
  sql: Queryable,
  limit: number,
  leaseSeconds: number,
): Promise<DueLinkRow[]> {
  return sql<DueLinkRow[]>`
    WITH due AS (
      SELECT evidence_id FROM evidence_links
      WHERE next_check_at <= now()
      ORDER BY next_check_at
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE evidence_links l
      SET next_check_at = now() + make_interval(secs => ${leaseSeconds})
      FROM due, evidence e, claims c
      WHERE l.evidence_id = due.evidence_id AND e.id = l.evidence_id AND c.id = e.claim_id
      RETURNING l.evidence_id, l.url, l.state, c.id AS claim_id, c.document_id`;
}

export interface LinkCheckResult {
  state: Exclude<LinkState, 'unchecked'>;
  httpStatus: number | null;
  finalUrl: string | null;
  problem: string | null;
}

/**
 * Records a check of `url`; nothing when the link was edited meanwhile (the edit made it due
 * again). Returns the row as stored, or null.
 */
export async function recordLinkCheck(
  sql: Queryable,
  evidenceId: string,
  url: string,
  result: LinkCheckResult,
  nextCheckSeconds: number,
): Promise<EvidenceLinkRow | null> {
  const [row] = await sql<EvidenceLinkRow[]>`
    UPDATE evidence_links
      SET state = ${result.state}, http_status = ${result.httpStatus},
        final_url = ${result.finalUrl}, problem = ${result.problem}, checked_at = now(),
        next_check_at = now() + make_interval(secs => ${nextCheckSeconds})
      WHERE evidence_id = ${evidenceId} AND url = ${url}
      RETURNING *`;
  return row ?? null;
}

/** Makes links due now (tests; "Check again" checks at once, see LinkChecker.checkNow). */
export async function makeLinksDue(sql: Queryable, evidenceIds: string[]): Promise<void> {
  await sql`UPDATE evidence_links SET next_check_at = now() WHERE evidence_id IN ${sql(evidenceIds)}`;
}

export async function findEvidenceLinks(
  sql: Queryable,
  evidenceIds: string[],
): Promise<EvidenceLinkRow[]> {
  if (evidenceIds.length === 0) return [];
  return sql<EvidenceLinkRow[]>`
    SELECT * FROM evidence_links WHERE evidence_id IN ${sql(evidenceIds)}`;
}

/** One link with where live events about it go (a check someone asked for). */
export async function findLinkToCheck(
  sql: Queryable,
  evidenceId: string,
): Promise<DueLinkRow | undefined> {
  const [row] = await sql<DueLinkRow[]>`
    SELECT l.evidence_id, l.url, l.state, c.id AS claim_id, c.document_id
    FROM evidence_links l JOIN evidence e ON e.id = l.evidence_id JOIN claims c ON c.id = e.claim_id
    WHERE l.evidence_id = ${evidenceId}`;
  return row;
}

/**
 * Leases the link for archiving for `leaseSeconds`; false when it is being archived already.
 * `retryAfterSeconds` (automatic archiving): only a link with no copy yet, on a claim that is
 * not approved, and not tried in that long.
 */
export async function startArchiving(
  sql: Queryable,
  evidenceId: string,
  leaseSeconds: number,
  automatic?: { retryAfterSeconds: number },
): Promise<boolean> {
  const rows = await sql`
    UPDATE evidence_links l
      SET archiving_until = now() + make_interval(secs => ${leaseSeconds})
      FROM evidence e, claims c
      WHERE l.evidence_id = ${evidenceId} AND e.id = l.evidence_id AND c.id = e.claim_id
        AND (l.archiving_until IS NULL OR l.archiving_until < now())
        AND (${automatic === undefined}::boolean OR (
          e.archive_url IS NULL AND c.status <> 'approved' AND (l.archive_tried_at IS NULL
            OR l.archive_tried_at < now() - make_interval(secs => ${automatic?.retryAfterSeconds ?? 0}))))
      RETURNING l.evidence_id`;
  return rows.length > 0;
}

/** Ends the lease; `problem` is why the archive service gave no copy (null: it did). */
export async function finishArchiving(
  sql: Queryable,
  evidenceId: string,
  problem: string | null,
): Promise<void> {
  await sql`
    UPDATE evidence_links
      SET archiving_until = NULL, archive_problem = ${problem}, archive_tried_at = now()
      WHERE evidence_id = ${evidenceId}`;
}
