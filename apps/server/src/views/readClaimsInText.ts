// readClaimsInText: claims as the current text shows them, computed in memory and never
// written — the text under each anchor now, and optionally text order. Deleted passages
// (re-anchoring, orphaning) are detected when the text changes (ClaimAnchorRefresher), so
// reading claims never changes their version.
import { claimLocator, compareTextOrder } from '@factdesk/editor';
import type { LiveDocuments } from '../commands/liveDocuments.ts';
import type { ClaimDetailRow } from '../queries/claims.ts';
import { locatable } from './locatable.ts';

/**
 * Returns the claims with `current_quote` as the text reads now. With `textOrder`, sorted by
 * where their anchor starts (then ends); claims that point nowhere (orphans, passages deleted
 * a moment ago) come last in the order given.
 */
export async function readClaimsInText<R extends ClaimDetailRow>(
  liveDocuments: LiveDocuments,
  documentId: string,
  claims: R[],
  options: { textOrder?: boolean } = {},
): Promise<R[]> {
  if (claims.length === 0) return claims;
  const read = await liveDocuments.readDocument(documentId, (doc) => {
    const locator = claimLocator(doc);
    return claims.map((claim) => {
      // The anchor only: a deleted passage is re-anchored or orphaned by the refresher, which
      // writes it; until then the claim keeps the row's quote and sorts last.
      const place = locator.anchored(locatable(claim));
      return {
        claim:
          place && place.text !== claim.current_quote
            ? { ...claim, current_quote: place.text }
            : claim,
        place,
      };
    });
  });
  if (options.textOrder) read.sort((a, b) => compareTextOrder(a.place, b.place));
  return read.map((entry) => entry.claim);
}
