import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPloomesSim, type PloomesSim } from '../../src/main/sim/ploomes';
import { page, q } from './ploomes-http';

type Rec = Record<string, unknown>;

function checkDigit(digits: number[], weights: number[]): number {
  const r = weights.reduce((sum, w, i) => sum + w * digits[i], 0) % 11;
  return r < 2 ? 0 : 11 - r;
}
function validCpf(cpf: string): boolean {
  if (!/^\d{11}$/.test(cpf) || /^(\d)\1+$/.test(cpf)) return false;
  const d = [...cpf].map(Number);
  return checkDigit(d, [10, 9, 8, 7, 6, 5, 4, 3, 2]) === d[9] && checkDigit(d, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]) === d[10];
}
function validCnpj(cnpj: string): boolean {
  if (!/^\d{14}$/.test(cnpj) || /^(\d)\1+$/.test(cnpj)) return false;
  const d = [...cnpj].map(Number);
  return checkDigit(d, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]) === d[12] && checkDigit(d, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]) === d[13];
}
const ms = (v: unknown) => Date.parse(v as string);

/** São Paulo calendar date of an instant (UTC-3 all year since 2019). */
const saoPauloDate = (v: unknown) => new Date(ms(v) - 3 * 3_600_000).toISOString().slice(0, 10);

let sim: PloomesSim;
let deals: Rec[];
let contacts: Rec[];
beforeAll(async () => {
  sim = await startPloomesSim({ rateLimit: false });
  deals = [...sim.deals()];
  contacts = [...sim.contacts()];
});
afterAll(() => sim.close());

