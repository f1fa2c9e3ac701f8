import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPloomesSim, type PloomesSim } from '../../src/main/sim/ploomes';
import { page, q } from './ploomes-http';

// The large data set with a custom end (a separate file, so it does not share a process, and its
// memory, with the default large data set).
const dataEnd = new Date('2026-11-23T15:00:00-03:00');
let sim: PloomesSim;
let startMs = 0;
beforeAll(async () => {
  const t = performance.now();
  sim = await startPloomesSim({ size: 'large', rateLimit: false, dataEnd });
  startMs = performance.now() - t;
}, 60_000);
afterAll(() => sim.close());

describe('Ploomes simulator, large data set ending at a chosen instant', () => {
  it('starts as fast as the default one', () => {
    expect(startMs).toBeLessThan(8_000);
    expect(sim.deletedDealIds().length).toBeGreaterThan(1_000);
  });

  it('has a million deals up to dataEnd and none after it', async () => {
    let t = performance.now();
    const after = await page(sim, `/Deals?$filter=${q('LastUpdateDate gt 2026-11-23T15:00:00-03:00')}&$select=Id`);
    expect(performance.now() - t).toBeLessThan(2_000);
    expect(after).toEqual([]);

    t = performance.now();
    const latest = await page(sim, `/Deals?$filter=${q('CreateDate ge 2026-11-23T00:00:00-03:00')}&$orderby=Id desc&$top=300&$select=Id,CreateDate,StartDate,FinishDate,LastUpdateDate`);
    expect(performance.now() - t).toBeLessThan(2_000);
    expect(latest).toHaveLength(300);
    for (const d of latest) {
      expect(Date.parse(d.CreateDate as string)).toBeLessThanOrEqual(dataEnd.getTime());
      expect(Date.parse(d.LastUpdateDate as string)).toBeLessThanOrEqual(dataEnd.getTime());
    }

    const [first] = await page(sim, '/Deals?$orderby=Id&$top=1&$select=CreateDate');
    expect(first.CreateDate).toMatch(/^2023-11-2[5-7]T/);
  });

  it('serves the last keyset page in milliseconds', async () => {
    const [tail] = await page(sim, '/Deals?$orderby=Id desc&$top=1&$select=Id');
    const lastId = tail.Id as number;
    const filter = q(`LastUpdateDate ge 2024-01-01T00:00:00-03:00 and Id gt ${lastId - 300}`);
    await page(sim, `/Deals?$filter=${filter}&$orderby=Id&$top=300`);
    const t = performance.now();
    const keyset = await page(sim, `/Deals?$filter=${filter}&$orderby=Id&$top=300`);
    expect(performance.now() - t).toBeLessThan(250);
    expect(keyset[keyset.length - 1].Id).toBe(lastId);
  });
});
