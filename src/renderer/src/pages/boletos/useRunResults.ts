import { useCallback, useEffect, useRef, useState } from 'react';
import type { BoletoResultView } from '../../../../shared/boletos';
import { describeError } from '../../app/errors';
import { call, useEvent } from '../../ipc';

const REFRESH_EVERY_MS = 1000;

export interface RunResults {
  rows: BoletoResultView[] | undefined;
  error: string | null;
  /** True until the first answer for this run arrived. */
  loading: boolean;
}

/**
 * One robot run's per-client results. While the run goes on, every progress event refreshes them,
 * at most once a second (the last event always gets its refresh); the end refreshes at once.
 */
export function useRunResults(company: string, runId: string | null): RunResults {
  const [state, setState] = useState<{ runId: string | null; rows: BoletoResultView[] | undefined; error: string | null }>({ runId: null, rows: undefined, error: null });
  const request = useRef(0);
  const lastFetch = useRef(0);
  const timer = useRef<number | null>(null);

  const fetchNow = useCallback(() => {
    if (!runId) return;
    if (timer.current !== null) {
      window.clearTimeout(timer.current);
      timer.current = null;
    }
    lastFetch.current = Date.now();
    const id = ++request.current;
    call('robot.results', { company, runId }).then(
      (rows) => {
        if (id === request.current) setState({ runId, rows, error: null });
      },
      (err: unknown) => {
        if (id === request.current) setState((s) => ({ runId, rows: s.runId === runId ? s.rows : undefined, error: describeError(err) }));
      },
    );
  }, [company, runId]);

  useEffect(() => {
    fetchNow();
    return () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
    };
  }, [fetchNow]);

  useEvent('job.progress', (progress) => {
    if (progress.jobId !== runId || timer.current !== null) return;
    const wait = REFRESH_EVERY_MS - (Date.now() - lastFetch.current);
    if (wait <= 0) fetchNow();
    else timer.current = window.setTimeout(fetchNow, wait);
  });

  useEvent('job.finished', (finished) => {
    if (finished.jobId === runId) fetchNow();
  });

  const current = state.runId === runId;
  return { rows: current ? state.rows : undefined, error: current ? state.error : null, loading: Boolean(runId) && !current };
}
