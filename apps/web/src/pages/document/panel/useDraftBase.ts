// The claim a form's unsaved text is based on: captured at the first change, so a save sends
// the version the person was looking at, and a change by someone else meanwhile is a 409
// (shown) rather than silently overwritten by, or overwriting, the live claim.
import type { Claim } from '@factdesk/model';
import { useEffect, useState } from 'react';

export interface DraftBase {
  /** The claim the draft started from; the live claim while nothing is typed. */
  base: Claim;
  dirty: boolean;
  /** Call on every change; only the first one captures. */
  touch(): void;
  /** After a conflict: the person has now seen `current`; a new save is based on it. */
  rebase(current: Claim): void;
  reset(): void;
}

/**
 * `fromStart`: the form is filled from the claim when it opens (an edit form), so the claim
 * at that moment is the base even before anything is typed.
 */
export function useDraftBase(claim: Claim, ownVersions: Set<number>, fromStart = false): DraftBase {
  const [base, setBase] = useState<Claim | null>(fromStart ? claim : null);

  // Versions between the base and now that were all this panel's own writes (a moderator
  // returning the claim they are writing a verdict for) are no conflict: move over them.
  useEffect(() => {
    if (!base || claim.version <= base.version) return;
    for (let version = base.version + 1; version <= claim.version; version++) {
      if (!ownVersions.has(version)) return;
    }
    // Only if the base is still this one: a save or discard may have cleared it meanwhile.
    setBase((current) => (current === base ? claim : current));
  }, [claim, base, ownVersions]);
  return {
    base: base ?? claim,
    dirty: base !== null,
    touch: () => setBase((previous) => previous ?? claim),
    rebase: (current) => setBase(current),
    reset: () => setBase(null),
  };
}
