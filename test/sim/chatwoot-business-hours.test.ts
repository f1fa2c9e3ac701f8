import { describe, expect, it } from 'vitest';
import { businessSeconds, type WorkingDay } from '../../src/main/sim/chatwoot';

const day = (dow: number, open: [number, number] | null, close: [number, number] | null, openAllDay = false): WorkingDay => ({
  day_of_week: dow, closed_all_day: !open && !openAllDay, open_all_day: openAllDay,
  open_hour: open?.[0] ?? null, open_minutes: open?.[1] ?? null, close_hour: close?.[0] ?? null, close_minutes: close?.[1] ?? null,
});
/** Mon–Fri 09:00–17:00, weekend closed (Chatwoot's default rows). */
const DEFAULT = [0, 1, 2, 3, 4, 5, 6].map((d) => (d === 0 || d === 6 ? day(d, null, null) : day(d, [9, 0], [17, 0])));
const H = 3600;

describe('businessSeconds', () => {
  it('counts only the open hours, in the inbox zone', () => {
    // 2026-03-02 is a Monday. 12:00Z = 09:00 in São Paulo (UTC−3): the whole 08:00–18:00Z span holds 09:00–15:00 local open time.
    expect(businessSeconds(new Date('2026-03-02T11:00:00Z'), new Date('2026-03-02T18:00:00Z'), DEFAULT, 'America/Sao_Paulo')).toBe(6 * H);
    // The same instants in UTC: 11:00–17:00 is open.
    expect(businessSeconds(new Date('2026-03-02T11:00:00Z'), new Date('2026-03-02T18:00:00Z'), DEFAULT, 'UTC')).toBe(6 * H);
    // Manaus is UTC−4: 09:00 local = 13:00Z, so 13:00–18:00Z counts.
    expect(businessSeconds(new Date('2026-03-02T11:00:00Z'), new Date('2026-03-02T18:00:00Z'), DEFAULT, 'America/Manaus')).toBe(5 * H);
    // 19:30Z–21:00Z Monday is 16:30–18:00 in São Paulo: half an hour of work.
    expect(businessSeconds(new Date('2026-03-02T19:30:00Z'), new Date('2026-03-02T21:00:00Z'), DEFAULT, 'America/Sao_Paulo')).toBe(H / 2);
  });

  it('skips a weekend and closed days', () => {
    // Friday 16:00 → Monday 10:00 São Paulo: 1 h on Friday + 1 h on Monday.
    expect(businessSeconds(new Date('2026-03-06T19:00:00Z'), new Date('2026-03-09T13:00:00Z'), DEFAULT, 'America/Sao_Paulo')).toBe(2 * H);
    const wednesdayClosed = DEFAULT.map((d) => (d.day_of_week === 3 ? day(3, null, null) : d));
    // Tuesday 00:00 → Thursday 00:00 local: only Tuesday's 8 h.
    expect(businessSeconds(new Date('2026-03-03T03:00:00Z'), new Date('2026-03-05T03:00:00Z'), wednesdayClosed, 'America/Sao_Paulo')).toBe(8 * H);
    // A whole week: 5 × 8 h.
    expect(businessSeconds(new Date('2026-03-01T03:00:00Z'), new Date('2026-03-08T03:00:00Z'), DEFAULT, 'America/Sao_Paulo')).toBe(40 * H);
  });

  it('treats open_all_day as 00:00–23:59', () => {
    const saturdayAllDay = DEFAULT.map((d) => (d.day_of_week === 6 ? day(6, null, null, true) : d));
    // Saturday 2026-03-07 from local midnight to Sunday midnight in Manaus.
    expect(businessSeconds(new Date('2026-03-07T04:00:00Z'), new Date('2026-03-08T04:00:00Z'), saturdayAllDay, 'America/Manaus')).toBe(24 * H - 60);
  });

  it('is 0 for an empty calendar or an empty interval', () => {
    expect(businessSeconds(new Date('2026-03-02T12:00:00Z'), new Date('2026-03-02T18:00:00Z'), [], 'UTC')).toBe(0);
    expect(businessSeconds(new Date('2026-03-02T18:00:00Z'), new Date('2026-03-02T12:00:00Z'), DEFAULT, 'UTC')).toBe(0);
  });

  it('follows daylight saving time through Intl', () => {
    // New York springs forward on 2026-03-08; Monday 09:00 EDT = 13:00Z (not 14:00Z as in winter).
    expect(businessSeconds(new Date('2026-03-09T12:00:00Z'), new Date('2026-03-09T14:00:00Z'), DEFAULT, 'America/New_York')).toBe(H);
    expect(businessSeconds(new Date('2026-03-02T12:00:00Z'), new Date('2026-03-02T15:00:00Z'), DEFAULT, 'America/New_York')).toBe(H);
  });
});
