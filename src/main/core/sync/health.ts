import type { Db } from '../db/database';
import type { SourceHealth } from '../../../shared/jobs';

interface Row {
  status: string;
  started_at: string;
  ended_at: string | null;
  error_code: string | null;
  error: string | null;
}

/** Reads a source's sync history: last success, and since when it has been failing, if it is. */
export function sourceHealth(db: Db, source: string, label: string, configured: boolean): SourceHealth {
  const rows = db
    .prepare("SELECT status, started_at, ended_at, error_code, error FROM runs WHERE kind = 'sync' AND source = ? ORDER BY started_at DESC LIMIT 200")
    .all(source) as Row[];
  const lastSuccess = rows.find((r) => r.status === 'succeeded') ?? null;
  const failures: Row[] = [];
  for (const row of rows) {
    if (row.status === 'succeeded') break;
    if (row.status === 'failed') failures.push(row);
  }
  const latest = rows[0];
  const latestFailure = failures[0];
  let state: SourceHealth['state'] = 'never';
  if (latest?.status === 'running') state = 'running';
  else if (latestFailure && (!lastSuccess || latestFailure.started_at > lastSuccess.started_at)) state = 'failing';
  else if (lastSuccess) state = 'ok';
  return {
    source,
    label,
    configured,
    state,
    lastSuccessAt: lastSuccess?.ended_at ?? null,
    lastRunAt: latest?.started_at ?? null,
    failingSince: failures.length ? failures[failures.length - 1].started_at : null,
    consecutiveFailures: failures.length,
    lastError: latestFailure?.error ? { code: latestFailure.error_code ?? 'error', message: latestFailure.error } : null,
  };
}
