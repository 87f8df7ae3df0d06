// "Where is this claim in the text now?", answered once for re-anchoring, the claims read and
// the report: its anchor while it still holds text, else its original quote found again (the
// occurrence whose prefix and suffix agree most), else nowhere — orphaned, never lost. One
// text model per document state, however many claims are located against it.
import type * as Y from 'yjs';
import { type AnchorRange, resolvedText } from './articleText.ts';
import { findQuote } from './findQuote.ts';

/** What locating a claim looks at: its stored anchor and quote selector. */
export interface LocatableClaim {
  anchorStart: string;
  anchorEnd: string;
  /** Marked orphaned earlier: its anchor is not trusted, only its quote. */
  orphaned: boolean;
  quote: { exact: string; prefix: string; suffix: string };
}

/** Where a claim is now, and by what it was found; null when it is nowhere (an orphan). */
export interface ClaimPlace extends AnchorRange {
  by: 'anchor' | 'quote';
}

export interface ClaimLocator {
  /** The article's plain text, as the offsets count it. */
  readonly text: string;
  /**
   * The passage the stored anchor holds now, if it holds any text: an orphan's anchor, or one
   * whose passage was deleted, gives null. Reads that never re-anchor stop here.
   */
  anchored(claim: LocatableClaim): AnchorRange | null;
  /** The anchor, then the quote selector, then null (orphaned). */
  locate(claim: LocatableClaim): ClaimPlace | null;
}

export function claimLocator(doc: Y.Doc): ClaimLocator {
  const { text, resolve } = resolvedText(doc);
  const anchored = (claim: LocatableClaim): AnchorRange | null => {
    if (claim.orphaned) return null;
    const range = resolve(claim.anchorStart, claim.anchorEnd);
    return range && range.text.length > 0 ? range : null;
  };
  return {
    text,
    anchored,
    locate(claim) {
      const range = anchored(claim);
      if (range) return { ...range, by: 'anchor' };
      const match = findQuote(text, claim.quote);
      if (!match) return null;
      return { ...match, text: text.slice(match.from, match.to), by: 'quote' };
    },
  };
}

/**
 * The one text order of claims: by where they start, then where they end; claims that are
 * nowhere (null) come after every claim in the text. Use with a stable sort so equal places
 * keep the order given.
 */
export function compareTextOrder(
  a: Pick<AnchorRange, 'from' | 'to'> | null,
  b: Pick<AnchorRange, 'from' | 'to'> | null,
): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
  return a.from - b.from || a.to - b.to;
}
