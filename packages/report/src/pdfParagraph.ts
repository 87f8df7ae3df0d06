// Paragraph layout for the PDF, right-to-left text included. pdfkit wraps and draws text in
// the order it is stored (logical order), which puts Arabic and Hebrew words and mixed
// phrases in the wrong places. Here a paragraph is broken into lines by measuring its words,
// each line is put in visual order by the Unicode Bidirectional Algorithm (bidi-js: levels,
// reversals, mirrored brackets), and drawn run by run; a paragraph whose base direction is
// right-to-left is right-aligned. Within a right-to-left run, fontkit (under pdfkit) shapes
// the Arabic letters (initial, medial, final forms) and lays the glyphs out right to left.
import bidiFactory from 'bidi-js';

const bidi = bidiFactory();

export interface PdfSpan {
  text: string;
  /** A font registered on the document. */
  font: string;
  size: number;
  color: string;
  /** An http(s) or mailto URL: the span becomes a link annotation. */
  link?: string;
  /** Drawn on a marker-yellow background (a claim's highlight). */
  highlight?: boolean;
}

export interface ParagraphOptions {
  x: number;
  width: number;
  /** 'auto': the first strong character decides (Unicode rule P2/P3). */
  direction?: 'auto' | 'ltr' | 'rtl';
  lineGap?: number;
  /** The font of the same style for letters the span's font lacks (DejaVu Serif has no Arabic). */
  fallback?: (font: string, text: string) => string;
}

export interface ParagraphResult {
  rtl: boolean;
  /** The top of the first line (after any page break), for markers drawn beside it. */
  firstLineY: number;
}

type Doc = PDFKit.PDFDocument;

const RTL_LETTER =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const HIGHLIGHT = '#fff1a8';
// Right-to-left letters, marks and controls (RLM, RLE, RLO, RLI): only then is bidi needed.
const RTL_CHAR =
  /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u200F\u202B\u202E\u2067]|\uD802[\uDC00-\uDFFF]|\uD803[\uDC00-\uDCFF]/;
/** DejaVu's ascent as a share of its line height (928 of 1164 units). */
const ASCENT = 0.8;

// Widths by font, size and text, per document: words repeat, and measuring is most of the cost.
const widths = new WeakMap<Doc, Map<string, number>>();

function measure(doc: Doc, span: PdfSpan, text: string): number {
  let cache = widths.get(doc);
  if (!cache) {
    cache = new Map();
    widths.set(doc, cache);
  }
  const key = `${span.font}\u0000${span.size}\u0000${text}`;
  let width = cache.get(key);
  if (width === undefined) {
    width = doc.font(span.font).fontSize(span.size).widthOfString(text);
    cache.set(key, width);
  }
  return width;
}

interface Line {
  start: number;
  /** Exclusive, trailing spaces and the hard break left out. */
  end: number;
}

/** A font's line height at a size (with or without its line gap), cached like widths. */
function lineHeight(doc: Doc, span: PdfSpan, withGap: boolean): number {
  let cache = widths.get(doc);
  if (!cache) {
    cache = new Map();
    widths.set(doc, cache);
  }
  const key = `${span.font}\u0000${span.size}\u0000${withGap ? 'gap' : 'line'}\u0001`;
  let height = cache.get(key);
  if (height === undefined) {
    height = doc.font(span.font).fontSize(span.size).currentLineHeight(withGap);
    cache.set(key, height);
  }
  return height;
}

