// Moderators edit a document's metadata (title, source URL, outlet, author, date, language).
import { checkEvidenceUrl, type UpdateDocumentBody } from '@factdesk/model';
import type { Sql } from '../../db/database.ts';
import { BadRequestError } from '../../errors.ts';
import { linkRefusal } from '../../i18n/linkRefusal.ts';
import { msg } from '../../i18n/translate.ts';
import { presentDocumentState } from '../../presenters/documents.ts';
import { type DocumentRow, updateDocumentMetadata as updateRow } from '../../queries/documents.ts';
import type { LiveDocuments } from '../liveDocuments.ts';
import { checkSourceUrl } from './importDocument.ts';

/** The published fact-check page: http(s), normalised, and without a #fragment (Factdesk adds one per claim). */
function checkFactCheckUrl(raw: string | null | undefined): string | null | undefined {
  if (raw === undefined || raw === null) return raw;
  const checked = checkEvidenceUrl(raw, 'factCheckUrl');
  if (!checked.ok) throw new BadRequestError(linkRefusal(checked, 'factCheckUrl'), 'factCheckUrl');
  if (new URL(checked.href).hash !== '') {
    throw new BadRequestError(msg('errors.factCheckUrlFragment'), 'factCheckUrl');
  }
  return checked.href;
}

const blankToNull = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : value.trim() || null;

export async function updateDocumentMetadata(
  sql: Sql,
  liveDocuments: LiveDocuments,
  documentId: string,
  changes: UpdateDocumentBody,
): Promise<DocumentRow> {
  const title = changes.title?.trim();
  if (changes.title !== undefined && !title) {
    throw new BadRequestError(msg('errors.titleBlank'), 'title');
  }
  const row = await updateRow(sql, documentId, {
    title,
    sourceUrl: checkSourceUrl(changes.sourceUrl),
    outlet: blankToNull(changes.outlet),
    author: blankToNull(changes.author),
    publishedOn: changes.publishedAt,
    language: changes.language,
    factCheckUrl: checkFactCheckUrl(changes.factCheckUrl),
  });
  liveDocuments.publishEvent(documentId, {
    type: 'document.updated',
    document: presentDocumentState(row),
  });
  return row;
}
