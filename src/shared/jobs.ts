import { z } from 'zod';

export const jobKinds = ['sync', 'import', 'robot', 'push'] as const;
export const JobKind = z.enum(jobKinds);
export type JobKind = z.infer<typeof JobKind>;

export const RunStatus = z.enum(['running', 'succeeded', 'failed', 'cancelled', 'interrupted']);
export type RunStatus = z.infer<typeof RunStatus>;

/** Live progress of a job. `total` is null while unknown; rate and ETA are null until measurable. */
export const JobProgress = z.object({
  jobId: z.string(),
  company: z.string(),
  kind: JobKind,
  /** The source a sync or push works on; null for jobs that are not about one source. */
  source: z.string().nullable(),
  title: z.string(),
  phase: z.string(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().nullable(),
  unit: z.string(),
  message: z.string().nullable(),
  ratePerSecond: z.number().nonnegative().nullable(),
  etaSeconds: z.number().nonnegative().nullable(),
  startedAt: z.string(),
  /** The job is paused until the user acts (e.g. a captcha to solve) and calls jobs.continue. */
  waitingForUser: z.boolean(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const JobError = z.object({ code: z.string(), message: z.string() });
export type JobError = z.infer<typeof JobError>;

export const Counts = z.record(z.string(), z.number());
export type Counts = z.infer<typeof Counts>;

export const JobFinished = z.object({
  jobId: z.string(),
  company: z.string(),
  kind: JobKind,
  source: z.string().nullable(),
  title: z.string(),
  status: RunStatus,
  counts: Counts,
  error: JobError.nullable(),
  startedAt: z.string(),
  endedAt: z.string(),
});
export type JobFinished = z.infer<typeof JobFinished>;

export const RunRecord = z.object({
  id: z.string(),
  kind: JobKind,
  source: z.string().nullable(),
  title: z.string(),
  status: RunStatus,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  counts: Counts,
  error: JobError.nullable(),
});
export type RunRecord = z.infer<typeof RunRecord>;

/**
 * How a source's synchronisation is doing, so a failing sync is never silent: since when it fails,
 * why, and when data was last refreshed.
 */
export const SourceHealth = z.object({
  source: z.string(),
  label: z.string(),
  configured: z.boolean(),
  state: z.enum(['never', 'ok', 'failing', 'running']),
  lastSuccessAt: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  failingSince: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  lastError: JobError.nullable(),
});
export type SourceHealth = z.infer<typeof SourceHealth>;
