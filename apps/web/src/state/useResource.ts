// Loads one thing from the API for a component: data, error, loading, reload. `key` names
// what is loaded; when it changes the old answer is dropped and the new one fetched.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): void;
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

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload signal
  useEffect(() => {
    let current = true;
    loadRef.current().then(
      (data) => current && setLoaded({ key, data }),
      (error: unknown) => current && setLoaded({ key, error: ApiError.from(error) }),
    );
    return () => {
      current = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
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
    update,
  };
}
