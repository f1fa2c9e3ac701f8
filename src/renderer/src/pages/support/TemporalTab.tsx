import { useMemo, useState } from 'react';
import { formatInteger } from '../../../../shared/format';
import type { SupportGroupBy, SupportKpis } from '../../../../shared/support';
import { Chart } from '../../charts/Chart';
import { Alert } from '../../components/Alert';
import { ExportButtons } from './ExportButtons';
import { GroupBySelect } from './GroupBySelect';
import { heatmapOption, volumeOption, WEEKDAYS } from './supportCharts';
import type { SupportFilter } from './supportView';
import { useTimeseries } from './useTimeseries';

type Cell = { weekday: number; hour: number; count: number };
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const hourLabel = (h: number) => `${String(h).padStart(2, '0')}h`;

/** When the customers write and when the team resolves: hour × weekday, and the trend by week or month. */
export function TemporalTab({ kpis, filter }: { kpis: SupportKpis; filter: SupportFilter }) {
  const [groupBy, setGroupBy] = useState<SupportGroupBy>('week');
  const series = useTimeseries(filter, groupBy);
  const trend = useMemo(() => volumeOption(series.data?.points ?? [], groupBy), [series.data, groupBy]);
  const conversations = useMemo(() => kpis.heatmap.map((c) => ({ weekday: c.weekday, hour: c.hour, count: c.conversations_count })), [kpis]);
  const resolutions = useMemo(() => kpis.resolutions_heatmap.map((c) => ({ weekday: c.weekday, hour: c.hour, count: c.resolutions_count })), [kpis]);
  const peaks = kpis.ai.peak_hours.filter((p) => p.conversations_count > 0).slice(0, 3);

  return (
    <>
      <HeatmapCard
        id="heatmap-conversations"
        title="Conversas por hora e dia da semana"
        subtitle={peaks.length ? `Horários de pico: ${peaks.map((p) => `${hourLabel(p.hour)} (${formatInteger(p.conversations_count)})`).join(', ')}.` : 'Sem conversas no período.'}
        cells={conversations}
        name="Conversas"
        exportFilter={filter}
        exportTable="heatmap"
      />
      <HeatmapCard
        id="heatmap-resolutions"
        title="Resoluções por hora e dia da semana"
        subtitle="Quando a equipe resolve as conversas."
        cells={resolutions}
        name="Resoluções"
        exportFilter={filter}
        exportTable="resolutions_heatmap"
      />
      <section className="card chart-card" aria-labelledby="support-trend-title" data-testid="support-trend">
        <div className="chart-card-head">
          <h2 id="support-trend-title" className="card-title">
            Tendência
          </h2>
          <GroupBySelect value={groupBy} onChange={setGroupBy} options={['week', 'month']} testId="trend-group" />
        </div>
        {series.error ? <Alert>{series.error}</Alert> : null}
        <Chart option={trend} label={`Gráfico de barras: conversas por ${groupBy === 'week' ? 'semana' : 'mês'}, com as resoluções em linha`} testId="chart-support-trend" />
      </section>
    </>
  );
}

function HeatmapCard({
  id,
  title,
  subtitle,
  cells,
  name,
  exportFilter,
  exportTable,
}: {
  id: string;
  title: string;
  subtitle: string;
  cells: Cell[];
  name: string;
  exportFilter?: SupportFilter;
  exportTable?: 'heatmap' | 'resolutions_heatmap';
}) {
  const [asTable, setAsTable] = useState(false);
  const option = useMemo(() => heatmapOption(cells, name), [cells, name]);
  const count = (weekday: number, hour: number) => cells.find((c) => c.weekday === weekday && c.hour === hour)?.count ?? 0;
  const empty = cells.every((c) => c.count === 0);
  return (
    <section className="card chart-card" aria-labelledby={`${id}-title`} data-testid={id}>
      <div className="chart-card-head">
        <div>
          <h2 id={`${id}-title`} className="card-title">
            {title}
          </h2>
          <p className="muted small">{subtitle}</p>
        </div>
        <div className="support-card-tools">
          <button type="button" className="button button-small" aria-pressed={asTable} data-testid={`${id}-as-table`} onClick={() => setAsTable((v) => !v)}>
            {asTable ? 'Ver como gráfico' : 'Ver como tabela'}
          </button>
          {exportFilter && exportTable ? <ExportButtons filter={exportFilter} table={exportTable} label={`o mapa de calor (${name.toLowerCase()})`} /> : null}
        </div>
      </div>
      {asTable ? (
        <div className="drill-table-scroll">
          <table className="table table-compact support-heat-table" data-testid={`${id}-table`}>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Hora</th>
                {WEEKDAYS.map((d) => (
                  <th key={d} scope="col" className="num">
                    {d}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {HOURS.map((h) => (
                <tr key={h}>
                  <th scope="row">{hourLabel(h)}</th>
                  {WEEKDAYS.map((d, weekday) => (
                    <td key={d} className="num">
                      {formatInteger(count(weekday, h))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <Chart option={option} label={`Mapa de calor: ${name.toLowerCase()} por hora (0 a 23) e dia da semana (domingo a sábado); a tabela tem os números`} testId={`chart-${id}`} height={320} empty={empty ? 'Nada no período.' : null} />
      )}
    </section>
  );
}
