import { formatInteger, formatMoney, formatMoneyCompact, formatMonth, formatPercent } from '../../../../shared/format';
import type { RealEstateKpis } from '../../../../shared/realestate';
import type { ChartOption } from '../../charts/echarts';
import { categoryAxisBase, chartColors, escapeHtml, textStyle, tooltipBase, tooltipLine, tooltipTitle, valueAxisMoney } from '../../charts/theme';

type AxisParam = { dataIndex: number };
type Development = RealEstateKpis['by_development'][number];
type Broker = RealEstateKpis['by_broker'][number];

const shadowPointer = { type: 'shadow' as const, shadowStyle: { color: 'rgba(79,70,229,0.06)' } };
const MONTHS_SHOWN = 24;
export const TOP_DEVELOPMENTS = 12;
export const TOP_BROKERS = 10;

const short = (name: string, max: number) => (name.length > max ? `${name.slice(0, max - 1)}…` : name);

/** Months beyond two years scroll: a slider keeps the bars readable. */
function monthZoom(count: number) {
  if (count <= MONTHS_SHOWN) return [];
  const window = { startValue: count - MONTHS_SHOWN, endValue: count - 1 };
  return [
    { type: 'inside' as const, ...window },
    {
      type: 'slider' as const,
      ...window,
      height: 20,
      bottom: 8,
      moveHandleSize: 0,
      brushSelect: false,
      borderColor: '#e5e7eb',
      fillerColor: 'rgba(79,70,229,0.12)',
      handleStyle: { color: '#ffffff', borderColor: chartColors.accent },
      dataBackground: { lineStyle: { color: chartColors.accentSoft }, areaStyle: { color: 'rgba(165,180,252,0.3)' } },
      textStyle: { color: chartColors.text },
      labelFormatter: (_value: number, text: string) => text,
    },
  ];
}

/** VGV month by month (bars, clickable) against the same month one year earlier (line). */
export function monthlyVgvOption(kpis: RealEstateKpis): ChartOption {
  const rows = kpis.yoy;
  const zoom = rows.length > MONTHS_SHOWN;
  return {
    textStyle,
    grid: { left: 8, right: 16, top: 40, bottom: zoom ? 48 : 8, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 8, textStyle: { color: chartColors.text }, data: ['VGV', 'Mesmo mês do ano anterior'] },
    tooltip: {
      ...tooltipBase,
      trigger: 'axis',
      axisPointer: shadowPointer,
      formatter: (params: unknown) => {
        const row = rows[(params as AxisParam[])[0]?.dataIndex ?? 0];
        return (
          tooltipTitle(formatMonth(row.month)) +
          tooltipLine(chartColors.accent, `VGV (${formatInteger(row.current_count)} vendas)`, formatMoney(row.current)) +
          tooltipLine(chartColors.secondary, `${formatMonth(row.month.replace(/^\d{4}/, (y) => String(Number(y) - 1)))} (${formatInteger(row.previous_count)} vendas)`, formatMoney(row.previous))
        );
      },
    },
    xAxis: { type: 'category', data: rows.map((r) => formatMonth(r.month)), ...categoryAxisBase },
    yAxis: valueAxisMoney,
    dataZoom: monthZoom(rows.length),
    series: [
      { name: 'VGV', type: 'bar', cursor: 'pointer', data: rows.map((r) => r.current), itemStyle: { color: chartColors.accent, borderRadius: [3, 3, 0, 0] }, emphasis: { itemStyle: { color: '#4338ca' } }, barMaxWidth: 32 },
      {
        name: 'Mesmo mês do ano anterior',
        type: 'line',
        cursor: 'pointer',
        data: rows.map((r) => r.previous),
        itemStyle: { color: chartColors.secondary },
        lineStyle: { width: 2, type: 'dashed' },
        symbol: 'circle',
        symbolSize: 6,
      },
    ],
  };
}

export function topDevelopments(kpis: RealEstateKpis): Development[] {
  return [...kpis.by_development].sort((a, b) => b.vgv - a.vgv).slice(0, TOP_DEVELOPMENTS);
}

export function topBrokers(kpis: RealEstateKpis): Broker[] {
  return [...kpis.by_broker].sort((a, b) => b.vgv - a.vgv).slice(0, TOP_BROKERS);
}

/** Height that gives each horizontal bar room for its label. */
export function horizontalHeight(count: number): number {
  return Math.max(160, count * 30 + 16);
}

/** VGV per development, largest at the top (chart data is reversed: see developmentAtChartIndex). */
export function developmentOption(rows: Development[]): ChartOption {
  const data = [...rows].reverse();
  return {
    textStyle,
    grid: { left: 8, right: 84, top: 4, bottom: 4, containLabel: true },
    tooltip: {
      ...tooltipBase,
      trigger: 'item',
      formatter: (params: unknown) => {
        const row = data[(params as AxisParam).dataIndex];
        return (
          tooltipTitle(row.development) +
          tooltipLine(chartColors.accent, 'VGV', formatMoney(row.vgv)) +
          tooltipLine(chartColors.secondary, 'Vendas', formatInteger(row.sales_count)) +
          tooltipLine(chartColors.accentSoft, 'Unidades disponíveis', `${formatInteger(row.units_available)} de ${formatInteger(row.units)}`)
        );
      },
    },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', data: data.map((r) => short(r.development, 28)), ...categoryAxisBase, axisLabel: { color: chartColors.strongText, width: 190, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        data: data.map((r) => r.vgv),
        cursor: 'pointer',
        itemStyle: { color: chartColors.accent, borderRadius: [0, 4, 4, 0] },
        emphasis: { itemStyle: { color: '#4338ca' } },
        barMaxWidth: 20,
        label: { show: true, position: 'right', color: chartColors.text, formatter: (p: { value?: unknown }) => formatMoneyCompact(Number(p.value)) },
      },
    ],
  };
}

