import { formatDecimal } from '../../../../shared/format';
import type { SupportGroupBy, SupportScope } from '../../../../shared/support';
import type { Delta } from '../../components/KpiCard';

/** What every tab reads: the company, the period, business hours and the scope the page is on. */
export interface SupportFilter {
  company: string;
  from?: string;
  to?: string;
  businessHours: boolean;
  scope: SupportScope;
  /** Bumps when the mirror changed: the tabs fetch again. */
  version: number;
}

/** The part of the filter the list methods accept (no business hours: they list conversations, not times). */
export function listQuery(filter: SupportFilter): { company: string; from?: string; to?: string; scope: SupportScope } {
  return { company: filter.company, from: filter.from, to: filter.to, scope: filter.scope };
}

export function metricsQuery(filter: SupportFilter): { company: string; from?: string; to?: string; businessHours: boolean; scope: SupportScope } {
  return { ...listQuery(filter), businessHours: filter.businessHours };
}

/** A scope with the name the chip shows. */
export interface NamedScope {
  scope: SupportScope;
  label: string;
}

export const ACCOUNT: NamedScope = { scope: { kind: 'account' }, label: 'Conta inteira' };

/** Change against the previous period; for times a fall is the good news. */
export function change(current: number | null, previous: number | null | undefined, lowerIsBetter = false): Delta | null {
  if (current === null || previous === null || previous === undefined || previous === 0) return null;
  const ratio = (current - previous) / Math.abs(previous);
  if (Math.abs(ratio) < 0.0005) return { text: '0,0%', direction: 'flat' };
  const direction = ratio > 0 ? 'up' : 'down';
  return { text: `${formatDecimal(Math.abs(ratio) * 100)}%`, direction, good: lowerIsBetter ? direction === 'down' : direction === 'up' };
}

/** Chatwoot's CSAT scores come as percent (87.5), not ratios. */
export function formatScore(percent: number | null | undefined): string {
  return percent === null || percent === undefined ? '—' : `${percent.toLocaleString('pt-BR', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

export const GROUP_LABELS: Partial<Record<SupportGroupBy, string>> = { day: 'Dia', week: 'Semana', month: 'Mês' };
