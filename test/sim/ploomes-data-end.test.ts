import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ploomesDataEndOfDay, startPloomesSim, type PloomesSim } from '../../src/main/sim/ploomes';
import { call, page, q } from './ploomes-http';

type Rec = Record<string, unknown>;
const ms = (v: unknown) => Date.parse(v as string);
const DAY = 86_400_000;

/** All of a simulator's deals, live and deleted, as the API returns them. */
async function everyDeal(sim: PloomesSim): Promise<Rec[]> {
  return [...sim.deals(), ...(await page(sim, '/Deals/GetDeletedDeals?$top=300'))];
}

function expectConsistentDates(deal: Rec, dataEnd: number): void {
  const [created, start, update] = [deal.CreateDate, deal.StartDate, deal.LastUpdateDate].map(ms);
  const finish = deal.FinishDate === null ? null : ms(deal.FinishDate);
  const label = `deal ${String(deal.Id)}`;
  expect(created, label).toBeLessThanOrEqual(start);
  expect(finish ?? start, label).toBeGreaterThanOrEqual(start);
  expect(finish ?? start, label).toBeLessThanOrEqual(update);
  expect(update, label).toBeLessThanOrEqual(dataEnd);
  expect(deal.StatusId === 1, label).toBe(finish === null);
}

describe('Ploomes simulator dataEnd: data ending in the middle of a year', () => {
  // A Monday, during office hours: the last day is cut short at 14:30.
  const dataEnd = new Date('2026-06-15T14:30:00-03:00');
  const end = dataEnd.getTime();
  // 00:00 of the day 1,094 days before 2026-06-15 (a Saturday: the first records come on Monday the 19th).
  const start = Date.parse('2023-06-17T00:00:00-03:00');
  let sim: PloomesSim;
  let deals: Rec[];
  let contacts: Rec[];
  beforeAll(async () => {
    sim = await startPloomesSim({ rateLimit: false, dataEnd });
    deals = await everyDeal(sim);
    contacts = [...sim.contacts()];
  });
  afterAll(() => sim.close());

  it('keeps every deal date within [start, dataEnd] and in order', () => {
    expect(deals.length).toBe(3000);
    for (const deal of deals) {
      expect(ms(deal.CreateDate)).toBeGreaterThanOrEqual(start);
      expectConsistentDates(deal, end);
    }
    expect(Math.min(...deals.map((d) => ms(d.CreateDate)))).toBeLessThan(Date.parse('2023-06-20T00:00:00-03:00'));
  });

  it('reaches dataEnd: deals created on its last morning, recent wins and open deals', () => {
    const lastDay = deals.filter((d) => ms(d.CreateDate) >= Date.parse('2026-06-15T08:00:00-03:00'));
    expect(lastDay.length).toBeGreaterThan(0);
    for (const d of lastDay) expect(ms(d.CreateDate)).toBeLessThanOrEqual(end);
    const thisYear = deals.filter((d) => ms(d.CreateDate) >= Date.parse('2026-01-01T00:00:00-03:00'));
    expect(thisYear.length).toBeGreaterThan(300);
    expect(thisYear.some((d) => d.StatusId === 2)).toBe(true);
    expect(thisYear.filter((d) => d.StatusId === 1).length).toBeGreaterThan(thisYear.length / 3);
    expect(Math.max(...deals.map((d) => ms(d.LastUpdateDate)))).toBeGreaterThan(end - DAY);
  });

  it('keeps contacts within the span, with the import wave in its first days', () => {
    expect(contacts).toHaveLength(300);
    for (const c of contacts) {
      expect(ms(c.CreateDate)).toBeGreaterThanOrEqual(start);
      expect(ms(c.CreateDate)).toBeLessThanOrEqual(ms(c.LastUpdateDate));
      expect(ms(c.LastUpdateDate)).toBeLessThanOrEqual(end);
    }
    const imported = contacts.filter((c) => ms(c.CreateDate) < start + 12 * DAY);
    expect(imported.length / contacts.length).toBeGreaterThan(0.25);
    expect(imported.length / contacts.length).toBeLessThan(0.35);
    const byId = new Map(contacts.map((c) => [c.Id, c]));
    for (const d of sim.deals()) expect(ms(byId.get(d.ContactId)!.CreateDate)).toBeLessThanOrEqual(ms(d.CreateDate));
  });

  it('starts with a few deals already deleted, deleted no later than dataEnd', async () => {
    const deleted = await page(sim, '/Deals/GetDeletedDeals?$top=300');
    expect(deleted.length).toBeGreaterThanOrEqual(3);
    expect(deleted.length).toBe(sim.deletedDealIds().length);
    for (const d of deleted) expect(ms(d.LastUpdateDate)).toBeLessThanOrEqual(end);
  });

  it('answers "this year" queries over HTTP and has nothing after dataEnd', async () => {
    const thisYear = await page(sim, `/Deals?$filter=${q('CreateDate ge 2026-01-01T00:00:00-03:00')}&$orderby=CreateDate desc&$top=300&$select=Id,CreateDate`);
    expect(thisYear).toHaveLength(300);
    expect(ms(thisYear[0].CreateDate)).toBeGreaterThan(end - 7 * DAY);
    for (const field of ['CreateDate', 'StartDate', 'FinishDate', 'LastUpdateDate']) {
      expect(await page(sim, `/Deals?$filter=${q(`${field} gt 2026-06-15T14:30:00-03:00`)}&$select=Id`), field).toEqual([]);
    }
    expect(await page(sim, `/Contacts?$filter=${q('LastUpdateDate gt 2026-06-15T14:30:00-03:00')}&$select=Id`)).toEqual([]);
  });

  it('moves the account set-up dates with the data, before its start', async () => {
    for (const path of ['/Users', '/Deals@Pipelines', '/Fields', '/Account', '/Self']) {
      const rows = await page(sim, path);
      expect(rows.length, path).toBeGreaterThan(0);
      for (const row of rows) expect(ms(row.CreateDate), path).toBeLessThan(start);
    }
  });

  it('still stamps run-time writes with now(), whatever dataEnd says', async () => {
    const at = new Date('2026-11-23T10:00:00-03:00');
    const live = await startPloomesSim({ rateLimit: false, dataEnd, now: () => at });
    try {
      const [first] = live.deals();
      expect(live.updateDeal(first.Id as number, { Title: 'Renomeado' }).LastUpdateDate).toBe('2026-11-23T10:00:00-03:00');
      const [contact] = live.contacts();
      expect(live.createDeal({ Title: 'Novo', ContactId: contact.Id }).CreateDate).toBe('2026-11-23T10:00:00-03:00');
    } finally {
      await live.close();
    }
  });
});

