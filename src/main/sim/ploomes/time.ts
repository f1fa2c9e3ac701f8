// Ploomes answers REST calls in Brasília time. São Paulo has had no daylight saving since 2019, so a
// fixed -03:00 offset is exact for every date the simulator produces.
const OFFSET_MS = -3 * 3_600_000;
export const DAY_MS = 86_400_000;

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/**
 * Formats an instant the way the API's .NET serializer does: local -03:00 wall time, fraction of a
 * second with trailing zeros dropped ("…:45.13-03:00", "…:45-03:00"). Clients that compare these
 * strings instead of instants get it wrong, which is exactly what the simulator should expose.
 * Hand-rolled because it runs several times per record on a million-record sync.
 */
export function formatPloomesDate(ms: number): string {
  const local = ms + OFFSET_MS;
  const days = Math.floor(local / DAY_MS);
  let rest = local - days * DAY_MS;
  // Civil date from a day count (H. Hinnant's days_from_civil inverse).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const millis = rest - second * 1000;
  let fraction = '';
  if (millis !== 0) {
    fraction = millis % 100 === 0 ? `.${millis / 100}` : millis % 10 === 0 ? `.${TWO_DIGITS[millis / 10]}` : `.${String(millis).padStart(3, '0')}`;
  }
  return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}${fraction}-03:00`;
}

/** The same wall time without an offset: webhook payloads carry dates this way. */
export function formatPloomesLocalDate(ms: number): string {
  return formatPloomesDate(ms).slice(0, -6);
}

/**
 * An instant `days` (fractional) after `from`, moved into office hours (08:00-20:00) of that day and
 * never earlier than `from`: people edit records at work, not at 3 a.m.
 */
export function officeTimeAfter(from: number, days: number, dayFraction: number): number {
  const at = localDayStart(from + days * DAY_MS) + 8 * 3_600_000 + Math.floor(dayFraction * 12 * 3_600_000);
  return at > from ? at : from + Math.floor(dayFraction * 30 * 60_000) + 1;
}

/** Midnight (-03:00) of the São Paulo day containing `ms`. */
export function localDayStart(ms: number): number {
  const shifted = ms + OFFSET_MS;
  return shifted - (((shifted % DAY_MS) + DAY_MS) % DAY_MS) - OFFSET_MS;
}

/** An instant from São Paulo wall-clock parts (month 1-12). */
export function localTime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - OFFSET_MS;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:\d{2})?$/;

export type ParsedInstant = { ok: true; ms: number } | { ok: false; reason: 'syntax' | 'no-offset' | 'range' };

/** Parses an ISO-8601 date-time; an offset (or Z) is mandatory, as for OData DateTimeOffset. */
export function parseInstant(text: string): ParsedInstant {
  const m = DATE_TIME.exec(text);
  if (!m) return { ok: false, reason: 'syntax' };
  if (!m[8]) return { ok: false, reason: 'no-offset' };
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  const second = m[6] ? Number(m[6]) : 0;
  const millis = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000 + 1e-9) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: 'range' };
  }
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  if (new Date(local).getUTCDate() !== day) return { ok: false, reason: 'range' };
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const sign = m[8].startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(4, 6)));
  }
  return { ok: true, ms: local - offsetMinutes * 60_000 };
}

/** Instant of a timestamp string the simulator itself produced (always well formed). */
export function instantOf(text: string): number {
  const parsed = parseInstant(text);
  return parsed.ok ? parsed.ms : NaN;
}

/** The São Paulo calendar year of an instant. */
export function localYear(ms: number): number {
  return new Date(ms + OFFSET_MS).getUTCFullYear();
}

const OFFICE_OPENS_MS = 8 * 3_600_000;
const OFFICE_DAY_MS = 11 * 3_600_000;

/**
 * Maps positions in [0, 1) onto weekday office hours (08:00-19:00, -03:00) between two instants,
 * preserving order, so records generated in index order get increasing, plausible timestamps.
 * Nothing lands after `to`: when `to` falls inside a day's office hours, that day counts only for
 * the part before `to`.
 */
export class OfficeCalendar {
  private readonly days: number[] = [];
  /** Length of the calendar in office days: the last one may be a fraction (`to` cuts it short). */
  private readonly span: number;

  constructor(from: number, to: number) {
    for (let day = localDayStart(from); day < to; day += DAY_MS) {
      const weekday = new Date(day + OFFSET_MS).getUTCDay();
      if (weekday !== 0 && weekday !== 6) this.days.push(day);
    }
    let last = 1;
    while (this.days.length > 0) {
      last = Math.min(1, (to - (this.days[this.days.length - 1] + OFFICE_OPENS_MS)) / OFFICE_DAY_MS);
      if (last > 0) break;
      this.days.pop();
      last = 1;
    }
    // With whole days this is exactly days.length, so positions map as they always did.
    this.span = this.days.length - 1 + last;
  }

  at(position: number): number {
    const x = position * this.span;
    const i = Math.min(Math.floor(x), this.days.length - 1);
    // Kept as (x - i) * 11 * 3_600_000: rounding differently would change existing data.
    return this.days[i] + OFFICE_OPENS_MS + Math.floor((x - i) * 11 * 3_600_000);
  }
}
