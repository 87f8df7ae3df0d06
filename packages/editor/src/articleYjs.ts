// Article JSON ⇄ the document's Yjs state, through @tiptap/y-tiptap: the same binding Tiptap's
// Collaboration extension uses in the browser, so server-written content looks to clients
// exactly like content a user typed.
import {
  prosemirrorJSONToYXmlFragment,
  updateYFragment,
  yXmlFragmentToProsemirrorJSON,
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { ARTICLE_FIELD, getArticleSchema } from './articleExtensions.ts';
import { type ArticleJSON, articleNode } from './articleJSON.ts';

/**
 * A Yjs update that creates the article fragment with this content (for a new document),
 * written by `clientId` when given (the server's import id, recorded as the document's lineage).
 */
export function articleToYUpdate(json: ArticleJSON, clientId?: number): Uint8Array {
  articleNode(json);
  const doc = new Y.Doc();
  if (clientId !== undefined) doc.clientID = clientId;
  try {
    prosemirrorJSONToYXmlFragment(getArticleSchema(), json, doc.getXmlFragment(ARTICLE_FIELD));
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

export function yDocToArticleJSON(doc: Y.Doc): ArticleJSON {
  return yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(ARTICLE_FIELD)) as ArticleJSON;
}

/**
 * Makes the article fragment hold `json`, as one forward change in one transaction. The
 * binding's diff keeps unchanged paragraphs' Yjs items, so anchors in them survive a restore,
 * and clients that hold the current state merge it without duplicating anything.
 */
export function replaceArticle(doc: Y.Doc, json: ArticleJSON, origin?: unknown): void {
  const node = articleNode(json);
  const fragment = doc.getXmlFragment(ARTICLE_FIELD);
  doc.transact(() => {
    updateYFragment(doc, fragment, node, { mapping: new Map(), isOMark: new Map() });
  }, origin);
}
