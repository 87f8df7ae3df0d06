// Turns a pasted or uploaded article (Markdown, HTML or plain text) into article JSON. Every
// format goes through one sanitiser (sanitize-html) and one parser (ProseMirror's DOMParser
// over happy-dom), so the same rules hold whatever the input: no scripts, styles, event
// handlers or javascript:/data: links; images become links whose text is their alt text.
// Structural caps (depth, element count) are checked while each parser runs, so a hostile
// input stops at the cap instead of after a full parse (ImportLimitError).

import { safeHref } from '@factdesk/model';
import { DOMParser as PMDOMParser } from '@tiptap/pm/model';
import { Window } from 'happy-dom';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { getArticleSchema } from './articleExtensions.ts';
import type { ArticleJSON } from './articleJSON.ts';
import { ImportLimitError, type ImportLimits } from './ImportLimitError.ts';

export type ImportFormat = 'md' | 'html' | 'txt';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['md', 'html', 'txt'];

// CommonMark plus the GFM parts markdown-it has (tables, strikethrough, autolinks). Raw HTML
// inside Markdown is allowed here because the sanitiser below sees all of it.
const markdown = new MarkdownIt({ html: true, linkify: true });

/** What the Markdown block rule below counts, passed in markdown-it's `env`. */
interface MarkdownBudget {
  limits: ImportLimits;
  /** Tokens already counted (markdown-it appends to one array, nested blocks included). */
  seen: number;
  opened: number;
}

// Called at the start of every block markdown-it tries to parse, nested ones included: the
// element count and depth are checked as the token list grows, before inline parsing.
markdown.block.ruler.before('table', 'factdesk_limits', (state) => {
  const budget = state.env.factdeskBudget as MarkdownBudget | undefined;
  if (!budget?.limits) return false;
  const tokens = state.tokens;
  for (; budget.seen < tokens.length; budget.seen++) {
    const token = tokens[budget.seen];
    if (token && token.nesting === 1) {
      budget.opened += 1;
      if (token.level >= budget.limits.maxDepth) {
        throw new ImportLimitError('depth', budget.limits.maxDepth);
      }
    }
  }
  if (budget.opened > budget.limits.maxNodes) {
    throw new ImportLimitError('nodes', budget.limits.maxNodes);
  }
  if (state.level >= budget.limits.maxDepth) {
    throw new ImportLimitError('depth', budget.limits.maxDepth);
  }
  return false;
});

/** Caps loose enough for any real article; the server passes its configured ones. */
export const DEFAULT_IMPORT_LIMITS: ImportLimits = { maxDepth: 128, maxNodes: 50_000 };

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'ul',
    'ol',
    'li',
    'hr',
    'br',
    'strong',
    'b',
    'em',
    'i',
    's',
    'del',
    'strike',
    'code',
    'a',
    'img',
  ],
  allowedAttributes: { a: ['href'], img: ['src', 'alt'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  // Table cells and preformatted text keep their words as paragraphs.
  transformTags: {
    td: 'p',
    th: 'p',
    pre: 'p',
    div: 'p',
    // A list's start is kept only when it is a whole number: the editor would read "x" as NaN,
    // which the sync server's attribute check (rightly) refuses.
    ol: (tagName, attribs) => {
      const start = attribs.start ?? '';
      const kept: sanitizeHtml.Attributes = /^-?\d{1,9}$/.test(start) ? { start } : {};
      return { tagName, attribs: kept };
    },
  },
  // Their content is code or styling, not article text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'title', 'head'],
};

/**
 * The allowed subset of `html`. Every tag of the input, allowed or not, counts towards the
 * caps as htmlparser2 meets it (50,000 nested `<div>` or unclosed `<b>` stop at the cap).
 */
export function sanitizeArticleHtml(
  html: string,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): string {
  let depth = 0;
  let elements = 0;
  return sanitizeHtml(html, {
    ...SANITIZE,
    onOpenTag: () => {
      depth += 1;
      elements += 1;
      if (depth > limits.maxDepth) throw new ImportLimitError('depth', limits.maxDepth);
      if (elements > limits.maxNodes) throw new ImportLimitError('nodes', limits.maxNodes);
    },
    onCloseTag: () => {
      depth -= 1;
    },
  });
}

export function importArticle(
  input: string,
  format: ImportFormat,
  limits: ImportLimits = DEFAULT_IMPORT_LIMITS,
): ArticleJSON {
  switch (format) {
    case 'txt':
      return importPlainText(input, limits);
    case 'md': {
      const budget: MarkdownBudget = { limits, seen: 0, opened: 0 };
      // markdown-it's own nesting limit silently flattens deeper blocks into text: one level
      // past the cap lets the block rule above refuse them with a reason first, while inline
      // recursion (nested "[") stays within the stack. Rendering is synchronous, so setting
      // the shared instance per call is safe.
      markdown.set({ maxNesting: limits.maxDepth + 1 });
      return importHtml(markdown.render(input, { factdeskBudget: budget }), limits);
    }
    case 'html':
      return importHtml(input, limits);
  }
}

/** A blank line starts a paragraph; a single line break stays a hard break. */
function importPlainText(input: string, limits: ImportLimits): ArticleJSON {
  const paragraphs = input
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.replace(/^\n+|\n+$/g, ''))
    .filter((block) => block.trim() !== '');
  let nodes = 0;
  const content: ArticleJSON[] = paragraphs.map((block) => {
    const inline: ArticleJSON[] = [];
    block.split('\n').forEach((line, index) => {
      if (index > 0) inline.push({ type: 'hardBreak' });
      if (line !== '') inline.push({ type: 'text', text: line });
    });
    nodes += 1 + inline.length;
    if (nodes > limits.maxNodes) throw new ImportLimitError('nodes', limits.maxNodes);
    return { type: 'paragraph', content: inline };
  });
  return { type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] };
}

function importHtml(html: string, limits: ImportLimits): ArticleJSON {
  const clean = sanitizeArticleHtml(html, limits);
  const window = new Window();
  try {
    const document = window.document;
    const body = document.createElement('div');
    body.innerHTML = clean;
    for (const img of Array.from(body.querySelectorAll('img'))) {
      const href = safeHref(img.getAttribute('src'));
      const alt = img.getAttribute('alt')?.trim() || 'image';
      const replacement = href ? document.createElement('a') : document.createElement('span');
      if (href) replacement.setAttribute('href', href);
      replacement.textContent = alt;
      img.replaceWith(replacement);
    }
    for (const link of Array.from(body.querySelectorAll('a'))) {
      const href = safeHref(link.getAttribute('href'));
      if (href) link.setAttribute('href', href);
      else link.replaceWith(...Array.from(link.childNodes));
    }
    // happy-dom's nodes are DOM-shaped; ProseMirror only reads the standard properties.
    const parsed = PMDOMParser.fromSchema(getArticleSchema()).parse(
      body as unknown as globalThis.Node,
    );
    return parsed.toJSON() as ArticleJSON;
  } finally {
    void window.happyDOM.close();
  }
}