/** Top brokers by VGV, with their commission in the label. */
export function brokerOption(rows: Broker[]): ChartOption {
  const data = [...rows].reverse();
  return {
    textStyle,
    grid: { left: 8, right: 150, top: 4, bottom: 4, containLabel: true },
    tooltip: {
      ...tooltipBase,
      trigger: 'item',
      formatter: (params: unknown) => {
        const row = data[(params as AxisParam).dataIndex];
        return (
          tooltipTitle(row.broker) +
          (row.team ? `<div style="color:${chartColors.text}">${escapeHtml(row.team)}</div>` : '') +
          tooltipLine(chartColors.accent, 'VGV', formatMoney(row.vgv)) +
          tooltipLine(chartColors.secondary, 'Comissão', formatMoney(row.commission)) +
          tooltipLine(chartColors.accentSoft, 'Vendas', formatInteger(row.sales_count))
        );
      },
    },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', data: data.map((r) => short(r.broker, 24)), ...categoryAxisBase, axisLabel: { color: chartColors.strongText, width: 170, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        data: data.map((r) => r.vgv),
        cursor: 'pointer',
        itemStyle: { color: chartColors.accent, borderRadius: [0, 4, 4, 0] },
        emphasis: { itemStyle: { color: '#4338ca' } },
        barMaxWidth: 20,
        label: {
          show: true,
          position: 'right',
          color: chartColors.text,
          formatter: (p: { dataIndex: number }) => `${formatMoneyCompact(data[p.dataIndex].vgv)} · com. ${formatMoneyCompact(data[p.dataIndex].commission)}`,
        },
      },
    ],
  };
}

/** Index in reversed (largest-on-top) chart data → the row. */
export function rowAtChartIndex<T>(rows: T[], chartIndex: number): T | undefined {
  return rows[rows.length - 1 - chartIndex];
}

/** Monthly VSO (units sold ÷ units on offer), as a line in percent. */
export function vsoOption(kpis: RealEstateKpis): ChartOption {
  const rows = kpis.vso_by_month;
  const zoom = rows.length > MONTHS_SHOWN;
  return {
    textStyle,
    grid: { left: 8, right: 16, top: 16, bottom: zoom ? 48 : 8, containLabel: true },
    tooltip: {
      ...tooltipBase,
      trigger: 'axis',
      formatter: (params: unknown) => {
        const row = rows[(params as AxisParam[])[0]?.dataIndex ?? 0];
        return (
          tooltipTitle(formatMonth(row.month)) +
          tooltipLine(chartColors.accent, 'VSO', formatPercent(row.vso)) +
          tooltipLine(chartColors.secondary, 'Unidades vendidas', formatInteger(row.sold)) +
          tooltipLine(chartColors.accentSoft, 'Disponíveis no início do mês', formatInteger(row.available)) +
          tooltipLine(chartColors.accentSoft, 'Lançadas no mês', formatInteger(row.launched))
        );
      },
    },
    xAxis: { type: 'category', data: rows.map((r) => formatMonth(r.month)), ...categoryAxisBase, boundaryGap: false },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatPercent(v), color: chartColors.text }, splitLine: { lineStyle: { color: chartColors.grid } } },
    dataZoom: monthZoom(rows.length),
    series: [
      {
        name: 'VSO',
        type: 'line',
        cursor: 'default',
        data: rows.map((r) => r.vso),
        connectNulls: false,
        itemStyle: { color: chartColors.accent },
        lineStyle: { width: 2 },
        areaStyle: { color: 'rgba(79,70,229,0.08)' },
        symbol: 'circle',
        symbolSize: 6,
      },
    ],
  };
}

/** Sales per pro-soluto share bucket. */
export function proSolutoOption(kpis: RealEstateKpis): ChartOption {
  const rows = kpis.pro_soluto.buckets;
  return {
    textStyle,
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      ...tooltipBase,
      trigger: 'axis',
      axisPointer: shadowPointer,
      formatter: (params: unknown) => {
        const row = rows[(params as AxisParam[])[0]?.dataIndex ?? 0];
        return tooltipTitle(`Pro-soluto ${row.label}`) + tooltipLine(chartColors.secondary, 'Vendas', formatInteger(row.sales_count)) + tooltipLine(chartColors.accent, 'Pro-soluto somado', formatMoney(row.total));
      },
    },
    xAxis: { type: 'category', data: rows.map((r) => r.label), ...categoryAxisBase, axisLabel: { color: chartColors.text, interval: 0, hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => formatInteger(v), color: chartColors.text }, splitLine: { lineStyle: { color: chartColors.grid } } },
    series: [
      {
        name: 'Vendas',
        type: 'bar',
        cursor: 'default',
        data: rows.map((r) => r.sales_count),
        itemStyle: { color: chartColors.secondary, borderRadius: [3, 3, 0, 0] },
        barMaxWidth: 48,
        label: { show: true, position: 'top', color: chartColors.text, formatter: (p: { value?: unknown }) => formatInteger(Number(p.value)) },
      },
    ],
  };
}
