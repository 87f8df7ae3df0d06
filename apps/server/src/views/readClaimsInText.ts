// readClaimsInText: claims as the current text shows them, computed in memory and never
// written — the text under each anchor now, and optionally text order. Deleted passages
// (re-anchoring, orphaning) are detected when the text changes (ClaimAnchorRefresher), so
// reading claims never changes their version.
import { anchorResolver } from '@factdesk/editor';
import type { ClaimDetailRow } from '../queries/claims.ts';
import type { CollabService } from '../sync/CollabService.ts';

/** Sorts after every position in a text. */
const NOWHERE = Number.MAX_SAFE_INTEGER;

/**
 * Returns the claims with `current_quote` as the text reads now. With `textOrder`, sorted by
 * where their anchor starts (then ends); claims that point nowhere (orphans, passages deleted
 * a moment ago) come last in the order given.
 */
export async function readClaimsInText<R extends ClaimDetailRow>(
  collab: CollabService,
  documentId: string,
  claims: R[],
  options: { textOrder?: boolean } = {},
): Promise<R[]> {
  if (claims.length === 0) return claims;
  const read = await collab.readDocument(documentId, (doc) => {
    const resolve = anchorResolver(doc);
    return claims.map((claim) => {
      const range = claim.orphaned ? null : resolve(claim.anchor_start, claim.anchor_end);
      // An empty range is a deleted passage the refresher has not handled yet: keep the row's.
      const live = range && range.text.length > 0 ? range : null;
      return {
        claim:
          live && live.text !== claim.current_quote
            ? { ...claim, current_quote: live.text }
            : claim,
        from: live?.from ?? NOWHERE,
        to: live?.to ?? NOWHERE,
      };
    });
  });
  if (options.textOrder) read.sort((a, b) => a.from - b.from || a.to - b.to);
  return read.map((entry) => entry.claim);
}
