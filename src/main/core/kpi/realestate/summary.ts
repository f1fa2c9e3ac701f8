import { formatDay, formatInteger, formatMoney, formatMonth, formatPercent } from '../../../../shared/format';
import type { RealEstateKpis } from '../../../../shared/realestate';

/** The readable pt-BR summary `nexus kpi <empresa> realestate` prints without --json. */
export function realEstateSummary(k: RealEstateKpis): string {
  const period = k.from || k.to ? `de ${formatDay(k.from)} a ${formatDay(k.to)}` : 'todo o histórico';
  const lines = [
    `Vendas imobiliárias — ${k.company} (${period})`,
    `  Vendas:                 ${formatInteger(k.sales_count)}`,
    `  VGV (${k.vgv_basis}):${' '.repeat(Math.max(1, 17 - k.vgv_basis.length))}${formatMoney(k.vgv)}`,
    `  Ticket médio:           ${formatMoney(k.avg_ticket)}`,
    `  Distratos no período:   ${formatInteger(k.cancellations.count)} (${formatMoney(k.cancellations.vgv)})`,
    `  Comissões:              ${formatMoney(k.commissions.total)}`,
    `  Pro-soluto:             ${formatMoney(k.pro_soluto.total)} (média de ${formatPercent(k.pro_soluto.avg_share)} do contrato)`,
  ];
  if (k.yoy.length) {
    lines.push('  Mês a mês (VGV, ano anterior, VSO):');
    for (const [i, y] of k.yoy.entries()) {
      const vso = k.vso_by_month[i];
      lines.push(`    ${formatMonth(y.month)}: ${formatInteger(y.current_count)} vendas, ${formatMoney(y.current)}; ano anterior ${formatMoney(y.previous)}; VSO ${formatPercent(vso?.vso)}`);
    }
  }
  const top = k.by_development.filter((d) => d.sales_count > 0).slice(0, 5);
  if (top.length) {
    lines.push('  Por empreendimento:');
    for (const d of top) lines.push(`    ${d.development} — ${formatInteger(d.sales_count)} vendas, ${formatMoney(d.vgv)} (${formatInteger(d.units_available)} de ${formatInteger(d.units)} unidades disponíveis hoje)`);
  }
  if (k.by_broker.length) {
    lines.push('  Maiores corretores:');
    k.by_broker.slice(0, 5).forEach((b, i) => lines.push(`    ${i + 1}. ${b.broker}${b.team ? ` (${b.team})` : ''} — ${formatMoney(b.vgv)}, ${formatInteger(b.sales_count)} vendas, comissão ${formatMoney(b.commission)}`));
  }
  return lines.join('\n');
}
