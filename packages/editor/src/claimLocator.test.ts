// The claim locator on real Y docs: anchor first, then the quote selector, then orphaned; and
// the one text order every list of claims uses.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ARTICLE_FIELD } from './articleExtensions.ts';
import { relativeRangeAt } from './articleText.ts';
import { articleToYUpdate } from './articleYjs.ts';
import {
  type ClaimPlace,
  claimLocator,
  compareTextOrder,
  type LocatableClaim,
} from './claimLocator.ts';
import { importArticle } from './importArticle.ts';

const ARTICLE = [
  'The mayor said crime fell by 40 percent.',
  '',
  'Critics said crime fell by 40 percent only on paper.',
  '',
].join('\n');

function article(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, articleToYUpdate(importArticle(ARTICLE, 'md')));
  return doc;
}

/** A claim on the `occurrence`-th (0-based) appearance of `exact`, as the browser makes one. */
function claimOn(doc: Y.Doc, exact: string, occurrence = 0): LocatableClaim {
  const text = claimLocator(doc).text;
  let from = -1;
  for (let n = 0; n <= occurrence; n++) from = text.indexOf(exact, from + 1);
  if (from < 0) throw new Error(`"${exact}" is not in the text`);
  const to = from + exact.length;
  const { start, end } = relativeRangeAt(doc, from, to);
  return {
    anchorStart: start,
    anchorEnd: end,
    orphaned: false,
    quote: {
      exact,
      prefix: text.slice(Math.max(0, from - 8), from),
      suffix: text.slice(to, to + 8),
    },
  };
}

/** Deletes `needle` (its first appearance) from whichever paragraph holds it. */
function deleteText(doc: Y.Doc, needle: string): void {
  for (const block of doc.getXmlFragment(ARTICLE_FIELD).toArray()) {
    if (!(block instanceof Y.XmlElement)) continue;
    for (const child of block.toArray()) {
      if (!(child instanceof Y.XmlText)) continue;
      const index = child.toString().indexOf(needle);
      if (index >= 0) {
        child.delete(index, needle.length);
        return;
      }
    }
  }
  throw new Error(`"${needle}" is not in the doc`);
}

describe('claimLocator', () => {
  it('finds a claim by its anchor while the anchor holds text, following edits inside it', () => {
    const doc = article();
    const claim = claimOn(doc, 'crime fell by 40 percent');
    deleteText(doc, 'by 40 ');
    const locator = claimLocator(doc);
    const place = locator.locate(claim);
    expect(place).toMatchObject({ by: 'anchor', text: 'crime fell percent' });
    expect(locator.text.slice(place?.from, place?.to)).toBe('crime fell percent');
    expect(locator.anchored(claim)).toEqual({
      from: place?.from,
      to: place?.to,
      text: place?.text,
    });
  });

  it('finds a claim whose passage was deleted by its quote, where prefix and suffix agree most', () => {
    const doc = article();
    const claim = claimOn(doc, 'fell by 40 percent', 1);
    deleteText(doc, 'crime fell by 40 percent only');
    // The second sentence lost the quote; the first still has it, so the claim goes there.
    const locator = claimLocator(doc);
    expect(locator.anchored(claim)).toBeNull();
    const place = locator.locate(claim);
    expect(place?.by).toBe('quote');
    expect(place?.from).toBe(locator.text.indexOf('fell by 40 percent'));
    expect(place?.text).toBe('fell by 40 percent');
  });

  it('prefers the occurrence whose context matches when the quote appears more than once', () => {
    const doc = article();
    const claim = { ...claimOn(doc, '40 percent', 1), orphaned: true };
    const text = claimLocator(doc).text;
    expect(claimLocator(doc).locate(claim)).toMatchObject({
      by: 'quote',
      from: text.lastIndexOf('40 percent'),
    });
  });

  it('finds nothing (orphaned) when neither the anchor nor the quote is in the text', () => {
    const doc = article();
    const claim = claimOn(doc, 'only on paper');
    deleteText(doc, ' only on paper');
    expect(claimLocator(doc).locate(claim)).toBeNull();
  });

  it('does not trust an orphan’s anchor: only its quote can place it', () => {
    const doc = article();
    const claim = { ...claimOn(doc, 'The mayor said'), orphaned: true };
    const locator = claimLocator(doc);
    expect(locator.anchored(claim)).toBeNull();
    expect(locator.locate(claim)).toMatchObject({ by: 'quote', from: 0, text: 'The mayor said' });
    const gone = { ...claim, quote: { exact: 'The governor said', prefix: '', suffix: '' } };
    expect(locator.locate(gone)).toBeNull();
  });
});

describe('compareTextOrder', () => {
  const at = (from: number, to: number): ClaimPlace => ({ from, to, text: '', by: 'anchor' });

  it('orders by start, then end, with claims that are nowhere last in the order given', () => {
    const places = [
      { name: 'orphan 1', place: null },
      { name: 'late', place: at(30, 35) },
      { name: 'wide', place: at(5, 20) },
      { name: 'orphan 2', place: null },
      { name: 'narrow', place: at(5, 10) },
    ];
    const sorted = [...places].sort((a, b) => compareTextOrder(a.place, b.place));
    expect(sorted.map((entry) => entry.name)).toEqual([
      'narrow',
      'wide',
      'late',
      'orphan 1',
      'orphan 2',
    ]);
  });
});
