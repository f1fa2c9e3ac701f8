import type { Db } from '../../db/database';
import { MirrorWriter, type MirrorTableSpec } from '../../sync/mirrorWriter';
import type { StreamPage, SyncStream, WriteCounts } from '../../sync/types';
import type { ChatwootReader } from './readerClient';
import type { ReaderPage } from './readerProtocol';
import type { ChatwootSession } from './session';

/**
 * Where a Chatwoot table's scan stands. `finished` scans start the next run from `u` minus an
 * overlap (a row committed late can carry an earlier updated_at); an unfinished one (the app was
 * closed or killed mid-scan) resumes exactly where it stopped, with the same scan id, so a full
 * scan still removes only the rows it really did not meet.
 */
export interface TableCursor {
  scan: number;
  full: boolean;
  finished: boolean;
  /** Last (updated_at ms, id) written; keyset position. */
  u: number | null;
  id: number;
  lastFullAt: number | null;
}

export interface TableStreamSpec<R> {
  name: string;
  label: string;
  unit: string;
  /** Incremental by updated_at; small catalogue tables are simply re-read whole every run. */
  incremental: boolean;
  /** `SELECT … FROM … WHERE <account filter>` with `t` as the scanned table's alias; no ORDER BY. */
  select: string;
  pageSize: number;
  mirror: MirrorTableSpec;
  row(record: R): unknown[];
  /** Conversations whose analytics row depends on this record, and the mirror column holding it. */
  conversationOf?(record: R): number | null;
  conversationColumn?: 'id' | 'conversation_id';
  /** Local day of a record that the daily roll-ups count (messages, events). */
  dayOf?(record: R): string;
  /** Extra reads for a fetched page on the same session (e.g. a conversation page's labels). */
  enrich?(session: ChatwootSession, records: R[]): Promise<void>;
  /** Per-row data written beside the rows (same transaction), e.g. a conversation's labels. */
  extraOf?(record: R): unknown;
  writeExtra?(db: Db, extras: unknown[]): void;
}

export const OVERLAP_MS = 10 * 60_000;

/**
 * One Chatwoot table read through a server-side cursor (DECLARE … FETCH, READ ONLY, REPEATABLE
 * READ) by the reader thread, which parses and maps each page while this thread writes the previous
 * one: the database sorts once, memory holds at most two pages whatever the table's size.
 */
export function createTableStream<R extends { id: number; updated_at: number }>(
  spec: TableStreamSpec<R>,
  deps: { reader: () => ChatwootReader; fullEveryMs: number; now?: () => number },
): SyncStream<TableCursor> {
  const now = deps.now ?? Date.now;
  let openScan: number | null = null;
  let writer: MirrorWriter | null = null;
  // What each fetched page changes besides its rows, keyed by the rows array the engine hands back.
  const pageMeta = new WeakMap<unknown[], ReaderPage>();

  return {
    name: spec.name,
    label: spec.label,
    unit: spec.unit,
    begin(saved, options) {
      openScan = null;
      const scan = now();
      const lastFullAt = saved?.lastFullAt ?? null;
      if (saved && !saved.finished && !options.full) return saved;
      const fullDue = !spec.incremental || options.full || !saved || lastFullAt === null || scan - lastFullAt >= deps.fullEveryMs;
      if (fullDue) return { scan, full: true, finished: false, u: null, id: 0, lastFullAt };
      return { scan, full: false, finished: false, u: saved.u === null ? null : saved.u - OVERLAP_MS, id: 0, lastFullAt };
    },
    async fetch(cursor, signal) {
      signal.throwIfAborted();
      const reader = deps.reader();
      if (openScan !== cursor.scan) {
        await reader.open(spec.name, cursor.u === null ? null : { u: cursor.u, id: cursor.id });
        openScan = cursor.scan;
      }
      const page = await reader.next(spec.name);
      if (page.done) openScan = null;
      pageMeta.set(page.rows, page);
      const u = page.last ? page.last.u : cursor.u;
      const id = page.last ? page.last.id : cursor.id;
      const next: TableCursor = page.done
        ? { scan: cursor.scan, full: false, finished: true, u, id, lastFullAt: cursor.full ? cursor.scan : cursor.lastFullAt }
        : { ...cursor, u, id };
      return { records: page.rows, next, done: page.done } satisfies StreamPage<TableCursor>;
    },
    write(db, records, cursor): WriteCounts {
      writer ??= new MirrorWriter(db, spec.mirror, { assumeNewOnFreshScan: true });
      const rows = records as unknown[][];
      const page = pageMeta.get(rows);
      const counts = writer.write(rows, cursor.scan, cursor.full);
      if (page?.extras) spec.writeExtra?.(db, page.extras);
      if (page) markDirtyIds(db, page.conversations, page.days);
      return counts;
    },
    complete(db, ended) {
      if (!ended.full || !writer) return 0;
      // Rows about to go (deleted at the source) change their conversation's analytics row.
      if (writer.metAll(ended.scan)) return writer.deleteUnseen(ended.scan);
      markUnseenDirty(db, spec, ended.scan);
      return writer.deleteUnseen(ended.scan);
    },
  };
}

/** Notes, in the page's transaction, the conversations and days a written page changed. */
export function markDirtyIds(db: Db, conversations: number[], days: string[]): void {
  if (conversations.length) db.prepare('INSERT OR IGNORE INTO cw_dirty (conversation_id) SELECT value FROM json_each(?)').run(JSON.stringify(conversations));
  if (days.length) db.prepare('INSERT OR IGNORE INTO cw_dirty_days (day) SELECT value FROM json_each(?)').run(JSON.stringify(days));
}

/**
 * Notes what a written page changes downstream, in the page's transaction: the conversations whose
 * analytics row must be recomputed and the days whose roll-ups must be rebuilt (each once per page).
 */
export function markDirty<R>(db: Db, records: R[], spec: Pick<TableStreamSpec<R>, 'conversationOf' | 'dayOf'>): void {
  const conversations = new Set<number>();
  const days = new Set<string>();
  for (const record of records) {
    const id = spec.conversationOf?.(record);
    if (id !== null && id !== undefined) conversations.add(id);
    if (spec.dayOf) days.add(spec.dayOf(record));
  }
  markDirtyIds(db, [...conversations], [...days]);
}

/** Before a full scan removes the rows it did not meet: their conversations and days change too. */
export function markUnseenDirty(db: Db, spec: Pick<TableStreamSpec<unknown>, 'conversationColumn' | 'dayOf' | 'mirror'>, scan: number): void {
  if (spec.conversationColumn) {
    db.prepare(`INSERT OR IGNORE INTO cw_dirty (conversation_id) SELECT ${spec.conversationColumn} FROM ${spec.mirror.table} WHERE seen_scan IS NOT ?`).run(scan);
  }
  if (spec.dayOf) db.prepare(`INSERT OR IGNORE INTO cw_dirty_days (day) SELECT DISTINCT day FROM ${spec.mirror.table} WHERE seen_scan IS NOT ?`).run(scan);
}
