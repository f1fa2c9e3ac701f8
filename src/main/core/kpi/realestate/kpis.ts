import type { RealEstateKpis, VgvBasis } from '../../../../shared/realestate';
import { monthOf, monthsBetween, yearBefore } from './calendar';
import { dayNumber, firstSaleOnOrAfter, monthNumber, NO_DISTRATO, pastLastSaleOn, PRO_SOLUTO_BUCKETS, type GroupTable, type SalesModel } from './salesModel';
import { availableByDevelopment, vsoByMonth } from './vso';

const reais = (cents: number): number => Math.round(cents) / 100;

export interface Period {
  /** The period as asked (null: open). */
  from: string | null;
  to: string | null;
  today: string;
}

/** Per-group sums over one pass, indexed like the model's group tables. */
class GroupTotals {
  readonly count: Int32Array;
  readonly cents: Float64Array;
  readonly commission: Float64Array;

  constructor(readonly table: GroupTable) {
    this.count = new Int32Array(table.ids.length);
    this.cents = new Float64Array(table.ids.length);
    this.commission = new Float64Array(table.ids.length);
  }

  /** Indexes of the groups with sales, by VGV, then name, then id. */
  ranked(by: Float64Array = this.cents, keep: (g: number) => boolean = (g) => this.count[g] > 0): number[] {
    const groups: number[] = [];
    for (let g = 0; g < this.count.length; g++) if (keep(g)) groups.push(g);
    const { names, ids } = this.table;
    return groups.sort((a, b) => by[b] - by[a] || collator.compare(names[a], names[b]) || (ids[a] ?? -1) - (ids[b] ?? -1));
  }
}

const collator = new Intl.Collator('pt-BR');

interface MonthTotals {
  count: Int32Array;
  cents: Float64Array;
}

/** The sales of [lo, hi) standing as of `cut` (a day number; a sale counts unless its distrato is ≤ cut), by month. */
function monthTotals(model: SalesModel, lo: number, hi: number, cut: number, values: Float64Array, firstMonth: number, months: number): MonthTotals {
  const count = new Int32Array(months);
  const cents = new Float64Array(months);
  const { month, cancelled } = model.columns;
  for (let i = lo; i < hi; i++) {
    if (cancelled[i] <= cut) continue;
    const k = month[i] - firstMonth;
    count[k]++;
    cents[k] += values[i];
  }
  return { count, cents };
}

