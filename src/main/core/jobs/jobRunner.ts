import { randomUUID } from 'node:crypto';
import type { Company } from '../companies/companyStore';
import { TypedEmitter } from '../events';
import { UserError } from '../errors';
import type { Counts, JobError, JobFinished, JobKind, JobProgress, RunStatus } from '../../../shared/jobs';
import { RunRecords } from './runRecords';
import { toJobError } from './jobErrors';

export interface ProgressUpdate {
  phase: string;
  done: number;
  total?: number | null;
  unit: string;
  message?: string | null;
}

export interface JobContext {
  readonly jobId: string;
  readonly signal: AbortSignal;
  progress(update: ProgressUpdate): void;
  /** Adds to the run's counts (kept in the run record, also while it runs). */
  count(name: string, by?: number): void;
  /** A per-item log line of the run (one client, one file row...). */
  item(item: string, status: string, message?: string | null): void;
  /**
   * Pauses until the user says to go on (jobs.continue), showing `message` as what to do; rejects
   * if the job is cancelled meanwhile.
   */
  waitForUser(message: string): Promise<void>;
}

export interface JobSpec {
  kind: JobKind;
  source: string | null;
  title: string;
  /** What cancelling means for this job, in one sentence (default: saved work stays, the next run resumes). */
  cancelMessage?: string;
}

export interface JobOutcome {
  status: RunStatus;
  counts: Counts;
  error: JobError | null;
}

export interface JobHandle {
  jobId: string;
  done: Promise<JobOutcome>;
}

export type JobEvents = {
  progress: JobProgress;
  finished: JobFinished;
};

const PROGRESS_INTERVAL_MS = 100;
const RATE_WINDOW_MS = 5000;

interface RunningJob {
  company: Company;
  spec: JobSpec;
  controller: AbortController;
  startedAt: string;
  last: JobProgress;
  samples: Array<{ at: number; done: number; phase: string }>;
  lastEmit: number;
  pendingEmit: NodeJS.Timeout | null;
  counts: Counts;
  resumeWaiting: (() => void) | null;
}

/**
 * Runs long work as jobs: an id, throttled progress events (at most ~10 a second, the last state
 * always delivered), cancellation through an AbortSignal, and a run record in the company's
 * database from start to end.
 */
export class JobRunner extends TypedEmitter<JobEvents> {
  private readonly running = new Map<string, RunningJob>();

