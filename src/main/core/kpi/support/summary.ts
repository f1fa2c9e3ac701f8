import { formatDay, formatDuration, formatInteger, formatPercent } from '../../../../shared/format';
import type { SupportKpis } from '../../../../shared/support';

/** The support KPIs as the CLI prints them without --json. */
export function supportSummary(k: SupportKpis): string {
  const period = k.from || k.to ? `de ${formatDay(k.from)} a ${formatDay(k.to)}` : 'todo o histórico';
  const pct = (v: number | null) => (v === null ? '—' : `${v.toLocaleString('pt-BR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}%`);
  const lines = [
    `Atendimento — ${k.company} (${period}, fuso ${k.timezone}${k.business_hours ? ', horário comercial' : ''})`,
    `  Conversas:                 ${formatInteger(k.conversations_count)}`,
    `  Mensagens recebidas:       ${formatInteger(k.incoming_messages_count)}`,
    `  Mensagens enviadas:        ${formatInteger(k.outgoing_messages_count)}`,
    `  Tempo da 1ª resposta:      ${formatDuration(k.avg_first_response_time)}`,
    `  Tempo de resolução:        ${formatDuration(k.avg_resolution_time)}`,
    `  Espera do cliente:         ${formatDuration(k.avg_reply_time)}`,
    `  Resoluções:                ${formatInteger(k.resolutions_count)} (${formatInteger(k.bot_resolutions_count)} pelo bot)`,
    `  Transferências do bot:     ${formatInteger(k.bot_handoffs_count)}`,
    `  CSAT:                      ${formatInteger(k.csat_total_responses)} respostas, satisfação ${pct(k.csat_satisfaction_score)}, taxa de resposta ${pct(k.csat_response_rate)}`,
    `  Agora:                     ${formatInteger(k.live.open)} abertas, ${formatInteger(k.live.unattended)} sem resposta, ${formatInteger(k.live.unassigned)} sem agente, ${formatInteger(k.live.pending)} pendentes`,
    `  Agente de IA:              ${formatPercent(k.ai.resolved_by_bot_share)} resolvidas só pelo bot, ${formatPercent(k.ai.handoff_rate)} transferidas`,
  ];
  const agents = k.by_agent.filter((a) => a.conversations_count || a.resolved_conversations_count).slice(0, 5);
  if (agents.length) {
    lines.push('  Agentes com mais conversas:');
    for (const a of agents) lines.push(`    ${a.name}: ${formatInteger(a.conversations_count)} conversas, ${formatInteger(a.resolved_conversations_count)} resolvidas, 1ª resposta ${formatDuration(a.avg_first_response_time)}`);
  }
  if (!k.mirror.conversations) lines.push('  Nenhuma conversa no espelho: configure o Chatwoot e rode "nexus sync <empresa> chatwoot".');
  return lines.join('\n');
}
