// Refuses a paste that would not fit in one frame to the sync server, before the editor parses
// or applies it: one paste is one change, one change is one Yjs update, and the server closes
// the socket on a frame over its limit (COLLAB_MAX_MESSAGE_BYTES). The text is handed back to
// the page, which offers to copy it or to paste it in parts that each fit.
import type { Editor } from '@tiptap/core';
import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode, Slice } from '@tiptap/pm/model';
import { Plugin } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

/** A paste the editor refused: its text, its estimated size and the limit it is over. */
export interface OversizedPaste {
  text: string;
  bytes: number;
  limit: number;
}

// What one change costs in a Yjs update beyond its text, generously rounded up: a paragraph is
// an element and a text item with ids, origins and the node name; a mark is a format item
// before and after its text; the frame adds its own header.
const PER_BLOCK = 64;
const PER_TEXT = 24;
const PER_MARK = 64;
const PER_FRAME = 256;

/** UTF-8 length of a string, without encoding it. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** The paragraphs a plain-text paste becomes (ProseMirror makes one per line). */
export function linesOf(text: string): string[] {
  return text.split(/\r\n?|\n/).filter((line) => line.trim() !== '');
}

/** Estimated frame size of pasting plain text: never less than the update will be. */
export function estimatePlainText(text: string): number {
  let lines = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
  return utf8Bytes(text) + lines * PER_BLOCK + PER_FRAME;
}

/** Estimated frame size of inserting a parsed slice (formatting included). */
export function estimateSlice(slice: Slice): number {
  let bytes = PER_FRAME;
  slice.content.descendants((node: ProseMirrorNode) => {
    if (node.isText) {
      bytes += utf8Bytes(node.text ?? '') + PER_TEXT + node.marks.length * PER_MARK;
      for (const mark of node.marks) bytes += JSON.stringify(mark.attrs).length;
    } else {
      bytes += PER_BLOCK + JSON.stringify(node.attrs).length;
    }
  });
  return bytes;
}

/**
 * The paragraphs of `text` grouped into parts that each fit in `budget` bytes; a paragraph
 * larger than the budget is cut at a space (or anywhere, when it has none) into several.
 */
export function splitIntoParts(text: string, budget: number): string[][] {
  const room = Math.max(1024, budget - PER_FRAME);
  const parts: string[][] = [];
  let part: string[] = [];
  let used = 0;
  const push = (paragraph: string, bytes: number) => {
    if (part.length > 0 && used + bytes > room) {
      parts.push(part);
      part = [];
      used = 0;
    }
    part.push(paragraph);
    used += bytes;
  };
  for (const line of linesOf(text)) {
    let rest = line;
    while (utf8Bytes(rest) + PER_BLOCK > room) {
      // At most room/4 characters: even 4-byte characters then fit.
      const max = Math.floor((room - PER_BLOCK) / 4);
      const space = rest.lastIndexOf(' ', max);
      const cut = space > max / 2 ? space + 1 : max;
      push(rest.slice(0, cut), room);
      rest = rest.slice(cut);
    }
    if (rest !== '') push(rest, utf8Bytes(rest) + PER_BLOCK);
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/**
 * Inserts the parts at the selection one after the other, each as its own change (so its own
 * frame), letting the page paint between them.
 */
export async function pasteInParts(
  editor: Editor,
  parts: string[][],
  onProgress: (done: number) => void,
): Promise<void> {
  for (const [index, paragraphs] of parts.entries()) {
    if (editor.isDestroyed) return;
    const content = paragraphs.map((paragraph) => ({
      type: 'paragraph',
      content: [{ type: 'text', text: paragraph }],
    }));
    // No focus or scrolling per part: each would lay out the whole (long) document again.
    editor.commands.insertContent(content);
    onProgress(index + 1);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  editor.commands.focus(null, { scrollIntoView: true });
}

export interface PasteLimitOptions {
  /** The server's frame limit, as its greeting said. */
  limit(): number;
  /** Whether this editor may change the text (a read-only editor refuses every paste anyway). */
  writable(): boolean;
  /** Called instead of pasting when the paste would not fit. */
  onOversized(paste: OversizedPaste): void;
}

/** Text of the block the cursor is in: a paste inside it may rewrite it in the same change. */
function surroundingBytes(view: EditorView): number {
  return utf8Bytes(view.state.selection.$from.parent.textContent);
}

export const PasteLimit = Extension.create<PasteLimitOptions>({
  name: 'pasteLimit',
  addOptions() {
    return { limit: () => 1024 * 1024, writable: () => true, onOversized: () => {} };
  },
  addProseMirrorPlugins() {
    const { limit, writable, onOversized } = this.options;
    const refuse = (view: EditorView, event: ClipboardEvent, bytes: number, text: () => string) => {
      if (!writable()) return false;
      const total = bytes + surroundingBytes(view);
      if (total <= limit()) return false;
      event.preventDefault();
      onOversized({ text: text(), bytes: total, limit: limit() });
      return true;
    };
    return [
      new Plugin({
        props: {
          handleDOMEvents: {
            // First, on the raw text: a huge paste is refused before ProseMirror parses it.
            paste: (view, event) => {
              const text = event.clipboardData?.getData('text/plain') ?? '';
              return refuse(view, event, estimatePlainText(text), () => text);
            },
          },
          // Then on the parsed slice, which counts the formatting a rich (HTML) paste adds.
          handlePaste: (view, event, slice) =>
            refuse(view, event, estimateSlice(slice), () =>
              slice.content.textBetween(0, slice.content.size, '\n', '\n'),
            ),
        },
      }),
    ];
  },
});
