// The article schema: one list of Tiptap extensions that the web editor (with Collaboration)
// and the server (import, export, sync checks) both build from, so they can never disagree.

import { safeHref } from '@factdesk/model';
import { type AnyExtension, getSchema } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';

/** The Y.XmlFragment of the document's Y.Doc holding the article (Collaboration's `field`). */
export const ARTICLE_FIELD = 'article';

export const LINK_REL = 'noopener noreferrer nofollow';

export const articleExtensions: AnyExtension[] = [
  StarterKit.configure({
    // Collaboration brings its own (Yjs) undo; ProseMirror's history would fight it.
    undoRedo: false,
    // Not part of an imported article: keeping them out keeps the schema the server accepts small.
    codeBlock: false,
    underline: false,
    heading: { levels: [1, 2, 3, 4, 5, 6] },
    link: {
      openOnClick: false,
      autolink: true,
      defaultProtocol: 'https',
      protocols: ['mailto'],
      isAllowedUri: (url) => safeHref(url) !== null,
      HTMLAttributes: { rel: LINK_REL, target: '_blank' },
    },
  }),
];

let schema: Schema | undefined;

/** The ProseMirror schema of `articleExtensions` (built once). */
export function getArticleSchema(): Schema {
  schema ??= getSchema(articleExtensions);
  return schema;
}

/** Node names the sync server accepts in the article fragment; anything else is refused. */
export const ARTICLE_NODE_NAMES: ReadonlySet<string> = new Set(
  Object.keys(getArticleSchema().nodes),
);
/** Mark names (Y.XmlText formatting attributes) the sync server accepts. */
export const ARTICLE_MARK_NAMES: ReadonlySet<string> = new Set(
  Object.keys(getArticleSchema().marks),
);
