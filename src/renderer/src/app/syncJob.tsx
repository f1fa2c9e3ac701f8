import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { JobFinished, JobProgress } from '../../../shared/jobs';
import { call, useEvent } from '../ipc';
import { describeError } from './errors';
import { useSession } from './session';

/** The Ploomes sync of the current company: live progress, the last outcome, start and cancel. */
export interface SyncJob {
  /** The running sync, if any. */
  active: JobProgress | null;
  /** The last sync that ended while this window was open. */
  finished: JobFinished | null;
  /** Bumps whenever a sync of this company ended (views reload their data). */
  finishedCount: number;
  starting: boolean;
  cancelling: boolean;
  /** Sentence of the last failed start or cancel. */
  error: string | null;
  start(full: boolean): Promise<void>;
  cancel(): Promise<void>;
}

const SOURCE = 'ploomes';
const isPloomesSync = (job: { kind: string; source: string | null }) => job.kind === 'sync' && job.source === SOURCE;

const SyncJobContext = createContext<SyncJob | null>(null);

export function useSyncJob(): SyncJob {
  const job = useContext(SyncJobContext);
  if (!job) throw new Error('useSyncJob outside SyncJobProvider');
  return job;
}

function placeholder(jobId: string, company: string, full: boolean): JobProgress {
  return {
    jobId,
    company,
    kind: 'sync',
    source: SOURCE,
    title: full ? 'Sincronização Ploomes (completa)' : 'Sincronização Ploomes',
    phase: 'starting',
    done: 0,
    total: null,
    unit: '',
    message: null,
    ratePerSecond: null,
    etaSeconds: null,
    startedAt: new Date().toISOString(),
    waitingForUser: false,
  };
}

/** Keyed by company by its parent, so switching company starts from a clean state. */
export function SyncJobProvider({ company, children }: { company: string; children: ReactNode }) {
  const { reloadHealth } = useSession();
  const [active, setActive] = useState<JobProgress | null>(null);
  const [finished, setFinished] = useState<JobFinished | null>(null);
  const [finishedCount, setFinishedCount] = useState(0);
  const [starting, setStarting] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Events can overtake the answer to sync.start: remember jobs that already ended.
  const ended = useRef(new Set<string>());

  useEffect(() => {
    let live = true;
    call('jobs.active', { company }).then(
      (jobs) => {
        const sync = jobs.find(isPloomesSync);
        if (live && sync) setActive((current) => current ?? sync);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [company]);

  useEvent('job.progress', (progress) => {
    if (progress.company !== company || !isPloomesSync(progress) || ended.current.has(progress.jobId)) return;
    setActive(progress);
  });

  useEvent('job.finished', (result) => {
    if (result.company !== company || !isPloomesSync(result)) return;
    ended.current.add(result.jobId);
    setActive((current) => (current && current.jobId !== result.jobId ? current : null));
    setFinished(result);
    setFinishedCount((n) => n + 1);
    setCancelling(false);
  });

  const start = useCallback(
    async (full: boolean) => {
      setStarting(true);
      setError(null);
      setFinished(null);
      try {
        const { jobId } = await call('sync.start', { company, source: SOURCE, ...(full ? { full: true } : {}) });
        if (!ended.current.has(jobId)) setActive((current) => (current?.jobId === jobId ? current : placeholder(jobId, company, full)));
      } catch (err) {
        setError(describeError(err));
        reloadHealth();
      } finally {
        setStarting(false);
      }
    },
    [company, reloadHealth],
  );

  const cancel = useCallback(async () => {
    if (!active) return;
    setCancelling(true);
    setError(null);
    try {
      const { cancelled } = await call('jobs.cancel', { jobId: active.jobId });
      if (!cancelled) setCancelling(false);
    } catch (err) {
      setError(describeError(err));
      setCancelling(false);
    }
  }, [active]);

  const value: SyncJob = { active, finished, finishedCount, starting, cancelling, error, start, cancel };
  return <SyncJobContext.Provider value={value}>{children}</SyncJobContext.Provider>;
}
