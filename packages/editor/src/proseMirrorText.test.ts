// The editor's view of the text model must be the server's, character for character: an
// anchor made from an editor selection names the text the server checks, and a claim the
// server resolved lands on the same characters in the editor.
import { initProseMirrorDoc } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ARTICLE_FIELD, getArticleSchema } from './articleExtensions.ts';
import { anchorResolver, articleText, relativeRangeAt } from './articleText.ts';
import { articleToYUpdate } from './articleYjs.ts';
import { importArticle } from './importArticle.ts';
import { proseMirrorText } from './proseMirrorText.ts';

const ARTICLES: [string, string, 'md' | 'html' | 'txt'][] = [
  [
    'mixed blocks',
    [
      '# The mayor said',
      '',
      'Crime fell by **40 _percent_** last year.  ',
      'Second line after a hard break.',
      '',
      '> Unemployment is at a record low.',
      '',
      '---',
      '',
      '- Taxes went down.',
      '- Schools got [more money](https://example.org).',
      '',
      '1. First',
      '   - nested ![a chart](https://example.org/c.png)',
    ].join('\n'),
    'md',
  ],
  ['empty paragraphs', '<p>One</p><p></p><p></p><p>Two <br> three</p>', 'html'],
  ['scripts and accents', 'Ça coûte 3 €.\n\nالبطالة انخفضت بنسبة ٤٠٪\n\n失業率は下がった', 'txt'],
];

function both(source: string, format: 'md' | 'html' | 'txt') {
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, articleToYUpdate(importArticle(source, format)));
  const { doc } = initProseMirrorDoc(ydoc.getXmlFragment(ARTICLE_FIELD), getArticleSchema());
  return { ydoc, doc };
}

describe('the editor text model', () => {
  for (const [name, source, format] of ARTICLES) {
    it(`reads the same text as the server's model (${name})`, () => {
      const { ydoc, doc } = both(source, format);
      expect(proseMirrorText(doc).text).toBe(articleText(ydoc).text);
    });

    it(`maps every offset to a position and back (${name})`, () => {
      const { doc } = both(source, format);
      const model = proseMirrorText(doc);
      for (let offset = 0; offset <= model.text.length; offset++) {
        // The "\n" between blocks has no position of its own: it maps to the block's end,
        // which maps back to the same offset.
        expect(model.offsetAt(model.posAt(offset))).toBe(offset);
      }
    });

    it(`turns every word selected in the editor into an anchor on that word (${name})`, () => {
      const { ydoc, doc } = both(source, format);
      const model = proseMirrorText(doc);
      const resolve = anchorResolver(ydoc);
      for (const match of model.text.matchAll(/\p{L}+/gu)) {
        const from = model.offsetAt(model.posAt(match.index));
        const to = model.offsetAt(model.posAt(match.index + match[0].length));
        const { start, end } = relativeRangeAt(ydoc, from, to);
        expect(resolve(start, end)?.text).toBe(match[0]);
        // And the server's resolution lands on the same characters in the editor.
        const range = resolve(start, end);
        if (!range) throw new Error('unresolved');
        expect(doc.textBetween(model.posAt(range.from), model.posAt(range.to))).toBe(match[0]);
      }
    });
  }
});
