import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmCustomer, crmCustomers, crmKpis } from '../../src/main/core/kpi/crm';
import { nexus } from '../helpers/cli';
import { harness, type Harness } from '../helpers/core';

/**
 * The CRM figures, checked against an independent computation straight from the simulator's
 * records (its own ground truth), with business days taken by Intl in São Paulo.
 */
let h: Harness;

interface Truth {
  won: Array<{ id: number; customer: number; cents: number; day: string }>;
  lost: Array<{ day: string }>;
}

const spDay = (iso: string) => new Date(iso).toLocaleDateString('en-CA', { timeZone: 'America/Sao_Paulo' });

function truth(): Truth {
  const won: Truth['won'] = [];
  const lost: Truth['lost'] = [];
  for (const d of h.sim.deals()) {
    if (d.StatusId === 2) {
      won.push({ id: d.Id as number, customer: (d.ContactId ?? d.PersonId) as number, cents: Math.round((d.Amount as number) * 100), day: spDay(d.FinishDate as string) });
    } else if (d.StatusId === 3) {
      lost.push({ day: spDay(d.FinishDate as string) });
    }
  }
  return { won, lost };
}

function expected(t: Truth, from = '0000-01-01', to = '9999-12-31') {
  const won = t.won.filter((w) => w.day >= from && w.day <= to);
  const lost = t.lost.filter((l) => l.day >= from && l.day <= to);
  const cents = won.reduce((s, w) => s + w.cents, 0);
  const byCustomer = new Map<number, { cents: number; n: number }>();
  for (const w of won) {
    const c = byCustomer.get(w.customer) ?? { cents: 0, n: 0 };
    c.cents += w.cents;
    c.n++;
    byCustomer.set(w.customer, c);
  }
  const byYear = new Map<number, { n: number; cents: number }>();
  for (const w of won) {
    const y = Number(w.day.slice(0, 4));
    const e = byYear.get(y) ?? { n: 0, cents: 0 };
    e.n++;
    e.cents += w.cents;
    byYear.set(y, e);
  }
  const top = [...byCustomer.entries()].sort((a, b) => b[1].cents - a[1].cents || a[0] - b[0]).slice(0, 10);
  return {
    deals_won: won.length,
    deals_lost: lost.length,
    revenue: cents / 100,
    avg_deal_value: won.length ? Math.round(cents / won.length) / 100 : null,
    customers_with_purchase: byCustomer.size,
    by_year: [...byYear.entries()].sort((a, b) => a[0] - b[0]).map(([year, e]) => ({ year, deals_won: e.n, revenue: e.cents / 100 })),
    top: top.map(([id, c]) => ({ customer_id: id, revenue: c.cents / 100, deals_won: c.n })),
    byCustomer,
  };
}

beforeAll(async () => {
  h = await harness({ seed: 42 });
  const outcome = await h.core.startSync('acme', 'ploomes').done;
  if (outcome.status !== 'succeeded') throw new Error(outcome.error?.message);
});
afterAll(async () => h.close());

