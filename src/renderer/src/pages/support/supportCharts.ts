import { formatDay, formatDuration, formatInteger, formatMonth } from '../../../../shared/format';
import type { SupportGroupBy, SupportTimeseries } from '../../../../shared/support';
import type { ChartOption } from '../../charts/echarts';
import { categoryAxisBase, chartColors, textStyle, tooltipBase, tooltipLine, tooltipTitle } from '../../charts/theme';

type Point = SupportTimeseries['points'][number];
type AxisParam = { dataIndex: number };

export const WEEKDAYS = ['domingo', 'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado'];
const WEEKDAYS_SHORT = ['dom', 'seg', 'ter', 'qua', 'qui', 'sex', 'sáb'];
const shadowPointer = { type: 'shadow' as const, shadowStyle: { color: 'rgba(79,70,229,0.06)' } };
const countAxis = { type: 'value' as const, minInterval: 1, axisLabel: { formatter: (v: number) => formatInteger(v), color: chartColors.text }, splitLine: { lineStyle: { color: chartColors.grid } } };

/** A bucket's first day as the axis shows it: the day, "sem. de dd/mm/aaaa", the month or the year. */
export function bucketLabel(bucket: string, groupBy: SupportGroupBy): string {
  if (groupBy === 'month') return formatMonth(bucket.slice(0, 7));
  if (groupBy === 'year') return bucket.slice(0, 4);
  if (groupBy === 'week') return `sem. de ${formatDay(bucket)}`;
  return formatDay(bucket);
}

/** The seven headline metrics, as the metric picker names them; averages carry the count of events behind them. */
export const METRICS = {
  conversations_count: { label: 'Conversas', kind: 'count' },
  incoming_messages_count: { label: 'Mensagens recebidas', kind: 'count' },
  outgoing_messages_count: { label: 'Mensagens enviadas', kind: 'count' },
  avg_first_response_time: { label: 'Tempo da 1ª resposta', kind: 'time', events: 'first_response_count', eventLabel: '1ª respostas' },
  avg_resolution_time: { label: 'Tempo de resolução', kind: 'time', events: 'resolution_count_for_avg', eventLabel: 'resoluções' },
  avg_reply_time: { label: 'Espera do cliente', kind: 'time', events: 'reply_count', eventLabel: 'respostas' },
  resolutions_count: { label: 'Resoluções', kind: 'count' },
} as const satisfies Record<string, { label: string; kind: 'count' | 'time'; events?: keyof Point; eventLabel?: string }>;
export type MetricKey = keyof typeof METRICS;

function zoomFor(count: number) {
  return count > 60 ? [{ type: 'inside' as const, startValue: count - 60, endValue: count - 1 }] : [];
}

/** Conversations (bars) and resolutions (line) per bucket. */
export function volumeOption(points: Point[], groupBy: SupportGroupBy): ChartOption {
  return {
    textStyle,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 8, textStyle: { color: chartColors.text }, data: ['Conversas', 'Resoluções'] },
    tooltip: {
      ...tooltipBase,
      trigger: 'axis',
      axisPointer: shadowPointer,
      formatter: (params: unknown) => {
        const p = points[(params as AxisParam[])[0]?.dataIndex ?? 0];
        return tooltipTitle(bucketLabel(p.bucket, groupBy)) + tooltipLine(chartColors.accent, 'Conversas', formatInteger(p.conversations_count)) + tooltipLine(chartColors.secondary, 'Resoluções', formatInteger(p.resolutions_count));
      },
    },
    xAxis: { type: 'category', data: points.map((p) => bucketLabel(p.bucket, groupBy)), ...categoryAxisBase },
    yAxis: countAxis,
    dataZoom: zoomFor(points.length),
    series: [
      { name: 'Conversas', type: 'bar', data: points.map((p) => p.conversations_count), itemStyle: { color: chartColors.accent, borderRadius: [3, 3, 0, 0] }, barMaxWidth: 28 },
      { name: 'Resoluções', type: 'line', data: points.map((p) => p.resolutions_count), itemStyle: { color: chartColors.secondary }, lineStyle: { width: 2 }, symbol: 'circle', symbolSize: 5 },
    ],
  };
}

