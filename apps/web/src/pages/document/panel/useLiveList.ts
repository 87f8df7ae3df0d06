// A list that belongs to the open claim (evidence, comments): loaded once, then kept current
// by the document's live events and by this window's own writes, deduplicated by id.
import type { ClaimLiveEvent } from '@factdesk/model';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/ApiError.ts';

export interface LiveList<T extends { id: string }> {
  items: T[] | undefined;
  error: ApiError | undefined;
  /** Add or replace an item (a write's answer; the live echo of it changes nothing). */
  put(item: T): void;
  remove(id: string): void;
}

export function useLiveList<T extends { id: string }>(options: {
  claimId: string;
  load(): Promise<T[]>;
  subscribe(listener: (event: ClaimLiveEvent) => void): () => void;
  /** What a live event of this claim does to the list, if anything. */
  apply(event: ClaimLiveEvent, list: LiveListEdits<T>): void;
}): LiveList<T> {
  const [items, setItems] = useState<T[]>();
  const [error, setError] = useState<ApiError>();
  // Events that arrive before the first load answers are replayed over it.
  const early = useRef<ClaimLiveEvent[]>([]);
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const { claimId } = options;

  const edits: LiveListEdits<T> = {
    put: (item) =>
      setItems((current) => {
        if (!current) return current;
        const index = current.findIndex((existing) => existing.id === item.id);
        if (index === -1) return [...current, item];
        return current.map((existing) => (existing.id === item.id ? item : existing));
      }),
    remove: (id) => setItems((current) => current?.filter((existing) => existing.id !== id)),
  };
  const editsRef = useRef(edits);
  editsRef.current = edits;

  useEffect(() => {
    let loaded = false;
    // Through the ref: a page that hands a new subscribe function on every render must not
    // make the list load again.
    let current = true;
    const unsubscribe = optionsRef.current.subscribe((event) => {
      if (event.claim.id !== claimId) return;
      if (event.hidden) {
        // A blind round kept the item out of the broadcast: read the list as this reader
        // may see it (the server filters per reader).
        optionsRef.current.load().then(
          (list) => current && setItems(list),
          () => {},
        );
        return;
      }
      if (!loaded) early.current.push(event);
      else optionsRef.current.apply(event, editsRef.current);
    });
    optionsRef.current.load().then(
      (list) => {
        if (!current) return;
        setItems(list);
        loaded = true;
        for (const event of early.current) optionsRef.current.apply(event, editsRef.current);
        early.current = [];
      },
      (caught: unknown) => current && setError(ApiError.from(caught)),
    );
    return () => {
      current = false;
      unsubscribe();
    };
  }, [claimId]);

  return { items, error, put: edits.put, remove: edits.remove };
}

export interface LiveListEdits<T> {
  put(item: T): void;
  remove(id: string): void;
}
