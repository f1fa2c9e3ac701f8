import { describe, expect, it } from 'vitest';
import { BusinessCalendar, addDays, daysInclusive, isCalendarDay, parseInstant, previousPeriod } from '../../src/main/core/time/businessDate';

describe('business dates', () => {
  const sp = new BusinessCalendar('America/Sao_Paulo');

  it('puts a deal won at 22:30 on 31 December in São Paulo in that year, not the next (UTC)', () => {
    expect(sp.dayOfIso('2024-12-31T22:30:00.000-03:00')).toBe('2024-12-31');
    expect(new Date('2024-12-31T22:30:00.000-03:00').toISOString().slice(0, 10)).toBe('2025-01-01');
    expect(sp.dayOfIso('2025-01-01T01:30:00Z')).toBe('2024-12-31');
    expect(sp.dayOfIso('2025-01-01T00:30:00-03:00')).toBe('2025-01-01');
  });

  it('follows historical daylight saving time (Brazil had it until 2019)', () => {
    // 2018-12-01 was in DST (UTC-2): 01:30Z is 23:30 local on 30 November.
    expect(sp.dayOfIso('2018-12-01T01:30:00Z')).toBe('2018-11-30');
    expect(sp.dayOfIso('2018-12-01T02:30:00Z')).toBe('2018-12-01');
    // Winter 2018 (UTC-3).
    expect(sp.dayOfIso('2018-07-01T02:30:00Z')).toBe('2018-06-30');
    expect(sp.offsetAt(Date.parse('2018-12-01T00:00:00Z'))).toBe(-2 * 3600_000);
  });

  it('works in other zones', () => {
    const tokyo = new BusinessCalendar('Asia/Tokyo');
    expect(tokyo.dayOfIso('2024-12-31T16:00:00Z')).toBe('2025-01-01');
    const manaus = new BusinessCalendar('America/Manaus');
    expect(manaus.dayOfIso('2025-01-01T03:30:00Z')).toBe('2024-12-31');
  });

  it('finds the instant a local day starts', () => {
    expect(new Date(sp.startOfDay('2025-03-10')).toISOString()).toBe('2025-03-10T03:00:00.000Z');
  });

  it('rejects timestamps without a zone and impossible days', () => {
    expect(parseInstant('2024-12-31T22:30:00')).toBeNull();
    expect(sp.dayOfIso('not a date')).toBeNull();
    expect(sp.dayOfIso(null)).toBeNull();
    expect(isCalendarDay('2025-02-29')).toBe(false);
    expect(isCalendarDay('2024-02-29')).toBe(true);
  });

  it('counts days inclusively', () => {
    expect(daysInclusive('2025-01-01', '2025-12-31')).toBe(365);
    expect(addDays('2025-01-01', -365)).toBe('2024-01-02');
  });

  it('compares whole months with the months before and other ranges with the same number of days', () => {
    expect(previousPeriod('2024-01-01', '2024-12-31')).toEqual({ from: '2023-01-01', to: '2023-12-31' });
    expect(previousPeriod('2024-03-01', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(previousPeriod('2025-01-01', '2025-02-28')).toEqual({ from: '2024-11-01', to: '2024-12-31' });
    expect(previousPeriod('2024-01-10', '2024-01-20')).toEqual({ from: '2023-12-30', to: '2024-01-09' });
  });
});