describe('Ploomes simulator dataEnd: year-end deals', () => {
  it('wins deals at 22:30 on every 31 December and 00:30 on every 1 January of the span, for any seed', async () => {
    const dataEnd = ploomesDataEndOfDay('2026-11-23');
    expect(dataEnd.toISOString()).toBe('2026-11-24T02:59:59.999Z');
    for (const seed of [1, 2, 987654]) {
      const sim = await startPloomesSim({ seed, rateLimit: false, dataEnd });
      try {
        const won = [...sim.deals()].filter((d) => d.StatusId === 2);
        const at = (finish: string) => won.filter((d) => d.FinishDate === finish);
        for (const year of [2023, 2024, 2025]) {
          expect(at(`${year}-12-31T22:30:00-03:00`).length, `${seed}/${year}-12-31`).toBeGreaterThanOrEqual(2);
          expect(at(`${year + 1}-01-01T00:30:00-03:00`).length, `${seed}/${year + 1}-01-01`).toBeGreaterThanOrEqual(2);
        }
        expect(at('2022-12-31T22:30:00-03:00')).toEqual([]);
        expect(at('2023-01-01T00:30:00-03:00')).toEqual([]);
        for (const d of at('2025-12-31T22:30:00-03:00')) expect(new Date(ms(d.FinishDate)).toISOString().slice(0, 10)).toBe('2026-01-01');
      } finally {
        await sim.close();
      }
    }
  });

  it('includes a 31 December 22:30 that is only minutes before dataEnd, updated no later than dataEnd', async () => {
    const dataEnd = new Date('2026-12-31T22:40:00-03:00');
    const sim = await startPloomesSim({ rateLimit: false, dataEnd });
    try {
      const deals = await everyDeal(sim);
      const late = deals.filter((d) => d.FinishDate === '2026-12-31T22:30:00-03:00' && d.StatusId === 2);
      expect(late.length).toBeGreaterThanOrEqual(2);
      for (const d of deals) expectConsistentDates(d, dataEnd.getTime());
      // The span starts on 2024-01-02: the New Year moments of 2025 and 2026 only.
      expect(deals.filter((d) => d.FinishDate === '2024-01-01T00:30:00-03:00')).toEqual([]);
      expect(deals.filter((d) => d.FinishDate === '2025-01-01T00:30:00-03:00').length).toBeGreaterThanOrEqual(2);
      expect(deals.filter((d) => d.FinishDate === '2026-01-01T00:30:00-03:00').length).toBeGreaterThanOrEqual(2);
    } finally {
      await sim.close();
    }
  });
});