/** Greedy line breaking at spaces (a word wider than the line is cut between characters). */
function breakLines(
  doc: Doc,
  text: string,
  spanOf: Uint16Array,
  spans: PdfSpan[],
  width: number,
): Line[] {
  const widthOf = (from: number, to: number) => {
    let total = 0;
    let at = from;
    while (at < to) {
      const span = spanOf[at] ?? 0;
      let next = at;
      while (next < to && spanOf[next] === span) next += 1;
      total += measure(doc, spans[span] as PdfSpan, text.slice(at, next));
      at = next;
    }
    return total;
  };
  const lines: Line[] = [];
  let lineStart = 0;
  let lineEnd = 0; // end of the last word placed on the line
  let lineWidth = 0; // its width, without the spaces after it
  let spaces = 0; // the width of those spaces
  let at = 0;
  const newLine = (start: number) => {
    lineStart = start;
    lineEnd = start;
    lineWidth = 0;
    spaces = 0;
  };
  while (at <= text.length) {
    if (at === text.length || text[at] === '\n') {
      lines.push({ start: lineStart, end: lineEnd > lineStart ? lineEnd : at });
      if (at === text.length) break;
      at += 1;
      newLine(at);
      continue;
    }
    // The next word: non-spaces, then the spaces after it (each measured once).
    let wordEnd = at;
    while (wordEnd < text.length && text[wordEnd] !== ' ' && text[wordEnd] !== '\n') wordEnd += 1;
    let spaceEnd = wordEnd;
    while (spaceEnd < text.length && text[spaceEnd] === ' ') spaceEnd += 1;
    const word = wordEnd > at ? widthOf(at, wordEnd) : 0;
    if (wordEnd > at && lineWidth + spaces + word > width) {
      if (lineEnd > lineStart) {
        lines.push({ start: lineStart, end: lineEnd });
        newLine(at);
        continue;
      }
      // One word wider than the line (a long URL): as many characters as fit.
      let cut = at + 1;
      while (cut < wordEnd && widthOf(at, cut + 1) <= width) cut += 1;
      if (/[\uDC00-\uDFFF]/.test(text[cut] ?? '')) cut += 1;
      lines.push({ start: lineStart, end: cut });
      newLine(cut);
      at = cut;
      continue;
    }
    if (wordEnd > at || lineEnd === lineStart) {
      lineWidth += spaces + word;
      lineEnd = wordEnd;
      spaces = spaceEnd > wordEnd ? widthOf(wordEnd, spaceEnd) : 0;
    } else spaces += spaceEnd > wordEnd ? widthOf(wordEnd, spaceEnd) : 0;
    at = spaceEnd;
  }
  return lines;
}

/**
 * Draws `spans` as one paragraph from doc.y down (adding pages as needed) and leaves doc.y
 * under it. Every run is drawn in visual order, so extraction reads each run in order.
 */
export function drawParagraph(
  doc: Doc,
  spans: PdfSpan[],
  options: ParagraphOptions,
): ParagraphResult {
  const parts = spans.filter((span) => span.text.length > 0);
  const text = parts.map((span) => span.text).join('');
  const spanOf = new Uint16Array(text.length);
  let offset = 0;
  parts.forEach((span, index) => {
    spanOf.fill(index, offset, offset + span.text.length);
    offset += span.text.length;
  });
  const resolved = parts.map((span) => ({
    ...span,
    font:
      options.fallback && RTL_LETTER.test(span.text)
        ? options.fallback(span.font, span.text)
        : span.font,
  }));
  const direction = options.direction ?? 'auto';
  // Text with nothing right-to-left in it is one left-to-right run per span: no bidi needed.
  const levels =
    direction === 'rtl' || RTL_CHAR.test(text)
      ? bidi.getEmbeddingLevels(text, direction === 'auto' ? undefined : direction)
      : null;
  const rtl = ((levels?.paragraphs[0]?.level ?? 0) & 1) === 1;
  const lineGap = options.lineGap ?? 1.5;
  const bottom = doc.page.height - doc.page.margins.bottom;
  const heightOf = (from: number, to: number) => {
    let height = 0;
    const first = spanOf[Math.min(from, text.length - 1)] ?? 0;
    const last = spanOf[Math.max(from, Math.min(to, text.length) - 1)] ?? first;
    for (let index = first; index <= last; index += 1) {
      const span = resolved[index];
      if (span) height = Math.max(height, lineHeight(doc, span, true));
    }
    return height || doc.currentLineHeight(true);
  };
  const oneLine =
    !text.includes('\n') &&
    resolved.reduce((sum, span) => sum + measure(doc, span, span.text), 0) <= options.width;
  const lines = !text.length
    ? []
    : oneLine
      ? [{ start: 0, end: text.trimEnd().length }]
      : breakLines(doc, text, spanOf, resolved, options.width);
  let y = doc.y;
  let firstLineY: number | null = null;
  for (const line of lines) {
    const height = heightOf(line.start, line.end);
    if (y + height > bottom) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    firstLineY ??= y;
    const runs = visualRuns(text, levels, spanOf, line);
    // Smaller spans (claim numbers, a link's host) sit on the line's baseline.
    const ascent = (index: number) => {
      const span = resolved[index] as PdfSpan;
      return lineHeight(doc, span, false) * ASCENT;
    };
    const lineAscent = Math.max(0, ...runs.map((run) => ascent(run.span)));
    const widths = runs.map((run) => measure(doc, resolved[run.span] as PdfSpan, run.text));
    const lineWidth = widths.reduce((sum, w) => sum + w, 0);
    let x = rtl ? options.x + options.width - lineWidth : options.x;
    runs.forEach((run, index) => {
      const span = resolved[run.span] as PdfSpan;
      const width = widths[index] ?? 0;
      if (span.highlight) {
        doc
          .save()
          .rect(x, y - 1, width, height)
          .fill(HIGHLIGHT)
          .restore();
      }
      const baseline = lineAscent - ascent(run.span);
      if (run.text.trim() !== '') {
        doc.font(span.font).fontSize(span.size).fillColor(span.color);
        doc.text(run.text, x, y + baseline, {
          lineBreak: false,
          ...(span.link ? { link: span.link } : {}),
        });
      }
      x += width;
    });
    y += height + lineGap;
  }
  doc.x = options.x;
  doc.y = y;
  return { rtl, firstLineY: firstLineY ?? y };
}

