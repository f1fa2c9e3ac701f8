import { UsageError, UserError } from '../../core/errors';
import { crmKpis } from '../../core/kpi/crm';
import { formatDay, formatInteger, formatMoney, formatPercent } from '../../../shared/format';
import type { CrmKpis } from '../../../shared/kpi';
import { flagValue, type ParsedArgs } from '../args';
import { print, printJson, type CliContext } from '../context';

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

export async function kpiCommand(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const [company, area] = args.positionals;
  if (!company || !area) throw new UsageError(`Uso: nexus kpi <empresa> <área> [--from AAAA-MM-DD] [--to AAAA-MM-DD] [--json]; áreas: ${AREAS.join(', ')}`);
  if (!AREAS.includes(area)) throw new UsageError(`Área desconhecida: "${area}". Áreas: ${AREAS.join(', ')}.`);
  if (area !== 'crm') throw new UserError(`A área "${area}" ainda não está disponível nesta versão; disponível: crm.`, 'area-not-available');
  const kpis = crmKpis(ctx.core().company(company), { from: flagValue(args, 'from'), to: flagValue(args, 'to') });
  if (args.flags.has('json')) printJson(ctx.io, kpis);
  else print(ctx.io, crmSummary(kpis));
  return 0;
}
