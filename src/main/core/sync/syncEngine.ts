import type { Company } from '../companies/companyStore';
import type { JobContext } from '../jobs/jobRunner';
import { log } from '../log/logger';
import { CursorStore } from './cursorStore';
import type { Connector, StreamPage, SyncStream, WriteCounts } from './types';

const BIG_SYNC_PAGES = 100;

export interface SyncRunOptions {
  full: boolean;
  /** Only these streams (names), in the connector's order; all when absent. */
  streams?: string[];
}

export interface StreamResult extends WriteCounts {
  stream: string;
  pages: number;
  records: number;
}

/**
 * Runs a connector's streams against a company's mirror. Every page is written together with the
 * cursor that follows it in ONE transaction, so a crash or a kill loses at most the page in
 * flight and the next run resumes from the saved cursor without duplicates. While a page is being
 * written the next one is already being fetched.
 */
export async function runSync(company: Company, connector: Connector, ctx: JobContext, options: SyncRunOptions): Promise<StreamResult[]> {
  const cursors = new CursorStore(company.db);
  const results: StreamResult[] = [];
  const streams = (connector.streams as SyncStream[]).filter((s) => !options.streams || options.streams.includes(s.name));
  try {
    for (const stream of streams) {
      results.push(await runStream(company, connector.source, stream, cursors, ctx, options.full));
    }
  } finally {
    await connector.close?.();
  }
  if (connector.afterSync) {
    ctx.progress({ phase: 'Atualizando indicadores', done: 0, total: null, unit: '' });
    company.db.transaction(() => connector.afterSync?.(company.db))();
  }
  // A big sync leaves a large write-ahead log that every later read must consult: fold it into the
  // database now (measured: the dashboard's queries right after a 2M-row sync, bench/chatwootSync.ts).
  if (results.reduce((n, r) => n + r.pages, 0) >= BIG_SYNC_PAGES) company.db.pragma('wal_checkpoint(TRUNCATE)');
  return results;
}

async function runStream(company: Company, source: string, stream: SyncStream, cursors: CursorStore, ctx: JobContext, full: boolean): Promise<StreamResult> {
  const result: StreamResult = { stream: stream.name, pages: 0, records: 0, inserted: 0, updated: 0, unchanged: 0, deleted: 0 };
  const key = `${source}.${stream.name}`;
  let cursor = stream.begin(cursors.load(source, stream.name), { full });
  ctx.progress({ phase: stream.label, done: 0, total: null, unit: stream.unit });
  let inFlight: Promise<StreamPage<unknown>> | null = guard(stream.fetch(cursor, ctx.signal));
  let estimatedTotal: number | null = null;

  while (inFlight) {
    const page: StreamPage<unknown> = await inFlight;
    inFlight = page.done ? null : guard(stream.fetch(page.next, ctx.signal));
    // Let the request leave before the synchronous write below holds the thread; otherwise the
    // source only starts on the next page after this one is written.
    if (inFlight) await new Promise((resolve) => setImmediate(resolve));
    const current = cursor;
    const counts = company.db.transaction(() => {
      const written = stream.write(company.db, page.records, current);
      if (page.done && stream.complete) written.deleted += stream.complete(company.db, current);
      cursors.save(source, stream.name, page.next);
      return written;
    })();
    cursor = page.next;
    result.pages++;
    result.records += page.records.length;
    for (const k of ['inserted', 'updated', 'unchanged', 'deleted'] as const) {
      result[k] += counts[k];
      if (counts[k]) ctx.count(`${key}.${k}`, counts[k]);
    }
    if (page.estimatedTotal !== undefined && page.estimatedTotal !== null) estimatedTotal = Math.max(page.estimatedTotal, result.records);
    ctx.progress({
      phase: stream.label,
      done: result.records,
      total: page.done ? result.records : estimatedTotal,
      unit: stream.unit,
    });
    if (ctx.signal.aborted && inFlight) {
      inFlight = null;
      ctx.signal.throwIfAborted();
    }
  }
  log.info('stream synced', { company: company.slug, ...result, stream: key });
  return result;
}

/** A prefetch that is abandoned (cancel, a failed write) must not become an unhandled rejection. */
function guard<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
