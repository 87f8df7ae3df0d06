// A named snapshot of the text as it is now (the live copy when the document is open), saved
// with what its report needs besides the text (reportSnapshot.ts), so the version's report can
// be made again, unchanged, later.
import * as Y from 'yjs';
import type { Sql } from '../../db/database.ts';
import { NotFoundError } from '../../errors.ts';
import { type DocVersionRow, findDocument, insertDocVersion } from '../../queries/documents.ts';
import { captureReportSnapshot } from '../../views/reportSnapshot.ts';
import type { LiveDocuments } from '../liveDocuments.ts';

export async function saveTextVersion(
  sql: Sql,
  liveDocuments: LiveDocuments,
  input: {
    documentId: string;
    name: string | null;
    kind: 'named' | 'before_restore';
    createdBy: string;
  },
): Promise<DocVersionRow> {
  // The claims before the text: every claim kept has its anchor in the text read after it.
  const reportSnapshot = await sql.begin('ISOLATION LEVEL REPEATABLE READ', async (tx) => {
    const document = await findDocument(tx, input.documentId);
    if (!document) throw new NotFoundError('Document');
    return captureReportSnapshot(tx, document);
  });
  const state = await liveDocuments.readDocument(input.documentId, (doc) =>
    Y.encodeStateAsUpdate(doc),
  );
  return insertDocVersion(sql, { ...input, state, reportSnapshot });
}
