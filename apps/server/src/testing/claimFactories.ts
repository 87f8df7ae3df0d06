// Test factories for claims: a document with article text, and anchors made as the browser
// makes them (relative positions on a copy of the document's state).
import { articleText, articleToYUpdate, importArticle, relativeRangeAt } from '@factdesk/editor';
import type { ClaimAnchor } from '@factdesk/model';
import * as Y from 'yjs';
import type { Queryable } from '../db/database.ts';
import { appendDocUpdates } from '../queries/docState.ts';
import { buildDocument } from './documentFactories.ts';

/** A document whose text is `markdown`; returns its id and the Yjs update it holds. */
export async function buildDocumentWithText(
  sql: Queryable,
  options: { workspaceId: string; createdBy: string; markdown: string },
) {
  const document = await buildDocument(sql, {
    workspaceId: options.workspaceId,
    createdBy: options.createdBy,
  });
  const update = articleToYUpdate(importArticle(options.markdown, 'md'));
  await appendDocUpdates(sql, document.id, [update]);
  return { documentId: document.id, update };
}

/** The anchor a browser would send for the first occurrence of `exact` in `doc`. */
export function anchorFor(doc: Y.Doc, exact: string, occurrence = 0): ClaimAnchor {
  const { text } = articleText(doc);
  let from = -1;
  for (let i = 0; i <= occurrence; i++) from = text.indexOf(exact, from + 1);
  if (from < 0) throw new Error(`"${exact}" is not in the text`);
  const to = from + exact.length;
  const { start, end } = relativeRangeAt(doc, from, to);
  return {
    start,
    end,
    quote: {
      exact,
      prefix: text.slice(Math.max(0, from - 32), from),
      suffix: text.slice(to, to + 32),
    },
  };
}

/** A Y.Doc holding `update`, as a client that has synced. */
export function docFrom(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}
