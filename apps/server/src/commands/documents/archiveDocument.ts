// Archives a document (out of the default list, kept whole) or brings it back.
import type { Sql } from '../../db/database.ts';
import { presentDocumentState } from '../../presenters/documents.ts';
import { type DocumentRow, setArchived } from '../../queries/documents.ts';
import type { LiveDocuments } from '../liveDocuments.ts';

export async function archiveDocument(
  sql: Sql,
  liveDocuments: LiveDocuments,
  documentId: string,
  archived: boolean,
): Promise<DocumentRow> {
  const row = await setArchived(sql, documentId, archived);
  liveDocuments.publishEvent(documentId, {
    type: 'document.updated',
    document: presentDocumentState(row),
  });
  return row;
}
