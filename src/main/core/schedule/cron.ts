import { UserError } from '../errors';
import type { BusinessCalendar } from '../time/businessDate';

/**
 * Five-field cron expressions (minute hour day-of-month month day-of-week) with lists, ranges,
 * steps and English month/day names, evaluated on the wall clock of a time zone.
 *
 * Day of month and day of week follow classic cron: when both are restricted (neither starts with
 * "*"), a day matches if EITHER matches ("0 3 1 * 1" runs on the 1st and on every Monday).
 *
 * Daylight saving time, for zones that have it:
 * - a time that does not exist on the day clocks go forward runs at the moment they do
 *   (02:30 when 02:00 jumps to 03:00 runs at 03:00);
 * - a time that exists twice on the day clocks go back runs once, at its first occurrence.
 */
export interface CronSchedule {
  expression: string;
  minutes: readonly number[];
  hours: readonly number[];
  daysOfMonth: ReadonlySet<number>;
  months: ReadonlySet<number>;
  daysOfWeek: ReadonlySet<number>;
  anyDayOfMonth: boolean;
  anyDayOfWeek: boolean;
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'minuto', min: 0, max: 59 },
  { name: 'hora', min: 0, max: 23 },
  { name: 'dia do mês', min: 1, max: 31 },
  { name: 'mês', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  // 7 is Sunday too, as in most crons.
  { name: 'dia da semana', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

const EXAMPLE = 'ex.: "0 6-22/4 * * *" (às 06, 10, 14, 18 e 22 h) ou "30 3 * * 1-5" (03:30 de segunda a sexta)';

export class CronError extends UserError {
  constructor(expression: string, problem: string) {
    super(`Expressão cron inválida "${expression}": ${problem}; ${EXAMPLE}.`, 'bad-cron');
    this.name = 'CronError';
  }
}

export function parseCron(expression: string): CronSchedule {
  const text = expression.trim().replace(/\s+/g, ' ');
  if (!text) throw new CronError(expression, 'está vazia — informe 5 campos (minuto hora dia-do-mês mês dia-da-semana)');
  const parts = text.split(' ');
  if (parts.length !== 5) {
    throw new CronError(text, `tem ${parts.length} campo${parts.length === 1 ? '' : 's'}, mas são precisos 5 (minuto hora dia-do-mês mês dia-da-semana)`);
  }
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = parts.map((part, i) => parseField(text, part, FIELDS[i]));
  const schedule: CronSchedule = {
    expression: text,
    minutes: [...minutes].sort((a, b) => a - b),
    hours: [...hours].sort((a, b) => a - b),
    daysOfMonth,
    months,
    daysOfWeek: new Set([...daysOfWeek].map((d) => (d === 7 ? 0 : d))),
    anyDayOfMonth: parts[2].startsWith('*'),
    anyDayOfWeek: parts[4].startsWith('*'),
  };
  if (!occursAtAll(schedule)) throw new CronError(text, 'essa combinação de dia e mês nunca acontece (ex.: 30 de fevereiro)');
  return schedule;
}

function parseField(expression: string, field: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  const fail = (problem: string): never => {
    throw new CronError(expression, `no campo ${spec.name} ("${field}"), ${problem}`);
  };
  for (const item of field.split(',')) {
    if (!item) fail('há uma vírgula sobrando');
    const [range, stepText, extra] = item.split('/');
    if (extra !== undefined) fail(`"${item}" tem mais de uma barra`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) fail(`o passo "/${stepText}" deve ser um número inteiro maior que zero`);
      step = Number(stepText);
      if (step > spec.max - spec.min + 1) fail(`o passo ${step} é maior que o campo inteiro (${spec.min} a ${spec.max})`);
    }
    let from: number;
    let to: number;
    if (range === '*') {
      from = spec.min;
      to = spec.name === 'dia da semana' ? 6 : spec.max;
    } else {
      const bounds = range.split('-');
      if (bounds.length > 2) fail(`"${range}" não é um intervalo (use início-fim, como 1-5)`);
      from = value(bounds[0], spec, fail);
      // "a/n" means from a to the end of the field, stepping by n.
      to = bounds.length === 2 ? value(bounds[1], spec, fail) : stepText !== undefined ? spec.max : from;
      if (from > to) fail(`o intervalo ${range} começa depois de terminar (use ${bounds[1]}-${bounds[0]})`);
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function value(text: string, spec: FieldSpec, fail: (problem: string) => never): number {
  if (text === '') return fail('falta um número');
  const named = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return spec.min + named;
  if (!/^\d+$/.test(text)) {
    return fail(`"${text}" não é um número${spec.names ? ` nem um nome aceito (${spec.names.join(', ')})` : ''}`);
  }
  const n = Number(text);
  if (n < spec.min || n > spec.max) fail(`o valor ${n} está fora de ${spec.min} a ${spec.max}`);
  return n;
}

/** Some month has a matching day (guards "0 0 31 2 *" and friends, which would never run). */
function occursAtAll(schedule: CronSchedule): boolean {
  if (!schedule.anyDayOfWeek && !schedule.anyDayOfMonth) return true;
  if (!schedule.anyDayOfWeek) return schedule.daysOfWeek.size > 0;
  const longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return [...schedule.months].some((m) => [...schedule.daysOfMonth].some((d) => d <= longest[m - 1]));
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Far enough for the rarest day a cron can name: 29 February on a given weekday recurs within 28 years. */
const SEARCH_DAYS = 366 * 30;

function dayMatches(schedule: CronSchedule, wallDay: number): boolean {
  const date = new Date(wallDay);
  if (!schedule.months.has(date.getUTCMonth() + 1)) return false;
  const dom = schedule.daysOfMonth.has(date.getUTCDate());
  const dow = schedule.daysOfWeek.has(date.getUTCDay());
  if (schedule.anyDayOfMonth || schedule.anyDayOfWeek) return dom && dow;
  return dom || dow;
}

/**
 * The first instant strictly after `after` at which the schedule fires, on the wall clock of
 * `calendar`'s zone; null if it never fires again within the search horizon.
 */
export function nextOccurrence(schedule: CronSchedule, after: number, calendar: BusinessCalendar): number | null {
  // Wall-clock minute of `after`: candidates must be later on the wall clock, so a time repeated
  // when clocks go back never runs twice.
  const afterWall = Math.floor((after + calendar.offsetAt(after)) / MINUTE) * MINUTE;
  const firstDay = Math.floor(afterWall / DAY) * DAY;
  for (let day = 0; day < SEARCH_DAYS; day++) {
    const wallDay = firstDay + day * DAY;
    if (!dayMatches(schedule, wallDay)) continue;
    for (const hour of schedule.hours) {
      if (wallDay + hour * HOUR + 59 * MINUTE <= afterWall) continue;
      for (const minute of schedule.minutes) {
        const wall = wallDay + hour * HOUR + minute * MINUTE;
        if (wall <= afterWall) continue;
        const instant = instantOfWallTime(wall, after, calendar);
        if (instant !== null) return instant;
      }
    }
  }
  return null;
}

/** The next `count` firing instants after `after`. */
export function nextOccurrences(schedule: CronSchedule, after: number, calendar: BusinessCalendar, count: number): number[] {
  const out: number[] = [];
  let from = after;
  while (out.length < count) {
    const next = nextOccurrence(schedule, from, calendar);
    if (next === null) break;
    out.push(next);
    from = next;
  }
  return out;
}

/**
 * The instant a wall-clock time happens at, later than `after`: its first occurrence if it happens
 * twice (clocks going back), the moment the clocks jump if it does not exist (clocks going forward).
 */
function instantOfWallTime(wall: number, after: number, calendar: BusinessCalendar): number | null {
  const early = calendar.offsetAt(wall - calendar.offsetAt(wall) - DAY);
  const late = calendar.offsetAt(wall - calendar.offsetAt(wall) + DAY);
  const candidates = [wall - early, wall - late].filter((t, i) => calendar.offsetAt(t) === (i === 0 ? early : late)).sort((a, b) => a - b);
  if (candidates.length) return candidates.find((t) => t > after) ?? null;
  // A gap: with the late offset the time is before the jump, with the early one after it.
  let lo = wall - late;
  let hi = wall - early;
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (calendar.offsetAt(mid) === late) hi = mid;
    else lo = mid;
  }
  return hi > after ? hi : null;
}
