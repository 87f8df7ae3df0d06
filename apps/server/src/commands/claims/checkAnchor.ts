// Checks an anchor from the browser against the server's own copy of the document before
// anything is written: well-formed positions (400), pointing into this text (409), and the
// text between them equal to the quote the client saw (409).
import { isWellFormedAnchor, resolveAnchorRange } from '@factdesk/editor';
import type { ClaimAnchor } from '@factdesk/model';
import { BadRequestError, ConflictError } from '../../errors.ts';
import { msg } from '../../i18n/translate.ts';
import type { LiveDocuments } from '../liveDocuments.ts';

export async function checkAnchor(
  liveDocuments: LiveDocuments,
  documentId: string,
  anchor: ClaimAnchor,
): Promise<void> {
  for (const field of ['start', 'end'] as const) {
    if (!isWellFormedAnchor(anchor[field])) {
      throw new BadRequestError(
        msg('errors.anchorInvalid', { field }),
        `anchor.${field}`,
        'invalid_anchor',
      );
    }
  }
  const resolved = await liveDocuments.readDocument(documentId, (doc) =>
    resolveAnchorRange(doc, anchor.start, anchor.end),
  );
  if (!resolved) {
    throw new ConflictError(msg('errors.anchorStale'), 'anchor_stale');
  }
  if (resolved.text !== anchor.quote.exact) {
    throw new ConflictError(msg('errors.quoteMismatch'), 'quote_mismatch');
  }
}
