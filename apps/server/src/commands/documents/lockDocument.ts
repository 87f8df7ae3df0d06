// Locks or unlocks the source text. While locked every socket of the document is read-only;
// after the commit the sync server re-checks the open sockets and editors are told.
import type { Sql } from '../../db/database.ts';
import { presentDocumentState } from '../../presenters/documents.ts';
import { type DocumentRow, setTextLocked } from '../../queries/documents.ts';
import type { LiveDocuments } from '../liveDocuments.ts';

/**
 * `liveDocuments` is absent when the command line runs without a server: open sockets elsewhere then
 * pick the change up at their periodic access re-check (COLLAB_RECHECK_MS).
 */
export async function lockDocument(
  sql: Sql,
  liveDocuments: LiveDocuments | undefined,
  documentId: string,
  locked: boolean,
): Promise<DocumentRow> {
  const row = await setTextLocked(sql, documentId, locked);
  // Sockets first: an editor told "unlocked" must find its socket already writable.
  await liveDocuments?.accessChanged({ documentId });
  liveDocuments?.publishEvent(documentId, {
    type: 'document.updated',
    document: presentDocumentState(row),
  });
  return row;
}
