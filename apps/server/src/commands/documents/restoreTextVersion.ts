// Restores an old version of the text as a NEW forward change through the live document:
// the current text is saved first (an automatic "before_restore" version), then the fragment
// is made to hold the old content in one Yjs transaction, so clients holding the current
// state merge it without duplicating anything.
import { type ArticleJSON, replaceArticle, yDocToArticleJSON } from '@factdesk/editor';
import * as Y from 'yjs';
import type { Sql } from '../../db/database.ts';
import { NotFoundError } from '../../errors.ts';
import { type DocVersionRow, findDocVersion } from '../../queries/documents.ts';
import type { LiveDocuments } from '../liveDocuments.ts';
import { saveTextVersion } from './saveTextVersion.ts';

/** The article a stored version holds. */
export function versionArticle(state: Uint8Array): ArticleJSON {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return yDocToArticleJSON(doc);
  } finally {
    doc.destroy();
  }
}

export async function restoreTextVersion(
  sql: Sql,
  liveDocuments: LiveDocuments,
  input: { documentId: string; versionId: string; restoredBy: string },
): Promise<{ restored: DocVersionRow; saved: DocVersionRow }> {
  const version = await findDocVersion(sql, input.documentId, input.versionId);
  if (!version) throw new NotFoundError('Version');
  const article = versionArticle(version.state);
  const saved = await saveTextVersion(sql, liveDocuments, {
    documentId: input.documentId,
    name: null,
    kind: 'before_restore',
    createdBy: input.restoredBy,
  });
  await liveDocuments.changeDocument(input.documentId, (doc) => replaceArticle(doc, article));
  const { state: _state, ...restored } = version;
  return { restored, saved };
}
