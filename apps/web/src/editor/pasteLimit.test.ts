import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { estimatePlainText, linesOf, splitIntoParts, utf8Bytes } from './pasteLimit.ts';

/** The Yjs update of inserting these paragraphs into an article, as the editor binding would. */
function updateSize(paragraphs: string[]): number {
  const doc = new Y.Doc();
  doc.clientID = 2 ** 32 - 1; // the largest client ids cost the most bytes
  const fragment = doc.getXmlFragment('article');
  fragment.insert(
    0,
    paragraphs.map((text) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      return paragraph;
    }),
  );
  return Y.encodeStateAsUpdate(doc).byteLength;
}

describe('paste limit', () => {
  it('counts UTF-8 bytes as TextEncoder does', () => {
    for (const text of ['plain', 'é à ç', '€ 3', '𝒳 emoji 😀', '']) {
      expect(utf8Bytes(text)).toBe(new TextEncoder().encode(text).byteLength);
    }
  });

  it('never estimates a plain-text paste below the update it becomes', () => {
    const cases = [
      Array.from({ length: 2_000 }, (_, i) => `line ${i}`).join('\n'),
      'x'.repeat(100_000),
      Array.from({ length: 500 }, () => 'é€😀 '.repeat(20)).join('\n'),
      Array.from({ length: 5_000 }, () => 'a').join('\n'),
    ];
    for (const text of cases) {
      expect(estimatePlainText(text)).toBeGreaterThanOrEqual(updateSize(linesOf(text)));
    }
  });

  it('splits into parts that each fit the budget and together hold every character', () => {
    const text = [
      ...Array.from({ length: 3_000 }, (_, i) => `Line ${i}: ${'word '.repeat(20)}`),
      'y'.repeat(70_000), // one paragraph with no space, larger than a part
      `${'long paragraph with spaces '.repeat(4_000)}end`,
    ].join('\n');
    const budget = 64 * 1024;
    const parts = splitIntoParts(text, budget);
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) expect(updateSize(part)).toBeLessThanOrEqual(budget);
    expect(parts.flat().join('')).toBe(linesOf(text).join(''));
  });
});
