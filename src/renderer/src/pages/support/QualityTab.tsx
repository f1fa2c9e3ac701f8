import { useMemo, useState } from 'react';
import { formatDateTime, formatInteger } from '../../../../shared/format';
import type { SupportKpis } from '../../../../shared/support';
import { useReadiness } from '../../app/readiness';
import { useQuery } from '../../app/useQuery';
import { Chart } from '../../charts/Chart';
import { Alert } from '../../components/Alert';
import { KpiCard } from '../../components/KpiCard';
import { call } from '../../ipc';
import { ExportButtons } from './ExportButtons';
import { Pager } from './Pager';
import { barsOption } from './supportCharts';
import { change, formatScore, listQuery, type SupportFilter } from './supportView';

const PAGE = 25;
const CATEGORY_TONE: Record<string, string> = { promotor: 'chip-success', neutro: 'chip-neutral', detrator: 'chip-danger' };

/** CSAT: the score, the rating spread, every answer, and the bot against the humans. */
export function QualityTab({ kpis, filter, timezone, onOpenConversation }: { kpis: SupportKpis; filter: SupportFilter; timezone: string; onOpenConversation(id: number): void }) {
  const [rating, setRating] = useState<number | null>(null);
  // Another period, scope or rating starts at the first page.
  const pageKey = JSON.stringify([listQuery(filter), rating]);
  const [paging, setPaging] = useState({ key: pageKey, offset: 0 });
  const offset = paging.key === pageKey ? paging.offset : 0;
  const setOffset = (next: number) => setPaging({ key: pageKey, offset: next });
  const query = { ...listQuery(filter), ...(rating ? { rating } : {}), limit: PAGE, offset };
  const answers = useQuery(JSON.stringify([query, filter.version]), () => call('support.csat', query));
  useReadiness(answers.loading);
  const ratings = useMemo(() => barsOption(kpis.csat_ratings.map((r) => `${r.rating} ★`), kpis.csat_ratings.map((r) => r.count), 'Respostas', '#f79009'), [kpis]);
  const ai = kpis.ai;

  return (
    <>
      <div className="kpi-grid">
        <KpiCard label="Total de respostas" testKey="csat_total_responses" raw={kpis.csat_total_responses} value={formatInteger(kpis.csat_total_responses)} delta={change(kpis.csat_total_responses, kpis.previous?.csat_total_responses)} sub={`de ${formatInteger(kpis.csat_sent_count)} pesquisas enviadas`} />
        <KpiCard label="Satisfação" testKey="csat_score" raw={kpis.csat_satisfaction_score} value={formatScore(kpis.csat_satisfaction_score)} delta={change(kpis.csat_satisfaction_score, kpis.previous?.csat_satisfaction_score)} sub="notas 4 e 5" />
        <KpiCard label="Taxa de resposta" testKey="csat_response_rate" raw={kpis.csat_response_rate} value={formatScore(kpis.csat_response_rate)} sub="respostas ÷ pesquisas enviadas" />
      </div>

      <div className="chart-grid chart-grid-even">
        <section className="card chart-card" aria-labelledby="support-ratings-title" data-testid="support-ratings">
          <div>
            <h2 id="support-ratings-title" className="card-title">
              Distribuição das notas
            </h2>
            <p className="muted small">De 1 (muito insatisfeito) a 5 (muito satisfeito).</p>
            <ExportButtons filter={filter} table="ratings" label="a distribuição das notas" />
          </div>
          <Chart option={ratings} label="Gráfico de barras: respostas por nota de 1 a 5" testId="chart-csat-ratings" height={240} empty={kpis.csat_total_responses ? null : 'Nenhuma resposta de CSAT no período.'} />
          <table className="visually-hidden">
            <caption>Respostas por nota</caption>
            <tbody>
              {kpis.csat_ratings.map((r) => (
                <tr key={r.rating}>
                  <th scope="row">Nota {r.rating}</th>
                  <td>{formatInteger(r.count)}</td>
                  <td>{formatScore(r.percent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card" aria-labelledby="support-csat-ai-title" data-testid="support-csat-ai">
          <h2 id="support-csat-ai-title" className="card-title">
            Só o bot × com humano
          </h2>
          <p className="muted small">CSAT das conversas que o agente de IA resolveu sozinho e das que tiveram um humano.</p>
          <div className="kpi-grid support-two">
            <KpiCard label="Só o bot" testKey="csat_bot_only" raw={ai.csat_bot_only.satisfaction_score} value={formatScore(ai.csat_bot_only.satisfaction_score)} sub={`${formatInteger(ai.csat_bot_only.responses)} respostas · nota média ${ai.csat_bot_only.avg_rating?.toLocaleString('pt-BR', { maximumFractionDigits: 2 }) ?? '—'}`} />
            <KpiCard label="Com humano" testKey="csat_human" raw={ai.csat_human.satisfaction_score} value={formatScore(ai.csat_human.satisfaction_score)} sub={`${formatInteger(ai.csat_human.responses)} respostas · nota média ${ai.csat_human.avg_rating?.toLocaleString('pt-BR', { maximumFractionDigits: 2 }) ?? '—'}`} />
          </div>
        </section>
      </div>

      <section className="card card-flush" aria-labelledby="support-answers-title" data-testid="support-csat-table">
        <div className="chart-card-head support-table-head">
          <div>
            <h2 id="support-answers-title" className="card-title">
              Respostas
            </h2>
          </div>
          <div className="support-card-tools">
            <label htmlFor="support-rating-filter" className="field-inline-label">
              Nota
            </label>
            <select
              id="support-rating-filter"
              className="select select-small"
              data-testid="csat-rating-filter"
              value={rating ?? ''}
              onChange={(e) => {
                setRating(e.target.value ? Number(e.target.value) : null);
              }}
            >
              <option value="">Todas</option>
              {[5, 4, 3, 2, 1].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
            <ExportButtons filter={filter} table="csat" label="as respostas de CSAT" />
          </div>
        </div>
        {answers.error ? <Alert>{answers.error}</Alert> : null}
        <div className="table-scroll">
          <table className="table table-compact" aria-busy={answers.loading}>
            <thead>
              <tr>
                <th scope="col">Contato</th>
                <th scope="col">Agente</th>
                <th scope="col" className="num">Nota</th>
                <th scope="col">Categoria</th>
                <th scope="col">Comentário</th>
                <th scope="col">Conversa</th>
                <th scope="col">Data</th>
              </tr>
            </thead>
            <tbody>
              {(answers.data?.rows ?? []).map((r) => (
                <tr key={r.id} data-testid="csat-row">
                  <td className="cell-name">{r.contact_name ?? '—'}</td>
                  <td>{r.agent_name ?? '—'}</td>
                  <td className="num cell-strong">{r.rating}</td>
                  <td>
                    <span className={`chip ${CATEGORY_TONE[r.category] ?? 'chip-neutral'}`}>{r.category}</span>
                  </td>
                  <td className="support-feedback">{r.feedback ?? <span className="muted">—</span>}</td>
                  <td>
                    <button type="button" className="link-button" data-testid="csat-open-conversation" onClick={() => onOpenConversation(r.conversation_id)}>
                      #{r.display_id ?? r.conversation_id}
                    </button>
                  </td>
                  <td className="nowrap">{formatDateTime(r.at, timezone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {answers.data && !answers.data.total ? <p className="table-empty muted">Nenhuma resposta {rating ? `com nota ${rating} ` : ''}no período.</p> : null}
        </div>
        <Pager offset={offset} limit={PAGE} total={answers.data?.total ?? 0} onChange={setOffset} testId="csat-pager" />
      </section>
    </>
  );
}
