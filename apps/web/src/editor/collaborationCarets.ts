// Other people's carets and selections in the article, with the names and colours the server
// gave them (it rewrites every awareness state's `user`). Built with CSSOM and classes:
// the Content-Security-Policy refuses style attributes, and y-tiptap's defaults use them.
import { CARET_COLORS } from '@factdesk/model';
import { Extension } from '@tiptap/core';
import { yCursorPlugin } from '@tiptap/y-tiptap';
import type { Awareness } from 'y-protocols/awareness';

export interface PresenceUser {
  name: string;
  color: string;
}

/** The class of a caret colour, e.g. "caret-color-3"; unknown colours get the first. */
export function caretColorClass(color: string): string {
  const index = CARET_COLORS.indexOf(color as (typeof CARET_COLORS)[number]);
  return `caret-color-${Math.max(0, index)}`;
}

function userOf(value: unknown): PresenceUser {
  const user = (value ?? {}) as Partial<PresenceUser>;
  return {
    name: typeof user.name === 'string' && user.name ? user.name : 'Someone',
    color: typeof user.color === 'string' ? user.color : CARET_COLORS[0],
  };
}

function buildCaret(value: unknown): HTMLElement {
  const user = userOf(value);
  const caret = document.createElement('span');
  caret.className = 'collab-caret';
  // Not part of the text for screen readers; the presence list names who is here.
  caret.setAttribute('aria-hidden', 'true');
  caret.style.borderColor = user.color;
  const label = document.createElement('span');
  label.className = 'collab-caret-label';
  label.style.backgroundColor = user.color;
  label.textContent = user.name;
  caret.append(label);
  return caret;
}

export const CollaborationCarets = Extension.create<{ awareness: Awareness | null }>({
  name: 'collaborationCarets',
  addOptions() {
    return { awareness: null };
  },
  addProseMirrorPlugins() {
    const { awareness } = this.options;
    if (!awareness) return [];
    return [
      yCursorPlugin(awareness, {
        cursorBuilder: buildCaret,
        selectionBuilder: (value: unknown) => ({
          class: `collab-selection ${caretColorClass(userOf(value).color)}`,
        }),
      }),
    ];
  },
});
