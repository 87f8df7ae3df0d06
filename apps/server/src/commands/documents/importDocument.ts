// Creates a document from a pasted or uploaded article: checks the input, converts it through
// the shared editor schema on the worker pool (under its depth, element, size and time caps),
// and writes the row, its first Yjs update and an automatic "import" version in one
// transaction. The source text starts locked; past a cap nothing is created. The update is
// written with a server client id recorded as the document's lineage, so a copy of this
// document can never be merged into another (docs/sync.md).
import { checkLinkUrl, type ImportFormat, WEB_PROTOCOLS } from '@factdesk/model';
import { newServerClientId } from '@factdesk/sync';
import type { Sql } from '../../db/database.ts';
import { BadRequestError } from '../../errors.ts';
import type { HeavyWorkPool } from '../../heavyWork/HeavyWorkPool.ts';
import { linkRefusal } from '../../i18n/linkRefusal.ts';
import { msg } from '../../i18n/translate.ts';
import { insertLineageClient } from '../../queries/docHistory.ts';
import { appendDocUpdates } from '../../queries/docState.ts';
import { type DocumentRow, insertDocument, insertDocVersion } from '../../queries/documents.ts';
import { captureReportSnapshot } from '../../views/reportSnapshot.ts';

export interface ImportInput {
  workspaceId: string;
  createdBy: string | null;
  format: ImportFormat;
  content: string;
  title?: string;
  sourceUrl?: string;
  outlet?: string;
  author?: string;
  publishedAt?: string;
  language?: string;
}

/** Control characters other than tab, line feed, form feed and carriage return: a binary file. */
function looksBinary(content: string): boolean {
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    if (
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) ||
      code === 0x7f
    ) {
      return true;
    }
  }
  return false;
}
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Throws a 400 naming `content` unless it is non-empty UTF-8 text within the size limit. */
export function checkImportContent(content: string, maxBytes: number): void {
  if (content.trim() === '') {
    throw new BadRequestError(msg('errors.contentEmpty'), 'content');
  }
  if (looksBinary(content)) {
    throw new BadRequestError(msg('errors.contentBinary'), 'content');
  }
  if (content.includes('\uFFFD') || LONE_SURROGATE.test(content)) {
    throw new BadRequestError(msg('errors.contentNotUtf8'), 'content');
  }
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > maxBytes) {
    throw new BadRequestError(msg('errors.contentTooLarge', { bytes, maxBytes }), 'content');
  }
}

function checkSourceUrl(raw: string | undefined | null): string | undefined | null {
  if (raw === undefined || raw === null) return raw;
  const checked = checkLinkUrl(raw, 'sourceUrl', WEB_PROTOCOLS);
  if (!checked.ok)
    throw new BadRequestError(linkRefusal(checked, 'sourceUrl'), 'sourceUrl', 'invalid_url');
  return checked.href;
}

export { checkSourceUrl };

export async function importDocument(
  sql: Sql,
  input: ImportInput,
  limits: { maxBytes: number; maxDocumentBytes: number },
  heavyWork: HeavyWorkPool,
): Promise<DocumentRow> {
  checkImportContent(input.content, limits.maxBytes);
  const sourceUrl = checkSourceUrl(input.sourceUrl);
  const title = input.title?.trim();
  if (input.title !== undefined && !title) {
    throw new BadRequestError(msg('errors.titleBlank'), 'title');
  }
  const lineageClient = newServerClientId();
  const { update, defaultTitle, hasText } = await heavyWork.importArticle(
    input.content,
    input.format,
    limits.maxDocumentBytes,
    lineageClient,
  );
  if (!hasText) {
    throw new BadRequestError(msg('errors.contentNoText'), 'content');
  }
  return sql.begin(async (tx) => {
    const row = await insertDocument(tx, {
      workspaceId: input.workspaceId,
      createdBy: input.createdBy,
      title: title || defaultTitle,
      textLocked: true,
      sourceFormat: input.format,
      sourceUrl,
      outlet: input.outlet?.trim() || null,
      author: input.author?.trim() || null,
      publishedOn: input.publishedAt ?? null,
      language: input.language ?? null,
    });
    await insertLineageClient(tx, row.id, lineageClient);
    await appendDocUpdates(tx, row.id, [update]);
    await insertDocVersion(tx, {
      documentId: row.id,
      kind: 'import',
      name: null,
      state: update,
      createdBy: input.createdBy,
      // No claims yet; the metadata and the workspace's settings as imported.
      reportSnapshot: await captureReportSnapshot(tx, row),
    });
    return row;
  });
}
