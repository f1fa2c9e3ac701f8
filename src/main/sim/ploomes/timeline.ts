import type { Draws } from './random';
import { localTime, officeTimeAfter } from './time';

/** Every generated timestamp is at most this (the last millisecond of 2025 in São Paulo). */
export const DATA_END = localTime(2026, 1, 1) - 1;
const MINUTE_MS = 60_000;

/** `at` if it is within the data; otherwise a uniform instant between `from` and the data's end. */
export function withinData(d: Draws, from: number, at: number): number {
  return at <= DATA_END ? at : from + Math.floor((DATA_END - from) * d.unit());
}

/** When a record was last edited: right after `from` most of the time, days or months later otherwise. */
export function lastEdit(d: Draws, from: number, shortDays: number, longDays: number): number {
  const r = d.unit();
  if (r < 0.45) return Math.min(DATA_END, from + d.int(0, 15 * MINUTE_MS));
  return withinData(d, from, officeTimeAfter(from, d.unit() * (r < 0.9 ? shortDays : longDays), d.unit()));
}
