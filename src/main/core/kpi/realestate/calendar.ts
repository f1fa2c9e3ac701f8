/** Calendar arithmetic on 'YYYY-MM-DD' days and 'YYYY-MM' months (no time zones involved). */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export function firstDayOf(month: string): string {
  return `${month}-01`;
}

export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}

export function addMonths(month: string, count: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) + count;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}

/** Every month from `from` to `to`, inclusive; empty when `from` is after `to`. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) months.push(month);
  return months;
}

/**
 * The same day one year earlier. The last day of a month maps to the last day of that month a year
 * earlier, so February 2025 (1–28) compares with February 2024 (1–29) and 29 February with 28 February.
 */
export function yearBefore(day: string): string {
  const [y, m] = day.split('-').map(Number);
  const month = `${pad(y - 1, 4)}-${pad(m)}`;
  if (day === lastDayOf(monthOf(day))) return lastDayOf(month);
  return `${month}-${day.slice(8)}`;
}

export function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
