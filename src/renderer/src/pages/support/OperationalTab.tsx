import { useMemo, useState } from 'react';
import { formatDuration, formatInteger, formatPercent } from '../../../../shared/format';
import type { SupportGroupBy, SupportKpis } from '../../../../shared/support';
import { Chart } from '../../charts/Chart';
import { Alert } from '../../components/Alert';
import { KpiCard } from '../../components/KpiCard';
import { GroupBySelect } from './GroupBySelect';
import { barsOption, bucketLabel, METRICS, metricOption, type MetricKey } from './supportCharts';
import type { SupportFilter } from './supportView';
import { ExportButtons } from './ExportButtons';
import { useTimeseries } from './useTimeseries';

/** Right now (live queues), any metric over time, the first-response spread and the breakdowns. */
export function OperationalTab({ kpis, filter }: { kpis: SupportKpis; filter: SupportFilter }) {
  const [metric, setMetric] = useState<MetricKey>('avg_first_response_time');
  const [groupBy, setGroupBy] = useState<SupportGroupBy>('day');
  const series = useTimeseries(filter, groupBy);
  const points = useMemo(() => series.data?.points ?? [], [series.data]);
  const option = useMemo(() => metricOption(points, groupBy, metric), [points, groupBy, metric]);
  const distribution = useMemo(() => barsOption(kpis.first_response_distribution.map((b) => b.bucket), kpis.first_response_distribution.map((b) => b.count), '1ª respostas'), [kpis]);
  const spec = METRICS[metric];
  const live = kpis.live;

  return (
    <>
      <section aria-labelledby="support-live-title">
        <h2 id="support-live-title" className="block-title">
          Agora <span className="muted small">(independe do período)</span>
        </h2>
        <div className="kpi-grid kpi-grid-5">
          <KpiCard label="Abertas" testKey="live_open" raw={live.open} value={formatInteger(live.open)} />
          <KpiCard label="Sem resposta" testKey="live_unattended" raw={live.unattended} value={formatInteger(live.unattended)} sub="aguardando a 1ª resposta" />
          <KpiCard label="Sem agente" testKey="live_unassigned" raw={live.unassigned} value={formatInteger(live.unassigned)} />
          <KpiCard label="Pendentes" testKey="live_pending" raw={live.pending} value={formatInteger(live.pending)} />
          <KpiCard label="Adiadas" testKey="live_snoozed" raw={live.snoozed} value={formatInteger(live.snoozed)} />
        </div>
      </section>

      <section className="card chart-card" aria-labelledby="support-metric-title" data-testid="support-metric">
        <div className="chart-card-head">
          <div>
            <h2 id="support-metric-title" className="card-title">
              {spec.label} ao longo do tempo
            </h2>
            <p className="muted small">{spec.kind === 'time' ? 'Média em minutos; o tooltip mostra quantos eventos entram na média.' : 'Total de cada período.'}</p>
          </div>
          <div className="support-card-tools">
            <label htmlFor="support-metric-select" className="field-inline-label">
              Métrica
            </label>
            <select id="support-metric-select" className="select select-small" data-testid="metric-select" value={metric} onChange={(e) => setMetric(e.target.value as MetricKey)}>
              {(Object.keys(METRICS) as MetricKey[]).map((key) => (
                <option key={key} value={key}>
                  {METRICS[key].label}
                </option>
              ))}
            </select>
            <GroupBySelect value={groupBy} onChange={setGroupBy} testId="metric-group" />
          </div>
        </div>
        {series.error ? <Alert>{series.error}</Alert> : null}
        <Chart option={option} label={`Gráfico de barras: ${spec.label.toLowerCase()} por período`} testId="chart-support-metric" empty={points.length ? null : 'Nada no período.'} />
        <table className="visually-hidden">
          <caption>{spec.label} por período</caption>
          <thead>
            <tr>
              <th scope="col">Período</th>
              <th scope="col">{spec.label}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.bucket}>
                <td>{bucketLabel(p.bucket, groupBy)}</td>
                <td>{spec.kind === 'time' ? formatDuration(p[metric]) : formatInteger(p[metric])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <div className="chart-grid chart-grid-even">
        <section className="card chart-card" aria-labelledby="support-frt-title" data-testid="support-frt-distribution">
          <div>
            <h2 id="support-frt-title" className="card-title">
              Distribuição da 1ª resposta
            </h2>
            <p className="muted small">Quantas conversas tiveram a 1ª resposta em cada faixa de tempo.</p>
            <ExportButtons filter={filter} table="first_response" label="a distribuição da 1ª resposta" />
          </div>
          <Chart option={distribution} label="Gráfico de barras: 1ª respostas por faixa de tempo" testId="chart-frt-distribution" height={240} empty={kpis.first_response_count ? null : 'Nenhuma 1ª resposta no período.'} />
          <table className="visually-hidden">
            <caption>1ª respostas por faixa de tempo</caption>
            <tbody>
              {kpis.first_response_distribution.map((b) => (
                <tr key={b.bucket}>
                  <th scope="row">{b.bucket}</th>
                  <td>{formatInteger(b.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card" aria-labelledby="support-breakdown-title">
          <h2 id="support-breakdown-title" className="card-title">
            Status e prioridade
          </h2>
          <div className="button-row">
            <ExportButtons filter={filter} table="status" label="as conversas por status" />
            <ExportButtons filter={filter} table="priority" label="as conversas por prioridade" />
          </div>
          <div className="support-breakdowns">
            <Breakdown
              caption="Conversas por status"
              testId="support-by-status"
              rows={kpis.by_status.map((s) => ({ key: String(s.status), label: s.label, count: s.conversations_count }))}
            />
            <Breakdown
              caption="Conversas por prioridade"
              testId="support-by-priority"
              rows={kpis.by_priority.map((s) => ({ key: s.priority, label: s.priority, count: s.conversations_count }))}
            />
          </div>
        </section>
      </div>

      <section className="card card-flush" aria-labelledby="support-channels-title" data-testid="support-by-channel">
        <div className="chart-card-head support-table-head">
          <div>
            <h2 id="support-channels-title" className="card-title">
              Canal × status
            </h2>
            <p className="muted small">Conversas criadas no período, pelo status de agora.</p>
          </div>
          <ExportButtons filter={filter} table="channels" label="canal × status" />
        </div>
        <div className="table-scroll">
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Canal</th>
                <th scope="col" className="num">Abertas</th>
                <th scope="col" className="num">Pendentes</th>
                <th scope="col" className="num">Adiadas</th>
                <th scope="col" className="num">Resolvidas</th>
                <th scope="col" className="num">Total</th>
              </tr>
            </thead>
            <tbody>
              {kpis.by_channel.map((c) => (
                <tr key={c.channel}>
                  <td className="cell-name">{c.channel}</td>
                  <td className="num">{formatInteger(c.open)}</td>
                  <td className="num">{formatInteger(c.pending)}</td>
                  <td className="num">{formatInteger(c.snoozed)}</td>
                  <td className="num">{formatInteger(c.resolved)}</td>
                  <td className="num cell-strong">{formatInteger(c.total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {kpis.by_channel.length ? null : <p className="table-empty muted">Nenhuma conversa no período.</p>}
        </div>
      </section>
    </>
  );
}

/** Counts with their share as a bar (a <meter>, so it needs no inline style and reads out as a value). */
function Breakdown({ caption, rows, testId }: { caption: string; rows: Array<{ key: string; label: string; count: number }>; testId: string }) {
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  return (
    <table className="table table-compact support-breakdown" data-testid={testId}>
      <caption>{caption}</caption>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td className="support-meter-cell">
              <meter min={0} max={Math.max(total, 1)} value={r.count} aria-label={`${r.label}: ${formatPercent(total ? r.count / total : null)}`} />
            </td>
            <td className="num">{formatInteger(r.count)}</td>
            <td className="num muted">{formatPercent(total ? r.count / total : null)}</td>
          </tr>
        ))}
        {rows.length ? null : (
          <tr>
            <td colSpan={4} className="muted">
              Nada no período.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

