import type { SaleRow, SalesFilter, SalesPage } from '../../../../shared/realestate';
import { foldText } from '../../../../shared/text';
import { UserError } from '../../errors';
import { isCalendarDay } from '../../time/businessDate';
import { firstDayOf, lastDayOf } from './calendar';
import { firstSaleOnOrAfter, pastLastSaleOn, standsAsOf, type Sale, type SalesModel } from './salesModel';

export const SALES_SORTS = ['sale_date', 'value', 'development', 'broker', 'team', 'client', 'pro_soluto', 'commission'] as const;
export type SalesSortKey = (typeof SALES_SORTS)[number];

export interface SalesQuery {
  filter?: SalesFilter;
  sort?: SalesSortKey;
  direction?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export const MAX_PAGE = 500;

/** A filter checked and reduced to what the scan needs. */
export interface ResolvedFilter {
  /** Sale days inside [start, end] (either may be open). */
  start: string | null;
  end: string | null;
  /** The period end of the "as of" rule (docs/KPIS.md); null: every known distrato counts. */
  asOf: string | null;
  /** The period as asked, for file names. */
  from: string | null;
  to: string | null;
  developmentId?: number;
  brokerId?: number;
  teamId?: number;
  term: string;
}

export function resolveFilter(filter: SalesFilter = {}, today: string): ResolvedFilter {
  for (const [name, day] of [['from', filter.from], ['to', filter.to]] as const) {
    if (day !== undefined && !isCalendarDay(day)) throw new UserError(`Data inválida no filtro "${name}" das vendas: "${day}". Use o formato AAAA-MM-DD (ex.: 2025-01-31).`, 'bad-date');
  }
  if (filter.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(filter.month)) {
    throw new UserError(`Mês inválido no filtro das vendas: "${filter.month}". Use o formato AAAA-MM (ex.: 2025-01).`, 'bad-date');
  }
  const from = filter.from ?? null;
  // Same rule as the KPIs: a period with a start and no end runs to today.
  const to = filter.to ?? (from ? today : null);
  if (from && to && from > to) throw new UserError(`Período invertido no filtro das vendas: ${from} é depois de ${to}; troque as datas.`, 'bad-range');
  let start = from;
  let end = to;
  if (filter.month) {
    const first = firstDayOf(filter.month);
    const last = lastDayOf(filter.month);
    start = start && start > first ? start : first;
    end = end && end < last ? end : last;
  }
  return {
    start,
    end,
    asOf: to,
    from,
    to,
    developmentId: filter.developmentId,
    brokerId: filter.brokerId,
    teamId: filter.teamId,
    term: foldText(filter.search?.trim()),
  };
}

type KeyOf = (s: Sale) => string | number | null;

const SORT_KEYS: Record<Exclude<SalesSortKey, 'sale_date'>, KeyOf> = {
  value: (s) => s.valueCents,
  development: (s) => (s.development === null ? null : foldText(s.development)),
  broker: (s) => (s.broker === null ? null : foldText(s.broker)),
  team: (s) => (s.team === null ? null : foldText(s.team)),
  client: (s) => (s.client === null ? null : foldText(s.client)),
  pro_soluto: (s) => s.proSolutoCents,
  commission: (s) => s.commissionCents,
};

/** Sale indexes in ascending order of a key (nulls first, ties by reservation), built once per model. */
function ascendingOrder(model: SalesModel, sort: Exclude<SalesSortKey, 'sale_date'>): Int32Array {
  const memoKey = `order-${sort}`;
  let order = model.memo.get(memoKey) as Int32Array | undefined;
  if (!order) {
    const keys = model.sales.map(SORT_KEYS[sort]);
    const ids = model.sales.map((s) => s.id);
    order = Int32Array.from(keys.keys());
    order.sort((a, b) => {
      const ka = keys[a];
      const kb = keys[b];
      if (ka !== kb) {
        if (ka === null) return -1;
        if (kb === null) return 1;
        return ka < kb ? -1 : 1;
      }
      return ids[a] - ids[b];
    });
    model.memo.set(memoKey, order);
  }
  return order;
}

/** Client, unit and broker of each sale, folded, built on the first search only. */
function searchTexts(model: SalesModel): string[] {
  let texts = model.memo.get('search') as string[] | undefined;
  if (!texts) {
    texts = model.sales.map((s) => foldText(`${s.client ?? ''} ${s.unit ?? ''} ${s.broker ?? ''}`));
    model.memo.set('search', texts);
  }
  return texts;
}

function matches(sale: Sale, f: ResolvedFilter, text: string | undefined): boolean {
  return (
    (f.start === null || sale.day >= f.start) &&
    (f.end === null || sale.day <= f.end) &&
    standsAsOf(sale, f.asOf) &&
    (f.developmentId === undefined || sale.developmentId === f.developmentId) &&
    (f.brokerId === undefined || sale.brokerId === f.brokerId) &&
    (f.teamId === undefined || sale.teamId === f.teamId) &&
    (text === undefined || text.includes(f.term))
  );
}

/**
 * Calls `visit` with the sales of a filter in the asked order. Plain loops, no generator: the
 * table's sums walk every filtered sale (134k for a whole history) on each page request.
 */
export function forEachSale(model: SalesModel, filter: ResolvedFilter, sort: SalesSortKey = 'sale_date', direction: 'asc' | 'desc' = 'desc', visit: (sale: Sale) => void): void {
  const { sales } = model;
  const texts = filter.term === '' ? null : searchTexts(model);
  const test = (i: number) => matches(sales[i], filter, texts?.[i]);
  if (sort === 'sale_date') {
    // Sales are already sorted by day: only the period's slice is scanned.
    const lo = filter.start === null ? 0 : firstSaleOnOrAfter(sales, filter.start);
    const hi = filter.end === null ? sales.length : pastLastSaleOn(sales, filter.end);
    if (direction === 'asc') {
      for (let i = lo; i < hi; i++) if (test(i)) visit(sales[i]);
    } else {
      for (let i = hi - 1; i >= lo; i--) if (test(i)) visit(sales[i]);
    }
    return;
  }
  const order = ascendingOrder(model, sort);
  if (direction === 'asc') {
    for (let i = 0; i < order.length; i++) if (test(order[i])) visit(sales[order[i]]);
  } else {
    for (let i = order.length - 1; i >= 0; i--) if (test(order[i])) visit(sales[order[i]]);
  }
}

const money = (cents: number | null): number | null => (cents === null ? null : Math.round(cents) / 100);

export function toSaleRow(s: Sale): SaleRow {
  return {
    reservation_id: s.id,
    sale_date: s.day,
    development_id: s.developmentId,
    development: s.development,
    unit: s.unit,
    broker_id: s.brokerId,
    broker: s.broker,
    team_id: s.teamId,
    team: s.team,
    client: s.client,
    value: money(s.valueCents),
    table_value: money(s.tableCents),
    financing: money(s.financingCents),
    fgts: money(s.fgtsCents),
    subsidy: money(s.subsidyCents),
    down_payment: money(s.downPaymentCents),
    pro_soluto: money(s.proSolutoCents),
    commission: money(s.commissionCents),
    cancelled_on: s.cancelledOn,
  };
}

/** One page of the general sales table, with the count and sums of every filtered row. */
export function salesPageOf(model: SalesModel, query: SalesQuery, today: string): SalesPage {
  const filter = resolveFilter(query.filter, today);
  const limit = Math.max(1, Math.min(query.limit ?? 50, MAX_PAGE));
  const offset = Math.max(0, query.offset ?? 0);
  const rows: SaleRow[] = [];
  let total = 0;
  let value = 0;
  let commission = 0;
  let proSoluto = 0;
  forEachSale(model, filter, query.sort, query.direction, (sale) => {
    if (total >= offset && rows.length < limit) rows.push(toSaleRow(sale));
    total++;
    value += sale.valueCents ?? 0;
    commission += sale.commissionCents ?? 0;
    proSoluto += sale.proSolutoCents ?? 0;
  });
  return { total, sums: { value: value / 100, commission: commission / 100, pro_soluto: proSoluto / 100 }, rows };
}
