import { describe, expect, it } from 'vitest';
import { CronError, nextOccurrence, nextOccurrences, parseCron } from '../../src/main/core/schedule/cron';
import { BusinessCalendar } from '../../src/main/core/time/businessDate';
import { SCHEDULE_PRESETS } from '../../src/shared/schedulePresets';

const saoPaulo = new BusinessCalendar('America/Sao_Paulo');
const newYork = new BusinessCalendar('America/New_York');

/** The next `count` runs after `from` (ISO with zone), as UTC ISO strings. */
function runs(expression: string, from: string, count: number, calendar = saoPaulo): string[] {
  return nextOccurrences(parseCron(expression), Date.parse(from), calendar, count).map((t) => new Date(t).toISOString());
}

const presetCron = (id: string) => SCHEDULE_PRESETS.find((p) => p.id === id)!.cron;

describe('schedule presets', () => {
  it('"a cada 4 h das 06:00 às 22:00" runs at 06, 10, 14, 18 and 22 h São Paulo time', () => {
    expect(runs(presetCron('every-4h-06-22'), '2026-03-10T05:00:00-03:00', 6)).toEqual([
      '2026-03-10T09:00:00.000Z',
      '2026-03-10T13:00:00.000Z',
      '2026-03-10T17:00:00.000Z',
      '2026-03-10T21:00:00.000Z',
      '2026-03-11T01:00:00.000Z',
      '2026-03-11T09:00:00.000Z',
    ]);
  });

  it('"todo dia às 03:00" runs once a day, and a run at 03:00 sharp is followed by the next day', () => {
    expect(runs(presetCron('daily-03'), '2026-03-10T03:00:00-03:00', 2)).toEqual(['2026-03-11T06:00:00.000Z', '2026-03-12T06:00:00.000Z']);
    expect(runs(presetCron('daily-03'), '2026-03-10T02:59:59-03:00', 1)).toEqual(['2026-03-10T06:00:00.000Z']);
  });

  it('"a cada 6 h" runs at 00, 06, 12 and 18 h', () => {
    expect(runs(presetCron('every-6h'), '2026-03-10T07:15:00-03:00', 4)).toEqual([
      '2026-03-10T15:00:00.000Z',
      '2026-03-10T21:00:00.000Z',
      '2026-03-11T03:00:00.000Z',
      '2026-03-11T09:00:00.000Z',
    ]);
  });
});

