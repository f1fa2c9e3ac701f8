import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { JobFinished, JobProgress } from '../../../shared/jobs';
import { call, useEvent } from '../ipc';
import { formatPointOfSale, pointOfSaleOfSource } from './boletos';
import { describeError } from './errors';

/** The boleto robot runs of the current company, one slot per point of sale (several run at once). */
export interface RobotJobs {
  /** Running jobs by point-of-sale code. */
  active: Record<string, JobProgress>;
  /** The last run that ended while this window was open, by point of sale. */
  finished: Record<string, JobFinished>;
  /** The run each point of sale shows (the running one, else the last one of this session). */
  shownRun: Record<string, string>;
  starting: Record<string, boolean>;
  cancelling: Record<string, boolean>;
  /** Sentence of the last failed start, cancel or continue, by point of sale. */
  errors: Record<string, string>;
  /** Bumps whenever a robot run of this company ended. */
  finishedCount: number;
  start(pointOfSale: string): Promise<void>;
  cancel(pointOfSale: string): Promise<void>;
  resume(pointOfSale: string): Promise<void>;
}

const RobotJobsContext = createContext<RobotJobs | null>(null);

export function useRobotJobs(): RobotJobs {
  const jobs = useContext(RobotJobsContext);
  if (!jobs) throw new Error('useRobotJobs outside RobotJobsProvider');
  return jobs;
}

function placeholder(jobId: string, company: string, pointOfSale: string): JobProgress {
  return {
    jobId,
    company,
    kind: 'robot',
    source: `canopus:${pointOfSale}`,
    title: `Boletos do PV ${formatPointOfSale(pointOfSale)}`,
    phase: 'starting',
    done: 0,
    total: null,
    unit: 'clientes',
    message: null,
    ratePerSecond: null,
    etaSeconds: null,
    startedAt: new Date().toISOString(),
    waitingForUser: false,
  };
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const { [key]: _removed, ...rest } = record;
  return rest;
}

/** Keyed by company by its parent, so switching company starts from a clean state. */
export function RobotJobsProvider({ company, children }: { company: string; children: ReactNode }) {
  const [active, setActive] = useState<Record<string, JobProgress>>({});
  const [finished, setFinished] = useState<Record<string, JobFinished>>({});
  const [shownRun, setShownRun] = useState<Record<string, string>>({});
  const [starting, setStarting] = useState<Record<string, boolean>>({});
  const [cancelling, setCancelling] = useState<Record<string, boolean>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [finishedCount, setFinishedCount] = useState(0);
  // Events can overtake the answer to robot.start: remember jobs that already ended.
  const ended = useRef(new Set<string>());

  useEffect(() => {
    let live = true;
    call('jobs.active', { company }).then(
      (jobs) => {
        if (!live) return;
        for (const job of jobs) {
          const pv = job.kind === 'robot' ? pointOfSaleOfSource(job.source) : null;
          if (!pv) continue;
          setActive((current) => (current[pv] ? current : { ...current, [pv]: job }));
          setShownRun((current) => (current[pv] ? current : { ...current, [pv]: job.jobId }));
        }
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [company]);

  useEvent('job.progress', (progress) => {
    const pv = progress.company === company && progress.kind === 'robot' ? pointOfSaleOfSource(progress.source) : null;
    if (!pv || ended.current.has(progress.jobId)) return;
    setActive((current) => ({ ...current, [pv]: progress }));
    setShownRun((current) => (current[pv] === progress.jobId ? current : { ...current, [pv]: progress.jobId }));
  });

  useEvent('job.finished', (result) => {
    const pv = result.company === company && result.kind === 'robot' ? pointOfSaleOfSource(result.source) : null;
    if (!pv) return;
    ended.current.add(result.jobId);
    setActive((current) => (current[pv] && current[pv].jobId !== result.jobId ? current : without(current, pv)));
    setFinished((current) => ({ ...current, [pv]: result }));
    setShownRun((current) => ({ ...current, [pv]: result.jobId }));
    setCancelling((current) => without(current, pv));
    setFinishedCount((n) => n + 1);
  });

  const start = useCallback(
    async (pv: string) => {
      setStarting((s) => ({ ...s, [pv]: true }));
      setErrors((e) => without(e, pv));
      setFinished((f) => without(f, pv));
      try {
        const { jobId } = await call('robot.start', { company, pointOfSale: pv });
        if (!ended.current.has(jobId)) {
          setActive((current) => (current[pv]?.jobId === jobId ? current : { ...current, [pv]: placeholder(jobId, company, pv) }));
          setShownRun((current) => ({ ...current, [pv]: jobId }));
        }
      } catch (err) {
        setErrors((e) => ({ ...e, [pv]: describeError(err) }));
      } finally {
        setStarting((s) => without(s, pv));
      }
    },
    [company],
  );

  const activeRef = useRef(active);
  useEffect(() => {
    activeRef.current = active;
  }, [active]);

  const cancel = useCallback(async (pv: string) => {
    const job = activeRef.current[pv];
    if (!job) return;
    setCancelling((c) => ({ ...c, [pv]: true }));
    setErrors((e) => without(e, pv));
    try {
      const { cancelled } = await call('jobs.cancel', { jobId: job.jobId });
      if (!cancelled) setCancelling((c) => without(c, pv));
    } catch (err) {
      setErrors((e) => ({ ...e, [pv]: describeError(err) }));
      setCancelling((c) => without(c, pv));
    }
  }, []);

  const resume = useCallback(async (pv: string) => {
    const job = activeRef.current[pv];
    if (!job) return;
    setErrors((e) => without(e, pv));
    try {
      const { continued } = await call('jobs.continue', { jobId: job.jobId });
      if (!continued) setErrors((e) => ({ ...e, [pv]: 'O robô não estava mais esperando; ele segue sozinho ou já terminou.' }));
    } catch (err) {
      setErrors((e) => ({ ...e, [pv]: describeError(err) }));
    }
  }, []);

  const value: RobotJobs = { active, finished, shownRun, starting, cancelling, errors, finishedCount, start, cancel, resume };
  return <RobotJobsContext.Provider value={value}>{children}</RobotJobsContext.Provider>;
}
