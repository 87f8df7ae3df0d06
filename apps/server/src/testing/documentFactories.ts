// Test factories for documents: a row in a workspace, with or without text; claims rows for
// the list's counts.
import type { Queryable } from '../db/database.ts';
import { insertDocument } from '../queries/documents.ts';

let counter = 0;

export async function buildDocument(
  sql: Queryable,
  options: { workspaceId: string; createdBy: string; title?: string; textLocked?: boolean },
) {
  counter++;
  return insertDocument(sql, {
    workspaceId: options.workspaceId,
    createdBy: options.createdBy,
    title: options.title ?? `Article ${counter}`,
    textLocked: options.textLocked ?? false,
  });
}

/** A bare claims row (anchors are not resolved): enough for counts by status and verdict. */
export async function buildClaimRow(
  sql: Queryable,
  options: { documentId: string; workspaceId: string; status: string; verdict?: string | null },
) {
  await sql`
    INSERT INTO claims (document_id, workspace_id, status, verdict, anchor_start, anchor_end,
      quote_exact, current_quote)
    VALUES (${options.documentId}, ${options.workspaceId}, ${options.status},
      ${options.verdict ?? null}, 'AA==', 'AA==', 'quote', 'quote')`;
}
