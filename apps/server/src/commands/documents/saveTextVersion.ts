// A named snapshot of the text as it is now (the live copy when the document is open).
import * as Y from 'yjs';
import type { Sql } from '../../db/database.ts';
import { type DocVersionRow, insertDocVersion } from '../../queries/documents.ts';
import type { CollabService } from '../../sync/CollabService.ts';

export async function saveTextVersion(
  sql: Sql,
  collab: CollabService,
  input: {
    documentId: string;
    name: string | null;
    kind: 'named' | 'before_restore';
    createdBy: string;
  },
): Promise<DocVersionRow> {
  const state = await collab.readDocument(input.documentId, (doc) => Y.encodeStateAsUpdate(doc));
  return insertDocVersion(sql, { ...input, state });
}