interface VisualRun {
  span: number;
  /** What to hand pdfkit: logical order where fontkit lays out right to left itself. */
  text: string;
}

/** The line's characters in visual order, cut into runs of one span and one direction. */
function visualRuns(
  text: string,
  levels: ReturnType<typeof bidi.getEmbeddingLevels> | null,
  spanOf: Uint16Array,
  line: Line,
): VisualRun[] {
  if (line.end <= line.start) return [];
  if (!levels) {
    const runs: VisualRun[] = [];
    let at = line.start;
    while (at < line.end) {
      const span = spanOf[at] ?? 0;
      let next = at;
      while (next < line.end && spanOf[next] === span) next += 1;
      runs.push({ span, text: text.slice(at, next) });
      at = next;
    }
    return runs;
  }
  const order: number[] = [];
  for (let i = line.start; i < line.end; i += 1) order.push(i);
  for (const [from = 0, to = 0] of bidi.getReorderSegments(
    text,
    levels,
    line.start,
    line.end - 1,
  )) {
    const a = from - line.start;
    const b = to - line.start;
    const reversed = order.slice(a, b + 1).reverse();
    order.splice(a, reversed.length, ...reversed);
  }
  const mirrored = bidi.getMirroredCharactersMap(text, levels.levels, line.start, line.end - 1);
  const runs: { span: number; rtl: boolean; indices: number[] }[] = [];
  for (const index of order) {
    const rtl = ((levels.levels[index] ?? 0) & 1) === 1;
    const span = spanOf[index] ?? 0;
    const last = runs.at(-1);
    const previous = last?.indices.at(-1);
    const contiguous = previous !== undefined && index === previous + (rtl ? -1 : 1);
    if (last && last.span === span && last.rtl === rtl && contiguous) last.indices.push(index);
    else runs.push({ span, rtl, indices: [index] });
  }
  const out: VisualRun[] = [];
  for (const { span, rtl, indices } of runs) {
    const logical = (rtl ? [...indices].reverse() : indices)
      .map((i) => mirrored.get(i) ?? text[i] ?? '')
      .join('');
    if (!rtl) {
      out.push({ span, text: logical });
      continue;
    }
    // pdfkit lays text out word by word, in the order given, and fontkit reverses each word
    // in a right-to-left script: so each word of a right-to-left run is drawn on its own, in
    // visual order. A word of neutrals only (brackets, dashes) fontkit leaves as given, so it
    // is handed over already reversed.
    const words = logical.split(/( +)/).filter((word) => word !== '');
    for (const word of words.reverse()) {
      const shown = RTL_LETTER.test(word) ? word : [...word].reverse().join('');
      out.push({ span, text: shown });
    }
  }
  return out;
}
