import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/database';
import { companyMigrations } from '../../src/main/core/db/migrations';
import type { CvdwClient, CvdwEnvelope } from '../../src/main/core/sources/cvdw/client';
import { STREAMS } from '../../src/main/core/sources/cvdw/records';
import { createCvdwStream, type CvdwCursor } from '../../src/main/core/sources/cvdw/stream';

type Row = { referencia: string; referencia_data: string | null; ativo: string; idcomissao: number };

/**
 * An endpoint with the reference's paging rules (§5–6) over rows the test controls: ascending by
 * referencia_data with zero/null first, inclusive a_partir_data_referencia, offset pages of
 * registros_por_pagina, and 400 on a zero date.
 */
function endpoint(rows: Row[]) {
  const requests: Array<Record<string, string | number>> = [];
  const key = (r: Row) => (r.referencia_data === null || r.referencia_data.startsWith('0000') ? '' : r.referencia_data);
  const client = {
    async page(_path: string, query: Record<string, string | number>): Promise<CvdwEnvelope> {
      requests.push(query);
      const since = query.a_partir_data_referencia as string | undefined;
      if (since !== undefined && (since.startsWith('0000') || !/^\d{4}-\d{2}-\d{2}/.test(since))) throw new Error('400 O campo a_partir_data_referencia não é válido');
      const size = Number(query.registros_por_pagina);
      const page = Number(query.pagina);
      const matching = rows
        .filter((r) => since === undefined || (key(r) !== '' && key(r) >= since))
        .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : Number(a.referencia) - Number(b.referencia)));
      return {
        pagina: page,
        registros: size,
        total_de_registros: matching.length,
        total_de_paginas: Math.ceil(matching.length / size),
        dados: matching.slice((page - 1) * size, page * size).map((r) => ({ ...r })),
      };
    },
  };
  return { client: client as unknown as CvdwClient, requests };
}

const mapping = STREAMS.find((s) => s.name === 'comissoes')!;
const row = (n: number, date: string | null): Row => ({ referencia: String(n), referencia_data: date, ativo: 'S', idcomissao: n });

async function scan(client: CvdwClient, saved: CvdwCursor | null, options: { full?: boolean; now?: number; db?: ReturnType<typeof openDatabase> } = {}) {
  const db = options.db ?? openDatabase(':memory:', companyMigrations);
  const stream = createCvdwStream({ mapping, client, fullEveryMs: 7 * 86_400_000, onInvalid: () => undefined, now: () => options.now ?? Date.now() });
  let cursor = stream.begin(saved, { full: options.full ?? false });
  const started = cursor;
  for (;;) {
    const page = await stream.fetch(cursor, new AbortController().signal);
    stream.write(db, page.records, cursor);
    cursor = page.next;
    if (page.done) break;
  }
  return { db, cursor, started };
}

const keys = (db: ReturnType<typeof openDatabase>) => (db.prepare('SELECT referencia FROM cvdw_commissions ORDER BY CAST(referencia AS INTEGER)').all() as Array<{ referencia: string }>).map((r) => Number(r.referencia));

describe('CVDW stream paging', () => {
  it('pages through more rows sharing one referencia_data than a page holds', async () => {
    const rows = [...Array.from({ length: 1200 }, (_, i) => row(i + 1, '2024-05-05 10:00:00')), ...Array.from({ length: 30 }, (_, i) => row(2000 + i, `2024-05-06 10:00:${String(i).padStart(2, '0')}`))];
    const { client, requests } = endpoint(rows);
    const { db, cursor } = await scan(client, null);
    expect(keys(db)).toEqual(rows.map((r) => Number(r.referencia)).sort((a, b) => a - b));
    expect(cursor.maxSeen).toBe('2024-05-06 10:00:29');
    // Page 1 unfiltered, then the tie group by pages 2 and 3 of its date.
    expect(requests.map((q) => [q.pagina, q.a_partir_data_referencia ?? null])).toEqual([
      [1, null],
      [1, '2024-05-05 10:00:00'],
      [2, '2024-05-05 10:00:00'],
      [3, '2024-05-05 10:00:00'],
    ]);
  });

  it('walks pages made only of zero/null dates without ever sending a zero date', async () => {
    const rows = [
      ...Array.from({ length: 700 }, (_, i) => row(i + 1, i % 3 === 0 ? null : '0000-00-00 00:00:00')),
      ...Array.from({ length: 600 }, (_, i) => row(1000 + i, `2024-01-${String(1 + (i % 28)).padStart(2, '0')} 08:00:00`)),
    ];
    const { client, requests } = endpoint(rows);
    const { db, cursor } = await scan(client, null);
    expect(keys(db)).toHaveLength(rows.length);
    expect(db.prepare('SELECT COUNT(*) AS n FROM cvdw_commissions WHERE referencia_data IS NULL').get()).toEqual({ n: 700 });
    expect(requests[0]).not.toHaveProperty('a_partir_data_referencia');
    expect(requests[1]).toEqual({ pagina: 2, registros_por_pagina: 500 });
    expect(cursor).toMatchObject({ inScan: false, since: '2024-01-28 08:00:00', mode: 'full' });

    // The next run is incremental from the boundary; zero-date rows are not asked for again.
    requests.length = 0;
    const next = await scan(client, cursor, { db });
    expect(requests).toEqual([{ pagina: 1, registros_por_pagina: 500, a_partir_data_referencia: '2024-01-28 08:00:00' }]);
    expect(next.started.mode).toBe('incremental');
  });

  it('an empty endpoint ends at once and the next run is unfiltered again', async () => {
    const { client, requests } = endpoint([]);
    const { cursor } = await scan(client, null);
    expect(cursor.maxSeen).toBeNull();
    await scan(client, cursor);
    expect(requests).toEqual([
      { pagina: 1, registros_por_pagina: 500 },
      { pagina: 1, registros_por_pagina: 500 },
    ]);
  });

  it('resumes a scan in progress; --full restarts an incremental one but resumes a full one', () => {
    const { client } = endpoint([]);
    const stream = createCvdwStream({ mapping, client, fullEveryMs: 7 * 86_400_000, onInvalid: () => undefined });
    const recent = new Date().toISOString();
    const midIncremental: CvdwCursor = { mode: 'incremental', inScan: true, since: '2024-01-01 00:00:00', page: 2, maxSeen: '2024-02-01 00:00:00', scanId: 4, fetched: 500, scanStartedAt: recent, lastFullAt: recent };
    expect(stream.begin(midIncremental, { full: false })).toEqual(midIncremental);
    expect(stream.begin(midIncremental, { full: true })).toMatchObject({ mode: 'full', since: null, page: 1, scanId: 5, inScan: false });
    const midFull: CvdwCursor = { ...midIncremental, mode: 'full' };
    expect(stream.begin(midFull, { full: true })).toEqual(midFull);
    const finished: CvdwCursor = { ...midIncremental, inScan: false, since: '2024-02-01 00:00:00', page: 1 };
    expect(stream.begin(finished, { full: false })).toMatchObject({ mode: 'incremental', since: '2024-02-01 00:00:00', page: 1, scanId: 5, fetched: 0 });
    const stale: CvdwCursor = { ...finished, lastFullAt: new Date(Date.now() - 8 * 86_400_000).toISOString() };
    expect(stream.begin(stale, { full: false })).toMatchObject({ mode: 'full', since: null });
    // A cursor from another version or a hand-edited one starts a full scan instead of failing.
    expect(stream.begin({ since: '0000-00-00 00:00:00' } as never, { full: false })).toMatchObject({ mode: 'full', since: null, scanId: 1 });
  });
});
