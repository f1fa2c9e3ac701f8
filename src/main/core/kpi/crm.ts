import type { Company } from '../companies/companyStore';
import type { Db } from '../db/database';
import { sql } from '../db/sql';
import { UserError } from '../errors';
import { isCalendarDay, previousPeriod } from '../time/businessDate';
import { foldText } from '../../../shared/text';
import type { CrmKpis, CustomerDetail, CustomerPage, CustomerSummary, PeriodTotals } from '../../../shared/kpi';
import { refreshCrmAggregates } from './crmAggregates';

export interface DayRange {
  from?: string | null;
  to?: string | null;
}

const reais = (cents: number | null | undefined): number => Math.round(cents ?? 0) / 100;

/** Validates an inclusive range of business days; a missing bound is open. */
export function checkRange(range: DayRange): { from: string | null; to: string | null } {
  const from = range.from ?? null;
  const to = range.to ?? null;
  for (const [name, day] of [['--from', from], ['--to', to]] as const) {
    if (day !== null && !isCalendarDay(day)) {
      throw new UserError(`Data inválida em ${name}: "${day}". Use o formato AAAA-MM-DD (ex.: 2025-01-31).`, 'bad-date');
    }
  }
  if (from && to && from > to) throw new UserError(`Período invertido: ${from} é depois de ${to}; troque as datas.`, 'bad-range');
  return { from, to };
}

const DAILY_TOTALS = sql`
  SELECT COALESCE(SUM(deals_won), 0) AS won, COALESCE(SUM(deals_lost), 0) AS lost, COALESCE(SUM(revenue_cents), 0) AS revenue
  FROM crm_daily WHERE day BETWEEN ? AND ?
`;

const CUSTOMERS_IN_RANGE = sql`
  SELECT COUNT(DISTINCT customer_id) AS n FROM ploomes_deals
  WHERE status_id = 2 AND finish_day BETWEEN ? AND ? AND customer_id IS NOT NULL
`;

/** Buyers in a range, counted and ranked in one pass over the won-deals index. */
const BUYERS_IN_RANGE = sql`
  WITH buyers AS MATERIALIZED (
    SELECT customer_id, SUM(amount_cents) AS revenue_cents, COUNT(*) AS won FROM ploomes_deals
    WHERE status_id = 2 AND finish_day BETWEEN ? AND ? AND customer_id IS NOT NULL
    GROUP BY customer_id
  )
  SELECT (SELECT COUNT(*) FROM buyers) AS buyers, customer_id, revenue_cents, won
  FROM buyers ORDER BY revenue_cents DESC, customer_id LIMIT 10
`;

const TOP_ALL_TIME = sql`
  SELECT customer_id, revenue_cents, won_deals AS won FROM crm_customer_sales
  WHERE won_deals > 0 ORDER BY revenue_cents DESC, customer_id LIMIT 10
`;

const MIN_DAY = '0000-01-01';
const MAX_DAY = '9999-12-31';

function periodTotals(db: Db, from: string | null, to: string | null, knownBuyers?: number): PeriodTotals {
  const t = db.prepare(DAILY_TOTALS).get(from ?? MIN_DAY, to ?? MAX_DAY) as { won: number; lost: number; revenue: number };
  const customers =
    knownBuyers ??
    (from === null && to === null
      ? (db.prepare('SELECT COUNT(*) AS n FROM crm_customer_sales WHERE won_deals > 0').get() as { n: number }).n
      : (db.prepare(CUSTOMERS_IN_RANGE).get(from ?? MIN_DAY, to ?? MAX_DAY) as { n: number }).n);
  return {
    from,
    to,
    deals_won: t.won,
    deals_lost: t.lost,
    revenue: reais(t.revenue),
    avg_deal_value: t.won ? Math.round(t.revenue / t.won) / 100 : null,
    customers_with_purchase: customers,
    win_rate: t.won + t.lost ? t.won / (t.won + t.lost) : null,
  };
}

