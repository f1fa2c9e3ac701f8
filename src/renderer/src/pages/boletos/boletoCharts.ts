import { formatDecimal, formatDuration, formatInteger, formatMonth } from '../../../../shared/format';
import type { BoletoKpis } from '../../../../shared/kpi';
import { formatPointOfSale } from '../../app/boletos';
import type { ChartOption } from '../../charts/echarts';
import { boletoColors, categoryAxisBase, chartColors, textStyle, tooltipBase, tooltipLine, tooltipTitle } from '../../charts/theme';

type AxisParam = { dataIndex: number };

const OUTCOMES = [
  { key: 'success', label: 'Salvos' },
  { key: 'errors', label: 'Erros' },
  { key: 'cpf_not_found', label: 'CPF não encontrado' },
  { key: 'no_boleto', label: 'Sem boleto' },
] as const;

const countAxis = {
  type: 'value' as const,
  minInterval: 1,
  axisLabel: { formatter: (v: number) => formatInteger(v), color: chartColors.text },
  splitLine: { lineStyle: { color: chartColors.grid } },
};

/** Boletos per month of work, stacked by outcome. */
export function byPeriodOption(kpis: BoletoKpis): ChartOption {
  const rows = kpis.by_period;
  return {
    textStyle,
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 8, textStyle: { color: chartColors.text }, data: OUTCOMES.map((o) => o.label) },
    tooltip: {
      ...tooltipBase,
      trigger: 'axis',
      axisPointer: { type: 'shadow', shadowStyle: { color: 'rgba(79,70,229,0.06)' } },
      formatter: (params: unknown) => {
        const row = rows[(params as AxisParam[])[0]?.dataIndex ?? 0];
        return tooltipTitle(formatMonth(row.period)) + OUTCOMES.map((o) => tooltipLine(boletoColors[o.key], o.label, formatInteger(row[o.key]))).join('');
      },
    },
    xAxis: { type: 'category', data: rows.map((r) => formatMonth(r.period)), ...categoryAxisBase },
    yAxis: countAxis,
    series: OUTCOMES.map((o, i) => ({
      name: o.label,
      type: 'bar' as const,
      stack: 'outcome',
      cursor: 'default',
      data: rows.map((r) => r[o.key]),
      itemStyle: { color: boletoColors[o.key], borderRadius: i === OUTCOMES.length - 1 ? [4, 4, 0, 0] : 0 },
      barMaxWidth: 48,
    })),
  };
}

/** Runs that ended, oldest first, with their time per client. */
export function timedRuns(kpis: BoletoKpis) {
  return [...kpis.runs].reverse().filter((r) => r.seconds_per_client !== null);
}

/** Seconds per client of each run (the old tool took 15–20 s). */
export function speedOption(kpis: BoletoKpis, timezone: string): ChartOption {
  const runs = timedRuns(kpis);
  const when = new Intl.DateTimeFormat('pt-BR', { timeZone: timezone, day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' });
  const label = (iso: string) => when.format(new Date(iso)).replace(',', '');
  return {
    textStyle,
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: {
      ...tooltipBase,
      trigger: 'axis',
      axisPointer: { type: 'shadow', shadowStyle: { color: 'rgba(79,70,229,0.06)' } },
      formatter: (params: unknown) => {
        const run = runs[(params as AxisParam[])[0]?.dataIndex ?? 0];
        return (
          tooltipTitle(`PV ${formatPointOfSale(run.point_of_sale)} · ${label(run.started_at)}`) +
          tooltipLine(chartColors.accent, 'Por cliente', `${formatDecimal(run.seconds_per_client ?? 0)} s`) +
          tooltipLine(chartColors.secondary, 'Duração', formatDuration(run.seconds)) +
          tooltipLine(boletoColors.success, 'Salvos', formatInteger(run.success))
        );
      },
    },
    xAxis: {
      type: 'category',
      data: runs.map((r) => `${label(r.started_at)}\nPV ${formatPointOfSale(r.point_of_sale)}`),
      ...categoryAxisBase,
      axisLabel: { color: chartColors.text, lineHeight: 16, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { formatter: (v: number) => `${formatInteger(v)} s`, color: chartColors.text },
      splitLine: { lineStyle: { color: chartColors.grid } },
    },
    series: [
      {
        name: 'Segundos por cliente',
        type: 'bar',
        cursor: 'default',
        data: runs.map((r) => Math.round((r.seconds_per_client ?? 0) * 10) / 10),
        itemStyle: { color: chartColors.accent, borderRadius: [4, 4, 0, 0] },
        barMaxWidth: 40,
        label: { show: true, position: 'top', color: chartColors.text, formatter: (p: { value?: unknown }) => `${formatDecimal(Number(p.value))} s` },
      },
    ],
  };
}
