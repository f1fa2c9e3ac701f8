import type { RealEstateKpis, SalesPage, VgvBasis } from '../../../shared/realestate';
import type { Company } from '../companies/companyStore';
import { UserError } from '../errors';
import { checkRange } from './crm';
import { computeKpis } from './realestate/kpis';
import { writeSalesWorkbook } from './realestate/salesExport';
import { salesModel } from './realestate/salesModel';
import { resolveFilter, salesPageOf, type SalesQuery } from './realestate/salesTable';

/**
 * The realestate area over the CVDW mirror: KPIs, the general sales table and its Excel export.
 * What a sale, VGV, VSO and pro-soluto are: docs/KPIS.md, "Vendas imobiliárias (CVDW)".
 */

export type { SalesQuery } from './realestate/salesTable';

export interface DayRange {
  from?: string;
  to?: string;
}

const todayOf = (company: Company) => company.calendar.dayOf(Date.now());

/**
 * The KPIs of an inclusive period of sale days. With `from` and no `to` the period runs to today;
 * with neither it is the whole history (every known distrato counts).
 */
export function realEstateKpis(company: Company, range: DayRange, basis: VgvBasis = 'contrato', today: string = todayOf(company)): RealEstateKpis {
  if (basis !== 'contrato' && basis !== 'tabela') throw new UserError(`Base de VGV desconhecida: "${String(basis)}"; use "contrato" ou "tabela".`, 'bad-basis');
  const { from, to: givenTo } = checkRange(range);
  const to = from && !givenTo ? today : givenTo;
  if (from && to && from > to) throw new UserError(`Período invertido: ${from} é depois de hoje (${to}); informe também --to.`, 'bad-range');
  return computeKpis(salesModel(company.db), company.slug, { from, to, today }, basis);
}

export function salesPage(company: Company, query: SalesQuery, today: string = todayOf(company)): SalesPage {
  return salesPageOf(salesModel(company.db), query, today);
}

/** The filtered sales table as an .xlsx file (base64), named `vendas-<empresa>-<de>-<ate>.xlsx`. */
export async function exportSales(
  company: Company,
  query: Omit<SalesQuery, 'limit' | 'offset'>,
  today: string = todayOf(company),
): Promise<{ fileName: string; content: string; rows: number }> {
  const filter = resolveFilter(query.filter, today);
  const { buffer, rows } = await writeSalesWorkbook(salesModel(company.db), filter, query.sort, query.direction);
  return { fileName: `vendas-${company.slug}-${filter.start ?? 'inicio'}-${filter.end ?? 'hoje'}.xlsx`, content: buffer.toString('base64'), rows };
}
