import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/client';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
  /** Shows `data` as the answer for the current key without asking again (a save returned it already). */
  replace(data: T): void;
}

/** Loads data for a key; answers for an old key (the clerk moved on) are dropped. */
export function useLoad<T>(key: string, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ key: string; data: T | null; error: string | null; loading: boolean }>({
    key,
    data: null,
    error: null,
    loading: true,
  });
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const run = useCallback((k: string, keepData: boolean) => {
    const mine = ++seq.current;
    setState((s) => ({ key: k, data: keepData && s.key === k ? s.data : null, error: null, loading: true }));
    loadRef.current().then(
      (data) => mine === seq.current && setState({ key: k, data, error: null, loading: false }),
      (err: unknown) => mine === seq.current && setState((s) => ({ ...s, error: errorMessage(err), loading: false })),
    );
  }, []);

  useEffect(() => run(key, false), [key, run]);
  const reload = useCallback(() => run(key, true), [key, run]);
  const replace = useCallback(
    (data: T) => {
      ++seq.current; // an answer still on its way is older than this one
      setState({ key, data, error: null, loading: false });
    },
    [key],
  );
  const fresh = state.key === key;
  return {
    data: fresh ? state.data : null,
    error: fresh ? state.error : null,
    loading: !fresh || state.loading,
    reload,
    replace,
  };
}
