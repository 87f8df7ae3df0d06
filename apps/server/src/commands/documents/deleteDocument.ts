// Deletes a document and everything of it: updates, snapshots, versions and claims go by
// cascade; a tombstone (written by a trigger) keeps its id from ever being used again.
import type { Sql } from '../../db/database.ts';
import { deleteDocumentRow } from '../../queries/documents.ts';
import type { CollabService } from '../../sync/CollabService.ts';

export async function deleteDocument(
  sql: Sql,
  collab: CollabService,
  documentId: string,
): Promise<void> {
  await sql.begin((tx) => deleteDocumentRow(tx, documentId));
  collab.publishEvent(documentId, { type: 'document.deleted', documentId });
  // The document is gone: the re-check closes every socket still open on it.
  await collab.accessChanged({ documentId });
}