  start(company: Company, spec: JobSpec, work: (ctx: JobContext) => Promise<void>): JobHandle {
    const records = new RunRecords(company.db);
    records.reconcileInterrupted();
    for (const job of this.running.values()) {
      if (job.company.slug === company.slug && job.spec.kind === spec.kind && job.spec.source === spec.source) {
        throw new UserError(`Já existe uma execução de "${job.spec.title}" em andamento para esta empresa; aguarde o fim ou cancele-a.`, 'job-already-running');
      }
    }
    const other = records.activeRun(spec.kind, spec.source);
    if (other) {
      throw new UserError(
        `"${other.title}" já está em execução em outro processo desde ${other.startedAt}; aguarde o fim antes de iniciar outra.`,
        'job-already-running',
      );
    }

    const jobId = randomUUID();
    const startedAt = new Date().toISOString();
    records.begin(jobId, spec.kind, spec.source, spec.title, startedAt);
    const job: RunningJob = {
      company,
      spec,
      controller: new AbortController(),
      startedAt,
      last: {
        jobId,
        company: company.slug,
        kind: spec.kind,
        source: spec.source,
        title: spec.title,
        phase: 'starting',
        done: 0,
        total: null,
        unit: '',
        message: null,
        ratePerSecond: null,
        etaSeconds: null,
        startedAt,
        waitingForUser: false,
      },
      samples: [],
      lastEmit: 0,
      pendingEmit: null,
      counts: {},
      resumeWaiting: null,
    };
    this.running.set(jobId, job);

    let lastCountsWrite = 0;
    const ctx: JobContext = {
      jobId,
      signal: job.controller.signal,
      progress: (update) => this.onProgress(job, update),
      count: (name, by = 1) => {
        job.counts[name] = (job.counts[name] ?? 0) + by;
        const now = Date.now();
        if (now - lastCountsWrite > 1000) {
          lastCountsWrite = now;
          records.updateCounts(jobId, job.counts);
        }
      },
      item: (item, status, message = null) => records.addItem(jobId, item, status, message),
      waitForUser: (message) =>
        new Promise<void>((resolve, reject) => {
          const signal = job.controller.signal;
          if (signal.aborted) {
            reject(signal.reason);
            return;
          }
          const done = (fn: () => void) => {
            signal.removeEventListener('abort', onAbort);
            job.resumeWaiting = null;
            job.last = { ...job.last, waitingForUser: false, message: null };
            this.flush(job);
            fn();
          };
          const onAbort = () => done(() => reject(signal.reason));
          signal.addEventListener('abort', onAbort, { once: true });
          job.resumeWaiting = () => done(resolve);
          job.last = { ...job.last, waitingForUser: true, message };
          this.flush(job);
        }),
    };

    const done = (async (): Promise<JobOutcome> => {
      let status: RunStatus = 'succeeded';
      let error: JobError | null = null;
      try {
        await work(ctx);
        if (job.controller.signal.aborted) status = 'cancelled';
      } catch (err) {
        if (job.controller.signal.aborted) {
          status = 'cancelled';
        } else {
          status = 'failed';
          error = toJobError(err);
        }
      }
      if (status === 'cancelled') {
        error = { code: 'cancelled', message: spec.cancelMessage ?? 'Cancelado pelo usuário; o que já foi salvo continua salvo e a próxima execução continua de onde parou.' };
      }
      const endedAt = new Date().toISOString();
      if (job.pendingEmit) clearTimeout(job.pendingEmit);
      this.running.delete(jobId);
      records.finish(jobId, status, job.counts, error, endedAt);
      this.emit('progress', job.last);
      this.emit('finished', { jobId, company: company.slug, kind: spec.kind, source: spec.source, title: spec.title, status, counts: { ...job.counts }, error, startedAt, endedAt });
      return { status, counts: { ...job.counts }, error };
    })();

    return { jobId, done };
  }

  cancel(jobId: string): boolean {
    const job = this.running.get(jobId);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  /** Lets a job that waits for the user go on. */
  continue(jobId: string): boolean {
    const job = this.running.get(jobId);
    if (!job?.resumeWaiting) return false;
    job.resumeWaiting();
    return true;
  }

  /** Cancels every running job (application shutdown). */
  cancelAll(): void {
    for (const job of this.running.values()) job.controller.abort();
  }

  active(company?: string): JobProgress[] {
    return [...this.running.values()].filter((j) => !company || j.company.slug === company).map((j) => j.last);
  }

  private onProgress(job: RunningJob, update: ProgressUpdate): void {
    const now = Date.now();
    const phaseChanged = update.phase !== job.last.phase;
    // The last state of a phase is always delivered before the next phase starts.
    if (phaseChanged && job.pendingEmit) this.flush(job);
    if (phaseChanged) job.samples = [];
    job.samples.push({ at: now, done: update.done, phase: update.phase });
    while (job.samples.length > 2 && now - job.samples[0].at > RATE_WINDOW_MS) job.samples.shift();
    const first = job.samples[0];
    const elapsed = (now - first.at) / 1000;
    const rate = elapsed >= 0.5 ? Math.max(0, (update.done - first.done) / elapsed) : null;
    const total = update.total ?? null;
    const eta = rate && total !== null && rate > 0 ? Math.max(0, (total - update.done) / rate) : null;
    job.last = {
      ...job.last,
      phase: update.phase,
      done: update.done,
      total,
      unit: update.unit,
      message: update.message ?? null,
      ratePerSecond: rate,
      etaSeconds: eta,
    };
    if (phaseChanged || now - job.lastEmit >= PROGRESS_INTERVAL_MS) {
      this.flush(job);
    } else if (!job.pendingEmit) {
      job.pendingEmit = setTimeout(() => this.flush(job), PROGRESS_INTERVAL_MS - (now - job.lastEmit));
    }
  }

  private flush(job: RunningJob): void {
    if (job.pendingEmit) clearTimeout(job.pendingEmit);
    job.pendingEmit = null;
    job.lastEmit = Date.now();
    this.emit('progress', job.last);
  }
}
