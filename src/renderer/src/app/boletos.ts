import { formatInteger } from '../../../shared/format';

export type BoletoStatus = 'success' | 'error' | 'cpf_not_found' | 'no_boleto';

/** "17308" → "17.308", as the consultants write it (the core keeps digits only). */
export function formatPointOfSale(code: string): string {
  return code.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** The job source of a point of sale's robot runs is `canopus:<code>`. */
export function pointOfSaleOfSource(source: string | null): string | null {
  return source?.startsWith('canopus:') ? source.slice('canopus:'.length) : null;
}

export function plural(n: number, one: string, many: string): string {
  return `${formatInteger(n)} ${n === 1 ? one : many}`;
}

export const BOLETO_STATUS: Record<BoletoStatus, { label: string; tone: 'success' | 'danger' | 'warning' | 'neutral' }> = {
  success: { label: 'Salvo', tone: 'success' },
  error: { label: 'Erro', tone: 'danger' },
  cpf_not_found: { label: 'CPF não encontrado', tone: 'warning' },
  no_boleto: { label: 'Sem boleto', tone: 'neutral' },
};

export interface BoletoTotals {
  success: number;
  errors: number;
  cpf_not_found: number;
  no_boleto: number;
}

/** A robot run's counts ("boletos.success", …) as the four outcomes. */
export function robotTotals(counts: Record<string, number>): BoletoTotals {
  return {
    success: counts['boletos.success'] ?? 0,
    errors: counts['boletos.error'] ?? 0,
    cpf_not_found: counts['boletos.cpf_not_found'] ?? 0,
    no_boleto: counts['boletos.no_boleto'] ?? 0,
  };
}

/** "8 salvos · 1 erro · 0 não encontrados · 0 sem boleto" */
export function describeTotals(t: BoletoTotals): string {
  return [plural(t.success, 'salvo', 'salvos'), plural(t.errors, 'erro', 'erros'), plural(t.cpf_not_found, 'não encontrado', 'não encontrados'), `${formatInteger(t.no_boleto)} sem boleto`].join(' · ');
}
