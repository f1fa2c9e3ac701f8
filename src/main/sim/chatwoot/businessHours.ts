// Business-hours arithmetic the way Chatwoot's reporting listener uses the working_hours gem: the
// working seconds between two instants, on the inbox's weekly calendar, in the inbox's time zone.

/** One `working_hours` row (the columns the calculation reads). */
export interface WorkingDay {
  day_of_week: number;
  closed_all_day: boolean | null;
  open_all_day: boolean | null;
  open_hour: number | null;
  open_minutes: number | null;
  close_hour: number | null;
  close_minutes: number | null;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** Local minus UTC, in ms, for the hour holding `utcMs`. Zones change offset on whole hours, so caching per hour is exact for the zones we use. */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const hourStart = Math.floor(utcMs / HOUR) * HOUR;
  const key = `${timeZone}@${hourStart}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(new Date(hourStart))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const offset = local - hourStart;
  if (offsets.size > 200_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** The UTC instant of a wall-clock time ("local ms": the local time read as if it were UTC). */
export function localToUtc(localMs: number, timeZone: string): number {
  const guess = localMs - zoneOffsetMs(localMs, timeZone);
  const offset = zoneOffsetMs(guess, timeZone);
  return localMs - offset;
}

/** Wall-clock ms of an instant in the zone. */
export function utcToLocal(utcMs: number, timeZone: string): number {
  return utcMs + zoneOffsetMs(utcMs, timeZone);
}

/**
 * Working seconds in [start, end) on the weekly `calendar` (working_hours rows; a day without a row
 * or with closed_all_day counts nothing; open_all_day is 00:00–23:59, as Chatwoot stores it).
 * Returns 0 for an empty calendar or an empty interval.
 */
export function businessSeconds(start: Date, end: Date, calendar: readonly WorkingDay[], timeZone: string): number {
  const from = start.getTime();
  const to = end.getTime();
  if (!(to > from) || calendar.length === 0) return 0;
  const byDay: Array<WorkingDay | undefined> = [];
  for (const row of calendar) byDay[row.day_of_week] = row;
  const firstDay = Math.floor(utcToLocal(from, timeZone) / DAY);
  const lastDay = Math.floor(utcToLocal(to, timeZone) / DAY);
  let ms = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    const row = byDay[(day + 4) % 7]; // 1970-01-01 was a Thursday (4)
    if (!row || row.closed_all_day) continue;
    const openMinute = row.open_all_day ? 0 : (row.open_hour ?? 0) * 60 + (row.open_minutes ?? 0);
    const closeMinute = row.open_all_day ? 23 * 60 + 59 : (row.close_hour ?? 0) * 60 + (row.close_minutes ?? 0);
    if (closeMinute <= openMinute) continue;
    const open = localToUtc(day * DAY + openMinute * MINUTE, timeZone);
    const close = localToUtc(day * DAY + closeMinute * MINUTE, timeZone);
    const overlap = Math.min(to, close) - Math.max(from, open);
    if (overlap > 0) ms += overlap;
  }
  return Math.floor(ms / 1000);
}
