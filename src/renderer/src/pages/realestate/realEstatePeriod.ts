import { todayIn } from '../../app/period';

/** The sales dashboard's period presets; every preset but "Intervalo" starts on a month's first day. */
export type SalesPeriodKind = 'this_month' | 'last_12_months' | 'year_vs_previous' | 'custom';

export interface SalesPeriod {
  kind: SalesPeriodKind;
  /** Only for 'custom': YYYY-MM-DD or ''. */
  from: string;
  to: string;
}

export const SALES_PERIOD_LABELS: Record<SalesPeriodKind, string> = {
  this_month: 'Este mês',
  last_12_months: 'Últimos 12 meses',
  year_vs_previous: 'Este ano vs anterior',
  custom: 'Intervalo',
};

export const DEFAULT_SALES_PERIOD: SalesPeriod = { kind: 'last_12_months', from: '', to: '' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** 'YYYY-MM' shifted by whole months. */
export function addMonths(month: string, months: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The kpi.realestate range for a period, in the company's time zone (an empty custom bound stays
 * open). Presets end today, so the year-before comparison covers the same days, not a whole month
 * or year against a part of one.
 */
export function salesPeriodRange(period: SalesPeriod, timeZone: string, now: Date = new Date()): { from?: string; to?: string } {
  const today = todayIn(timeZone, now);
  const month = today.slice(0, 7);
  switch (period.kind) {
    case 'this_month':
      return { from: `${month}-01`, to: today };
    case 'last_12_months':
      return { from: `${addMonths(month, -11)}-01`, to: today };
    case 'year_vs_previous':
      return { from: `${month.slice(0, 4)}-01-01`, to: today };
    case 'custom':
      return { ...(DAY.test(period.from) ? { from: period.from } : {}), ...(DAY.test(period.to) ? { to: period.to } : {}) };
  }
}
