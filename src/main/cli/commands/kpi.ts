import { UsageError, UserError } from '../../core/errors';
import { boletoKpis } from '../../core/kpi/boletos';
import { crmKpis } from '../../core/kpi/crm';
import { realEstateKpis } from '../../core/kpi/realestate';
import { realEstateSummary } from '../../core/kpi/realestate/summary';
import { supportKpis } from '../../core/kpi/support';
import { supportSummary } from '../../core/kpi/support/summary';
import { formatPointOfSale } from '../../core/boleto/pointOfSale';
import { formatDateTime, formatDay, formatInteger, formatMoney, formatPercent } from '../../../shared/format';
import type { BoletoKpis, CrmKpis } from '../../../shared/kpi';
import { flagValue, type ParsedArgs } from '../args';
import { print, type CliContext } from '../context';

const AREAS = ['realestate', 'crm', 'support', 'leads', 'carts', 'boletos'];

export function crmSummary(k: CrmKpis): string {
  const period = k.from || k.to ? `de ${formatDay(k.from)} a ${formatDay(k.to)}` : 'todo o histórico';
  const lines = [
    `CRM — ${k.company} (${period}, fuso ${k.timezone})`,
    `  Negócios ganhos:        ${formatInteger(k.deals_won)}`,
    `  Receita:                ${formatMoney(k.revenue)}`,
    `  Ticket médio:           ${formatMoney(k.avg_deal_value)}`,
    `  Clientes que compraram: ${formatInteger(k.customers_with_purchase)}`,
    `  Taxa de conversão:      ${formatPercent(k.win_rate)}`,
    `  Em aberto:              ${formatInteger(k.open_deals.count)} negócios, ${formatMoney(k.open_deals.value)}`,
  ];
  if (k.previous_period) {
    lines.push(`  Período anterior:       ${formatInteger(k.previous_period.deals_won)} ganhos, ${formatMoney(k.previous_period.revenue)}`);
  }
  if (k.by_year.length) {
    lines.push('  Por ano:');
    for (const y of k.by_year) lines.push(`    ${y.year}: ${formatInteger(y.deals_won)} ganhos, ${formatMoney(y.revenue)}`);
  }
  if (k.top_customers.length) {
    lines.push('  Maiores clientes:');
    k.top_customers.slice(0, 5).forEach((c, i) => lines.push(`    ${i + 1}. ${c.name} — ${formatMoney(c.revenue)} (${formatInteger(c.deals_won)} negócios)`));
  }
  return lines.join('\n');
}

const RUN_STATUS: Record<string, string> = { running: 'em andamento', succeeded: 'concluída', failed: 'falhou', cancelled: 'cancelada', interrupted: 'interrompida' };

export function boletoSummary(k: BoletoKpis): string {
  const period = k.from || k.to ? `de ${formatDay(k.from)} a ${formatDay(k.to)}` : 'todo o histórico';
  const lines = [
    `Boletos — ${k.company} (${period})`,
    `  Clientes importados:    ${formatInteger(k.clients)}`,
    `  Boletos salvos:         ${formatInteger(k.success)}`,
    `  Erros:                  ${formatInteger(k.errors)}`,
    `  CPF não encontrado:     ${formatInteger(k.cpf_not_found)}`,
    `  Sem boleto em aberto:   ${formatInteger(k.no_boleto)}`,
    `  Última execução:        ${k.last_run ? `PV ${formatPointOfSale(k.last_run.point_of_sale)}, ${RUN_STATUS[k.last_run.status] ?? k.last_run.status}, ${formatDateTime(k.last_run.started_at)}` : 'nenhuma'}`,
  ];
  return lines.join('\n');
}

export async function kpiCommand(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const [company, area] = args.positionals;
  if (!company || !area) throw new UsageError(`Uso: nexus kpi <empresa> <área> [--from AAAA-MM-DD] [--to AAAA-MM-DD] [--business-hours] [--json]; áreas: ${AREAS.join(', ')}`);
  if (!AREAS.includes(area)) throw new UsageError(`Área desconhecida: "${area}". Áreas: ${AREAS.join(', ')}.`);
  const range = { from: flagValue(args, 'from'), to: flagValue(args, 'to') };
  if (area === 'crm') {
    const kpis = crmKpis(ctx.core().company(company), range);
    print(ctx.io, args.flags.has('json') ? JSON.stringify(kpis, null, 2) : crmSummary(kpis));
    return 0;
  }
  if (area === 'realestate') {
    const kpis = realEstateKpis(ctx.core().company(company), range);
    print(ctx.io, args.flags.has('json') ? JSON.stringify(kpis, null, 2) : realEstateSummary(kpis));
    return 0;
  }
  if (area === 'support') {
    const kpis = supportKpis(ctx.core().company(company), { ...range, businessHours: args.flags.has('business-hours') });
    print(ctx.io, args.flags.has('json') ? JSON.stringify(kpis, null, 2) : supportSummary(kpis));
    return 0;
  }
  if (area === 'boletos') {
    const kpis = boletoKpis(ctx.core().company(company), range);
    print(ctx.io, args.flags.has('json') ? JSON.stringify(kpis, null, 2) : boletoSummary(kpis));
    return 0;
  }
  throw new UserError(`A área "${area}" ainda não está disponível nesta versão; disponíveis: realestate, crm, support, boletos.`, 'area-not-available');
}