function customerNames(db: Db, ids: number[]): Map<number, string> {
  const names = new Map<number, string>();
  if (!ids.length) return names;
  const rows = db
    .prepare('SELECT customer_id AS id, name FROM crm_customer_sales WHERE customer_id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as Array<{ id: number; name: string }>;
  for (const row of rows) names.set(row.id, row.name);
  return names;
}

/**
 * The CRM area: deals won, revenue, average won deal, customers who bought, by year and month, top
 * customers, all by business day in the company's time zone. With `from` (and optionally `to`) it
 * also returns the previous period for comparison (see previousPeriod).
 */
export function crmKpis(company: Company, range: DayRange = {}, today: string = company.calendar.dayOf(Date.now())): CrmKpis {
  const db = company.db;
  refreshCrmAggregates(db);
  const { from, to: givenTo } = checkRange(range);
  const to = from && !givenTo ? today : givenTo;
  const bounds = [from ?? MIN_DAY, to ?? MAX_DAY];
  const ranged = Boolean(from || to);
  const top = (ranged ? db.prepare(BUYERS_IN_RANGE).all(...bounds) : db.prepare(TOP_ALL_TIME).all()) as Array<{
    buyers?: number;
    customer_id: number;
    revenue_cents: number;
    won: number;
  }>;
  const current = periodTotals(db, from, to, ranged ? (top[0]?.buyers ?? 0) : undefined);
  let previous: PeriodTotals | null = null;
  if (from && to) {
    const prev = previousPeriod(from, to);
    previous = periodTotals(db, prev.from, prev.to);
  }

  const byYear = db
    .prepare(
      `SELECT CAST(substr(day, 1, 4) AS INTEGER) AS year, SUM(deals_won) AS deals_won, SUM(revenue_cents) AS revenue_cents
       FROM crm_daily WHERE day BETWEEN ? AND ? GROUP BY 1 HAVING SUM(deals_won) > 0 ORDER BY 1`,
    )
    .all(...bounds) as Array<{ year: number; deals_won: number; revenue_cents: number }>;
  const byMonth = db
    .prepare(
      `SELECT substr(day, 1, 7) AS month, SUM(deals_won) AS deals_won, SUM(revenue_cents) AS revenue_cents
       FROM crm_daily WHERE day BETWEEN ? AND ? GROUP BY 1 HAVING SUM(deals_won) > 0 ORDER BY 1`,
    )
    .all(...bounds) as Array<{ month: string; deals_won: number; revenue_cents: number }>;
  const names = customerNames(db, top.map((t) => t.customer_id));
  const summary = (db.prepare('SELECT deals, open_deals, open_cents, contacts FROM crm_summary WHERE id = 1').get() as
    | { deals: number; open_deals: number; open_cents: number; contacts: number }
    | undefined) ?? { deals: 0, open_deals: 0, open_cents: 0, contacts: 0 };
  const span = db.prepare('SELECT MIN(day) AS first_day, MAX(day) AS last_day FROM crm_daily').get() as { first_day: string | null; last_day: string | null };

  return {
    area: 'crm',
    company: company.slug,
    timezone: company.calendar.timeZone,
    ...current,
    open_deals: { count: summary.open_deals, value: reais(summary.open_cents) },
    by_year: byYear.map((r) => ({ year: r.year, deals_won: r.deals_won, revenue: reais(r.revenue_cents) })),
    by_month: byMonth.map((r) => ({ month: r.month, deals_won: r.deals_won, revenue: reais(r.revenue_cents) })),
    top_customers: top.map((t) => ({ customer_id: t.customer_id, name: names.get(t.customer_id) ?? `Cliente ${t.customer_id}`, revenue: reais(t.revenue_cents), deals_won: t.won })),
    previous_period: previous,
    mirror: { deals: summary.deals, customers: summary.contacts, ...span },
  };
}

interface CustomerRow {
  customer_id: number;
  name: string;
  type_id: number | null;
  document: string | null;
  total_deals: number;
  won_deals: number;
  revenue_cents: number;
  first_purchase_day: string | null;
  last_purchase_day: string | null;
}

function toSummary(row: CustomerRow): CustomerSummary {
  return {
    customer_id: row.customer_id,
    name: row.name,
    type: row.type_id === 1 ? 'company' : row.type_id === 2 ? 'person' : 'unknown',
    document: row.document,
    total_deals: row.total_deals,
    won_deals: row.won_deals,
    revenue: reais(row.revenue_cents),
    avg_deal_value: row.won_deals ? Math.round(row.revenue_cents / row.won_deals) / 100 : null,
    first_purchase: row.first_purchase_day,
    last_purchase: row.last_purchase_day,
  };
}

const CUSTOMER_SELECT = sql`
  SELECT customer_id, name, type_id, document, total_deals, won_deals, revenue_cents, first_purchase_day, last_purchase_day
  FROM crm_customer_sales
`;

export const CUSTOMER_SORTS = ['revenue', 'name', 'last_purchase', 'won_deals'] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

const ORDER_BY: Record<CustomerSort, string> = {
  revenue: 'revenue_cents DESC, customer_id',
  name: 'name COLLATE NOCASE, customer_id',
  last_purchase: 'last_purchase_day DESC, customer_id',
  won_deals: 'won_deals DESC, customer_id',
};

/** customer_sales: every customer with deals, searchable by name or CPF/CNPJ digits, paged. */
export function crmCustomers(company: Company, options: { search?: string; sort?: CustomerSort; limit?: number; offset?: number } = {}): CustomerPage {
  const db = company.db;
  refreshCrmAggregates(db);
  const search = foldText(options.search?.trim());
  const digits = search.replace(/\D/g, '');
  // A document typed with punctuation (123.456.789-00) is matched by its digits.
  const term = digits.length >= 3 && /^[\d.\-/\s]+$/.test(search) ? digits : search;
  const where = term ? "WHERE search_text LIKE @like ESCAPE '\\'" : '';
  const params = term ? { like: `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%` } : {};
  const total = (db.prepare(`SELECT COUNT(*) AS n FROM crm_customer_sales ${where}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(`${CUSTOMER_SELECT} ${where} ORDER BY ${ORDER_BY[options.sort ?? 'revenue']} LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: options.limit ?? 50, offset: options.offset ?? 0 }) as CustomerRow[];
  return { total, rows: rows.map(toSummary) };
}

/** One customer's deals (price history) and yearly purchases. */
export function crmCustomer(company: Company, customerId: number): CustomerDetail {
  const db = company.db;
  refreshCrmAggregates(db);
  const row = db.prepare(`${CUSTOMER_SELECT} WHERE customer_id = ?`).get(customerId) as CustomerRow | undefined;
  if (!row) throw new UserError(`Cliente ${customerId} não encontrado no espelho local; sincronize o Ploomes ou confira o código.`, 'customer-not-found');
  const email = (db.prepare('SELECT email FROM ploomes_contacts WHERE id = ?').get(customerId) as { email: string | null } | undefined)?.email ?? null;
  const deals = db
    .prepare(
      `SELECT d.id, d.title, d.status_id, d.amount_cents, d.start_day, d.finish_day, u.name AS owner, s.name AS stage
       FROM ploomes_deals d
       LEFT JOIN ploomes_users u ON u.id = d.owner_id
       LEFT JOIN ploomes_stages s ON s.id = d.stage_id
       WHERE d.customer_id = ? ORDER BY COALESCE(d.finish_day, d.start_day) DESC, d.id DESC LIMIT 500`,
    )
    .all(customerId) as Array<{
    id: number;
    title: string | null;
    status_id: number;
    amount_cents: number | null;
    start_day: string | null;
    finish_day: string | null;
    owner: string | null;
    stage: string | null;
  }>;
  const byYear = db
    .prepare(
      `SELECT CAST(substr(finish_day, 1, 4) AS INTEGER) AS year, COUNT(*) AS won, SUM(amount_cents) AS revenue_cents
       FROM ploomes_deals WHERE customer_id = ? AND status_id = 2 AND finish_day IS NOT NULL GROUP BY 1 ORDER BY 1`,
    )
    .all(customerId) as Array<{ year: number; won: number; revenue_cents: number }>;
  return {
    customer: toSummary(row),
    email,
    deals: deals.map((d) => ({
      id: d.id,
      title: d.title,
      status: d.status_id === 2 ? 'won' : d.status_id === 3 ? 'lost' : 'open',
      amount: d.amount_cents === null ? null : reais(d.amount_cents),
      start_day: d.start_day,
      finish_day: d.finish_day,
      owner: d.owner,
      stage: d.stage,
    })),
    by_year: byYear.map((y) => ({ year: y.year, deals_won: y.won, revenue: reais(y.revenue_cents) })),
  };
}