/** Every figure of the realestate area for one period; definitions in docs/KPIS.md. */
export function computeKpis(model: SalesModel, company: string, period: Period, basis: VgvBasis): RealEstateKpis {
  const { sales, columns: c } = model;
  const { from, to, today } = period;
  const values = basis === 'tabela' ? c.table : c.value;
  const firstDay = sales.length ? sales[0].day : null;
  const lastDay = sales.length ? sales[sales.length - 1].day : null;
  const start = from ?? firstDay;
  const end = to ?? lastDay;
  const months = start && end ? monthsBetween(monthOf(start), monthOf(end)) : [];
  // With no end every known distrato counts: cut after the last possible day.
  const cut = to === null ? NO_DISTRATO - 1 : dayNumber(to);

  const developments = new GroupTotals(model.developments);
  const brokers = new GroupTotals(model.brokers);
  const teams = new GroupTotals(model.teams);
  const brokerTeam = new Int32Array(model.brokers.ids.length).fill(-1);
  const bucketCount = new Int32Array(PRO_SOLUTO_BUCKETS.length);
  const bucketCents = new Float64Array(PRO_SOLUTO_BUCKETS.length);
  let count = 0;
  let cents = 0;
  let cancelledCount = 0;
  let cancelledCents = 0;
  let proSoluto = 0;
  let shareSum = 0;
  let shares = 0;
  let commission = 0;

  const lo = start ? firstSaleOnOrAfter(sales, start) : 0;
  const hi = end ? pastLastSaleOn(sales, end) : 0;
  for (let i = lo; i < hi; i++) {
    const value = values[i];
    if (c.cancelled[i] <= cut) {
      cancelledCount++;
      cancelledCents += value;
      continue;
    }
    const paid = c.commission[i];
    count++;
    cents += value;
    commission += paid;
    const d = c.development[i];
    developments.count[d]++;
    developments.cents[d] += value;
    const b = c.broker[i];
    brokers.count[b]++;
    brokers.cents[b] += value;
    brokers.commission[b] += paid;
    const t = c.team[i];
    teams.count[t]++;
    teams.cents[t] += value;
    teams.commission[t] += paid;
    // Sales run by day: the last one seen is the broker's latest sale of the period.
    brokerTeam[b] = t;
    if (c.hasProSoluto[i]) proSoluto += c.proSoluto[i];
    const bucket = c.bucket[i];
    if (bucket >= 0) {
      shareSum += c.share[i];
      shares++;
      bucketCount[bucket]++;
      bucketCents[bucket] += c.proSoluto[i];
    }
  }

  const firstMonth = months.length ? monthNumber(months[0]) : 0;
  const current = monthTotals(model, lo, hi, cut, values, firstMonth, months.length);
  let previous: MonthTotals = { count: new Int32Array(months.length), cents: new Float64Array(months.length) };
  if (start && end) {
    const prevLo = firstSaleOnOrAfter(sales, yearBefore(start));
    const prevHi = pastLastSaleOn(sales, yearBefore(end));
    previous = monthTotals(model, prevLo, prevHi, to === null ? cut : dayNumber(yearBefore(to)), values, firstMonth - 12, months.length);
  }

  const available = availableByDevelopment(model, today);
  const devIds = model.developments.ids;
  const listed = new Set<number | null>();
  const byDevelopment = developments.ranked(undefined, (g) => developments.count[g] > 0).map((g) => {
    listed.add(devIds[g]);
    const id = devIds[g];
    return {
      development_id: id,
      development: model.developments.names[g],
      sales_count: developments.count[g],
      vgv: reais(developments.cents[g]),
      units: id === null ? 0 : (model.unitsByDevelopment.get(id) ?? 0),
      units_available: id === null ? 0 : (available.get(id) ?? 0),
    };
  });
  // Developments with units on offer and no sale in the period still belong on the list.
  const idle = [...available]
    .filter(([id, units]) => units > 0 && !listed.has(id))
    .map(([id, units]) => ({ development_id: id, development: model.developmentNames.get(id) ?? `Empreendimento ${id}`, sales_count: 0, vgv: 0, units: model.unitsByDevelopment.get(id) ?? 0, units_available: units }))
    .sort((a, b) => collator.compare(a.development, b.development) || a.development_id - b.development_id);
  const zeroAt = byDevelopment.findIndex((d) => d.vgv === 0);
  const developmentsOut = zeroAt < 0 ? [...byDevelopment, ...idle] : mergeZeroVgv(byDevelopment, zeroAt, idle);

  const brokerRank = brokers.ranked();
  const teamName = (t: number) => (t < 0 || model.teams.ids[t] === null ? null : model.teams.names[t]);

  return {
    area: 'realestate',
    company,
    from,
    to,
    vgv_basis: basis,
    sales_count: count,
    vgv: reais(cents),
    avg_ticket: count ? reais(cents / count) : null,
    cancellations: { count: cancelledCount, vgv: reais(cancelledCents) },
    by_month: months.map((month, k) => ({ month, sales_count: current.count[k], vgv: reais(current.cents[k]) })),
    yoy: months.map((month, k) => ({
      month,
      current: reais(current.cents[k]),
      previous: reais(previous.cents[k]),
      current_count: current.count[k],
      previous_count: previous.count[k],
    })),
    by_development: developmentsOut,
    by_broker: brokerRank.map((g) => ({
      broker_id: model.brokers.ids[g],
      broker: model.brokers.names[g],
      team: teamName(brokerTeam[g]),
      sales_count: brokers.count[g],
      vgv: reais(brokers.cents[g]),
      commission: reais(brokers.commission[g]),
    })),
    by_team: teams.ranked().map((g) => ({
      team_id: model.teams.ids[g],
      team: model.teams.names[g],
      sales_count: teams.count[g],
      vgv: reais(teams.cents[g]),
      commission: reais(teams.commission[g]),
    })),
    vso_by_month: vsoByMonth(model, months),
    pro_soluto: {
      total: reais(proSoluto),
      avg_share: shares ? shareSum / shares : null,
      buckets: PRO_SOLUTO_BUCKETS.map((b, i) => ({ label: b.label, min_share: b.min_share, max_share: b.max_share, sales_count: bucketCount[i], total: reais(bucketCents[i]) })),
    },
    commissions: {
      total: reais(commission),
      top: brokers.ranked(brokers.commission).slice(0, 10).map((g) => ({ broker: model.brokers.names[g], commission: reais(brokers.commission[g]), sales_count: brokers.count[g] })),
    },
    mirror: { reservations: model.activeReservations, units: model.units.length, first_day: firstDay, last_day: lastDay },
  };
}

type DevelopmentRow = RealEstateKpis['by_development'][number];

/** Idle developments (VGV 0) go among the zero-VGV ones, in name order, as the ranking would put them. */
function mergeZeroVgv(ranked: DevelopmentRow[], zeroAt: number, idle: DevelopmentRow[]): DevelopmentRow[] {
  const zeros = [...ranked.slice(zeroAt), ...idle].sort(
    (a, b) => collator.compare(a.development, b.development) || (a.development_id ?? -1) - (b.development_id ?? -1),
  );
  return [...ranked.slice(0, zeroAt), ...zeros];
}
