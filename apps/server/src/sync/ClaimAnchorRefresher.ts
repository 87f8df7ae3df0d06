// Re-resolves a document's claims soon after its text changes (a committed batch of edits),
// so re-anchoring and orphaning happen when the text changes and reach open editors as live
// events — never when someone reads. Throttled per document by DocumentWorkQueue.
import type { ClaimDeps } from '../commands/claims/ClaimDeps.ts';
import { refreshClaimAnchors } from '../commands/claims/refreshClaimAnchors.ts';
import { listClaimDetails } from '../queries/claims.ts';
import { DocumentWorkQueue } from './DocumentWorkQueue.ts';

export interface ClaimAnchorRefresherOptions {
  deps: ClaimDeps;
  /** How long after the first change a refresh runs (changes meanwhile join it). */
  delayMs: number;
  onError(documentId: string, error: unknown, attempt: number): void;
}

export class ClaimAnchorRefresher extends DocumentWorkQueue {
  constructor({ deps, delayMs, onError }: ClaimAnchorRefresherOptions) {
    super({
      delayMs,
      onError,
      work: async (documentId) => {
        await refreshClaimAnchors(deps, documentId, await listClaimDetails(deps.sql, documentId));
      },
    });
  }
}
