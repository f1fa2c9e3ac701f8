import { hostname } from 'node:os';
import type { Db } from '../db/database';
import type { Counts, JobError, JobKind, RunRecord, RunStatus } from '../../../shared/jobs';

interface RunRow {
  id: string;
  kind: JobKind;
  source: string | null;
  title: string;
  status: RunStatus;
  started_at: string;
  ended_at: string | null;
  counts: string;
  error_code: string | null;
  error: string | null;
  pid: number | null;
  host: string | null;
}

function toRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    kind: row.kind,
    source: row.source,
    title: row.title,
    status: row.status,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    counts: JSON.parse(row.counts) as Counts,
    error: row.error ? { code: row.error_code ?? 'error', message: row.error } : null,
  };
}

/** The `runs` table: one record per job, written at start and completed at the end. */
export class RunRecords {
  constructor(private readonly db: Db) {}

  begin(id: string, kind: JobKind, source: string | null, title: string, startedAt: string): void {
    this.db
      .prepare('INSERT INTO runs (id, kind, source, title, started_at, status, pid, host) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, kind, source, title, startedAt, 'running', process.pid, hostname());
  }

  updateCounts(id: string, counts: Counts): void {
    this.db.prepare('UPDATE runs SET counts = ? WHERE id = ?').run(JSON.stringify(counts), id);
  }

  finish(id: string, status: RunStatus, counts: Counts, error: JobError | null, endedAt: string): void {
    this.db
      .prepare('UPDATE runs SET status = ?, counts = ?, error_code = ?, error = ?, ended_at = ? WHERE id = ?')
      .run(status, JSON.stringify(counts), error?.code ?? null, error?.message ?? null, endedAt, id);
  }

  addItem(runId: string, item: string, status: string, message: string | null): void {
    this.db
      .prepare(
        `INSERT INTO run_items (run_id, seq, item, status, message, at)
         VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM run_items WHERE run_id = ?), ?, ?, ?, ?)`,
      )
      .run(runId, runId, item, status, message, new Date().toISOString());
  }

  list(options: { kind?: JobKind; source?: string; limit?: number } = {}): RunRecord[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.kind) {
      where.push('kind = ?');
      params.push(options.kind);
    }
    if (options.source) {
      where.push('source = ?');
      params.push(options.source);
    }
    const rows = this.db
      .prepare(`SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, rowid DESC LIMIT ?`)
      .all(...params, options.limit ?? 50) as RunRow[];
    return rows.map(toRecord);
  }

  get(id: string): RunRecord | null {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? toRecord(row) : null;
  }

  items(runId: string): Array<{ item: string; status: string; message: string | null; at: string }> {
    return this.db.prepare('SELECT item, status, message, at FROM run_items WHERE run_id = ? ORDER BY seq').all(runId) as Array<{
      item: string;
      status: string;
      message: string | null;
      at: string;
    }>;
  }

  /** A run of this kind and source still running in a live process (this one or another). */
  activeRun(kind: JobKind, source: string | null): RunRecord | null {
    const rows = this.db
      .prepare("SELECT * FROM runs WHERE status = 'running' AND kind = ? AND source IS ? ORDER BY started_at DESC")
      .all(kind, source) as RunRow[];
    const live = rows.find((row) => isAlive(row));
    return live ? toRecord(live) : null;
  }

  /**
   * Runs left 'running' by a process that no longer exists (killed, crashed, power cut) are marked
   * interrupted, so history and health never show a ghost run.
   */
  reconcileInterrupted(): number {
    const rows = this.db.prepare("SELECT * FROM runs WHERE status = 'running'").all() as RunRow[];
    let count = 0;
    for (const row of rows) {
      if (isAlive(row)) continue;
      this.db
        .prepare("UPDATE runs SET status = 'interrupted', ended_at = COALESCE(ended_at, ?), error_code = 'interrupted', error = ? WHERE id = ?")
        .run(new Date().toISOString(), 'A execução foi interrompida (o programa foi fechado ou caiu); a próxima execução continua de onde parou.', row.id);
      count++;
    }
    return count;
  }
}

function isAlive(row: RunRow): boolean {
  if (row.host !== hostname() || row.pid === null) return row.host !== hostname();
  if (row.pid === process.pid) return true;
  try {
    process.kill(row.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
