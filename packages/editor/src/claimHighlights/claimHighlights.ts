// Claims drawn over the article as editor decorations — never as marks, so they are not part
// of the shared text, any number may overlap or nest (each is its own <span>), and they move
// with edits between two refreshes. The web app resolves anchors to positions and sets them.
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

export interface ClaimHighlight {
  claimId: string;
  /** Editor positions. */
  from: number;
  to: number;
  /** Classes for its look (verdict tone, resolved or not, selected). */
  className: string;
  /** What hovering shows, e.g. "False · Approved". */
  title: string;
}

interface HighlightSpec {
  claimId: string;
  length: number;
}

export const claimHighlightsKey = new PluginKey<DecorationSet>('claimHighlights');

export interface ClaimHighlightsOptions {
  /** A click on highlighted text: the innermost claim under it. */
  onClaimClick: ((claimId: string) => void) | null;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    claimHighlights: {
      /** Replace every highlight (positions in the current document). */
      setClaimHighlights: (highlights: ClaimHighlight[]) => ReturnType;
    };
  }
}

function decorate(doc: Parameters<typeof DecorationSet.create>[0], highlights: ClaimHighlight[]) {
  const size = doc.content.size;
  const decorations = highlights
    .filter((h) => h.from < h.to && h.from >= 0 && h.to <= size)
    .map((h) =>
      Decoration.inline(
        h.from,
        h.to,
        {
          nodeName: 'span',
          class: `claim-highlight ${h.className}`,
          title: h.title,
          'data-claim-id': h.claimId,
        },
        { claimId: h.claimId, length: h.to - h.from } satisfies HighlightSpec,
      ),
    );
  return DecorationSet.create(doc, decorations);
}

/** The claims under a position, innermost (shortest) first. */
export function claimsAt(set: DecorationSet, pos: number): string[] {
  return set
    .find(pos, pos)
    .map((decoration) => decoration.spec as HighlightSpec)
    .sort((a, b) => a.length - b.length)
    .map((spec) => spec.claimId);
}

export const ClaimHighlights = Extension.create<ClaimHighlightsOptions>({
  name: 'claimHighlights',

  addOptions() {
    return { onClaimClick: null };
  },

  addCommands() {
    return {
      setClaimHighlights:
        (highlights) =>
        ({ tr, dispatch }) => {
          if (dispatch) tr.setMeta(claimHighlightsKey, highlights).setMeta('addToHistory', false);
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<DecorationSet>({
        key: claimHighlightsKey,
        state: {
          init: () => DecorationSet.empty,
          apply(tr, set) {
            const next = tr.getMeta(claimHighlightsKey) as ClaimHighlight[] | undefined;
            if (next) return decorate(tr.doc, next);
            return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
          },
        },
        props: {
          decorations: (state) => claimHighlightsKey.getState(state),
          handleClick(view, pos) {
            const set = claimHighlightsKey.getState(view.state);
            const claimId = set && claimsAt(set, pos)[0];
            if (!claimId || !options.onClaimClick) return false;
            options.onClaimClick(claimId);
            return false;
          },
        },
      }),
    ];
  },
});
