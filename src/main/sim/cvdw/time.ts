// CVDW speaks São Paulo wall-clock time with no offset ("2024-09-18 10:15:26"). Every instant in the
// simulator is therefore kept as "wall-clock seconds": the local time read as if it were UTC. That
// keeps formatting and day arithmetic trivial and matches MySQL, which compares these strings as
// naive datetimes.

export const DAY = 86_400;

/** referencia_data sort keys below every real time: MySQL orders NULL first, then the zero date. */
export const NULL_TIME = -2;
export const ZERO_TIME = -1;
export const ZERO_DATETIME = '0000-00-00 00:00:00';

const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/** Civil date of a day count since 1970-01-01 (H. Hinnant's algorithm). */
function civil(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** Wall-clock seconds of a civil date and time. */
export function wallSeconds(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
}

/** "YYYY-MM-DD HH:MM:SS" */
export function formatDateTime(t: number): string {
  const days = Math.floor(t / DAY);
  let rest = t - days * DAY;
  const [y, m, d] = civil(days);
  const hh = Math.floor(rest / 3600);
  rest -= hh * 3600;
  const mm = Math.floor(rest / 60);
  const ss = rest - mm * 60;
  return `${y}-${TWO[m]}-${TWO[d]} ${TWO[hh]}:${TWO[mm]}:${TWO[ss]}`;
}

/** "YYYY-MM-DD" */
export function formatDate(t: number): string {
  const [y, m, d] = civil(Math.floor(t / DAY));
  return `${y}-${TWO[m]}-${TWO[d]}`;
}

/** "dd/mm/yyyy", as /unidades writes some of its dates. */
export function formatBrDate(t: number): string {
  const [y, m, d] = civil(Math.floor(t / DAY));
  return `${TWO[d]}/${TWO[m]}/${y}`;
}

/** A referencia_data sort key as the API prints it. */
export function formatReference(t: number): string | null {
  if (t === NULL_TIME) return null;
  if (t === ZERO_TIME) return ZERO_DATETIME;
  return formatDateTime(t);
}

export function dayStart(t: number): number {
  return Math.floor(t / DAY) * DAY;
}

/**
 * A filter value as the API accepts it: "YYYY-MM-DD" (midnight, as MySQL reads it) or
 * "YYYY-MM-DD HH:MM:SS". Returns null for anything else, the zero date included.
 */
export function parseFilterDate(raw: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(raw.trim());
  if (!m) return null;
  const [y, mo, d, hh, mi, ss] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || hh > 23 || mi > 59 || ss > 59) return null;
  const t = wallSeconds(y, mo, d, hh, mi, ss);
  if (formatDate(t) !== `${m[1]}-${m[2]}-${m[3]}`) return null;
  return t;
}

/** Today's date in São Paulo, "YYYY-MM-DD". */
export function saoPauloToday(): string {
  return formatDate(saoPauloNow());
}

/** The current São Paulo wall clock in wall-clock seconds. */
export function saoPauloNow(): number {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Sao_Paulo', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date());
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return wallSeconds(get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second'));
}
