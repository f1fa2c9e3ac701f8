import type { Db } from '../../db/database';
import { MirrorWriter, type MirrorTableSpec } from '../../sync/mirrorWriter';
import type { StreamPage, SyncStream, WriteCounts } from '../../sync/types';
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
  /** Writes alongside the page (same transaction), e.g. the labels of a conversation page. */
  writeExtra?(db: Db, records: R[]): void;
}

export const OVERLAP_MS = 10 * 60_000;

/**
 * One Chatwoot table read through a server-side cursor (DECLARE … FETCH) inside a READ ONLY,
 * REPEATABLE READ transaction: the database sorts once, each page is a FETCH, memory holds at most
 * two pages whatever the table's size.
 */
export function createTableStream<R extends { id: number; updated_at: number }>(
  spec: TableStreamSpec<R>,
  deps: { session: () => Promise<ChatwootSession>; fullEveryMs: number; now?: () => number },
): SyncStream<TableCursor> {
  const now = deps.now ?? Date.now;
  const cursorName = `nexus_${spec.name}`;
  let open: { session: ChatwootSession; scan: number } | null = null;
  let writer: MirrorWriter | null = null;

  async function declare(cursor: TableCursor): Promise<ChatwootSession> {
    const session = await deps.session();
    const after =
      cursor.u === null
        ? ''
        : ` AND (t.updated_at, t.id) > (to_timestamp(${Number(cursor.u) / 1000}) AT TIME ZONE 'UTC', ${Math.trunc(Number(cursor.id))})`;
    await session.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await session.client.query(`DECLARE ${cursorName} NO SCROLL CURSOR FOR ${spec.select}${after} ORDER BY t.updated_at, t.id`);
    open = { session, scan: cursor.scan };
    return session;
  }

  return {
    name: spec.name,
    label: spec.label,
    unit: spec.unit,
    begin(saved, options) {
      open = null;
      const scan = now();
      const lastFullAt = saved?.lastFullAt ?? null;
      if (saved && !saved.finished && !options.full) return saved;
      const fullDue = !spec.incremental || options.full || !saved || lastFullAt === null || scan - lastFullAt >= deps.fullEveryMs;
      if (fullDue) return { scan, full: true, finished: false, u: null, id: 0, lastFullAt };
      return { scan, full: false, finished: false, u: saved.u === null ? null : saved.u - OVERLAP_MS, id: 0, lastFullAt };
    },
    async fetch(cursor, signal) {
      signal.throwIfAborted();
      const session = open && open.scan === cursor.scan ? open.session : await declare(cursor);
      const result = await session.client.query<R>(`FETCH ${spec.pageSize} FROM ${cursorName}`);
      const records = result.rows;
      if (spec.enrich && records.length) await spec.enrich(session, records);
      const last = records[records.length - 1];
      const done = records.length < spec.pageSize;
      if (done) {
        await session.client.query(`CLOSE ${cursorName}`);
        await session.client.query('COMMIT');
        open = null;
      }
      const u = last ? last.updated_at : cursor.u;
      const id = last ? last.id : cursor.id;
      const next: TableCursor = done
        ? { scan: cursor.scan, full: false, finished: true, u, id, lastFullAt: cursor.full ? cursor.scan : cursor.lastFullAt }
        : { ...cursor, u, id };
      return { records, next, done } satisfies StreamPage<TableCursor>;
    },
    write(db, records, cursor): WriteCounts {
      writer ??= new MirrorWriter(db, spec.mirror, { assumeNewOnFreshScan: true });
      const typed = records as R[];
      const counts = writer.write(typed.map((r) => spec.row(r)), cursor.scan, cursor.full);
      spec.writeExtra?.(db, typed);
      markDirty(db, typed, spec);
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

/**
 * Notes what a written page changes downstream, in the page's transaction: the conversations whose
 * analytics row must be recomputed and the days whose roll-ups must be rebuilt (each once per page).
 */
export function markDirty<R>(db: Db, records: R[], spec: Pick<TableStreamSpec<R>, 'conversationOf' | 'dayOf'>): void {
  if (spec.conversationOf) {
    const conversations = new Set<number>();
    for (const record of records) {
      const id = spec.conversationOf(record);
      if (id !== null) conversations.add(id);
    }
    if (conversations.size) db.prepare('INSERT OR IGNORE INTO cw_dirty (conversation_id) SELECT value FROM json_each(?)').run(JSON.stringify([...conversations]));
  }
  if (spec.dayOf) {
    const days = new Set(records.map((r) => spec.dayOf?.(r)));
    if (days.size) db.prepare('INSERT OR IGNORE INTO cw_dirty_days (day) SELECT value FROM json_each(?)').run(JSON.stringify([...days]));
  }
}

/** Before a full scan removes the rows it did not meet: their conversations and days change too. */
export function markUnseenDirty(db: Db, spec: Pick<TableStreamSpec<unknown>, 'conversationColumn' | 'dayOf' | 'mirror'>, scan: number): void {
  if (spec.conversationColumn) {
    db.prepare(`INSERT OR IGNORE INTO cw_dirty (conversation_id) SELECT ${spec.conversationColumn} FROM ${spec.mirror.table} WHERE seen_scan IS NOT ?`).run(scan);
  }
  if (spec.dayOf) db.prepare(`INSERT OR IGNORE INTO cw_dirty_days (day) SELECT DISTINCT day FROM ${spec.mirror.table} WHERE seen_scan IS NOT ?`).run(scan);
}
