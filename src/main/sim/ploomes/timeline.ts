import { DEPARTED_AT } from './catalog';
import type { Draws } from './random';
import { DAY_MS, localDayStart, localTime, localYear, officeTimeAfter } from './time';

// When the generated history happens. By default it covers 2023-01-02 … 2025-12-31 (São Paulo);
// a different `dataEnd` moves the whole history as one block, by whole days, so every interval
// (import wave, archived pipeline, departed seller...) keeps its length and its place in the span.

/** The default end: the last millisecond of 2025 in São Paulo. */
export const DEFAULT_DATA_END = localTime(2026, 1, 1) - 1;
const DEFAULT_START = localTime(2023, 1, 2);
/** The start is this many days before the (São Paulo) day of the end: 1,095 days of data. */
const SPAN_DAYS = 1094;
/** Earliest accepted end: the whole span then falls after São Paulo's last daylight-saving period (2019). */
const MIN_DATA_END = localTime(2022, 3, 1);
/** Latest accepted end: dates are written with four-digit years. */
const MAX_DATA_END = localTime(9999, 1, 1);
const MINUTE_MS = 60_000;

/** A moment when some deals are won on purpose, to catch reports that bucket by UTC. */
export interface YearEndMoment {
  /** The year of the 31 December the moment belongs to (New Year moments: the year just ended). */
  year: number;
  at: number;
  /** 0 = 22:30 on 31 December, 1 = 00:30 on 1 January. */
  parity: 0 | 1;
}

export class Timeline {
  /** Every generated timestamp is at most this. */
  readonly end: number;
  /** 00:00 of the first day of data: deals and the contact import start here. */
  readonly start: number;
  /** Whole days (in ms) the history moved from its default position; 0 by default. */
  readonly shift: number;
  /** The imported customer base is created from `start` until this instant. */
  readonly importEnd: number;
  /** Contacts keep being created until this instant (two months before the end). */
  readonly ongoingEnd: number;
  /** Deals created before this may carry the import's ids (the first month). */
  readonly importedDealsUntil: number;
  /** The archived pipeline still received deals created before this. */
  readonly archivedPipelineUntil: number;
  /** From this instant on, the departed salesperson gets no new business. */
  readonly departedAt: number;

  constructor(dataEnd: number = DEFAULT_DATA_END) {
    if (!Number.isFinite(dataEnd) || dataEnd < MIN_DATA_END || dataEnd >= MAX_DATA_END) {
      throw new Error(`dataEnd must be a valid instant from 2022-03-01T00:00-03:00 to 9998-12-31 (São Paulo), got ${Number.isFinite(dataEnd) ? new Date(dataEnd).toISOString() : String(dataEnd)}.`);
    }
    this.end = dataEnd;
    this.start = localDayStart(dataEnd) - SPAN_DAYS * DAY_MS;
    this.shift = this.start - DEFAULT_START;
    this.importEnd = localTime(2023, 1, 14) + this.shift;
    this.ongoingEnd = localTime(2025, 11, 1) + this.shift;
    this.importedDealsUntil = localTime(2023, 2, 1) + this.shift;
    this.archivedPipelineUntil = localTime(2024, 6, 1) + this.shift;
    this.departedAt = DEPARTED_AT + this.shift;
  }

  /** `at` if it is within the data; otherwise a uniform instant between `from` and the data's end. */
  withinData(d: Draws, from: number, at: number): number {
    return at <= this.end ? at : from + Math.floor((this.end - from) * d.unit());
  }

  /** When a record was last edited: right after `from` most of the time, days or months later otherwise. */
  lastEdit(d: Draws, from: number, shortDays: number, longDays: number): number {
    const r = d.unit();
    if (r < 0.45) return Math.min(this.end, from + d.int(0, 15 * MINUTE_MS));
    return this.withinData(d, from, officeTimeAfter(from, d.unit() * (r < 0.9 ? shortDays : longDays), d.unit()));
  }

  /**
   * Every 22:30 on 31 December and 00:30 on 1 January (São Paulo) within [start, end], by year,
   * the 31 December of a year before the New Year that follows it.
   */
  yearEndMoments(): YearEndMoment[] {
    const moments: YearEndMoment[] = [];
    for (let year = localYear(this.start) - 1; year <= localYear(this.end); year++) {
      const candidates: YearEndMoment[] = [
        { year, at: localTime(year, 12, 31, 22, 30), parity: 0 },
        { year, at: localTime(year + 1, 1, 1, 0, 30), parity: 1 },
      ];
      for (const moment of candidates) if (moment.at >= this.start && moment.at <= this.end) moments.push(moment);
    }
    return moments;
  }
}
