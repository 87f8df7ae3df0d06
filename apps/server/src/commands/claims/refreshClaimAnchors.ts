// refreshClaimAnchors: after the text of a document changed, resolves its claims against the
// new text. The current quote follows edits; a claim whose passage was deleted is re-anchored
// on its original quote (best match by prefix and suffix) or, when the quote is nowhere,
// marked orphaned with the quote kept. Never silently lost: each change writes an event (actor
// null: the server) and is pushed live. Run by ClaimAnchorRefresher, never by a read.
import { claimLocator, relativeRangeAt } from '@factdesk/editor';
import type { ClaimEventType } from '@factdesk/model';
import { insertClaimEvent } from '../../queries/claimEvents.ts';
import {
  type ClaimDetailRow,
  findClaimDetail,
  lockClaim,
  setCurrentQuote,
  updateClaimRow,
} from '../../queries/claims.ts';
import { locatable } from '../../views/locatable.ts';
import type { ClaimDeps } from './ClaimDeps.ts';
import { ANCHOR_FIELDS } from './reanchorClaim.ts';
import { pick, publishClaimEvents } from './writeClaim.ts';

type Resolution =
  | { kind: 'unchanged' }
  | { kind: 'moved'; quote: string }
  | { kind: 'reanchored'; start: string; end: string; quote: string }
  | { kind: 'orphaned' };

const EVENT_OF: Record<Exclude<Resolution['kind'], 'unchanged'>, ClaimEventType> = {
  moved: 'claim.updated',
  reanchored: 'claim.reanchored',
  orphaned: 'claim.orphaned',
};

/** Returns the claims as they are after the refresh, in the order given. */
export async function refreshClaimAnchors(
  deps: ClaimDeps,
  documentId: string,
  claims: ClaimDetailRow[],
): Promise<ClaimDetailRow[]> {
  if (claims.length === 0) return claims;
  const resolutions = await deps.liveDocuments.readDocument(documentId, (doc) => {
    // One text model for every claim: building it is the cost, locating is cheap.
    const locator = claimLocator(doc);
    return claims.map((claim): Resolution => {
      const place = locator.locate(locatable(claim));
      if (!place) return claim.orphaned ? { kind: 'unchanged' } : { kind: 'orphaned' };
      if (place.by === 'anchor') {
        return place.text === claim.current_quote
          ? { kind: 'unchanged' }
          : { kind: 'moved', quote: place.text };
      }
      const { start, end } = relativeRangeAt(doc, place.from, place.to);
      return { kind: 'reanchored', start, end, quote: place.text };
    });
  });

  const refreshed: ClaimDetailRow[] = [];
  for (const [index, claim] of claims.entries()) {
    const resolution = resolutions[index];
    if (!resolution || resolution.kind === 'unchanged') refreshed.push(claim);
    else refreshed.push(await applyResolution(deps, claim, resolution));
  }
  return refreshed;
}

async function applyResolution(
  deps: ClaimDeps,
  claim: ClaimDetailRow,
  resolution: Exclude<Resolution, { kind: 'unchanged' }>,
): Promise<ClaimDetailRow> {
  const type = EVENT_OF[resolution.kind];
  const outcome = await deps.sql.begin(async (tx) => {
    const locked = await lockClaim(tx, claim.id);
    // Someone re-anchored it meanwhile (or it is gone): their anchor wins.
    if (
      !locked ||
      locked.anchor_start !== claim.anchor_start ||
      locked.anchor_end !== claim.anchor_end ||
      locked.orphaned !== claim.orphaned ||
      (resolution.kind === 'moved' && locked.current_quote === resolution.quote)
    ) {
      return undefined;
    }
    if (resolution.kind === 'moved') {
      // The text under an unchanged anchor is not an edit of the claim: no new version, so
      // nobody's next write becomes stale because someone typed inside the passage.
      await setCurrentQuote(tx, claim.id, resolution.quote);
    } else {
      await updateClaimRow(
        tx,
        claim.id,
        resolution.kind === 'reanchored'
          ? {
              anchor_start: resolution.start,
              anchor_end: resolution.end,
              current_quote: resolution.quote,
              orphaned: false,
            }
          : { orphaned: true },
      );
    }
    const detail = await findClaimDetail(tx, claim.id);
    if (!detail) return undefined;
    const eventId = await insertClaimEvent(tx, {
      claimId: claim.id,
      documentId: claim.document_id,
      actorId: null,
      type,
      before:
        resolution.kind === 'moved'
          ? { current_quote: locked.current_quote }
          : pick(locked, ANCHOR_FIELDS),
      after:
        resolution.kind === 'moved'
          ? { current_quote: detail.current_quote }
          : pick(detail, ANCHOR_FIELDS),
    });
    return { detail, eventId };
  });
  if (!outcome) return (await findClaimDetail(deps.sql, claim.id)) ?? claim;
  publishClaimEvents(
    deps,
    outcome.detail,
    [{ type, before: null, after: null }],
    [outcome.eventId],
  );
  return outcome.detail;
}
