// What a text version's report is made of besides the text, saved with the version (migration
// 0009): every claim as the report reads it, the document's metadata and the workspace's
// publishing settings and scale. A report of the version is built from this and the version's
// stored Yjs state only, so it is the same report, byte for byte but for its generation time,
// however the claims, verdicts, title or scale change later (issue 15).
import type { ReportOptions } from '@factdesk/model';
import type { Queryable } from '../db/database.ts';
import type { DocumentRow } from '../queries/documents.ts';
import {
  findReportWorkspace,
  listReportClaims,
  type ReportClaimRow,
  type ReportWorkspaceRow,
} from '../queries/report.ts';

/** The document's fields a report shows. */
export type ReportDocumentFields = Pick<
  DocumentRow,
  | 'id'
  | 'title'
  | 'source_url'
  | 'outlet'
  | 'author'
  | 'published_on'
  | 'language'
  | 'fact_check_url'
>;

/** The rows a report is built from, live or as saved with a version. */
export interface ReportSource {
  workspace: ReportWorkspaceRow;
  document: ReportDocumentFields;
  /** The claims in the report's scope, evidence only when asked for. */
  rows: ReportClaimRow[];
}

/** Bumped if the stored shape changes; older snapshots are then read by a converter. */
const SNAPSHOT_FORMAT = 1;

type Dated<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};

interface ReportSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  workspace: ReportWorkspaceRow;
  document: ReportDocumentFields;
  /** Every claim (all statuses) with its evidence; dates as ISO strings. */
  claims: Dated<ReportClaimRow>[];
}

function documentFields(document: DocumentRow): ReportDocumentFields {
  return {
    id: document.id,
    title: document.title,
    source_url: document.source_url,
    outlet: document.outlet,
    author: document.author,
    published_on: document.published_on,
    language: document.language,
    fact_check_url: document.fact_check_url,
  };
}

/** The rows as they are now, in the caller's transaction (one snapshot of them). */
export async function readLiveReportSource(
  tx: Queryable,
  document: DocumentRow,
  options: { approvedOnly: boolean; evidence: boolean },
): Promise<ReportSource | undefined> {
  const workspace = await findReportWorkspace(tx, document.workspace_id);
  if (!workspace) return undefined;
  const rows = await listReportClaims(tx, document.id, options);
  return { workspace, document: documentFields(document), rows };
}

/** Everything a later report of the version needs, as JSON for `doc_versions.report_snapshot`. */
export async function captureReportSnapshot(
  tx: Queryable,
  document: DocumentRow,
): Promise<ReportSnapshot> {
  const source = await readLiveReportSource(tx, document, { approvedOnly: false, evidence: true });
  if (!source) throw new Error(`workspace of document ${document.id} is gone`);
  return {
    format: SNAPSHOT_FORMAT,
    workspace: source.workspace,
    document: source.document,
    claims: source.rows.map((row) => ({
      ...row,
      created_at: row.created_at.toISOString(),
      proposed_at: row.proposed_at?.toISOString() ?? null,
      approved_at: row.approved_at?.toISOString() ?? null,
    })),
  };
}

/** The saved rows, narrowed to the report's options the way the live query narrows them. */
export function reportSourceFromSnapshot(stored: unknown, options: ReportOptions): ReportSource {
  const snapshot = stored as ReportSnapshot;
  if (snapshot?.format !== SNAPSHOT_FORMAT) {
    throw new Error(`unknown report snapshot format ${String(snapshot?.format)}`);
  }
  const rows = snapshot.claims
    .filter((claim) => options.scope === 'all' || claim.status === 'approved')
    .map(
      (claim): ReportClaimRow => ({
        ...claim,
        created_at: new Date(claim.created_at),
        proposed_at: claim.proposed_at === null ? null : new Date(claim.proposed_at),
        approved_at: claim.approved_at === null ? null : new Date(claim.approved_at),
        evidence: options.evidence ? claim.evidence : [],
      }),
    );
  return { workspace: snapshot.workspace, document: snapshot.document, rows };
}
