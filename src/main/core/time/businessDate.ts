/**
 * Business dates: the day, month and year of an event as people in the company's time zone see
 * them. A deal won at 22:30 on 31 December in São Paulo belongs to that year, even though it is
 * already 1 January in UTC.
 */
export const DEFAULT_TIMEZONE = 'America/Sao_Paulo';

const BUCKET_MS = 15 * 60 * 1000;

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Converts instants to local calendar days. Offsets change at most on quarter-hour boundaries in
 * every IANA zone, so one Intl lookup per 15-minute bucket serves every instant inside it; that keeps
 * a million conversions cheap during a sync.
 */
export class BusinessCalendar {
  private readonly formatter: Intl.DateTimeFormat;
  private readonly offsetByBucket = new Map<number, number>();

  constructor(readonly timeZone: string = DEFAULT_TIMEZONE) {
    this.formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  /** Offset of the zone from UTC, in milliseconds, at the given instant. */
  offsetAt(epochMs: number): number {
    const bucket = Math.floor(epochMs / BUCKET_MS);
    let offset = this.offsetByBucket.get(bucket);
    if (offset === undefined) {
      offset = this.computeOffset(bucket * BUCKET_MS);
      this.offsetByBucket.set(bucket, offset);
    }
    return offset;
  }

  /** 'YYYY-MM-DD' of the instant in this zone. */
  dayOf(epochMs: number): string {
    return new Date(epochMs + this.offsetAt(epochMs)).toISOString().slice(0, 10);
  }

  /** Local day of an ISO-8601 timestamp (with offset or Z); null for null/empty/unparseable input. */
  dayOfIso(iso: string | null | undefined): string | null {
    if (!iso) return null;
    const ms = parseInstant(iso);
    return ms === null ? null : this.dayOf(ms);
  }

  /** The instant at which the given local day starts in this zone. */
  startOfDay(day: string): number {
    const guess = Date.parse(`${day}T00:00:00Z`);
    let instant = guess - this.offsetAt(guess);
    // A DST change on that day can shift the offset; one correction settles it.
    instant = guess - this.offsetAt(instant);
    return instant;
  }

  private computeOffset(epochMs: number): number {
    const parts = this.formatter.formatToParts(new Date(epochMs));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return asUtc - (epochMs - (epochMs % 1000));
  }
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO-8601 instant that carries its zone; timestamps without a zone are ambiguous and rejected. */
export function parseInstant(iso: string): number | null {
  if (!ISO_WITH_ZONE.test(iso)) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Validates a 'YYYY-MM-DD' calendar day. */
export function isCalendarDay(day: string): boolean {
  const m = DAY.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === day;
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Number of days from `from` to `to`, both inclusive. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

function isFirstOfMonth(day: string): boolean {
  return day.endsWith('-01');
}

function isLastOfMonth(day: string): boolean {
  return addDays(day, 1).endsWith('-01');
}

/**
 * The period to compare a range with: whole calendar months compare with the same number of months
 * just before (2024 with 2023, February with January); any other range with the same number of
 * days just before.
 */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  if (isFirstOfMonth(from) && isLastOfMonth(to)) {
    const [fy, fm] = from.split('-').map(Number);
    const [ty, tm] = to.split('-').map(Number);
    const months = ty * 12 + tm - (fy * 12 + fm) + 1;
    const start = fy * 12 + (fm - 1) - months;
    const prevFrom = `${String(Math.floor(start / 12)).padStart(4, '0')}-${String((start % 12) + 1).padStart(2, '0')}-01`;
    return { from: prevFrom, to: addDays(from, -1) };
  }
  const length = daysInclusive(from, to);
  return { from: addDays(from, -length), to: addDays(from, -1) };
}
