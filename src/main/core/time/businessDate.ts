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

const DAY_MS = 86_400_000;

/**
 * Converts instants to local calendar days. A zone's offset changes at most a few times a year, so
 * the offset is looked up (Intl, slow) once per UTC day and reused for every instant of that day;
 * only a day whose offset changes (a DST switch) is resolved per quarter hour. Day strings are
 * cached per local day number. That keeps a million conversions in a sync cheap.
 */
export class BusinessCalendar {
  private readonly formatter: Intl.DateTimeFormat;
  /** UTC day number → offset valid for the whole day, or null when the offset changes that day. */
  private readonly offsetByDay = new Map<number, number | null>();
  private readonly offsetByBucket = new Map<number, number>();
  private readonly dayNames = new Map<number, string>();

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
    const day = Math.floor(epochMs / DAY_MS);
    let whole = this.offsetByDay.get(day);
    if (whole === undefined) {
      const start = this.computeOffset(day * DAY_MS);
      const end = this.computeOffset((day + 1) * DAY_MS - BUCKET_MS);
      whole = start === end ? start : null;
      this.offsetByDay.set(day, whole);
    }
    if (whole !== null) return whole;
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
    const localDay = Math.floor((epochMs + this.offsetAt(epochMs)) / DAY_MS);
    let name = this.dayNames.get(localDay);
    if (name === undefined) {
      name = new Date(localDay * DAY_MS).toISOString().slice(0, 10);
      this.dayNames.set(localDay, name);
    }
    return name;
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
  if (!hasZone(iso) || !ISO_WITH_ZONE.test(iso)) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** Cheap pre-check (most strings pass it) before the full pattern. */
function hasZone(iso: string): boolean {
  const n = iso.length;
  return iso.charCodeAt(n - 1) === 90 /* Z */ || (iso.charCodeAt(n - 3) === 58 /* : */ && (iso.charCodeAt(n - 6) === 43 || iso.charCodeAt(n - 6) === 45));
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
