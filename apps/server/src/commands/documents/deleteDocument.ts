// Deletes a document and everything of it: updates, snapshots, versions and claims go by
// cascade; a tombstone (written by a trigger) keeps its id from ever being used again.
import type { Sql } from '../../db/database.ts';
import { deleteDocumentRow } from '../../queries/documents.ts';
import type { LiveDocuments } from '../liveDocuments.ts';

export async function deleteDocument(
  sql: Sql,
  liveDocuments: LiveDocuments,
  documentId: string,
): Promise<void> {
  const workspaceId = await sql.begin((tx) => deleteDocumentRow(tx, documentId));
  if (workspaceId) {
    liveDocuments.publishEvent(documentId, { type: 'document.deleted', documentId, workspaceId });
  }
  // The document is gone: the re-check closes every socket still open on it.
  await liveDocuments.accessChanged({ documentId });
}
