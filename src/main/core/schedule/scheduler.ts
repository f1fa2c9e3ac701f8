import { TypedEmitter } from '../events';
import { UserError } from '../errors';
import type { JobOutcome } from '../jobs/jobRunner';
import { toJobError } from '../jobs/jobErrors';
import { log } from '../log/logger';
import type { NexusCore } from '../nexusCore';
import { sourceById } from '../sources/registry';
import type { JobError, RunStatus } from '../../../shared/jobs';
import { scheduleStore } from './schedules';

/** Time as the scheduler sees it; tests pass a fake one so hours pass in milliseconds. */
export interface SchedulerClock {
  now(): number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface ScheduledRun {
  company: string;
  source: string;
  label: string;
  /** The due time (ISO) this run is for; later than it when the run catches up a missed one. */
  dueAt: string;
}

export type SchedulerEvents = {
  'run.started': ScheduledRun & { jobId: string; startedAt: string };
  'run.finished': ScheduledRun & { jobId: string; status: RunStatus; error: JobError | null; endedAt: string; nextRunAt: string | null };
  /** A scheduled run failed, or could not even start: the shell shows a desktop notification. */
  'run.failed': ScheduledRun & { jobId: string | null; error: JobError };
  /** A due time came while a run of the same source was going: it is skipped, never queued. */
  'run.skipped': ScheduledRun & { reason: string; nextRunAt: string | null };
};

export interface SchedulerOptions {
  /** The companies to serve, read again on every check (the app's list changes while it runs). */
  companies(): string[];
  clock?: SchedulerClock;
  /**
   * Longest wait between two checks. Timers do not run while the computer sleeps and wall clocks
   * can jump, so even a far due time is re-checked this often against the wall clock.
   */
  maxWaitMs?: number;
}

interface Running {
  jobId: string;
  done: Promise<JobOutcome>;
}

/**
 * Starts each company source's sync when its schedule is due, through NexusCore.startSync.
 *
 * - Never two runs of one source: a due time that comes while a run of that source is going (a
 *   scheduled one, one the user started, or one in another process on the same data) is skipped.
 * - After a run, due times that passed during it are dropped; the next run is the first due time
 *   after the run ended.
 * - Due times missed while the app was closed or the computer slept are caught up with ONE run,
 *   on start or on wake, however many were missed.
 */
export class Scheduler extends TypedEmitter<SchedulerEvents> {
  private readonly clock: SchedulerClock;
  private readonly maxWaitMs: number;
  private readonly running = new Map<string, Running>();
  private timer: unknown = null;
  private started = false;
  private offChanged: (() => void) | null = null;

  constructor(
    private readonly core: NexusCore,
    private readonly options: SchedulerOptions,
  ) {
    super();
    this.clock = options.clock ?? systemClock;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
  }

  /** Runs what is due now (catching up missed runs once) and keeps checking until stopped. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.offChanged = this.core.on('schedules.changed', () => this.arm());
    this.check();
  }

  /** The computer woke up (or the clock jumped): check now instead of at the next timer. */
  wake(): void {
    if (this.started) this.check();
  }

  /**
   * Starts every run that is due now, once, without keeping a timer: the `--once` mode of the
   * headless worker. Resolves when those runs ended.
   */
  async runDueOnce(): Promise<void> {
    this.startDue();
    await this.idle();
  }

  /** Resolves when no run started by this scheduler is going. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  /** Runs started by this scheduler and still going, as `company/source`. */
  active(): string[] {
    return [...this.running.keys()];
  }

  /** Stops checking; with `cancelRunning`, also cancels the runs it started and waits for their end (pages saved stay saved). */
  async stop(options: { cancelRunning?: boolean } = {}): Promise<void> {
    this.started = false;
    this.offChanged?.();
    this.offChanged = null;
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    this.timer = null;
    if (options.cancelRunning) for (const run of this.running.values()) this.core.cancelJob(run.jobId);
    await this.idle();
  }

  /** Next run time of every enabled schedule of the served companies. */
  nextRuns(): Array<{ company: string; source: string; nextRunAt: string | null }> {
    const out: Array<{ company: string; source: string; nextRunAt: string | null }> = [];
    for (const company of this.companies()) {
      for (const row of this.schedules(company)) {
        if (row.enabled) out.push({ company, source: row.source, nextRunAt: row.nextRunAt });
      }
    }
    return out;
  }

