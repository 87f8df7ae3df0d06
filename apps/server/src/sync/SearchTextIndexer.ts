// Keeps a plain-text copy of each document's article for search (docs/search.md): written a
// few seconds after edits are saved (throttled per document, never per keystroke), after an
// import, and at start for documents that have none yet (created while no server ran, or
// before search existed). Search therefore lags the live text by up to the delay.
import { articleText } from '@factdesk/editor';
import type { LiveDocuments } from '../commands/liveDocuments.ts';
import type { Sql } from '../db/database.ts';
import { listDocumentsWithoutSearchText, writeDocumentSearchText } from '../queries/search.ts';
import { DocumentWorkQueue } from './DocumentWorkQueue.ts';

/**
 * Only this much of a document's text is searchable: PostgreSQL refuses a tsvector over
 * 1 MB, which half a million characters of even unrepeated words stays under.
 */
export const SEARCHABLE_TEXT_CHARS = 500_000;

export interface SearchTextIndexerOptions {
  sql: Sql;
  liveDocuments: Pick<LiveDocuments, 'readDocument'>;
  delayMs: number;
  onError(documentId: string, error: unknown, attempt: number): void;
}

export class SearchTextIndexer extends DocumentWorkQueue {
  private catchingUp: Promise<void> | undefined;

  constructor(private readonly indexer: SearchTextIndexerOptions) {
    super({
      delayMs: indexer.delayMs,
      onError: indexer.onError,
      work: async (documentId) => {
        const text = await indexer.liveDocuments.readDocument(documentId, (doc) =>
          articleText(doc).text.slice(0, SEARCHABLE_TEXT_CHARS),
        );
        await writeDocumentSearchText(indexer.sql, documentId, text);
      },
    });
  }

  /** Indexes, one after another, every document without search text; stops at shutdown. */
  catchUp(): Promise<void> {
    this.catchingUp ??= (async () => {
      for (const documentId of await listDocumentsWithoutSearchText(this.indexer.sql)) {
        if (this.stopped) return;
        await this.runNow(documentId);
      }
    })().finally(() => {
      this.catchingUp = undefined;
    });
    return this.catchingUp;
  }

  override async shutdown(): Promise<void> {
    this.stopped = true;
    await this.catchingUp?.catch(() => {});
    await super.shutdown();
  }
}
