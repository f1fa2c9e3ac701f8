import { z } from 'zod';
import type { Db } from '../../db/database';
import { MirrorWriter, type MirrorTableSpec } from '../../sync/mirrorWriter';
import type { HttpClient } from '../../sync/httpClient';
import type { StreamPage, SyncStream, WriteCounts } from '../../sync/types';
import { PLOOMES_OVERLAP_MS, PLOOMES_PAGE_SIZE } from './constants';
import { describeInvalid } from './records';

/**
 * Where a scan of one Ploomes collection stands. Paging is by key (`Id gt afterId`, ordered by Id),
 * not by `$skip`: a record deleted or inserted mid-scan cannot shift the pages and make us skip one.
 */
export interface KeysetCursor {
  mode: 'full' | 'incremental';
  /** Lower bound on LastUpdateDate (ISO with offset) for incremental scans; null = everything. */
  since: string | null;
  afterId: number;
  /** Increases with every scan; rows are stamped with it, so a full scan knows what it did not meet. */
  scanId: number;
  /** The server's clock when this scan began: the next scan starts there, minus an overlap. */
  scanStartedAt: string | null;
  /** Records fetched in this scan so far and the Id range, for the progress estimate. */
  fetched: number;
  firstId: number | null;
  lastIdOfScan: number | null;
}

export interface InvalidRecord {
  id: unknown;
  problem: string;
}

export interface KeysetStreamOptions {
  name: string;
  label: string;
  unit: string;
  path: string;
  http: HttpClient;
  /** Incremental by LastUpdateDate; small reference collections are re-read whole every time. */
  incremental: boolean;
  /** Estimate the scan's size with one extra request (worth it for big collections only). */
  estimate: boolean;
  /** Maps source records to rows, or (deleted feeds) returns ids to delete. */
  target:
    | { kind: 'mirror'; spec: MirrorTableSpec; row: (record: Record<string, unknown>) => unknown[] }
    | { kind: 'delete'; spec: MirrorTableSpec };
  onInvalid: (stream: string, invalid: InvalidRecord) => void;
  /** Clock used when the server sends no Date header (tests pin it). */
  now?: () => number;
}

const CursorShape = z.object({
  mode: z.enum(['full', 'incremental']),
  since: z.string().nullable(),
  afterId: z.number().int().nonnegative(),
  scanId: z.number().int().positive(),
  scanStartedAt: z.string().nullable(),
  fetched: z.number().int().nonnegative(),
  firstId: z.number().int().nullable(),
  lastIdOfScan: z.number().int().nullable(),
});

