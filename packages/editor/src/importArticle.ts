// Turns a pasted or uploaded article (Markdown, HTML or plain text) into article JSON. Every
// format goes through one sanitiser (sanitize-html) and one parser (ProseMirror's DOMParser
// over happy-dom), so the same rules hold whatever the input: no scripts, styles, event
// handlers or javascript:/data: links; images become links whose text is their alt text.

import { safeHref } from '@factdesk/model';
import { DOMParser as PMDOMParser } from '@tiptap/pm/model';
import { Window } from 'happy-dom';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { getArticleSchema } from './articleExtensions.ts';
import type { ArticleJSON } from './articleJSON.ts';

export type ImportFormat = 'md' | 'html' | 'txt';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['md', 'html', 'txt'];

// CommonMark plus the GFM parts markdown-it has (tables, strikethrough, autolinks). Raw HTML
// inside Markdown is allowed here because the sanitiser below sees all of it.
const markdown = new MarkdownIt({ html: true, linkify: true });

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
  transformTags: { td: 'p', th: 'p', pre: 'p', div: 'p' },
  // Their content is code or styling, not article text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'title', 'head'],
};

export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, SANITIZE);
}

export function importArticle(input: string, format: ImportFormat): ArticleJSON {
  switch (format) {
    case 'txt':
      return importPlainText(input);
    case 'md':
      return importHtml(markdown.render(input));
    case 'html':
      return importHtml(input);
  }
}

/** A blank line starts a paragraph; a single line break stays a hard break. */
function importPlainText(input: string): ArticleJSON {
  const paragraphs = input
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.replace(/^\n+|\n+$/g, ''))
    .filter((block) => block.trim() !== '');
  const content: ArticleJSON[] = paragraphs.map((block) => {
    const inline: ArticleJSON[] = [];
    block.split('\n').forEach((line, index) => {
      if (index > 0) inline.push({ type: 'hardBreak' });
      if (line !== '') inline.push({ type: 'text', text: line });
    });
    return { type: 'paragraph', content: inline };
  });
  return { type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] };
}

function importHtml(html: string): ArticleJSON {
  const clean = sanitizeArticleHtml(html);
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
