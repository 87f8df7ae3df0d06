// Runs one write to a claim with the version it is based on. Success hands the page the
// server's claim; a 409 hands it the current claim and keeps a sentence saying who changed
// what, so the form (whose text stays as typed) can show it; other errors keep the ApiError.
import type { Claim, VerdictScale } from '@factdesk/model';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ApiError } from '../../../api/ApiError.ts';
import { api } from '../../../api/api.ts';
import { describeConflict, latestActor } from './describeConflict.ts';

export interface ClaimWriteContext {
  claim: Claim;
  scale: VerdictScale;
  myUserId: string;
  onClaimChanged(claim: Claim): void;
  /**
   * The claim versions this panel's own writes produced. A draft is never in conflict with
   * the person's own changes: useDraftBase moves its base over them.
   */
  ownVersions: Set<number>;
}

export interface ClaimWrite {
  pending: boolean;
  error: ApiError | undefined;
  /** The conflict sentence of the last attempt, if it was refused as stale. */
  conflict: string | undefined;
  /**
   * `action` gets the version to send (`base.version`; base defaults to the claim as shown).
   * An answer that is a claim, or carries one (`{evidence, claim}`), is handed to the page;
   * any other answer makes the claim be fetched again for its new version.
   * Resolves to the answer, or undefined when the write failed.
   */
  run<T>(
    action: (version: number) => Promise<T>,
    options?: { base?: Claim; onConflict?: (current: Claim) => void },
  ): Promise<T | undefined>;
  clear(): void;
}

function isClaim(value: unknown): value is Claim {
  return (
    typeof value === 'object' &&
    value !== null &&
    'abilities' in value &&
    'version' in value &&
    'anchor' in value
  );
}

export function useClaimWrite(context: ClaimWriteContext): ClaimWrite {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [conflict, setConflict] = useState<string>();
  const intl = useIntl();
  const { claim, scale, myUserId, onClaimChanged, ownVersions } = context;

  async function run<T>(
    action: (version: number) => Promise<T>,
    options: { base?: Claim; onConflict?: (current: Claim) => void } = {},
  ): Promise<T | undefined> {
    const base = options.base ?? claim;
    setPending(true);
    setError(undefined);
    setConflict(undefined);
    try {
      const answer = await action(base.version);
      // Every write moves the version by one.
      ownVersions.add(base.version + 1);
      const claimOfAnswer = isClaim(answer)
        ? answer
        : isClaim((answer as { claim?: unknown } | undefined)?.claim)
          ? (answer as unknown as { claim: Claim }).claim
          : undefined;
      if (claimOfAnswer) onClaimChanged(claimOfAnswer);
      else {
        // The write is saved; if this read fails, the live event brings the version instead.
        const fresh = await api.claim(claim.id).catch(() => undefined);
        if (fresh) onClaimChanged(fresh);
      }
      return answer;
    } catch (caught) {
      const failure = ApiError.from(caught);
      const current = failure.currentClaim;
      if (!current) {
        setError(failure);
        return undefined;
      }
      onClaimChanged(current);
      options.onConflict?.(current);
      // The history names who changed it; without it the sentence says "Someone".
      const events = await api.claimHistory(claim.id).catch(() => []);
      setConflict(
        describeConflict(intl, {
          base,
          current,
          scale,
          actor: latestActor(events, base.updatedAt),
          myUserId,
          serverMessage: failure.message,
        }),
      );
      return undefined;
    } finally {
      setPending(false);
    }
  }

  function clear() {
    setError(undefined);
    setConflict(undefined);
  }

  return { pending, error, conflict, run, clear };
}
