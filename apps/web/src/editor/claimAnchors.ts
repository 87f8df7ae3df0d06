// Between the editor and claim anchors: the anchor of a selection (relative positions into
// the Y.Doc plus the quote, as the server checks them) and the editor ranges claims cover now.
import {
  anchorResolver,
  articleText,
  type ClaimHighlight,
  proseMirrorText,
  relativeRangeAt,
} from '@factdesk/editor/browser';
import type { Claim, ClaimAnchor, VerdictScale } from '@factdesk/model';
import type { Editor } from '@tiptap/core';
import type { IntlShape } from 'react-intl';
import type * as Y from 'yjs';
import { statusLabel, verdictName, verdictTone } from '../components/claimWords.ts';

/** Characters of context kept on each side of a quote (the server allows up to 500). */
const CONTEXT = 32;

/**
 * The anchor of the editor's selection, trimmed of surrounding white space; null when
 * nothing but white space is selected, or while the editor and the Y.Doc disagree (mid-sync).
 */
export function anchorOfSelection(editor: Editor, doc: Y.Doc): ClaimAnchor | null {
  const { from, to, empty } = editor.state.selection;
  if (empty) return null;
  const model = proseMirrorText(editor.state.doc);
  let start = model.offsetAt(from);
  let end = model.offsetAt(to);
  const { text } = model;
  while (start < end && /\s/.test(text[start] ?? '')) start += 1;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end -= 1;
  if (start >= end) return null;
  if (articleText(doc).text !== text) return null;
  const { start: startPosition, end: endPosition } = relativeRangeAt(doc, start, end);
  return {
    start: startPosition,
    end: endPosition,
    quote: {
      exact: text.slice(start, end),
      prefix: text.slice(Math.max(0, start - CONTEXT), start),
      suffix: text.slice(end, end + CONTEXT),
    },
  };
}

export interface ClaimPlace {
  claimId: string;
  /** Editor positions of the claimed text now. */
  from: number;
  to: number;
}

/** Where each claim's anchor is in the editor now; claims whose text is gone are left out. */
export function placeClaims(editor: Editor, doc: Y.Doc, claims: readonly Claim[]): ClaimPlace[] {
  const resolve = anchorResolver(doc);
  const model = proseMirrorText(editor.state.doc);
  const places: ClaimPlace[] = [];
  for (const claim of claims) {
    const range = resolve(claim.anchor.start, claim.anchor.end);
    if (!range || range.from >= range.to) continue;
    places.push({ claimId: claim.id, from: model.posAt(range.from), to: model.posAt(range.to) });
  }
  return places;
}

/** The look of each placed claim: verdict tone, resolved (approved) or not, selected. */
export function highlightsOf(
  places: readonly ClaimPlace[],
  claims: ReadonlyMap<string, Claim>,
  scale: VerdictScale,
  selectedClaimId: string | null,
  intl: IntlShape,
): ClaimHighlight[] {
  return places.flatMap((place) => {
    const claim = claims.get(place.claimId);
    if (!claim) return [];
    const classes = [
      verdictTone(scale, claim.verdict),
      claim.status === 'approved' ? 'claim-resolved' : 'claim-unresolved',
    ];
    if (claim.id === selectedClaimId) classes.push('claim-selected');
    const verdict =
      claim.verdict === null
        ? intl.formatMessage({ id: 'verdict.noneYet' })
        : verdictName(intl, scale, claim.verdict);
    return [
      {
        claimId: claim.id,
        from: place.from,
        to: place.to,
        className: classes.join(' '),
        title: `${verdict} · ${statusLabel(intl, claim.status)}${claim.statement ? ` — ${claim.statement}` : ''}`,
      },
    ];
  });
}
