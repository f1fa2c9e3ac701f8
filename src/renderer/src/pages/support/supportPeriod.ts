import { addDays, todayIn } from '../../app/period';

/** The support dashboard's periods, Chatwoot's report presets; all end today unless "Mês passado" or "Personalizado". */
export type SupportPeriodKind = 'last_7' | 'last_14' | 'last_30' | 'this_month' | 'last_month' | 'last_3_months' | 'last_6_months' | 'last_year' | 'custom';

export interface SupportPeriod {
  kind: SupportPeriodKind;
  /** Only for 'custom': YYYY-MM-DD or ''. */
  from: string;
  to: string;
}

export const SUPPORT_PERIOD_LABELS: Record<SupportPeriodKind, string> = {
  last_7: 'Últimos 7 dias',
  last_14: 'Últimos 14 dias',
  last_30: 'Últimos 30 dias',
  this_month: 'Este mês',
  last_month: 'Mês passado',
  last_3_months: 'Últimos 3 meses',
  last_6_months: 'Últimos 6 meses',
  last_year: 'Último ano',
  custom: 'Personalizado',
};

export const DEFAULT_SUPPORT_PERIOD: SupportPeriod = { kind: 'last_30', from: '', to: '' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The same day `months` months earlier; a day the shorter month lacks becomes its last day. */
export function monthsBefore(day: string, months: number): string {
  const index = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(Number(day.slice(8, 10)), lastDay)).padStart(2, '0')}`;
}

/** The kpi.support range of a period, in the company's time zone (an empty custom bound stays open). */
export function supportPeriodRange(period: SupportPeriod, timeZone: string, now: Date = new Date()): { from?: string; to?: string } {
  const today = todayIn(timeZone, now);
  const firstOfMonth = `${today.slice(0, 7)}-01`;
  switch (period.kind) {
    case 'last_7':
      return { from: addDays(today, -6), to: today };
    case 'last_14':
      return { from: addDays(today, -13), to: today };
    case 'last_30':
      return { from: addDays(today, -29), to: today };
    case 'this_month':
      return { from: firstOfMonth, to: today };
    case 'last_month':
      return { from: monthsBefore(firstOfMonth, 1), to: addDays(firstOfMonth, -1) };
    case 'last_3_months':
      return { from: addDays(monthsBefore(today, 3), 1), to: today };
    case 'last_6_months':
      return { from: addDays(monthsBefore(today, 6), 1), to: today };
    case 'last_year':
      return { from: addDays(monthsBefore(today, 12), 1), to: today };
    case 'custom':
      return { ...(DAY.test(period.from) ? { from: period.from } : {}), ...(DAY.test(period.to) ? { to: period.to } : {}) };
  }
}
