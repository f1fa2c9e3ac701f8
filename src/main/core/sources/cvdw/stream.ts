import { z } from 'zod';
import type { Db } from '../../db/database';
import { MirrorWriter } from '../../sync/mirrorWriter';
import type { StreamPage, SyncStream, WriteCounts } from '../../sync/types';
import type { CvdwClient } from './client';
import { CVDW_PAGE_SIZE } from './constants';
import { moment } from './normalize';
import { columnsOf, InvalidCvdwRecord, rowOf, type StreamMapping } from './records';

/**
 * Where a scan of one CVDW endpoint stands.
 *
 * Incremental sync follows the reference (§6): the next run asks for `a_partir_data_referencia` =
 * the greatest non-zero `referencia_data` met (inclusive, so boundary rows come back and are
 * upserted by `referencia`). Inside a scan the same rule is applied at every page: each request
 * starts at the greatest `referencia_data` met so far instead of at a page offset. Rows are
 * ordered by `referencia_data`, and a row changed mid-scan jumps to the end; with offsets that
 * jump shifts every later row back one place and the row crossing the page boundary is never
 * read, while a lower bound on the date cannot be shifted. `pagina` 2, 3… is used only while a
 * whole page shares one `referencia_data` (or has none: the zero-date rows an unfiltered scan
 * meets first), where the bound cannot advance.
 */
export interface CvdwCursor {
  mode: 'full' | 'incremental';
  /** True between a scan's first and last page: a new run resumes it instead of starting over. */
  inScan: boolean;
  /** Lower bound (inclusive) of the next request; null = unfiltered. Never a zero date. */
  since: string | null;
  /** Page of `since` to request next. */
  page: number;
  /** Greatest non-zero referencia_data met, carried across scans: the next scan starts there. */
  maxSeen: string | null;
  scanId: number;
  /** Records received in this scan so far (boundary rows count again). */
  fetched: number;
  /** When this scan began and when the last complete full scan began (ISO instants). */
  scanStartedAt: string;
  lastFullAt: string | null;
}

const Moment = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/).refine((v) => !v.startsWith('0000'));

const CursorShape = z.object({
  mode: z.enum(['full', 'incremental']),
  inScan: z.boolean(),
  since: Moment.nullable(),
  page: z.number().int().positive(),
  maxSeen: Moment.nullable(),
  scanId: z.number().int().positive(),
  fetched: z.number().int().nonnegative(),
  scanStartedAt: z.string(),
  lastFullAt: z.string().nullable(),
});

export interface CvdwStreamOptions {
  mapping: StreamMapping;
  client: CvdwClient;
  /** Unfiltered scans re-read zero-date rows and catch rows whose date went backwards. */
  fullEveryMs: number;
  onInvalid: (stream: string, invalid: { id: unknown; problem: string }) => void;
  now?: () => number;
}

export function createCvdwStream(options: CvdwStreamOptions): SyncStream<CvdwCursor> {
  const { mapping, client } = options;
  const now = options.now ?? Date.now;
  const writers = new WeakMap<Db, MirrorWriter>();
  const writerFor = (db: Db) => {
    let writer = writers.get(db);
    if (!writer) {
      // `raw` is the version: referencia_data can be null, and then it says nothing about a change.
      writer = new MirrorWriter(db, { table: mapping.table, columns: columnsOf(mapping), versionColumn: 'raw' });
      writers.set(db, writer);
    }
    return writer;
  };

  const startScan = (previous: CvdwCursor | null, full: boolean): CvdwCursor => ({
    mode: full ? 'full' : 'incremental',
    inScan: false,
    since: full ? null : (previous?.maxSeen ?? null),
    page: 1,
    maxSeen: previous?.maxSeen ?? null,
    scanId: (previous?.scanId ?? 0) + 1,
    fetched: 0,
    scanStartedAt: new Date(now()).toISOString(),
    lastFullAt: previous?.lastFullAt ?? null,
  });

  return {
    name: mapping.name,
    label: mapping.label,
    unit: mapping.unit,

    begin(saved, { full }) {
      const parsed = CursorShape.safeParse(saved);
      if (!parsed.success) return startScan(null, true);
      const cursor = parsed.data;
      if (cursor.inScan && !(full && cursor.mode === 'incremental')) return cursor;
      const fullDue = cursor.lastFullAt === null || now() - Date.parse(cursor.lastFullAt) >= options.fullEveryMs;
      return startScan(cursor, full || fullDue);
    },

    async fetch(cursor, signal): Promise<StreamPage<CvdwCursor>> {
      const query: Record<string, string | number> = { pagina: cursor.page, registros_por_pagina: CVDW_PAGE_SIZE };
      if (cursor.since !== null) query.a_partir_data_referencia = cursor.since;
      const envelope = await client.page(mapping.path, query, signal);
      const records = envelope.dados;

      let pageMax: string | null = null;
      for (const record of records) {
        const date = moment((record as { referencia_data?: unknown } | null)?.referencia_data);
        if (date !== null && (pageMax === null || date > pageMax)) pageMax = date;
      }
      const maxSeen = pageMax !== null && (cursor.maxSeen === null || pageMax > cursor.maxSeen) ? pageMax : cursor.maxSeen;
      const fetched = cursor.fetched + records.length;
      const readSoFar = (cursor.page - 1) * CVDW_PAGE_SIZE + records.length;
      const remaining = Math.max(0, envelope.total_de_registros - readSoFar);
      const done = records.length === 0 || remaining === 0 || cursor.page >= envelope.total_de_paginas;

      if (done) {
        const next: CvdwCursor = {
          ...cursor,
          inScan: false,
          since: maxSeen,
          page: 1,
          maxSeen,
          fetched,
          lastFullAt: cursor.mode === 'full' ? cursor.scanStartedAt : cursor.lastFullAt,
        };
        return { records, next, done: true, estimatedTotal: fetched };
      }
      const advances = pageMax !== null && (cursor.since === null || pageMax > cursor.since);
      const next: CvdwCursor = advances
        ? { ...cursor, inScan: true, since: pageMax, page: 1, maxSeen, fetched }
        : { ...cursor, inScan: true, page: cursor.page + 1, maxSeen, fetched };
      return { records, next, done: false, estimatedTotal: fetched + remaining };
    },

    write(db, records, cursor): WriteCounts {
      const rows: unknown[][] = [];
      for (const record of records) {
        try {
          rows.push(rowOf(mapping, record));
        } catch (err) {
          if (!(err instanceof InvalidCvdwRecord)) throw err;
          options.onInvalid(mapping.name, { id: (record as { referencia?: unknown } | null)?.referencia ?? null, problem: err.message });
        }
      }
      return writerFor(db).write(rows, cursor.scanId, true);
    },
  };
}
