// Document rows → API shapes (schemas in @factdesk/model's documents.ts).
import type {
  ClaimCounts,
  DocumentListItem,
  DocumentSchema,
  DocumentVersion,
  PersonRef,
  Role,
} from '@factdesk/model';
import { CLAIM_STATUSES, displayHost } from '@factdesk/model';
import { abilitiesOf } from '../access/policies.ts';
import type { DocumentListRow, DocumentRow, DocVersionRow } from '../queries/documents.ts';

/** The document without per-user abilities: what live events carry to every editor. */
export function presentDocumentState(row: DocumentRow): Omit<DocumentSchema, 'abilities'> {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    title: row.title,
    sourceUrl: row.source_url,
    outlet: row.outlet,
    author: row.author,
    publishedAt: row.published_on,
    language: row.language,
    factCheckUrl: row.fact_check_url,
    // Shown by the browser without shipping it the confusables tables.
    sourceHost: row.source_url ? displayHost(row.source_url) : null,
    factCheckHost: row.fact_check_url ? displayHost(row.fact_check_url) : null,
    sourceFormat: row.source_format,
    textLocked: row.text_locked,
    archived: row.archived_at !== null,
    archivedAt: row.archived_at?.toISOString() ?? null,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentDocument(row: DocumentRow, role: Role): DocumentSchema {
  const abilities = abilitiesOf(role);
  // Editing the text needs the role and an unlocked text.
  abilities['document.edit'] = abilities['document.edit'] && !row.text_locked;
  return { ...presentDocumentState(row), abilities };
}

/** `present`: who has the document open now (the live-documents service knows, not the row). */
export function presentDocumentListItem(
  row: DocumentListRow,
  present: PersonRef[],
): DocumentListItem {
  const byStatus = Object.fromEntries(
    CLAIM_STATUSES.map((status) => [status, row.claim_status_counts?.[status] ?? 0]),
  ) as ClaimCounts['byStatus'];
  const claimCounts: ClaimCounts = {
    total: Object.values(byStatus).reduce((sum, n) => sum + n, 0),
    byStatus,
    byVerdict: row.claim_verdict_counts ?? {},
  };
  return {
    ...presentDocumentState(row),
    updatedAt: row.last_change_at.toISOString(),
    claimCounts,
    present,
    lastActivityAt: row.last_activity_at.toISOString(),
  };
}

export function presentDocumentVersion(row: DocVersionRow): DocumentVersion {
  return {
    id: row.id,
    documentId: row.document_id,
    kind: row.kind,
    name: row.name,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    reportable: row.reportable,
  };
}
