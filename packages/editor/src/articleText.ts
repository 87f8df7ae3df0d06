// The article text model claims are anchored on: the plain text of the Yjs fragment
// (textblocks separated by "\n", a hard break is "\n"), with a map from Yjs positions —
// relative positions as y-tiptap makes them in the browser — to offsets in that text.
import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';
import { ARTICLE_FIELD, getArticleSchema } from './articleExtensions.ts';

type Container = Y.XmlFragment | Y.XmlElement;

interface InlineChild {
  type: Y.XmlText | Y.XmlElement;
  start: number;
  end: number;
}

interface Textblock {
  element: Y.XmlElement;
  start: number;
  end: number;
  children: InlineChild[];
}

export interface ArticleText {
  text: string;
  /**
   * The text offset of a Yjs position (a Y.XmlText and an index in it, or an element or the
   * fragment and a child index); null when the type is not part of the article.
   */
  offsetOf<E>(type: Y.AbstractType<E>, index: number): number | null;
}

interface TextModel extends ArticleText {
  textblocks: Textblock[];
}

function buildModel(doc: Y.Doc): TextModel {
  const schema = getArticleSchema();
  const textStarts = new Map<Y.XmlText, number>();
  const childStarts = new Map<Container, number[]>();
  const textblocks: Textblock[] = [];
  // Positions between blocks resolve to the start of the next textblock's text.
  let pending: { starts: number[]; index: number }[] = [];
  let text = '';

  const resolvePending = (offset: number) => {
    for (const slot of pending) slot.starts[slot.index] = offset;
    pending = [];
  };

  const walkTextblock = (element: Y.XmlElement) => {
    if (textblocks.length > 0) text += '\n';
    resolvePending(text.length);
    const block: Textblock = { element, start: text.length, end: text.length, children: [] };
    const starts: number[] = [];
    element.toArray().forEach((child, index) => {
      starts[index] = text.length;
      const start = text.length;
      if (child instanceof Y.XmlText) {
        textStarts.set(child, start);
        for (const op of child.toDelta() as { insert: unknown }[]) {
          if (typeof op.insert === 'string') text += op.insert;
        }
        block.children.push({ type: child, start, end: text.length });
      } else if (child instanceof Y.XmlElement) {
        if (child.nodeName === 'hardBreak') text += '\n';
        childStarts.set(child, [start]);
        block.children.push({ type: child, start, end: text.length });
      }
    });
    starts[element.length] = text.length;
    childStarts.set(element, starts);
    block.end = text.length;
    textblocks.push(block);
  };

  const walkContainer = (container: Container) => {
    const starts: number[] = [];
    childStarts.set(container, starts);
    container.toArray().forEach((child, index) => {
      pending.push({ starts, index });
      if (!(child instanceof Y.XmlElement)) return;
      if (schema.nodes[child.nodeName]?.isTextblock) walkTextblock(child);
      else walkContainer(child);
    });
    pending.push({ starts, index: container.length });
  };

  walkContainer(doc.getXmlFragment(ARTICLE_FIELD));
  resolvePending(text.length);

  return {
    text,
    textblocks,
    offsetOf(type, index) {
      if (type instanceof Y.XmlText) {
        const start = textStarts.get(type);
        return start === undefined ? null : start + Math.max(0, Math.min(index, type.length));
      }
      if (!(type instanceof Y.XmlElement) && !(type instanceof Y.XmlFragment)) return null;
      const starts = childStarts.get(type);
      if (!starts) return null;
      return starts[Math.max(0, Math.min(index, starts.length - 1))] ?? null;
    },
  };
}

export function articleText(doc: Y.Doc): ArticleText {
  const { text, offsetOf } = buildModel(doc);
  return { text, offsetOf };
}

function decodeAnchor(encoded: string): Y.RelativePosition | null {
  if (typeof encoded !== 'string' || encoded.length === 0 || encoded.length > 1024) return null;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return null;
  try {
    return Y.decodeRelativePosition(fromBase64(encoded));
  } catch {
    return null;
  }
}

/** Whether a string is a decodable Yjs relative position (say 400 when it is not). */
export function isWellFormedAnchor(encoded: string): boolean {
  return decodeAnchor(encoded) !== null;
}

export interface AnchorRange {
  from: number;
  to: number;
  text: string;
}

/**
 * Resolves many anchors against one state of the document, reading the text model once:
 * where each anchor pair points now, as text offsets and the text between; null if nowhere.
 */
export function anchorResolver(doc: Y.Doc): (start: string, end: string) => AnchorRange | null {
  return resolvedText(doc).resolve;
}

/** The article's text and a resolver of anchors into it, from one model of the document. */
export function resolvedText(doc: Y.Doc): {
  text: string;
  resolve: (start: string, end: string) => AnchorRange | null;
} {
  const model = buildModel(doc);
  const offset = (position: Y.RelativePosition) => {
    const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
    return absolute ? model.offsetOf(absolute.type, absolute.index) : null;
  };
  const resolve = (start: string, end: string): AnchorRange | null => {
    const startPosition = decodeAnchor(start);
    const endPosition = decodeAnchor(end);
    if (!startPosition || !endPosition) return null;
    const from = offset(startPosition);
    const to = offset(endPosition);
    if (from === null || to === null || from > to) return null;
    return { from, to, text: model.text.slice(from, to) };
  };
  return { text: model.text, resolve };
}

/** Where one anchor pair points now (see anchorResolver for many). */
export function resolveAnchorRange(doc: Y.Doc, start: string, end: string): AnchorRange | null {
  return anchorResolver(doc)(start, end);
}

/**
 * Relative positions (base64) for a range of text offsets. The start sticks to the first
 * character of the range, the end to the last, so typing just outside does not widen it.
 */
export function relativeRangeAt(
  doc: Y.Doc,
  from: number,
  to: number,
): { start: string; end: string } {
  const model = buildModel(doc);
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from) {
    throw new RangeError(`Not a text range: ${from}…${to}`);
  }
  if (to > model.text.length) {
    throw new RangeError(`The range ${from}…${to} ends past the text (${model.text.length}).`);
  }
  const encode = (position: Y.RelativePosition) => toBase64(Y.encodeRelativePosition(position));
  return { start: encode(locate(model, from, 0)), end: encode(locate(model, to, -1)) };
}

function locate(model: TextModel, offset: number, assoc: 0 | -1): Y.RelativePosition {
  const block = model.textblocks.find((b) => b.start <= offset && offset <= b.end);
  if (!block) {
    // No textblock at all (an empty article): the start of the fragment.
    const first = model.textblocks[0];
    if (first) return Y.createRelativePositionFromTypeIndex(first.element, 0, assoc);
    throw new RangeError('The article has no text to anchor on.');
  }
  const texts = block.children.filter(
    (c): c is InlineChild & { type: Y.XmlText } => c.type instanceof Y.XmlText,
  );
  // Right-sticking starts want the character at `offset`; left-sticking ends the one before.
  const preferred =
    assoc === 0
      ? texts.find((c) => c.start <= offset && offset < c.end)
      : texts.find((c) => c.start < offset && offset <= c.end);
  const text = preferred ?? texts.find((c) => c.start <= offset && offset <= c.end);
  if (text) return Y.createRelativePositionFromTypeIndex(text.type, offset - text.start, assoc);
  const index = block.children.filter((c) => c.end <= offset && c.end > c.start).length;
  return Y.createRelativePositionFromTypeIndex(block.element, index, assoc);
}