describe('CRM KPIs', () => {
  it('match an independent computation over the whole history', () => {
    const t = truth();
    const e = expected(t);
    const k = crmKpis(h.core.company('acme'));
    expect(k.deals_won).toBe(e.deals_won);
    expect(k.deals_lost).toBe(e.deals_lost);
    expect(k.revenue).toBeCloseTo(e.revenue, 2);
    expect(k.avg_deal_value).toBeCloseTo(e.avg_deal_value!, 2);
    expect(k.customers_with_purchase).toBe(e.customers_with_purchase);
    expect(k.by_year.map((y) => ({ ...y, revenue: Math.round(y.revenue * 100) }))).toEqual(e.by_year.map((y) => ({ ...y, revenue: Math.round(y.revenue * 100) })));
    expect(k.top_customers.map((c) => c.customer_id)).toEqual(e.top.map((c) => c.customer_id));
    expect(k.top_customers.map((c) => Math.round(c.revenue * 100))).toEqual(e.top.map((c) => Math.round(c.revenue * 100)));
    expect(k.top_customers.every((c) => c.name.length > 0 && !c.name.startsWith('Cliente '))).toBe(true);
    expect(k.previous_period).toBeNull();
    expect(k.by_month.reduce((s, m) => s + m.deals_won, 0)).toBe(e.deals_won);
  });

  it('count a deal won at 22:30 on 31 December in that year', () => {
    const eve = [...h.sim.deals()].find((d) => d.StatusId === 2 && /-12-31T22:30/.test(String(d.FinishDate)));
    expect(eve).toBeDefined();
    const year = Number(String(eve!.FinishDate).slice(0, 4));
    const day = `${year}-12-31`;
    const t = truth();
    const k = crmKpis(h.core.company('acme'), { from: day, to: day });
    expect(k.deals_won).toBe(expected(t, day, day).deals_won);
    expect(k.by_year.map((y) => y.year)).toEqual([year]);
    // Counting by UTC date would give a different answer: the test can tell the two apart.
    const utcCount = [...h.sim.deals()].filter((d) => d.StatusId === 2 && new Date(String(d.FinishDate)).toISOString().slice(0, 10) === day).length;
    expect(utcCount).not.toBe(k.deals_won);
    const next = crmKpis(h.core.company('acme'), { from: `${year + 1}-01-01`, to: `${year + 1}-01-01` });
    expect(next.deals_won).toBe(expected(t, `${year + 1}-01-01`, `${year + 1}-01-01`).deals_won);
  });

  it('cover an inclusive period and compare it with the previous one (2024 with 2023)', () => {
    const t = truth();
    const k = crmKpis(h.core.company('acme'), { from: '2024-01-01', to: '2024-12-31' });
    const e = expected(t, '2024-01-01', '2024-12-31');
    const prev = expected(t, '2023-01-01', '2023-12-31');
    expect(k.deals_won).toBe(e.deals_won);
    expect(k.revenue).toBeCloseTo(e.revenue, 2);
    expect(k.customers_with_purchase).toBe(e.customers_with_purchase);
    expect(k.top_customers.map((c) => c.customer_id)).toEqual(e.top.map((c) => c.customer_id));
    expect(k.previous_period).toMatchObject({ from: '2023-01-01', to: '2023-12-31', deals_won: prev.deals_won, customers_with_purchase: prev.customers_with_purchase });
    expect(k.previous_period!.revenue).toBeCloseTo(prev.revenue, 2);
  });

  it('give each customer their totals, purchase dates and deal history', () => {
    const t = truth();
    const e = expected(t);
    const page = crmCustomers(h.core.company('acme'), { sort: 'revenue', limit: 5 });
    expect(page.rows.map((r) => r.customer_id)).toEqual(e.top.slice(0, 5).map((c) => c.customer_id));
    const top = page.rows[0];
    const mine = t.won.filter((w) => w.customer === top.customer_id).map((w) => w.day).sort();
    expect(top.first_purchase).toBe(mine[0]);
    expect(top.last_purchase).toBe(mine.at(-1));
    expect(top.won_deals).toBe(mine.length);
    const detail = crmCustomer(h.core.company('acme'), top.customer_id);
    expect(detail.deals.filter((d) => d.status === 'won')).toHaveLength(mine.length);
    expect(detail.by_year.reduce((s, y) => s + y.deals_won, 0)).toBe(mine.length);
    const byName = crmCustomers(h.core.company('acme'), { search: top.name.slice(0, 6) });
    expect(byName.rows.map((r) => r.customer_id)).toContain(top.customer_id);
  });

  it('search customers ignoring case and accents, and by CPF/CNPJ with or without punctuation', () => {
    const company = h.core.company('acme');
    const all = crmCustomers(company, { limit: 500 }).rows;
    const accented = all.find((c) => /[áàâãéêíóôõúç]/i.test(c.name))!;
    expect(accented).toBeDefined();
    const plain = accented.name.normalize('NFD').replace(/\p{Diacritic}/gu, '').toUpperCase();
    expect(crmCustomers(company, { search: plain }).rows.map((r) => r.customer_id)).toContain(accented.customer_id);
    const withDoc = all.find((c) => c.document && c.document.length === 14)!;
    const d = withDoc.document!;
    const masked = `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}-${d.slice(12)}`;
    expect(crmCustomers(company, { search: masked }).rows.map((r) => r.customer_id)).toEqual([withDoc.customer_id]);
    expect(crmCustomers(company, { search: 'zzzz-nobody' })).toEqual({ total: 0, rows: [] });
  });

  it('follow a customer renamed in Ploomes without touching their deals', async () => {
    const company = h.core.company('acme');
    const [top] = crmKpis(company).top_customers;
    h.sim.updateContact(top.customer_id, { Name: 'Cliente Renomeado Comércio Ltda' });
    expect((await h.core.startSync('acme', 'ploomes').done).status).toBe('succeeded');
    expect(crmKpis(company).top_customers[0]).toMatchObject({ customer_id: top.customer_id, name: 'Cliente Renomeado Comércio Ltda' });
    expect(crmCustomers(company, { search: 'renomeado comercio' }).rows.map((r) => r.customer_id)).toEqual([top.customer_id]);
  });

  it('keep the aggregates right after incremental changes', async () => {
    const [deal] = [...h.sim.deals()].filter((d) => d.StatusId === 1);
    h.sim.winDeal(deal.Id as number, 12345.67);
    expect((await h.core.startSync('acme', 'ploomes').done).status).toBe('succeeded');
    const t = truth();
    const k = crmKpis(h.core.company('acme'));
    expect(k.deals_won).toBe(expected(t).deals_won);
    expect(k.revenue).toBeCloseTo(expected(t).revenue, 2);
  });

  it('print the same numbers through `nexus kpi --json`, money as numbers and dates ISO', () => {
    const cli = nexus(['--data-dir', h.dataDir, 'kpi', 'acme', 'crm', '--json', '--from', '2024-01-01', '--to', '2024-12-31']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const json = JSON.parse(cli.stdout);
    for (const key of ['deals_won', 'revenue', 'avg_deal_value', 'customers_with_purchase', 'by_year', 'top_customers']) expect(json).toHaveProperty(key);
    expect(typeof json.revenue).toBe('number');
    expect(json.by_year[0]).toEqual({ year: 2024, deals_won: expect.any(Number), revenue: expect.any(Number) });
    expect(json.top_customers[0]).toEqual({ customer_id: expect.any(Number), name: expect.any(String), revenue: expect.any(Number), deals_won: expect.any(Number) });
    expect(json).toEqual(JSON.parse(JSON.stringify(crmKpis(h.core.company('acme'), { from: '2024-01-01', to: '2024-12-31' }))));
  });

  it('reject bad dates with a clear message and exit code 1', () => {
    const cli = nexus(['--data-dir', h.dataDir, 'kpi', 'acme', 'crm', '--json', '--from', '2024-13-01']);
    expect(cli.code).toBe(1);
    expect(cli.stderr.trim()).toBe('Data inválida em --from: "2024-13-01". Use o formato AAAA-MM-DD (ex.: 2025-01-31).');
  });
});
