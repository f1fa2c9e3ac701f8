import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobFinished, JobProgress } from '../../../../shared/jobs';
import { describeError } from '../../app/errors';
import { useSession } from '../../app/session';
import { call, useEvent } from '../../ipc';

const SOURCE = 'cvdw';
const isCvdwSync = (job: { kind: string; source: string | null }) => job.kind === 'sync' && job.source === SOURCE;

export interface CvdwSync {
  active: JobProgress | null;
  finished: JobFinished | null;
  starting: boolean;
  error: string | null;
  start(): Promise<void>;
}

/**
 * The CVDW sync of the company, for the sales page: a sync started here, by a schedule or from the
 * command line shows its live progress, and the page reloads when it ends.
 */
export function useCvdwSync(company: string): CvdwSync {
  const { reloadHealth } = useSession();
  const [active, setActive] = useState<JobProgress | null>(null);
  const [finished, setFinished] = useState<JobFinished | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Events can overtake the answer to sync.start: remember jobs that already ended.
  const ended = useRef(new Set<string>());

  useEffect(() => {
    let live = true;
    call('jobs.active', { company }).then(
      (jobs) => {
        const sync = jobs.find(isCvdwSync);
        if (live && sync && !ended.current.has(sync.jobId)) setActive((current) => current ?? sync);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [company]);

  useEvent('job.progress', (progress) => {
    if (progress.company !== company || !isCvdwSync(progress) || ended.current.has(progress.jobId)) return;
    setActive(progress);
  });

  useEvent('job.finished', (result) => {
    if (result.company !== company || !isCvdwSync(result)) return;
    ended.current.add(result.jobId);
    setActive((current) => (current && current.jobId !== result.jobId ? current : null));
    setFinished(result);
  });

  const start = useCallback(async () => {
    setStarting(true);
    setError(null);
    setFinished(null);
    try {
      const { jobId } = await call('sync.start', { company, source: SOURCE });
      if (!ended.current.has(jobId)) {
        setActive((current) =>
          current?.jobId === jobId
            ? current
            : {
                jobId,
                company,
                kind: 'sync',
                source: SOURCE,
                title: 'Sincronização CVDW',
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
  }, [company, reloadHealth]);

  return { active, finished, starting, error, start };
}
