import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPloomesSim, type PloomesSim } from '../../src/main/sim/ploomes';
import { page, q } from './ploomes-http';

let sim: PloomesSim;
let expectedIds: number[];

beforeAll(async () => {
  sim = await startPloomesSim({ rateLimit: false });
  expectedIds = [...sim.deals()].map((d) => d.Id as number);
});
afterAll(() => sim.close());

describe('Ploomes simulator paging', () => {
  it('keyset paging (Id gt last, orderby Id) returns every deal exactly once, in order', async () => {
    const seen: number[] = [];
    let last = 0;
    for (;;) {
      const rows = await page(sim, `/Deals?$filter=${q(`LastUpdateDate ge 2020-01-01T00:00:00-03:00 and Id gt ${last}`)}&$orderby=Id&$top=300&$select=Id`);
      seen.push(...rows.map((r) => r.Id as number));
      if (rows.length < 300) break;
      last = seen[seen.length - 1];
    }
    expect(seen).toEqual(expectedIds);
  });

  it('$skip paging returns every deal exactly once, in order', async () => {
    const seen: number[] = [];
    for (let skip = 0; ; skip += 300) {
      const rows = await page(sim, `/Deals?$orderby=Id&$top=300&$skip=${skip}&$select=Id`);
      seen.push(...rows.map((r) => r.Id as number));
      if (rows.length < 300) break;
    }
    expect(seen).toEqual(expectedIds);
  });

  it('keyset paging on an incremental filter returns exactly the matching deals', async () => {
    const since = Date.parse('2025-03-01T00:00:00-03:00');
    const expected = [...sim.deals()].filter((d) => Date.parse(d.LastUpdateDate as string) >= since).map((d) => d.Id);
    const seen: unknown[] = [];
    let last = 0;
    for (;;) {
      const rows = await page(sim, `/Deals?$filter=${q(`LastUpdateDate ge 2025-03-01T00:00:00-03:00 and Id gt ${last}`)}&$orderby=Id&$top=100&$select=Id`);
      seen.push(...rows.map((r) => r.Id));
      if (rows.length < 100) break;
      last = rows[rows.length - 1].Id as number;
    }
    expect(seen).toEqual(expected);
    expect(expected.length).toBeGreaterThan(100);
  });

  it('descending Id order with a keyset bound walks backwards', async () => {
    const rows = await page(sim, `/Deals?$filter=${q(`Id lt ${expectedIds[1000]}`)}&$orderby=Id desc&$top=5&$select=Id`);
    expect(rows.map((r) => r.Id)).toEqual(expectedIds.slice(995, 1000).reverse());
  });

  it('paging by a non-key order with $skip never repeats or skips a row', async () => {
    const seen: number[] = [];
    for (let skip = 0; ; skip += 300) {
      const rows = await page(sim, `/Deals?$orderby=LastUpdateDate desc&$top=300&$skip=${skip}&$select=Id`);
      seen.push(...rows.map((r) => r.Id as number));
      if (rows.length < 300) break;
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(expectedIds);
  });
});
