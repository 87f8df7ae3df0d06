import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ArticleJSON } from './articleJSON.ts';
import { articleStructure } from './articleStructure.ts';
import { articleText } from './articleText.ts';
import { articleToYUpdate } from './articleYjs.ts';

function docOf(content: ArticleJSON[]): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, articleToYUpdate({ type: 'doc', content }));
  return doc;
}

const text = (value: string, marks: ArticleJSON['marks'] = []): ArticleJSON => ({
  type: 'text',
  text: value,
  ...(marks.length ? { marks } : {}),
});
const paragraph = (...content: ArticleJSON[]): ArticleJSON => ({ type: 'paragraph', content });

describe('articleStructure', () => {
  it('keeps headings, quotes, lists, rules and marks, on the very text claims anchor on', () => {
    const doc = docOf([
      { type: 'heading', attrs: { level: 2 }, content: [text('Titre')] },
      paragraph(
        text('Il '),
        text('soutient', [{ type: 'bold' }, { type: 'italic' }]),
        text(' Daesh, selon '),
        text('le rapport', [{ type: 'link', attrs: { href: 'https://bücher.example/r' } }]),
        { type: 'hardBreak' },
        text('fin'),
      ),
      { type: 'blockquote', content: [paragraph(text('Cité'))] },
      { type: 'horizontalRule' },
      {
        type: 'orderedList',
        attrs: { start: 3 },
        content: [
          { type: 'listItem', content: [paragraph(text('un'))] },
          { type: 'listItem', content: [paragraph(text('deux', [{ type: 'strike' }]))] },
        ],
      },
    ]);
    const structure = articleStructure(doc);
    expect(structure.text).toBe(articleText(doc).text);
    expect(structure.text).toBe('Titre\nIl soutient Daesh, selon le rapport\nfin\nCité\nun\ndeux');
    const [heading, body, quoted, rule, first, second] = structure.blocks;
    expect(heading).toMatchObject({ kind: 'heading', level: 2, containers: [], from: 0, to: 5 });
    expect(body?.runs.map((r) => [structure.text.slice(r.from, r.to), r.marks, r.href])).toEqual([
      ['Il ', [], undefined],
      ['soutient', ['bold', 'italic'], undefined],
      [' Daesh, selon ', [], undefined],
      ['le rapport', [], 'https://xn--bcher-kva.example/r'],
      ['\nfin', [], undefined],
    ]);
    expect(quoted).toMatchObject({ kind: 'paragraph', containers: [{ kind: 'blockquote' }] });
    expect(rule).toMatchObject({ kind: 'horizontalRule', runs: [] });
    expect(first?.containers).toEqual([
      { kind: 'orderedList', index: 4, start: 3 },
      { kind: 'listItem', index: 0 },
    ]);
    expect(second?.containers.at(-1)).toEqual({ kind: 'listItem', index: 1 });
    expect(second?.runs[0]?.marks).toEqual(['strike']);
  });

  it('drops a link whose target fails the link rule, keeping its text', () => {
    const doc = docOf([
      paragraph(
        text('click', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]),
        text(' mail', [{ type: 'link', attrs: { href: 'mailto:desk@example.org' } }]),
      ),
    ]);
    const [block] = articleStructure(doc).blocks;
    expect(block?.runs).toEqual([
      { from: 0, to: 5, marks: [] },
      { from: 5, to: 10, marks: [], href: 'mailto:desk@example.org' },
    ]);
  });
});