  private check(): void {
    this.startDue();
    this.arm();
  }

  private arm(): void {
    if (!this.started) return;
    if (this.timer !== null) this.clock.clearTimer(this.timer);
    const now = this.clock.now();
    let wait = this.maxWaitMs;
    for (const { nextRunAt } of this.nextRuns()) {
      if (nextRunAt) wait = Math.min(wait, Math.max(0, Date.parse(nextRunAt) - now));
    }
    this.timer = this.clock.setTimer(() => {
      this.timer = null;
      this.check();
    }, wait);
  }

  private companies(): string[] {
    try {
      return this.options.companies();
    } catch (err) {
      log.error('scheduler could not list companies', { error: toJobError(err).message });
      return [];
    }
  }

  private schedules(company: string) {
    try {
      return scheduleStore(this.core, company).list();
    } catch (err) {
      // A company removed (or unreadable) meanwhile must not stop the others' schedules.
      log.warn('scheduler skipped a company', { company, error: toJobError(err).message });
      return [];
    }
  }

  private startDue(): void {
    const now = this.clock.now();
    for (const company of this.companies()) {
      for (const row of this.schedules(company)) {
        if (!row.enabled || !row.nextRunAt || Date.parse(row.nextRunAt) > now) continue;
        this.startOne(company, row.source, row.nextRunAt, now);
      }
    }
  }

  private startOne(company: string, source: string, dueAt: string, now: number): void {
    const store = scheduleStore(this.core, company);
    const key = `${company}/${source}`;
    const run: ScheduledRun = { company, source, label: labelOf(source), dueAt };
    const busy = this.running.has(key) || this.core.jobs.active(company).some((j) => j.kind === 'sync' && j.source === source);
    if (busy) {
      this.skip(store, run, now, 'uma sincronização desta fonte já está em andamento');
      return;
    }
    let handle;
    try {
      handle = this.core.startSync(company, source, { scheduled: true });
    } catch (err) {
      if (err instanceof UserError && err.code === 'job-already-running') {
        this.skip(store, run, now, err.message);
        return;
      }
      const error = toJobError(err);
      store.markStarted(source, now, null, 'failed');
      log.error('scheduled sync could not start', { company, source, error: error.message });
      this.emit('run.failed', { ...run, jobId: null, error });
      return;
    }
    const { jobId } = handle;
    store.markStarted(source, now, jobId, 'running');
    const done = handle.done.then((outcome) => {
      const end = this.clock.now();
      this.running.delete(key);
      let nextRunAt: string | null = null;
      try {
        store.advance(source, end, { runId: jobId, status: outcome.status });
        nextRunAt = store.get(source)?.nextRunAt ?? null;
      } catch (err) {
        // The company may have been removed while its run went on.
        log.warn('scheduler could not record a run end', { company, source, error: toJobError(err).message });
      }
      log.info('scheduled sync ended', { company, source, jobId, status: outcome.status, nextRunAt });
      this.emit('run.finished', { ...run, jobId, status: outcome.status, error: outcome.error, endedAt: new Date(end).toISOString(), nextRunAt });
      if (outcome.status === 'failed') this.emit('run.failed', { ...run, jobId, error: outcome.error ?? { code: 'failed', message: 'A sincronização agendada falhou.' } });
      this.arm();
      return outcome;
    });
    done.catch((err: unknown) => log.error('scheduler listener failed', { company, source, error: toJobError(err).message }));
    this.running.set(key, { jobId, done });
    log.info('scheduled sync started', { company, source, jobId, dueAt });
    this.emit('run.started', { ...run, jobId, startedAt: new Date(now).toISOString() });
  }

  private skip(store: ReturnType<typeof scheduleStore>, run: ScheduledRun, now: number, reason: string): void {
    store.advance(run.source, now);
    const nextRunAt = store.get(run.source)?.nextRunAt ?? null;
    log.info('scheduled sync skipped', { company: run.company, source: run.source, dueAt: run.dueAt, reason, nextRunAt });
    this.emit('run.skipped', { ...run, reason, nextRunAt });
  }
}

function labelOf(source: string): string {
  try {
    return sourceById(source).label;
  } catch {
    return source;
  }
}