/** One metric over time; an average's tooltip says how many events it averages, as Chatwoot's does. */
export function metricOption(points: Point[], groupBy: SupportGroupBy, metric: MetricKey): ChartOption {
  const spec = METRICS[metric];
  const time = spec.kind === 'time';
  const value = (p: Point) => (p[metric] === null ? null : time ? Math.round((p[metric] as number) / 60) : (p[metric] as number));
  return {
    textStyle,
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: {
      ...tooltipBase,
      trigger: 'axis',
      axisPointer: shadowPointer,
      formatter: (params: unknown) => {
        const p = points[(params as AxisParam[])[0]?.dataIndex ?? 0];
        const shown = time ? formatDuration(p[metric]) : formatInteger(p[metric]);
        const events = 'events' in spec ? tooltipLine(chartColors.accentSoft, `Eventos (${spec.eventLabel})`, formatInteger(p[spec.events] as number)) : '';
        return tooltipTitle(bucketLabel(p.bucket, groupBy)) + tooltipLine(chartColors.accent, spec.label, shown) + events;
      },
    },
    xAxis: { type: 'category', data: points.map((p) => bucketLabel(p.bucket, groupBy)), ...categoryAxisBase },
    yAxis: time
      ? { type: 'value', name: 'min', nameTextStyle: { color: chartColors.text }, axisLabel: { formatter: (v: number) => formatInteger(v), color: chartColors.text }, splitLine: { lineStyle: { color: chartColors.grid } } }
      : countAxis,
    dataZoom: zoomFor(points.length),
    series: [{ name: spec.label, type: 'bar', data: points.map(value), itemStyle: { color: chartColors.accent, borderRadius: [3, 3, 0, 0] }, barMaxWidth: 28 }],
  };
}

/** Plain vertical bars with their value on top (distributions). */
export function barsOption(labels: string[], values: number[], name: string, color: string = chartColors.accent): ChartOption {
  return {
    textStyle,
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      ...tooltipBase,
      trigger: 'axis',
      axisPointer: shadowPointer,
      formatter: (params: unknown) => {
        const i = (params as AxisParam[])[0]?.dataIndex ?? 0;
        return tooltipTitle(labels[i]) + tooltipLine(color, name, formatInteger(values[i]));
      },
    },
    xAxis: { type: 'category', data: labels, ...categoryAxisBase, axisLabel: { color: chartColors.text, interval: 0, hideOverlap: true } },
    yAxis: countAxis,
    series: [{ name, type: 'bar', data: values, itemStyle: { color, borderRadius: [3, 3, 0, 0] }, barMaxWidth: 48, label: { show: true, position: 'top', color: chartColors.text, formatter: (p: { value?: unknown }) => formatInteger(Number(p.value)) } }],
  };
}

/** Hour (x) × weekday (y, Sunday on top) counts, shaded by a visual map. */
export function heatmapOption(cells: Array<{ weekday: number; hour: number; count: number }>, name: string): ChartOption {
  const max = Math.max(1, ...cells.map((c) => c.count));
  return {
    textStyle,
    grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
    tooltip: {
      ...tooltipBase,
      trigger: 'item',
      formatter: (params: unknown) => {
        const [hour, row, count] = (params as { value: [number, number, number] }).value;
        return tooltipTitle(`${WEEKDAYS[6 - row]}, ${String(hour).padStart(2, '0')}h–${String(hour + 1).padStart(2, '0')}h`) + tooltipLine(chartColors.accent, name, formatInteger(count));
      },
    },
    xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, h) => `${h}h`), ...categoryAxisBase, splitArea: { show: false } },
    yAxis: { type: 'category', data: [...WEEKDAYS_SHORT].reverse(), ...categoryAxisBase },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      itemWidth: 12,
      text: ['mais', 'menos'],
      textStyle: { color: chartColors.text },
      inRange: { color: ['#f5f6ff', '#c7d2fe', '#818cf8', '#4f46e5', '#312e81'] },
    },
    series: [
      {
        name,
        type: 'heatmap',
        data: cells.map((c) => [c.hour, 6 - c.weekday, c.count]),
        itemStyle: { borderColor: '#ffffff', borderWidth: 2, borderRadius: 3 },
        emphasis: { itemStyle: { borderColor: chartColors.strongText, borderWidth: 1 } },
      },
    ],
  };
}
