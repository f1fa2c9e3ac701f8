import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPloomesSim, type PloomesSim } from '../../src/main/sim/ploomes';
import { page, q } from './ploomes-http';

let sim: PloomesSim;
let startMs = 0;
beforeAll(async () => {
  const t = performance.now();
  sim = await startPloomesSim({ size: 'large', rateLimit: false });
  startMs = performance.now() - t;
}, 60_000);
afterAll(() => sim.close());

describe('Ploomes simulator, large data set', () => {
  it('starts in a few seconds with 50,000 customers and about a million deals', async () => {
    expect(startMs).toBeLessThan(8_000);
    const [last] = await page(sim, '/Contacts?$orderby=Id desc&$top=1&$select=Id');
    const [first] = await page(sim, '/Contacts?$top=1&$select=Id');
    expect(last.Id).toBeGreaterThan(first.Id as number);
    expect(sim.deletedDealIds().length).toBeGreaterThan(1_000);
  });

  it('serves the last keyset page and the last $skip page in milliseconds', async () => {
    const [tail] = await page(sim, '/Deals?$orderby=Id desc&$top=1&$select=Id');
    const lastId = tail.Id as number;
    const filter = q(`LastUpdateDate ge 2023-01-01T00:00:00-03:00 and Id gt ${lastId - 2000}`);
    await page(sim, `/Deals?$filter=${filter}&$orderby=Id&$top=300`);
    let t = performance.now();
    const keyset = await page(sim, `/Deals?$filter=${q(`LastUpdateDate ge 2023-01-01T00:00:00-03:00 and Id gt ${lastId - 300}`)}&$orderby=Id&$top=300`);
    const keysetMs = performance.now() - t;
    expect(keyset[keyset.length - 1].Id).toBe(lastId);
    expect(keysetMs).toBeLessThan(250);

    t = performance.now();
    const byKey = await page(sim, `/Deals?$filter=${q(`Id gt ${lastId - 1000}`)}&$orderby=Id&$top=300`);
    expect(performance.now() - t).toBeLessThan(250);
    expect(byKey).toHaveLength(300);

    await page(sim, '/Deals?$orderby=Id&$top=1&$skip=1&$select=Id');
    const live = 1_000_000 - sim.deletedDealIds().length;
    t = performance.now();
    const skipped = await page(sim, `/Deals?$orderby=Id&$top=300&$skip=${live - 300}&$select=Id`);
    expect(performance.now() - t).toBeLessThan(250);
    expect(skipped).toHaveLength(300);
    expect(skipped[skipped.length - 1].Id).toBe(lastId);
    expect(await page(sim, `/Deals?$orderby=Id&$top=300&$skip=${live}&$select=Id`)).toEqual([]);
  });

  it('stays within a modest memory budget', () => {
    expect(process.memoryUsage().rss).toBeLessThan(600 * 1024 * 1024);
  });
});
