// Where a claim's original quote is in the current text, when its anchor no longer holds
// it: every exact occurrence, scored by how much of the recorded prefix and suffix agree.

export interface QuoteMatch {
  from: number;
  to: number;
}

/** Occurrences considered at most; a quote that common is matched by context among these. */
const MAX_OCCURRENCES = 10_000;

export function findQuote(
  text: string,
  quote: { exact: string; prefix: string; suffix: string },
): QuoteMatch | null {
  if (quote.exact.length === 0) return null;
  let best: { from: number; score: number } | null = null;
  let seen = 0;
  for (
    let index = text.indexOf(quote.exact);
    index !== -1 && seen < MAX_OCCURRENCES;
    index = text.indexOf(quote.exact, index + 1), seen++
  ) {
    const before = text.slice(Math.max(0, index - quote.prefix.length), index);
    const after = text.slice(
      index + quote.exact.length,
      index + quote.exact.length + quote.suffix.length,
    );
    const score = commonSuffix(before, quote.prefix) + commonPrefix(after, quote.suffix);
    if (!best || score > best.score) best = { from: index, score };
  }
  return best ? { from: best.from, to: best.from + quote.exact.length } : null;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
