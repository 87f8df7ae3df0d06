// The article text model (see articleText.ts) read from a ProseMirror document instead of
// the Y.Doc: the same text, with a map between text offsets and editor positions. The web
// editor uses it to turn a selection into text offsets (for an anchor) and a claim's
// resolved offsets into positions (for its highlight).
import type { Node } from '@tiptap/pm/model';

interface Segment {
  /** Text offset of the segment's first character. */
  offset: number;
  /** Editor position of that character. */
  pos: number;
  length: number;
}

export interface ProseMirrorText {
  text: string;
  /** The text offset at an editor position (a position between blocks counts as the next block's start). */
  offsetAt(pos: number): number;
  /** The editor position of a text offset (the "\n" between blocks is the first block's end). */
  posAt(offset: number): number;
}

export function proseMirrorText(doc: Node): ProseMirrorText {
  const segments: Segment[] = [];
  let text = '';
  let blocks = 0;

  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    if (blocks > 0) text += '\n';
    blocks += 1;
    // An empty block still has a place: its content position.
    segments.push({ offset: text.length, pos: pos + 1, length: 0 });
    node.forEach((child, childOffset) => {
      const childPos = pos + 1 + childOffset;
      if (child.isText && child.text) {
        segments.push({ offset: text.length, pos: childPos, length: child.text.length });
        text += child.text;
      } else if (child.type.name === 'hardBreak') {
        segments.push({ offset: text.length, pos: childPos, length: 1 });
        text += '\n';
      }
    });
    return false;
  });

  return {
    text,
    offsetAt(pos) {
      let best: Segment | undefined;
      for (const segment of segments) {
        if (segment.pos > pos) break;
        best = segment;
      }
      if (!best) return 0;
      return best.offset + Math.min(pos - best.pos, best.length);
    },
    posAt(offset) {
      // Neighbouring segments of one block meet at the same position, so the first that
      // contains the offset is as good as any.
      const match = segments.find(
        (segment) => offset >= segment.offset && offset <= segment.offset + segment.length,
      );
      if (!match) return segments.at(-1)?.pos ?? 0;
      return match.pos + (offset - match.offset);
    },
  };
}
