import { addMonths, dayAfter, firstDayOf, lastDayOf } from './calendar';
import { firstSaleOnOrAfter, pastLastSaleOn, standsAsOf, type SalesModel, type UnitStock } from './salesModel';

export interface VsoMonth {
  month: string;
  sold: number;
  available: number;
  launched: number;
  vso: number | null;
}

/** Number of items of a sorted list that are < `value` (or ≤ with `inclusive`). */
function countBelow(sorted: readonly string[], value: string, inclusive = false): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value || (inclusive && sorted[mid] === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function launchDays(model: SalesModel): string[] {
  let days = model.memo.get('launch-days') as string[] | undefined;
  if (!days) {
    days = model.units.flatMap((u) => (u.launch ? [u.launch] : [])).sort();
    model.memo.set('launch-days', days);
  }
  return days;
}

/** Whether the unit was launched before `day` and no sale of it stood on `day`. */
export function availableOn(unit: UnitStock, day: string): boolean {
  if (unit.launch === null || unit.launch >= day) return false;
  return !unit.standing.some((r) => r.from < day && (r.to === null || day <= r.to));
}

/**
 * VSO month by month (docs/KPIS.md): sold(M) ÷ (available at the first day of M + launched in M),
 * each month seen as its own period.
 */
export function vsoByMonth(model: SalesModel, months: readonly string[]): VsoMonth[] {
  if (!months.length) return [];
  const key = `vso-${months[0]}-${months.length}`;
  const known = model.memo.get(key) as VsoMonth[] | undefined;
  if (known) return known.map((m) => ({ ...m }));
  const computed = computeVso(model, months);
  model.memo.set(key, computed);
  return computed.map((m) => ({ ...m }));
}

function computeVso(model: SalesModel, months: readonly string[]): VsoMonth[] {
  const starts = months.map(firstDayOf);
  const launches = launchDays(model);

  // Units launched before a month's first day but held by a standing sale on it: one +1/−1 pair
  // per standing range over the months whose first day the range covers.
  const held = new Int32Array(months.length + 1);
  for (const unit of model.units) {
    if (unit.launch === null) continue;
    for (const range of unit.standing) {
      const after = range.from > unit.launch ? range.from : unit.launch;
      const first = countBelow(starts, after, true);
      const last = range.to === null ? months.length - 1 : countBelow(starts, range.to, true) - 1;
      if (first <= last) {
        held[first]++;
        held[last + 1]--;
      }
    }
  }

  const sold = new Int32Array(months.length);
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const lastDays = months.map(lastDayOf);
  const lastSoldMonth = new Map<number, number>();
  const { sales } = model;
  const end = pastLastSaleOn(sales, lastDays[months.length - 1]);
  for (let i = firstSaleOnOrAfter(sales, starts[0]); i < end; i++) {
    const sale = sales[i];
    const k = monthIndex.get(sale.month);
    if (k === undefined || sale.unitId === null || !model.unitIds.has(sale.unitId)) continue;
    if (!standsAsOf(sale, lastDays[k]) || lastSoldMonth.get(sale.unitId) === k) continue;
    lastSoldMonth.set(sale.unitId, k);
    sold[k]++;
  }

  let holding = 0;
  return months.map((month, k) => {
    holding += held[k];
    const launchedBefore = countBelow(launches, starts[k]);
    const launched = countBelow(launches, firstDayOf(addMonths(month, 1))) - launchedBefore;
    const available = launchedBefore - holding;
    const offer = available + launched;
    return { month, sold: sold[k], available, launched, vso: offer > 0 ? sold[k] / offer : null };
  });
}

/** Units available at the end of `day` (launched on or before it, no sale standing after it), per development. */
export function availableByDevelopment(model: SalesModel, day: string): Map<number, number> {
  const key = `available-${day}`;
  let counts = model.memo.get(key) as Map<number, number> | undefined;
  if (!counts) {
    counts = new Map();
    const next = dayAfter(day);
    for (const unit of model.units) {
      if (unit.developmentId !== null && availableOn(unit, next)) counts.set(unit.developmentId, (counts.get(unit.developmentId) ?? 0) + 1);
    }
    model.memo.set(key, counts);
  }
  return counts;
}
