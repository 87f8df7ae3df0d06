// The article as ProseMirror JSON: what import produces, what Yjs conversion reads and writes.
import type { Node as PMNode } from '@tiptap/pm/model';
import { getArticleSchema } from './articleExtensions.ts';

export interface ArticleMarkJSON {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface ArticleJSON {
  type: string;
  attrs?: Record<string, unknown>;
  content?: ArticleJSON[];
  marks?: ArticleMarkJSON[];
  text?: string;
}

export class ArticleFormatError extends Error {}

/** Parses and checks JSON against the article schema; throws ArticleFormatError when invalid. */
export function articleNode(json: ArticleJSON): PMNode {
  try {
    const node = getArticleSchema().nodeFromJSON(json);
    node.check();
    if (node.type.name !== 'doc') throw new Error('the root node must be "doc"');
    return node;
  } catch (error) {
    throw new ArticleFormatError(
      `Not a valid article: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * The article text model, from JSON: textblocks separated by "\n", a hard break is "\n".
 * `articleText(doc).text` gives the same string for the Yjs copy.
 */
export function articlePlainText(json: ArticleJSON): string {
  const blocks: string[] = [];
  articleNode(json).descendants((node) => {
    if (!node.isTextblock) return true;
    let text = '';
    node.forEach((child) => {
      if (child.isText) text += child.text ?? '';
      else if (child.type.name === 'hardBreak') text += '\n';
    });
    blocks.push(text);
    return false;
  });
  return blocks.join('\n');
}
