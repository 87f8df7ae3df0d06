// The claims of the open document, kept live: loaded once, then changed by the live events
// the document's socket pushes (another person's change appears without reload) and by the
// answers to this reader's own writes. After a reconnect it catches up on what it missed.
// A claim's `abilities` and `independentVerdicts` are this reader's own, so they are fetched
// again when a change may alter them (a new claim, its status, its reviewers, a blind
// verdict given or a change hidden from the broadcast).
import { anchorResolver } from '@factdesk/editor/browser';
import {
  CLAIM_EVENT_TYPES,
  type Claim,
  type ClaimAbilities,
  type ClaimLiveEvent,
  type EvidenceLinkEvent,
} from '@factdesk/model';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/ApiError.ts';
import { api } from '../../api/api.ts';
import type { DocumentConnection } from '../../editor/DocumentConnection.ts';

const NO_ABILITIES: ClaimAbilities = {
  update: false,
  work: false,
  comment: false,
  assign: false,
  approve: false,
  approveOverride: false,
  fourEyesBlocked: false,
  reopen: false,
  reanchor: false,
  adjudicate: false,
};

const CLAIM_EVENTS: ReadonlySet<string> = new Set(CLAIM_EVENT_TYPES);

export function isClaimLiveEvent(event: unknown): event is ClaimLiveEvent {
  const candidate = event as Partial<ClaimLiveEvent> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.type === 'string' &&
    CLAIM_EVENTS.has(candidate.type) &&
    typeof candidate.claim === 'object'
  );
}

function isEvidenceLinkEvent(event: unknown): event is EvidenceLinkEvent {
  const candidate = event as Partial<EvidenceLinkEvent> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.type === 'evidence.link' &&
    typeof candidate.claimId === 'string' &&
    typeof candidate.link === 'object'
  );
}

function sameReviewers(a: Claim, b: Pick<Claim, 'assignees'>): boolean {
  return (
    a.assignees.length === b.assignees.length &&
    a.assignees.every((person, index) => person.id === b.assignees[index]?.id)
  );
}

export interface LiveClaims {
  /** Text order; claims whose text is gone (orphaned) last. */
  claims: Claim[];
  loaded: boolean;
  error: ApiError | undefined;
  /** Take a claim as the server answered a write (or a 409) — older versions are ignored. */
  apply(claim: Claim): void;
  /** Every claim event as it arrives (evidence and comments ride on them). */
  subscribe(listener: (event: ClaimLiveEvent) => void): () => void;
  /** What the link checker finds at evidence links, as it finds it. */
  subscribeLinks(listener: (event: EvidenceLinkEvent) => void): () => void;
}

/** `synced`: whether the text has arrived (claims are ordered by where they are in it). */
export function useLiveClaims(
  documentId: string,
  connection: DocumentConnection,
  synced: boolean,
): LiveClaims {
  const [byId, setById] = useState<ReadonlyMap<string, Claim>>(new Map());
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<ApiError>();
  const listeners = useRef(new Set<(event: ClaimLiveEvent) => void>());
  const linkListeners = useRef(new Set<(event: EvidenceLinkEvent) => void>());
  const lastEventId = useRef(0);
  const refetching = useRef(new Set<string>());

  const merge = useCallback((incoming: Claim[]) => {
    setById((current) => {
      const next = new Map(current);
      for (const claim of incoming) {
        const known = next.get(claim.id);
        if (!known || known.version <= claim.version) next.set(claim.id, claim);
      }
      return next;
    });
  }, []);

  const refetchAbilities = useCallback(
    (claimId: string) => {
      if (refetching.current.has(claimId)) return;
      refetching.current.add(claimId);
      api
        .claim(claimId)
        .then((claim) => merge([claim]))
        .catch(() => {})
        .finally(() => refetching.current.delete(claimId));
    },
    [merge],
  );

  useEffect(() => {
    let current = true;
    // Events that arrive before the first load are applied on top of it (by version).
    const early: Claim[] = [];
    let initialLoadDone = false;

    const onEvent = (event: unknown) => {
      if (isEvidenceLinkEvent(event)) {
        for (const listener of linkListeners.current) listener(event);
        return;
      }
      if (!isClaimLiveEvent(event)) return;
      lastEventId.current = Math.max(lastEventId.current, event.eventId);
      setById((map) => {
        const known = map.get(event.claim.id);
        if (known && known.version > event.claim.version) return map;
        const claim: Claim = {
          ...event.claim,
          abilities: known?.abilities ?? NO_ABILITIES,
          independentVerdicts: known?.independentVerdicts ?? [],
        };
        if (
          !known ||
          event.hidden === true ||
          known.status !== claim.status ||
          !sameReviewers(known, claim) ||
          known.blindReview.proposedBy.length !== claim.blindReview.proposedBy.length
        ) {
          queueMicrotask(() => refetchAbilities(claim.id));
        }
        if (!initialLoadDone) early.push(claim);
        const next = new Map(map);
        next.set(claim.id, claim);
        return next;
      });
      for (const listener of listeners.current) listener(event);
    };

    let firstSync = true;
    const onSynced = () => {
      if (firstSync) {
        firstSync = false;
        return;
      }
      // Back after a disconnect: fetch what happened meanwhile.
      const after = lastEventId.current;
      const catchUp =
        after > 0
          ? api.claimEvents(documentId, after).then((answer) => {
              lastEventId.current = Math.max(lastEventId.current, answer.lastEventId);
              return answer.claims;
            })
          : api.claims(documentId);
      catchUp.then((claims) => current && merge(claims)).catch(() => {});
    };

    const stopEvents = connection.onEvent(onEvent);
    const stopSynced = connection.onSynced(onSynced);
    api.claims(documentId).then(
      (claims) => {
        if (!current) return;
        initialLoadDone = true;
        setById(new Map(claims.map((claim) => [claim.id, claim])));
        merge(early);
        setLoaded(true);
      },
      (problem: unknown) => current && setError(ApiError.from(problem)),
    );
    return () => {
      current = false;
      stopEvents();
      stopSynced();
    };
  }, [documentId, connection, merge, refetchAbilities]);

  // Text order is read from the shared text; it changes with claims, not with every keystroke.
  // biome-ignore lint/correctness/useExhaustiveDependencies: synced is when the text arrives
  const claims = useMemo(() => {
    const resolve = anchorResolver(connection.doc);
    const placed = [...byId.values()].map((claim) => ({
      claim,
      at: claim.orphaned
        ? Number.POSITIVE_INFINITY
        : (resolve(claim.anchor.start, claim.anchor.end)?.from ?? Number.POSITIVE_INFINITY),
    }));
    placed.sort((a, b) => a.at - b.at || a.claim.createdAt.localeCompare(b.claim.createdAt));
    return placed.map((entry) => entry.claim);
  }, [byId, connection, synced]);

  const apply = useCallback((claim: Claim) => merge([claim]), [merge]);
  const subscribe = useCallback((listener: (event: ClaimLiveEvent) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  const subscribeLinks = useCallback((listener: (event: EvidenceLinkEvent) => void) => {
    linkListeners.current.add(listener);
    return () => {
      linkListeners.current.delete(listener);
    };
  }, []);

  return { claims, loaded, error, apply, subscribe, subscribeLinks };
}