describe('cron next time', () => {
  it('handles month ends and leap days', () => {
    // The 31st skips the months that do not have one.
    expect(runs('0 0 31 * *', '2026-01-31T00:00:00-03:00', 3)).toEqual(['2026-03-31T03:00:00.000Z', '2026-05-31T03:00:00.000Z', '2026-07-31T03:00:00.000Z']);
    expect(runs('0 12 29 2 *', '2025-03-01T00:00:00-03:00', 2)).toEqual(['2028-02-29T15:00:00.000Z', '2032-02-29T15:00:00.000Z']);
    // Last minute of the year rolls into the next one.
    expect(runs('59 23 31 12 *', '2026-12-31T23:59:00-03:00', 1)).toEqual(['2028-01-01T02:59:00.000Z']);
    expect(runs('0 0 1 * *', '2026-12-31T23:30:00-03:00', 2)).toEqual(['2027-01-01T03:00:00.000Z', '2027-02-01T03:00:00.000Z']);
  });

  it('handles days of the week, names and Sunday as 0 or 7', () => {
    // Friday 20/11/2026 after 08:30: the next weekday run is Monday.
    expect(runs('30 8 * * 1-5', '2026-11-20T09:00:00-03:00', 2)).toEqual(['2026-11-23T11:30:00.000Z', '2026-11-24T11:30:00.000Z']);
    expect(runs('0 9 * * 0', '2026-11-20T00:00:00-03:00', 1)).toEqual(runs('0 9 * * 7', '2026-11-20T00:00:00-03:00', 1));
    expect(runs('0 9 * * 0', '2026-11-20T00:00:00-03:00', 1)).toEqual(['2026-11-22T12:00:00.000Z']);
    expect(runs('0 9 * * MON,wed', '2026-11-20T00:00:00-03:00', 2)).toEqual(['2026-11-23T12:00:00.000Z', '2026-11-25T12:00:00.000Z']);
    expect(runs('0 0 1 jan-mar *', '2026-11-20T00:00:00-03:00', 3)).toEqual(['2027-01-01T03:00:00.000Z', '2027-02-01T03:00:00.000Z', '2027-03-01T03:00:00.000Z']);
  });

  it('runs when either the day of month or the day of week matches, if both are restricted', () => {
    // Monday 23/11, Monday 30/11, Tuesday 01/12 (the 1st), Monday 07/12.
    expect(runs('0 3 1 * 1', '2026-11-23T04:00:00-03:00', 3)).toEqual(['2026-11-30T06:00:00.000Z', '2026-12-01T06:00:00.000Z', '2026-12-07T06:00:00.000Z']);
    // A "*/n" day of month counts as unrestricted: both must match (odd days that are Mondays).
    expect(runs('0 3 */2 * 1', '2026-11-20T00:00:00-03:00', 2)).toEqual(['2026-11-23T06:00:00.000Z', '2026-12-07T06:00:00.000Z']);
  });

  it('handles steps, ranges with steps, start/step and lists', () => {
    expect(runs('*/15 * * * *', '2026-03-10T10:07:00-03:00', 3)).toEqual(['2026-03-10T13:15:00.000Z', '2026-03-10T13:30:00.000Z', '2026-03-10T13:45:00.000Z']);
    expect(runs('5-20/5 10 * * *', '2026-03-10T00:00:00-03:00', 5)).toEqual([
      '2026-03-10T13:05:00.000Z',
      '2026-03-10T13:10:00.000Z',
      '2026-03-10T13:15:00.000Z',
      '2026-03-10T13:20:00.000Z',
      '2026-03-11T13:05:00.000Z',
    ]);
    expect(runs('10/20 7 * * *', '2026-03-10T00:00:00-03:00', 3)).toEqual(['2026-03-10T10:10:00.000Z', '2026-03-10T10:30:00.000Z', '2026-03-10T10:50:00.000Z']);
    expect(runs('0 8,12,18-19 * * *', '2026-03-10T09:00:00-03:00', 4)).toEqual([
      '2026-03-10T15:00:00.000Z',
      '2026-03-10T21:00:00.000Z',
      '2026-03-10T22:00:00.000Z',
      '2026-03-11T11:00:00.000Z',
    ]);
  });

  it('is evaluated in the company time zone, including zones with half-hour offsets', () => {
    expect(runs('0 3 * * *', '2026-03-10T12:00:00Z', 1, new BusinessCalendar('Asia/Tokyo'))).toEqual(['2026-03-10T18:00:00.000Z']);
    expect(runs('0 3 * * *', '2026-03-10T12:00:00Z', 1, new BusinessCalendar('Asia/Kolkata'))).toEqual(['2026-03-10T21:30:00.000Z']);
    expect(runs('0 3 * * *', '2026-03-10T12:00:00Z', 1, saoPaulo)).toEqual(['2026-03-11T06:00:00.000Z']);
    // Same local day, whatever the UTC date: 22:00 in São Paulo is 01:00 UTC the next day.
    expect(runs('0 22 31 12 *', '2026-12-31T12:00:00-03:00', 1)).toEqual(['2027-01-01T01:00:00.000Z']);
  });

  it('with DST, a time skipped by clocks going forward runs when they jump', () => {
    // New York, 08/03/2026: 02:00 EST becomes 03:00 EDT (07:00 UTC); 02:30 does not exist that day.
    expect(runs('30 2 * * *', '2026-03-07T12:00:00-05:00', 3, newYork)).toEqual(['2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z', '2026-03-10T06:30:00.000Z']);
    // São Paulo still had DST in 2018: on 04/11/2018 midnight became 01:00 (-02:00).
    expect(runs('0 0 * * *', '2018-11-03T12:00:00-03:00', 2)).toEqual(['2018-11-04T03:00:00.000Z', '2018-11-05T02:00:00.000Z']);
    // Hourly runs keep their wall-clock times across the jump.
    expect(runs('0 * * * *', '2026-03-08T00:30:00-05:00', 3, newYork)).toEqual(['2026-03-08T06:00:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-08T08:00:00.000Z']);
  });

  it('with DST, a time repeated by clocks going back runs once', () => {
    // New York, 01/11/2026: 02:00 EDT becomes 01:00 EST; 01:30 happens at 05:30 and 06:30 UTC.
    expect(runs('30 1 * * *', '2026-10-31T12:00:00-04:00', 2, newYork)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z']);
    expect(runs('0 * * * *', '2026-11-01T00:30:00-04:00', 3, newYork)).toEqual(['2026-11-01T05:00:00.000Z', '2026-11-01T07:00:00.000Z', '2026-11-01T08:00:00.000Z']);
    // Starting inside the repeated hour (second pass), the rest of it still runs.
    expect(runs('*/30 * * * *', '2026-11-01T01:10:00-05:00', 2, newYork)).toEqual(['2026-11-01T06:30:00.000Z', '2026-11-01T07:00:00.000Z']);
    // São Paulo, 17/02/2019: midnight became 23:00 of the 16th again; 23:30 runs once.
    expect(runs('30 23 * * *', '2019-02-16T12:00:00-02:00', 2)).toEqual(['2019-02-17T01:30:00.000Z', '2019-02-18T02:30:00.000Z']);
  });

  it('never returns a time at or before the one it starts from', () => {
    const cron = parseCron('*/7 */3 * * *');
    let t = Date.parse('2026-10-31T00:00:00Z');
    for (let i = 0; i < 500; i++) {
      const next = nextOccurrence(cron, t, newYork)!;
      expect(next).toBeGreaterThan(t);
      t = next;
    }
  });
});

describe('cron validation', () => {
  const message = (expression: string) => {
    try {
      parseCron(expression);
    } catch (err) {
      expect(err).toBeInstanceOf(CronError);
      expect((err as CronError).code).toBe('bad-cron');
      return (err as CronError).message;
    }
    throw new Error(`"${expression}" was accepted`);
  };

  it('explains in pt-BR what is wrong and gives an example', () => {
    expect(message('0 6-22/4 * *')).toBe(
      'Expressão cron inválida "0 6-22/4 * *": tem 4 campos, mas são precisos 5 (minuto hora dia-do-mês mês dia-da-semana); ex.: "0 6-22/4 * * *" (às 06, 10, 14, 18 e 22 h) ou "30 3 * * 1-5" (03:30 de segunda a sexta).',
    );
    expect(message('60 * * * *')).toContain('no campo minuto ("60"), o valor 60 está fora de 0 a 59');
    expect(message('0 24 * * *')).toContain('no campo hora ("24"), o valor 24 está fora de 0 a 23');
    expect(message('0 0 0 * *')).toContain('no campo dia do mês ("0"), o valor 0 está fora de 1 a 31');
    expect(message('0 0 * 13 *')).toContain('no campo mês ("13")');
    expect(message('0 0 * * 8')).toContain('no campo dia da semana ("8"), o valor 8 está fora de 0 a 7');
    expect(message('*/0 * * * *')).toContain('o passo "/0" deve ser um número inteiro maior que zero');
    expect(message('0 22-6 * * *')).toContain('o intervalo 22-6 começa depois de terminar');
    expect(message('0 x * * *')).toContain('"x" não é um número');
    expect(message('0 0 * * seg')).toContain('nem um nome aceito (sun, mon, tue, wed, thu, fri, sat)');
    expect(message('0 1,,2 * * *')).toContain('há uma vírgula sobrando');
    expect(message('0 0 31 2 *')).toContain('nunca acontece');
    expect(message('   ')).toContain('está vazia');
  });

  it('accepts surrounding and repeated spaces and normalises them', () => {
    expect(parseCron('  0   6-22/4 * *  * ').expression).toBe('0 6-22/4 * * *');
  });
});
