// SQL for the verdict report: the workspace, and a document's claims with the names and
// evidence the report shows, in one round trip each.
import type {
  ClaimantType,
  ClaimStatus,
  EvidenceKind,
  EvidenceStance,
  VerdictScale,
} from '@factdesk/model';
import type { Queryable } from '../db/database.ts';
import { blindRoundSql } from './claims.ts';

export interface ReportWorkspaceRow {
  name: string;
  verdict_scale: VerdictScale | null;
  org_name: string | null;
  org_url: string | null;
  org_logo_url: string | null;
}

export async function findReportWorkspace(
  sql: Queryable,
  workspaceId: string,
): Promise<ReportWorkspaceRow | undefined> {
  const [row] = await sql<ReportWorkspaceRow[]>`
    SELECT name, verdict_scale, org_name, org_url, org_logo_url
    FROM workspaces WHERE id = ${workspaceId}`;
  return row;
}

export interface ReportPerson {
  id: string;
  name: string;
}

export interface ReportEvidenceRow {
  url: string;
  title: string;
  publisher: string;
  excerpt: string;
  archive_url: string | null;
  kind: EvidenceKind;
  stance: EvidenceStance;
  added_by_name: string | null;
  /** ISO 8601, built by json_build_object. */
  created_at: string;
  /** What the link checker found (evidence_links); absent in snapshots saved before it. */
  link_state?: string | null;
  link_final_url?: string | null;
  link_http_status?: number | null;
  link_checked_at?: string | null;
}

export interface ReportClaimRow {
  id: string;
  status: ClaimStatus;
  verdict: string | null;
  rationale: string;
  statement: string;
  claimant_name: string | null;
  claimant_type: ClaimantType | null;
  anchor_start: string;
  anchor_end: string;
  quote_exact: string;
  quote_prefix: string;
  quote_suffix: string;
  current_quote: string;
  orphaned: boolean;
  created_at: Date;
  proposed_at: Date | null;
  approved_at: Date | null;
  /**
   * When the proposer was assigned (else the first assignment): a Date from the database, an
   * ISO string from a saved snapshot, absent from snapshots saved before it was kept.
   */
  assigned_at?: Date | string | null;
  /** Frozen at approval: the label, rating and bounds the verdict was published with. */
  approved_label: string | null;
  approved_rating: number | null;
  approved_best_rating: number | null;
  approved_worst_rating: number | null;
  approval_override: boolean;
  /** Where a reused verdict came from, as it was then (absent from older version snapshots). */
  reused_from?: { document_title: string; reused_at: string } | null;
  proposer: ReportPerson | null;
  approver: ReportPerson | null;
  assignees: ReportPerson[];
  /** Empty unless asked for. */
  evidence: ReportEvidenceRow[];
}

export async function listReportClaims(
  sql: Queryable,
  documentId: string,
  options: { approvedOnly: boolean; evidence: boolean },
): Promise<ReportClaimRow[]> {
  return sql<ReportClaimRow[]>`
    SELECT
      c.id, c.status, c.verdict, c.rationale, c.statement, c.claimant_name, c.claimant_type,
      c.anchor_start, c.anchor_end, c.quote_exact, c.quote_prefix, c.quote_suffix,
      c.current_quote, c.orphaned, c.created_at, c.proposed_at, c.approved_at,
      c.approved_label, c.approved_rating, c.approved_best_rating, c.approved_worst_rating,
      c.approval_override,
      (SELECT ca.created_at FROM claim_assignees ca WHERE ca.claim_id = c.id
        ORDER BY ca.user_id IS NOT DISTINCT FROM c.proposed_by DESC, ca.created_at
        LIMIT 1) AS assigned_at,
      CASE WHEN c.reused_at IS NULL THEN NULL
        ELSE json_build_object('document_title', c.reused_from_document_title,
          'reused_at', c.reused_at) END AS reused_from,
      CASE WHEN pu.id IS NULL THEN NULL
        ELSE json_build_object('id', pu.id, 'name', pu.display_name) END AS proposer,
      CASE WHEN au.id IS NULL THEN NULL
        ELSE json_build_object('id', au.id, 'name', au.display_name) END AS approver,
      coalesce((
        SELECT json_agg(json_build_object('id', u.id, 'name', u.display_name)
          ORDER BY ca.created_at, u.id)
        FROM claim_assignees ca JOIN users u ON u.id = ca.user_id
        WHERE ca.claim_id = c.id
      ), '[]'::json) AS assignees,
      CASE WHEN ${options.evidence}::boolean THEN coalesce((
        SELECT json_agg(json_build_object(
            'url', e.url, 'title', e.title, 'publisher', e.publisher, 'excerpt', e.excerpt,
            'archive_url', e.archive_url, 'kind', e.kind, 'stance', e.stance,
            'added_by_name', eu.display_name, 'created_at', e.created_at,
            'link_state', l.state, 'link_final_url', l.final_url,
            'link_http_status', l.http_status, 'link_checked_at', l.checked_at
          ) ORDER BY e.created_at, e.id)
        FROM evidence e LEFT JOIN users eu ON eu.id = e.added_by
        LEFT JOIN evidence_links l ON l.evidence_id = e.id
        WHERE e.claim_id = c.id
          -- A blind round's evidence is in no report until every verdict is in.
          AND NOT (e.blind_round IS NOT NULL AND e.blind_round = c.review_round
            AND ${blindRoundSql(sql)})
      ), '[]'::json) ELSE '[]'::json END AS evidence
    FROM claims c
    LEFT JOIN users pu ON pu.id = c.proposed_by
    LEFT JOIN users au ON au.id = c.approved_by
    WHERE c.document_id = ${documentId}
      AND (NOT ${options.approvedOnly}::boolean OR c.status = 'approved')
    ORDER BY c.created_at, c.id`;
}