export function createKeysetStream(options: KeysetStreamOptions): SyncStream<KeysetCursor> {
  const writers = new WeakMap<Db, MirrorWriter>();
  const writerFor = (db: Db) => {
    let writer = writers.get(db);
    if (!writer) {
      writer = new MirrorWriter(db, options.target.spec);
      writers.set(db, writer);
    }
    return writer;
  };

  const freshScan = (mode: KeysetCursor['mode'], since: string | null, scanId: number): KeysetCursor => ({
    mode,
    since,
    afterId: 0,
    scanId,
    scanStartedAt: null,
    fetched: 0,
    firstId: null,
    lastIdOfScan: null,
  });

  return {
    name: options.name,
    label: options.label,
    unit: options.unit,

    begin(saved, { full }) {
      const parsed = CursorShape.safeParse(saved);
      if (!parsed.success) return freshScan('full', null, 1);
      const cursor = parsed.data;
      const midScan = cursor.afterId > 0;
      if (!options.incremental) return midScan ? cursor : freshScan('full', null, cursor.scanId + 1);
      if (full && !(midScan && cursor.mode === 'full')) return freshScan('full', null, cursor.scanId + 1);
      return cursor;
    },

    async fetch(cursor, signal): Promise<StreamPage<KeysetCursor>> {
      const updatedSince = cursor.since ? `LastUpdateDate ge ${cursor.since}` : null;
      const filter = [updatedSince, `Id gt ${cursor.afterId}`].filter(Boolean).join(' and ');
      const pageRequest = options.http.getJson<{ value: unknown }>(
        options.path,
        { $filter: filter, $orderby: 'Id', $top: PLOOMES_PAGE_SIZE },
        signal,
      );
      // The size estimate (last Id of the scan) travels with the scan's first page; both settle
      // together so a failure of either never leaves the other one unobserved.
      const estimateRequest =
        options.estimate && cursor.afterId === 0
          ? options.http.getJson<{ value: unknown }>(
              options.path,
              { ...(updatedSince ? { $filter: updatedSince } : {}), $orderby: 'Id desc', $top: 1, $select: 'Id' },
              signal,
            )
          : null;
      const [page, last] = await Promise.all([pageRequest, estimateRequest]);
      const lastIdOfScan = last ? (idsOf(last.body.value, options.path)[0] ?? null) : cursor.lastIdOfScan;
      const records = recordsOf(page.body.value, options.path);
      const scanStartedAt = cursor.scanStartedAt ?? ploomesDate(page.serverDate?.getTime() ?? (options.now ?? Date.now)());
      const ids = records.map((r) => (typeof r.Id === 'number' ? r.Id : NaN)).filter((n) => Number.isInteger(n));
      const fetched = cursor.fetched + records.length;
      const firstId = cursor.firstId ?? ids[0] ?? null;
      const afterId = ids.length ? Math.max(cursor.afterId, ...ids) : cursor.afterId;
      const done = records.length < PLOOMES_PAGE_SIZE;
      const next: KeysetCursor = done
        ? freshScan('incremental', options.incremental ? ploomesDate(Date.parse(scanStartedAt) - PLOOMES_OVERLAP_MS) : null, cursor.scanId + 1)
        : { ...cursor, afterId, scanStartedAt, fetched, firstId, lastIdOfScan };
      return { records, next, done, estimatedTotal: done ? fetched : estimate(fetched, firstId, afterId, lastIdOfScan) };
    },

    write(db, records, cursor): WriteCounts {
      const writer = writerFor(db);
      if (options.target.kind === 'delete') {
        const ids = records.map((r) => (r as { Id?: unknown }).Id).filter((v): v is number => Number.isInteger(v));
        return { inserted: 0, updated: 0, unchanged: 0, deleted: writer.deleteIds(ids) };
      }
      const rows: unknown[][] = [];
      for (const record of records) {
        try {
          rows.push(options.target.row(record as Record<string, unknown>));
        } catch (err) {
          const problem = err instanceof z.ZodError ? describeInvalid(err) : (err as Error).message;
          options.onInvalid(options.name, { id: (record as { Id?: unknown }).Id ?? null, problem });
        }
      }
      return writer.write(rows, cursor.scanId, cursor.mode === 'full');
    },

    complete(db, ended) {
      return options.target.kind === 'mirror' && ended.mode === 'full' ? writerFor(db).deleteUnseen(ended.scanId) : 0;
    },
  };
}

function recordsOf(value: unknown, path: string): Array<Record<string, unknown>> {
  if (!Array.isArray(value)) throw new Error(`Resposta do Ploomes sem a lista "value" em ${path}`);
  return value as Array<Record<string, unknown>>;
}

function idsOf(value: unknown, path: string): number[] {
  return recordsOf(value, path)
    .map((r) => r.Id)
    .filter((v): v is number => typeof v === 'number');
}

function estimate(fetched: number, firstId: number | null, afterId: number, lastId: number | null): number | null {
  if (firstId === null || lastId === null || lastId <= firstId || afterId <= firstId) return null;
  const fraction = Math.min(1, (afterId - firstId) / (lastId - firstId));
  return fraction > 0 ? Math.round(fetched / fraction) : null;
}

/** ISO-8601 at -03:00, the offset Ploomes writes and expects (seconds precision). */
export function ploomesDate(epochMs: number): string {
  const local = new Date(epochMs - 3 * 3600_000);
  return `${local.toISOString().slice(0, 19)}-03:00`;
}
