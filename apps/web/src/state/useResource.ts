// Loads one thing from the API for a component: data, error, loading, reload. `key` names
// what is loaded; when it changes the old answer is dropped and the new one fetched.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
  /** Fetch again, keeping the current answer on screen; resolves once the new one is in. */
  refresh(): Promise<void>;
  /** Apply the answer of a write locally instead of fetching again. */
  update(change: (current: T) => T): void;
}

interface Loaded<T> {
  key: string;
  data?: T;
  error?: ApiError;
}

export function useResource<T>(key: string, load: () => Promise<T>): Resource<T> {
  const [loaded, setLoaded] = useState<Loaded<T> | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  /** Callers of refresh() waiting for the next load to settle. */
  const waiting = useRef<(() => void)[]>([]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload signal
  useEffect(() => {
    let current = true;
    const settled = waiting.current.splice(0);
    loadRef
      .current()
      .then(
        (data) => current && setLoaded({ key, data }),
        (error: unknown) => current && setLoaded({ key, error: ApiError.from(error) }),
      )
      .finally(() => {
        for (const resolve of settled) resolve();
      });
    return () => {
      current = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const refresh = useCallback(
    () =>
      new Promise<void>((resolve) => {
        waiting.current.push(resolve);
        setGeneration((n) => n + 1);
      }),
    [],
  );
  const update = useCallback(
    (change: (current: T) => T) =>
      setLoaded((previous) =>
        previous?.data === undefined ? previous : { ...previous, data: change(previous.data) },
      ),
    [],
  );

  const fresh = loaded?.key === key ? loaded : undefined;
  return {
    data: fresh?.data,
    error: fresh?.error,
    loading: fresh === undefined,
    reload,
    refresh,
    update,
  };
}
