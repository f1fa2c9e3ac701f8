import { useMemo, useState } from 'react';
import { formatDuration, formatInteger, formatPercent } from '../../../../shared/format';
import type { SupportGroupBy, SupportKpis } from '../../../../shared/support';
import { Chart } from '../../charts/Chart';
import { Alert } from '../../components/Alert';
import { KpiCard } from '../../components/KpiCard';
import { ExportButtons } from './ExportButtons';
import { GroupBySelect } from './GroupBySelect';
import { bucketLabel, volumeOption } from './supportCharts';
import { change, formatScore, type SupportFilter } from './supportView';
import { useTimeseries } from './useTimeseries';

const DELTA_TITLE = 'Comparado com o período anterior de mesma duração';

/** The headline numbers against the previous period, the AI agent, and the volume over time. */
export function ExecutiveTab({ kpis, filter }: { kpis: SupportKpis; filter: SupportFilter }) {
  const [groupBy, setGroupBy] = useState<SupportGroupBy>('day');
  const series = useTimeseries(filter, groupBy);
  const points = useMemo(() => series.data?.points ?? [], [series.data]);
  const option = useMemo(() => volumeOption(points, groupBy), [points, groupBy]);
  const p = kpis.previous;
  // Chatwoot's agent report counts the messages the agent SENT: "recebidas" is about 0 there.
  const byAgent = kpis.scope.kind === 'agent';

  return (
    <>
      <div className="kpi-grid support-kpis" data-testid="support-headline">
        <KpiCard label="Conversas" testKey="conversations_count" raw={kpis.conversations_count} value={formatInteger(kpis.conversations_count)} delta={change(kpis.conversations_count, p?.conversations_count)} deltaTitle={DELTA_TITLE} />
        <KpiCard
          label="Mensagens recebidas"
          testKey="incoming_messages_count"
          raw={kpis.incoming_messages_count}
          value={formatInteger(kpis.incoming_messages_count)}
          delta={change(kpis.incoming_messages_count, p?.incoming_messages_count)}
          deltaTitle={DELTA_TITLE}
          sub={byAgent ? 'por agente, o Chatwoot conta só o que ele enviou' : undefined}
        />
        <KpiCard
          label="Mensagens enviadas"
          testKey="outgoing_messages_count"
          raw={kpis.outgoing_messages_count}
          value={formatInteger(kpis.outgoing_messages_count)}
          delta={change(kpis.outgoing_messages_count, p?.outgoing_messages_count)}
          deltaTitle={DELTA_TITLE}
          sub={byAgent ? 'enviadas pelo agente, com notas privadas' : undefined}
        />
        <KpiCard
          label="Tempo da 1ª resposta"
          testKey="avg_first_response_time"
          raw={kpis.avg_first_response_time}
          value={formatDuration(kpis.avg_first_response_time)}
          delta={change(kpis.avg_first_response_time, p?.avg_first_response_time, true)}
          deltaTitle={DELTA_TITLE}
          sub={`média de ${formatInteger(kpis.first_response_count)} respostas`}
        />
        <KpiCard label="Tempo de resolução" testKey="avg_resolution_time" raw={kpis.avg_resolution_time} value={formatDuration(kpis.avg_resolution_time)} delta={change(kpis.avg_resolution_time, p?.avg_resolution_time, true)} deltaTitle={DELTA_TITLE} />
        <KpiCard
          label="Espera do cliente"
          testKey="avg_reply_time"
          raw={kpis.avg_reply_time}
          value={formatDuration(kpis.avg_reply_time)}
          delta={change(kpis.avg_reply_time, p?.avg_reply_time, true)}
          deltaTitle={DELTA_TITLE}
          sub={`média de ${formatInteger(kpis.reply_count)} respostas`}
        />
        <KpiCard
          label="Resoluções"
          testKey="resolutions_count"
          raw={kpis.resolutions_count}
          value={formatInteger(kpis.resolutions_count)}
          delta={change(kpis.resolutions_count, p?.resolutions_count)}
          deltaTitle={DELTA_TITLE}
          sub={`${formatInteger(kpis.bot_resolutions_count)} pelo bot`}
        />
        <KpiCard
          label="CSAT satisfação"
          testKey="csat_satisfaction_score"
          raw={kpis.csat_satisfaction_score}
          value={formatScore(kpis.csat_satisfaction_score)}
          delta={change(kpis.csat_satisfaction_score, p?.csat_satisfaction_score)}
          deltaTitle={DELTA_TITLE}
          sub={`${formatInteger(kpis.csat_total_responses)} respostas`}
        />
        <KpiCard
          label="Agente de IA resolve sozinho"
          testKey="ai_resolved_by_bot_share"
          raw={kpis.ai.resolved_by_bot_share}
          value={formatPercent(kpis.ai.resolved_by_bot_share)}
          sub={`de ${formatInteger(kpis.ai.bot_conversations)} conversas com o bot`}
        />
      </div>

      <section className="card chart-card" aria-labelledby="support-volume-title" data-testid="support-volume">
        <div className="chart-card-head">
          <div>
            <h2 id="support-volume-title" className="card-title">
              Conversas e resoluções
            </h2>
            <p className="muted small">Conversas criadas e resoluções em cada {groupBy === 'day' ? 'dia' : groupBy === 'week' ? 'semana (de domingo a sábado)' : 'mês'}.</p>
          </div>
          <div className="support-card-tools">
            <GroupBySelect value={groupBy} onChange={setGroupBy} testId="volume-group" />
            <ExportButtons filter={filter} table="timeseries" groupBy={groupBy} label="a série" />
          </div>
        </div>
        {series.error ? <Alert>{series.error}</Alert> : null}
        <Chart option={option} label="Gráfico de barras: conversas por período, com as resoluções em linha" testId="chart-support-volume" empty={kpis.conversations_count === 0 && kpis.resolutions_count === 0 ? 'Nenhuma conversa no período.' : null} />
        <table className="visually-hidden">
          <caption>Conversas e resoluções por período</caption>
          <thead>
            <tr>
              <th scope="col">Período</th>
              <th scope="col">Conversas</th>
              <th scope="col">Resoluções</th>
            </tr>
          </thead>
          <tbody>
            {points.map((pt) => (
              <tr key={pt.bucket}>
                <td>{bucketLabel(pt.bucket, groupBy)}</td>
                <td>{formatInteger(pt.conversations_count)}</td>
                <td>{formatInteger(pt.resolutions_count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <AiAgentCards kpis={kpis} />

      <section className="card" aria-labelledby="support-summary-title">
        <div className="chart-card-head">
          <div>
            <h2 id="support-summary-title" className="card-title">
              Resumo do período
            </h2>
            <p className="muted small">Os indicadores acima com o período anterior, para planilha.</p>
          </div>
          <ExportButtons filter={filter} table="summary" label="o resumo" />
        </div>
      </section>
    </>
  );
}

/** The AI agent (Chatwoot's bot inboxes): what it resolves alone, when it hands over, and Chatwoot's own bot report. */
function AiAgentCards({ kpis }: { kpis: SupportKpis }) {
  const ai = kpis.ai;
  const bot = kpis.bot;
  return (
    <section className="card support-ai" aria-labelledby="support-ai-title" data-testid="support-ai">
      <div>
        <h2 id="support-ai-title" className="card-title">
          Agente de IA
        </h2>
        <p className="muted small">
          {bot.bot_inboxes
            ? `${formatInteger(ai.bot_conversations)} de ${formatInteger(ai.conversations)} conversas do período passaram pelo bot (${formatInteger(bot.bot_inboxes)} ${bot.bot_inboxes === 1 ? 'caixa com bot' : 'caixas com bot'}).`
            : 'Nenhuma caixa de entrada com bot nesta conta.'}
        </p>
      </div>
      <div className="kpi-grid support-ai-grid">
        <KpiCard label="Resolvidas só pelo bot" testKey="ai_bot_share" raw={ai.resolved_by_bot_share} value={formatPercent(ai.resolved_by_bot_share)} sub="das conversas com o bot" />
        <KpiCard label="Transferidas para humano" testKey="ai_handoff_rate" raw={ai.handoff_rate} value={formatPercent(ai.handoff_rate)} sub={`em média após ${formatDuration(ai.avg_time_to_handoff)}`} />
        <KpiCard label="Humano assume em" testKey="ai_handoff_to_human" raw={ai.avg_handoff_to_human} value={formatDuration(ai.avg_handoff_to_human)} sub="da transferência à resposta humana" />
        <KpiCard label="Intervenção humana" testKey="ai_human_intervention" raw={ai.human_intervention_rate} value={formatPercent(ai.human_intervention_rate)} sub={`reabertas: ${formatPercent(ai.reopened_rate)}`} />
        <KpiCard label="1ª resposta do bot" testKey="ai_frt_bot" raw={ai.avg_first_response_bot} value={formatDuration(ai.avg_first_response_bot)} sub={`humano: ${formatDuration(ai.avg_first_response_human)}`} />
        <KpiCard
          label="Mensagens por conversa"
          testKey="ai_messages_per_conversation"
          raw={ai.messages_per_conversation}
          value={ai.messages_per_conversation === null ? '—' : ai.messages_per_conversation.toLocaleString('pt-BR', { maximumFractionDigits: 1 })}
        />
      </div>
      <div className="support-bot-report" data-testid="support-bot-report">
        <h3 className="block-title">Relatório do bot no Chatwoot</h3>
        <dl className="support-facts-inline">
          <div>
            <dt>Conversas</dt>
            <dd>{formatInteger(bot.conversation_count)}</dd>
          </div>
          <div>
            <dt>Mensagens</dt>
            <dd>{formatInteger(bot.message_count)}</dd>
          </div>
          <div>
            <dt>Taxa de resolução</dt>
            <dd>{formatInteger(bot.resolution_rate)}%</dd>
          </div>
          <div>
            <dt>Taxa de transferência</dt>
            <dd>{formatInteger(bot.handoff_rate)}%</dd>
          </div>
        </dl>
      </div>
    </section>
  );
}
