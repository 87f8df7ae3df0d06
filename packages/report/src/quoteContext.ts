// The words shown around a claim's quote: its stored prefix and suffix cut at word boundaries
// (Intl.Segmenter, so French elisions, Arabic and Hebrew words are whole too), never across a
// paragraph break, with "…" where the text goes on. "…tient Daesh" (the end of "soutient")
// becomes "…Daesh".

/** How much context is shown on each side at most (the stored prefix may hold up to 500). */
const MAX_CONTEXT = 80;
/**
 * The web app stores 32 characters on each side, fewer only at the start or end of the text:
 * used to tell a whole prefix from a cut one when the text around it is not known.
 */
const CAPTURED_CONTEXT = 32;
const ELLIPSIS = '…';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Start offsets of the word segments of `text` (with `text.length` at the end). */
function boundaries(text: string): { index: number; wordLike: boolean; end: number }[] {
  return [...segmenter.segment(text)].map((s) => ({
    index: s.index,
    wordLike: s.isWordLike === true,
    end: s.index + s.segment.length,
  }));
}

/**
 * The prefix as shown. `preceding`: the text just before the prefix when known ("" at the
 * start of the text), null when not (the claim is orphaned, or the text changed there).
 */
export function contextBefore(prefix: string, preceding: string | null): string {
  const lineBreak = prefix.lastIndexOf('\n');
  if (lineBreak >= 0) return prefix.slice(lineBreak + 1).trimStart();
  let shown = prefix;
  let before = preceding;
  if (shown.length > MAX_CONTEXT) {
    before = `${before ?? ''}${shown.slice(0, -MAX_CONTEXT)}`;
    shown = shown.slice(-MAX_CONTEXT);
  }
  if (before === null && prefix.length < CAPTURED_CONTEXT) before = '';
  if (shown === '') return '';
  if (before === '' || before?.endsWith('\n')) return shown.trimStart();
  let start = 0;
  if (before === null) {
    // Unknown surroundings: a word at the very start may be the end of a longer one.
    const [first, second] = boundaries(shown);
    if (first?.wordLike) start = second?.index ?? shown.length;
  } else {
    const tail = before.slice(-CAPTURED_CONTEXT);
    const segments = boundaries(`${tail}${shown}`);
    const next = segments.find((s) => s.index >= tail.length);
    start = (next?.index ?? tail.length + shown.length) - tail.length;
  }
  return `${ELLIPSIS}${shown.slice(start).trimStart()}`;
}

/** The suffix as shown; `following` as `preceding` above, on the other side. */
export function contextAfter(suffix: string, following: string | null): string {
  const lineBreak = suffix.indexOf('\n');
  if (lineBreak >= 0) return suffix.slice(0, lineBreak).trimEnd();
  let shown = suffix;
  let after = following;
  if (shown.length > MAX_CONTEXT) {
    after = `${shown.slice(MAX_CONTEXT)}${after ?? ''}`;
    shown = shown.slice(0, MAX_CONTEXT);
  }
  if (after === null && suffix.length < CAPTURED_CONTEXT) after = '';
  if (shown === '') return '';
  if (after === '' || after?.startsWith('\n')) return shown.trimEnd();
  let end = shown.length;
  if (after === null) {
    const segments = boundaries(shown);
    const last = segments.at(-1);
    if (last?.wordLike) end = last.index;
  } else {
    const segments = boundaries(`${shown}${after.slice(0, CAPTURED_CONTEXT)}`);
    const cut = segments.filter((s) => s.end <= shown.length).at(-1);
    end = cut?.end ?? 0;
  }
  return `${shown.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

/**
 * A claim's context as the report shows it. `text` and `from`/`to` (where the quote is in the
 * text now) let the cut be exact; without them the stored prefix and suffix are all there is.
 */
export function quoteContext(
  quote: { exact: string; prefix: string; suffix: string },
  place?: { text: string; from: number; to: number },
): { before: string; after: string } {
  let preceding: string | null = null;
  let following: string | null = null;
  if (place) {
    const start = place.from - quote.prefix.length;
    if (start >= 0 && place.text.slice(start, place.from) === quote.prefix) {
      preceding = place.text.slice(Math.max(0, start - CAPTURED_CONTEXT), start);
    }
    const end = place.to + quote.suffix.length;
    if (place.text.slice(place.to, end) === quote.suffix) {
      following = place.text.slice(end, end + CAPTURED_CONTEXT);
    }
  }
  return {
    before: contextBefore(quote.prefix, preceding),
    after: contextAfter(quote.suffix, following),
  };
}
