import { describe, expect, it } from 'vitest';
import { utcTimestampToMs } from '../../src/main/core/sources/chatwoot/session';

describe('Chatwoot timestamps (timestamp without time zone, holding UTC) to epoch ms', () => {
  it('equals Date.UTC, floored to the millisecond, for every shape the server sends', () => {
    const cases: Array<[string, number]> = [
      ['2026-10-31 15:00:00', Date.UTC(2026, 9, 31, 15, 0, 0)],
      ['2026-10-31 15:00:00.5', Date.UTC(2026, 9, 31, 15, 0, 0, 500)],
      ['2026-10-31 15:00:00.12', Date.UTC(2026, 9, 31, 15, 0, 0, 120)],
      ['2026-10-31 23:59:59.999999', Date.UTC(2026, 9, 31, 23, 59, 59, 999)],
      ['2024-02-29 00:00:00.000001', Date.UTC(2024, 1, 29)],
      ['2000-03-01 12:34:56.789', Date.UTC(2000, 2, 1, 12, 34, 56, 789)],
      ['1969-12-31 23:59:59', Date.UTC(1969, 11, 31, 23, 59, 59)],
      ['2026-01-01T03:00:00', Date.UTC(2026, 0, 1, 3)],
    ];
    for (const [text, expected] of cases) expect(utcTimestampToMs(text), text).toBe(expected);
    // Every day of a span of years, against the platform's own calendar.
    for (let t = Date.UTC(1999, 0, 1); t < Date.UTC(2031, 0, 1); t += 86_400_000 + 3_723_456) {
      const iso = new Date(t).toISOString();
      expect(utcTimestampToMs(`${iso.slice(0, 10)} ${iso.slice(11, 23)}`)).toBe(t);
    }
    expect(() => utcTimestampToMs('31/10/2026')).toThrow(/formato inesperado/);
  });
});
