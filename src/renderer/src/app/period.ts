/** Dashboard periods, as inclusive business-day ranges in the company's time zone. */
export type PeriodKind = 'all' | 'this_year' | 'last_year' | 'last_12_months' | 'custom';

export interface Period {
  kind: PeriodKind;
  /** Only for 'custom': YYYY-MM-DD or ''. */
  from: string;
  to: string;
}

export const PERIOD_LABELS: Record<PeriodKind, string> = {
  all: 'Todo o histórico',
  this_year: 'Este ano',
  last_year: 'Ano passado',
  last_12_months: 'Últimos 12 meses',
  custom: 'Personalizado',
};

export const DEFAULT_PERIOD: Period = { kind: 'all', from: '', to: '' };

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Calendar arithmetic on YYYY-MM-DD (UTC noon avoids any daylight-saving edge). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The kpi.crm range for a period (a custom bound left empty stays open). */
export function periodRange(period: Period, timeZone: string, now: Date = new Date()): { from?: string; to?: string } {
  const today = todayIn(timeZone, now);
  const year = Number(today.slice(0, 4));
  switch (period.kind) {
    case 'all':
      return {};
    case 'this_year':
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    case 'last_year':
      return { from: `${year - 1}-01-01`, to: `${year - 1}-12-31` };
    case 'last_12_months':
      return { from: addDays(today, -364), to: today };
    case 'custom':
      return { ...(DAY.test(period.from) ? { from: period.from } : {}), ...(DAY.test(period.to) ? { to: period.to } : {}) };
  }
}
