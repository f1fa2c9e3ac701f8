import { describe, expect, it } from 'vitest';
import { addMonths, salesPeriodRange } from '../../src/renderer/src/pages/realestate/realEstatePeriod';

const TZ = 'America/Sao_Paulo';
// 02:30 UTC on 1 January is still 31 December in São Paulo (UTC−3).
const newYearsEveInSaoPaulo = new Date('2027-01-01T02:30:00Z');
const midMarch = new Date('2026-03-15T15:00:00Z');

describe('sales period presets', () => {
  it('shifts months across year boundaries', () => {
    expect(addMonths('2026-03', -11)).toBe('2025-04');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-11', -23)).toBe('2024-12');
  });

  it('ends every preset today, in the company zone', () => {
    expect(salesPeriodRange({ kind: 'this_month', from: '', to: '' }, TZ, midMarch)).toEqual({ from: '2026-03-01', to: '2026-03-15' });
    expect(salesPeriodRange({ kind: 'last_12_months', from: '', to: '' }, TZ, midMarch)).toEqual({ from: '2025-04-01', to: '2026-03-15' });
    expect(salesPeriodRange({ kind: 'year_vs_previous', from: '', to: '' }, TZ, midMarch)).toEqual({ from: '2026-01-01', to: '2026-03-15' });
    expect(salesPeriodRange({ kind: 'year_vs_previous', from: '', to: '' }, TZ, newYearsEveInSaoPaulo)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(salesPeriodRange({ kind: 'last_12_months', from: '', to: '' }, TZ, newYearsEveInSaoPaulo)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('keeps only the complete dates of an interval', () => {
    expect(salesPeriodRange({ kind: 'custom', from: '2025-03-01', to: '2025-05-31' }, TZ, midMarch)).toEqual({ from: '2025-03-01', to: '2025-05-31' });
    expect(salesPeriodRange({ kind: 'custom', from: '2025-03-01', to: '' }, TZ, midMarch)).toEqual({ from: '2025-03-01' });
    expect(salesPeriodRange({ kind: 'custom', from: '', to: '' }, TZ, midMarch)).toEqual({});
  });
});