describe('Ploomes simulator dataEnd: determinism and validation', () => {
  it('gives identical data for the same seed and dataEnd, other data for another dataEnd', async () => {
    const dataEnd = new Date('2026-11-23T23:59:59.999-03:00');
    const a = await startPloomesSim({ seed: 5, rateLimit: false, dataEnd });
    const b = await startPloomesSim({ seed: 5, rateLimit: false, dataEnd: new Date(dataEnd.getTime()) });
    const c = await startPloomesSim({ seed: 5, rateLimit: false, dataEnd: new Date('2026-11-22T23:59:59.999-03:00') });
    try {
      const path = '/Deals?$top=300&$skip=1200&$expand=Tags($expand=Tag),OtherProperties,Contact($expand=Phones,OtherProperties)';
      const body = async (sim: PloomesSim) => {
        const text = (await call(sim, path)).text;
        return text.slice(text.indexOf('"value"'));
      };
      expect(await body(a)).toBe(await body(b));
      expect(await body(a)).not.toBe(await body(c));
      expect(JSON.stringify([...a.deals()])).toBe(JSON.stringify([...b.deals()]));
      expect(JSON.stringify([...a.contacts()])).toBe(JSON.stringify([...b.contacts()]));
      expect(JSON.stringify(await page(a, '/Deals/GetDeletedDeals'))).toBe(JSON.stringify(await page(b, '/Deals/GetDeletedDeals')));
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('is the default data when dataEnd is the default instant', async () => {
    const implicit = await startPloomesSim({ rateLimit: false });
    const explicit = await startPloomesSim({ rateLimit: false, dataEnd: ploomesDataEndOfDay('2025-12-31') });
    try {
      expect(JSON.stringify([...explicit.deals()])).toBe(JSON.stringify([...implicit.deals()]));
      expect(JSON.stringify([...explicit.contacts()])).toBe(JSON.stringify([...implicit.contacts()]));
      expect(JSON.stringify(await page(explicit, '/Users'))).toBe(JSON.stringify(await page(implicit, '/Users')));
    } finally {
      await Promise.all([implicit.close(), explicit.close()]);
    }
  });

  it('rejects an invalid or out-of-range dataEnd', async () => {
    await expect(startPloomesSim({ dataEnd: new Date('not a date') })).rejects.toThrow(/dataEnd/);
    await expect(startPloomesSim({ dataEnd: new Date('2021-12-31T23:59:59.999-03:00') })).rejects.toThrow(/dataEnd/);
    await expect(startPloomesSim({ dataEnd: '2026-11-23' as unknown as Date })).rejects.toThrow(/dataEnd/);
    expect(() => ploomesDataEndOfDay('2026-02-29')).toThrow(/YYYY-MM-DD/);
    expect(() => ploomesDataEndOfDay('23/11/2026')).toThrow(/YYYY-MM-DD/);
    expect(ploomesDataEndOfDay('2028-02-29').getTime()).toBe(Date.parse('2028-02-29T23:59:59.999-03:00'));
  });
});
