import { useCallback, useEffect, useRef, useState } from 'react';
import type { Input } from '../../../shared/contract';
import type { JobFinished, JobProgress } from '../../../shared/jobs';
import { describeError } from './errors';
import { useSession } from './session';
import { call, useEvent } from '../ipc';

export interface SourceSync {
  active: JobProgress | null;
  finished: JobFinished | null;
  starting: boolean;
  error: string | null;
  start(): Promise<void>;
}

/**
 * One source's sync of the company, for a dashboard page: a sync started there, by a schedule or
 * from the command line shows its live progress, and the page learns when it ends.
 */
export function useSourceSync(company: string, source: Input<'sync.start'>['source'], title: string): SourceSync {
  const { reloadHealth } = useSession();
  const [active, setActive] = useState<JobProgress | null>(null);
  const [finished, setFinished] = useState<JobFinished | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Events can overtake the answer to sync.start: remember jobs that already ended.
  const ended = useRef(new Set<string>());
  const isThisSync = useCallback((job: { kind: string; source: string | null }) => job.kind === 'sync' && job.source === source, [source]);

  useEffect(() => {
    let live = true;
    call('jobs.active', { company }).then(
      (jobs) => {
        const sync = jobs.find(isThisSync);
        if (live && sync && !ended.current.has(sync.jobId)) setActive((current) => current ?? sync);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [company, isThisSync]);

  useEvent('job.progress', (progress) => {
    if (progress.company !== company || !isThisSync(progress) || ended.current.has(progress.jobId)) return;
    setActive(progress);
  });

  useEvent('job.finished', (result) => {
    if (result.company !== company || !isThisSync(result)) return;
    ended.current.add(result.jobId);
    setActive((current) => (current && current.jobId !== result.jobId ? current : null));
    setFinished(result);
  });

  const start = useCallback(async () => {
    setStarting(true);
    setError(null);
    setFinished(null);
    try {
      const { jobId } = await call('sync.start', { company, source });
      if (!ended.current.has(jobId)) {
        setActive((current) =>
          current?.jobId === jobId
            ? current
            : {
                jobId,
                company,
                kind: 'sync',
                source,
                title,
                phase: 'starting',
                done: 0,
                total: null,
                unit: '',
                message: null,
                ratePerSecond: null,
                etaSeconds: null,
                startedAt: new Date().toISOString(),
                waitingForUser: false,
              },
        );
      }
    } catch (err) {
      setError(describeError(err));
      reloadHealth();
    } finally {
      setStarting(false);
    }
  }, [company, source, title, reloadHealth]);

  return { active, finished, starting, error, start };
}
