import type { Db } from '../db/database';
import { UserError } from '../errors';
import type { BusinessCalendar } from '../time/businessDate';
import { SCHEDULE_PRESETS } from '../../../shared/schedulePresets';
import type { ScheduleInput } from '../../../shared/schedules';
import { nextOccurrence, parseCron } from './cron';

export interface ScheduleRow {
  source: string;
  preset: ScheduleInput['preset'];
  cron: string;
  enabled: boolean;
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastRunId: string | null;
  lastStatus: string | null;
}

interface Row {
  source: string;
  preset: string | null;
  cron: string;
  enabled: number;
  next_run_at: string | null;
  last_run_at: string | null;
  last_run_id: string | null;
  last_status: string | null;
}

function toSchedule(row: Row): ScheduleRow {
  return {
    source: row.source,
    preset: (row.preset ?? 'custom') as ScheduleRow['preset'],
    cron: row.cron,
    enabled: row.enabled === 1,
    nextRunAt: row.next_run_at,
    lastRunAt: row.last_run_at,
    lastRunId: row.last_run_id,
    lastStatus: row.last_status,
  };
}

/** The cron expression a schedule input stands for, validated (a pt-BR UserError when it is not). */
export function resolveSchedule(input: ScheduleInput): { preset: string | null; cron: string } {
  if (input.preset !== 'custom') {
    const preset = SCHEDULE_PRESETS.find((p) => p.id === input.preset);
    if (!preset) throw new UserError(`Agendamento desconhecido: "${input.preset}"; use ${SCHEDULE_PRESETS.map((p) => p.id).join(', ')} ou uma expressão cron.`, 'bad-schedule');
    return { preset: preset.id, cron: preset.cron };
  }
  if (!input.cron?.trim()) {
    throw new UserError('Informe a expressão cron do agendamento personalizado (minuto hora dia-do-mês mês dia-da-semana), ex.: "0 6-22/4 * * *".', 'bad-cron');
  }
  return { preset: null, cron: parseCron(input.cron).expression };
}

/** The `schedules` table of one company, with next run times on the company's wall clock. */
export class ScheduleStore {
  constructor(
    private readonly db: Db,
    private readonly calendar: BusinessCalendar,
  ) {}

  list(): ScheduleRow[] {
    return (this.db.prepare('SELECT * FROM schedules ORDER BY source').all() as Row[]).map(toSchedule);
  }

  get(source: string): ScheduleRow | null {
    const row = this.db.prepare('SELECT * FROM schedules WHERE source = ?').get(source) as Row | undefined;
    return row ? toSchedule(row) : null;
  }

  /** Saves a schedule and its next run after `now`; turning one on never runs it at once. */
  set(source: string, input: ScheduleInput, now: number): ScheduleRow {
    const { preset, cron } = resolveSchedule(input);
    const next = input.enabled ? this.nextAfter(cron, now) : null;
    this.db
      .prepare(
        `INSERT INTO schedules (source, preset, cron, enabled, next_run_at, updated_at) VALUES (@source, @preset, @cron, @enabled, @next, @at)
         ON CONFLICT (source) DO UPDATE SET preset = @preset, cron = @cron, enabled = @enabled, next_run_at = @next, updated_at = @at`,
      )
      .run({ source, preset, cron, enabled: input.enabled ? 1 : 0, next, at: new Date(now).toISOString() });
    return this.get(source)!;
  }

  /** The first firing instant of `cron` after `after`, as ISO (null if it never fires again). */
  nextAfter(cron: string, after: number): string | null {
    const next = nextOccurrence(parseCron(cron), after, this.calendar);
    return next === null ? null : new Date(next).toISOString();
  }

  /** A scheduled run started: the next one is the first due time after now. */
  markStarted(source: string, at: number, runId: string | null, status: string): void {
    const row = this.get(source);
    if (!row) return;
    this.db
      .prepare('UPDATE schedules SET last_run_at = ?, last_run_id = ?, last_status = ?, next_run_at = ? WHERE source = ?')
      .run(new Date(at).toISOString(), runId, status, row.enabled ? this.nextAfter(row.cron, at) : null, source);
  }

  /**
   * A run ended (or a due time was skipped): due times that passed meanwhile are dropped and the
   * next run is the first due time after `at`.
   */
  advance(source: string, at: number, finished?: { runId: string; status: string }): void {
    const row = this.get(source);
    if (!row) return;
    const next = row.enabled ? this.nextAfter(row.cron, at) : null;
    if (finished) {
      // A run that failed to start was recorded by markStarted with no id; only a real run's end writes here.
      this.db.prepare('UPDATE schedules SET last_status = CASE WHEN last_run_id = ? THEN ? ELSE last_status END, next_run_at = ? WHERE source = ?').run(finished.runId, finished.status, next, source);
    } else {
      this.db.prepare('UPDATE schedules SET next_run_at = ? WHERE source = ?').run(next, source);
    }
  }
}
