import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { describeError } from './errors';

export interface Query<T> {
  data: T | undefined;
  error: string | null;
  /** True until the answer for the current key arrived (stale data stays visible meanwhile). */
  loading: boolean;
  reload(): void;
}

/**
 * Loads data for a key: a new key (or reload) fetches again, answers for an older key are dropped,
 * and the last data stays on screen while the next answer is on its way.
 */
export function useQuery<T>(key: string, fetcher: () => Promise<T>): Query<T> {
  const [version, setVersion] = useState(0);
  const fullKey = `${key}#${version}`;
  const [state, setState] = useState<{ key: string; data: T | undefined; error: string | null }>({ key: '', data: undefined, error: null });
  const fetcherRef = useRef(fetcher);
  useLayoutEffect(() => {
    fetcherRef.current = fetcher;
  });

  useEffect(() => {
    let live = true;
    fetcherRef.current().then(
      (data) => {
        if (live) setState({ key: fullKey, data, error: null });
      },
      (err: unknown) => {
        if (live) setState((previous) => ({ key: fullKey, data: previous.data, error: describeError(err) }));
      },
    );
    return () => {
      live = false;
    };
  }, [fullKey]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data: state.data, error: state.error, loading: state.key !== fullKey, reload };
}