describe('Ploomes simulator data set (small, seed 1)', () => {
  it('has about 300 customers and 3,000 deals from 2023 to 2025', () => {
    expect(contacts).toHaveLength(300);
    expect(deals.length).toBeGreaterThan(2950);
    expect(deals.length).toBeLessThanOrEqual(3000);
    const created = deals.map((d) => ms(d.CreateDate));
    expect(Math.min(...created)).toBeGreaterThanOrEqual(Date.parse('2023-01-01T00:00:00-03:00'));
    expect(Math.max(...deals.map((d) => ms(d.LastUpdateDate)))).toBeLessThanOrEqual(Date.parse('2025-12-31T23:59:59.999-03:00'));
    expect(deals.map((d) => d.Id)).toEqual([...deals.map((d) => d.Id as number)].sort((a, b) => a - b));
  });

  it('keeps deal statuses and dates consistent', () => {
    const statuses = new Set(deals.map((d) => d.StatusId));
    expect([...statuses].sort()).toEqual([1, 2, 3]);
    for (const d of deals) {
      expect(ms(d.CreateDate)).toBeLessThanOrEqual(ms(d.StartDate));
      if (d.StatusId === 1) {
        expect(d.FinishDate).toBeNull();
        expect(d.LossReasonId).toBeNull();
        expect(ms(d.StartDate)).toBeLessThanOrEqual(ms(d.LastUpdateDate));
      } else {
        expect(ms(d.StartDate)).toBeLessThanOrEqual(ms(d.FinishDate));
        expect(ms(d.FinishDate)).toBeLessThanOrEqual(ms(d.LastUpdateDate));
      }
      if (d.StatusId === 2) expect(d.Amount as number).toBeGreaterThan(0);
      if (d.StatusId === 3) expect(d.LossReasonId).not.toBeNull();
      expect(Number((d.Amount as number).toFixed(2))).toBe(d.Amount);
    }
  });

  it('skews amounts: many small deals, a few big ones', () => {
    const amounts = deals.map((d) => d.Amount as number).filter((a) => a > 0).sort((a, b) => a - b);
    const median = amounts[Math.floor(amounts.length / 2)];
    const top = amounts[amounts.length - 1];
    expect(median).toBeGreaterThan(1000);
    expect(median).toBeLessThan(10_000);
    expect(top).toBeGreaterThan(20 * median);
    expect(amounts.some((a) => !Number.isInteger(a))).toBe(true);
  });

  it('links deals to existing contacts with consistent names and owners', async () => {
    const byId = new Map(contacts.map((c) => [c.Id, c]));
    const users = new Set((await page(sim, '/Users?$select=Id')).map((u) => u.Id));
    for (const d of deals) {
      const contact = byId.get(d.ContactId)!;
      expect(contact.Name).toBe(d.ContactName);
      expect(ms(contact.CreateDate)).toBeLessThanOrEqual(ms(d.CreateDate));
      if (d.PersonId !== null) {
        const person = byId.get(d.PersonId)!;
        expect(person.TypeId).toBe(2);
        expect(person.Name).toBe(d.PersonName);
        expect(person.CompanyId).toBe(d.ContactId);
        expect(ms(person.CreateDate)).toBeLessThanOrEqual(ms(d.CreateDate));
      } else {
        expect(d.PersonName).toBeNull();
      }
      expect(users.has(d.OwnerId)).toBe(true);
    }
    const dealsPerContact = new Map<unknown, number>();
    for (const d of deals) dealsPerContact.set(d.ContactId, (dealsPerContact.get(d.ContactId) ?? 0) + 1);
    expect(contacts.some((c) => !dealsPerContact.has(c.Id))).toBe(true);
    expect(Math.max(...dealsPerContact.values())).toBeGreaterThan(40);
    expect(deals.some((d) => byId.get(d.ContactId)!.TypeId === 2)).toBe(true);
    for (const c of contacts) {
      const own = deals.filter((d) => d.ContactId === c.Id).map((d) => d.Id as number);
      expect(c.LastDealId).toBe(own.length ? Math.max(...own) : null);
    }
  });

  it('makes companies with valid CNPJs and people with valid CPFs, most people linked to a company', () => {
    const companies = contacts.filter((c) => c.TypeId === 1);
    const people = contacts.filter((c) => c.TypeId === 2);
    expect(companies.length).toBeGreaterThan(80);
    expect(people.length).toBeGreaterThan(100);
    for (const c of companies) {
      expect(c.CPF).toBeNull();
      if (c.CNPJ !== null) expect(validCnpj(c.CNPJ as string), c.CNPJ as string).toBe(true);
      expect(c.LegalName).toBe((c.Name as string).toLocaleUpperCase('pt-BR'));
      expect(c.Name).toMatch(/ (Ltda|LTDA|ME|EIRELI|S\.A\.|EPP)$/);
    }
    for (const p of people) {
      expect(p.CNPJ).toBeNull();
      if (p.CPF !== null) expect(validCpf(p.CPF as string), p.CPF as string).toBe(true);
    }
    const companyIds = new Set(companies.map((c) => c.Id));
    const linked = people.filter((p) => p.CompanyId !== null);
    expect(linked.length / people.length).toBeGreaterThan(0.6);
    for (const p of linked) expect(companyIds.has(p.CompanyId)).toBe(true);
    expect(contacts.some((c) => /[áéíóúâêôãõçÁÉÍÓÚÂÊÔÃÕÇ]/.test(c.Name as string))).toBe(true);
    expect(contacts.filter((c) => c.ZipCode !== null).every((c) => typeof c.ZipCode === 'number')).toBe(true);
  });

  it('writes phones in many formats with SearchPhoneNumber as their digits', async () => {
    const rows = await page(sim, '/Contacts?$select=Id&$expand=Phones&$top=300');
    const phones = rows.flatMap((r) => r.Phones as Rec[]);
    expect(phones.length).toBeGreaterThan(200);
    const shapes = new Set(phones.map((p) => (p.PhoneNumber as string).replace(/\d/g, '9')));
    expect(shapes.size).toBeGreaterThan(10);
    for (const p of phones) expect(p.SearchPhoneNumber).toBe(Number((p.PhoneNumber as string).replace(/\D/g, '')));
  });

  it('has deals won at 22:30 on 31 December and 00:30 on 1 January (São Paulo), for any seed', async () => {
    for (const seed of [1, 2, 987654]) {
      const other = seed === 1 ? sim : await startPloomesSim({ seed, rateLimit: false });
      try {
        const won = [...other.deals()].filter((d) => d.StatusId === 2);
        for (const year of [2023, 2024, 2025]) {
          const lateDec31 = won.filter((d) => d.FinishDate === `${year}-12-31T22:30:00-03:00`);
          expect(lateDec31.length, `${seed}/${year}`).toBeGreaterThanOrEqual(2);
          for (const d of lateDec31) {
            expect(saoPauloDate(d.FinishDate)).toBe(`${year}-12-31`);
            expect(new Date(ms(d.FinishDate)).toISOString().slice(0, 10)).toBe(`${year + 1}-01-01`);
          }
        }
        for (const year of [2024, 2025]) {
          expect(won.filter((d) => d.FinishDate === `${year}-01-01T00:30:00-03:00`).length, `${seed}/${year}`).toBeGreaterThanOrEqual(2);
        }
      } finally {
        if (other !== sim) await other.close();
      }
    }
    const found = await page(sim, `/Deals?$filter=${q('FinishDate ge 2024-12-31T22:00:00-03:00 and FinishDate lt 2025-01-01T01:00:00-03:00 and StatusId eq 2')}&$select=Id,FinishDate`);
    expect(found.map((d) => d.FinishDate).sort()).toEqual(expect.arrayContaining(['2024-12-31T22:30:00-03:00', '2025-01-01T00:30:00-03:00']));
  });

  it('starts with a few deals already deleted, visible only in GetDeletedDeals', async () => {
    const deletedIds = sim.deletedDealIds();
    expect(deletedIds.length).toBeGreaterThanOrEqual(3);
    expect(deletedIds.length).toBeLessThan(30);
    const live = new Set(deals.map((d) => d.Id));
    for (const id of deletedIds) expect(live.has(id)).toBe(false);
    const feed = await page(sim, '/Deals/GetDeletedDeals?$orderby=LastUpdateDate desc');
    expect(feed.map((d) => d.Id).sort()).toEqual([...deletedIds].sort());
    expect(Object.keys(feed[0])).toEqual(Object.keys(deals[0]));
    expect(ms(feed[0].LastUpdateDate)).toBeGreaterThanOrEqual(ms(feed[feed.length - 1].LastUpdateDate));
  });

  it('is byte-identical for the same seed and different for another', async () => {
    const twin = await startPloomesSim({ rateLimit: false });
    const other = await startPloomesSim({ seed: 2, rateLimit: false });
    try {
      const path = '/Deals?$top=300&$skip=1200&$expand=Tags($expand=Tag),OtherProperties,Contact($expand=Phones,OtherProperties)';
      const a = await fetch(`${sim.url}${path}`, { headers: { 'User-Key': 'nexus-demo-ploomes-key' } }).then((r) => r.text());
      const b = await fetch(`${twin.url}${path}`, { headers: { 'User-Key': 'nexus-demo-ploomes-key' } }).then((r) => r.text());
      const c = await fetch(`${other.url}${path}`, { headers: { 'User-Key': 'nexus-demo-ploomes-key' } }).then((r) => r.text());
      const body = (s: string) => s.slice(s.indexOf('"value"'));
      expect(body(a)).toBe(body(b));
      expect(body(a)).not.toBe(body(c));
      expect(JSON.stringify([...twin.contacts()])).toBe(JSON.stringify(contacts));
      expect(JSON.stringify([...twin.deals()])).toBe(JSON.stringify(deals));
    } finally {
      await twin.close();
      await other.close();
    }
  });

  it('builds custom sizes', async () => {
    const tiny = await startPloomesSim({ size: { customers: 20, deals: 100 }, rateLimit: false });
    try {
      expect([...tiny.contacts()]).toHaveLength(20);
      expect([...tiny.deals()].length + tiny.deletedDealIds().length).toBe(100);
    } finally {
      await tiny.close();
    }
    const empty = await startPloomesSim({ size: { customers: 1, deals: 0 }, rateLimit: false });
    try {
      const [only] = [...empty.contacts()];
      expect([...empty.deals()]).toEqual([]);
      expect(empty.createDeal({ Title: 'Primeiro negócio', ContactId: only.Id }).Id).toEqual(expect.any(Number));
    } finally {
      await empty.close();
    }
    await expect(startPloomesSim({ size: { customers: 0, deals: 10 } })).rejects.toThrow(/customers/);
  });
});
