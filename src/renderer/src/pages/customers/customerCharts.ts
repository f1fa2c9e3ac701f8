import { formatDay, formatInteger, formatMoney, formatMonth } from '../../../../shared/format';
import type { CustomerDetail } from '../../../../shared/kpi';
import type { ChartOption } from '../../charts/echarts';
import { categoryAxisBase, chartColors, textStyle, tooltipBase, tooltipLine, tooltipTitle, valueAxisMoney } from '../../charts/theme';

export interface PricePoint {
  day: string;
  amount: number;
  title: string | null;
}

/** Won deals with a value and a closing day, oldest first. */
export function pricePoints(detail: CustomerDetail): PricePoint[] {
  return detail.deals
    .filter((d) => d.status === 'won' && d.amount !== null && d.finish_day)
    .map((d) => ({ day: d.finish_day as string, amount: d.amount as number, title: d.title }))
    .sort((a, b) => a.day.localeCompare(b.day));
}

const dayMs = (day: string) => Date.parse(`${day}T12:00:00Z`);

export function priceHistoryOption(points: PricePoint[]): ChartOption {
  return {
    textStyle,
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    tooltip: {
      ...tooltipBase,
      trigger: 'item',
      formatter: (params: unknown) => {
        const point = points[(params as { dataIndex: number }).dataIndex];
        return tooltipTitle(formatDay(point.day)) + tooltipLine(chartColors.accent, point.title ?? 'Negócio ganho', formatMoney(point.amount));
      },
    },
    xAxis: {
      type: 'time',
      ...categoryAxisBase,
      splitLine: { show: false },
      axisLabel: {
        color: chartColors.text,
        hideOverlap: true,
        formatter: (value: number) => formatMonth(new Date(value).toISOString().slice(0, 7)),
      },
    },
    yAxis: valueAxisMoney,
    series: [
      {
        type: 'line',
        cursor: 'default',
        data: points.map((p) => [dayMs(p.day), p.amount]),
        itemStyle: { color: chartColors.accent },
        lineStyle: { width: 1.5 },
        areaStyle: { color: 'rgba(79,70,229,0.08)' },
        symbol: 'circle',
        symbolSize: 5,
      },
    ],
  };
}

export function customerByYearOption(detail: CustomerDetail): ChartOption {
  const rows = detail.by_year;
  return {
    textStyle,
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: {
      ...tooltipBase,
      trigger: 'axis',
      axisPointer: { type: 'shadow', shadowStyle: { color: 'rgba(79,70,229,0.06)' } },
      formatter: (params: unknown) => {
        const row = rows[(params as Array<{ dataIndex: number }>)[0]?.dataIndex ?? 0];
        return tooltipTitle(String(row.year)) + tooltipLine(chartColors.accent, 'Receita', formatMoney(row.revenue)) + tooltipLine(chartColors.secondary, 'Negócios ganhos', formatInteger(row.deals_won));
      },
    },
    xAxis: { type: 'category', data: rows.map((r) => String(r.year)), ...categoryAxisBase },
    yAxis: valueAxisMoney,
    series: [{ type: 'bar', cursor: 'default', data: rows.map((r) => r.revenue), itemStyle: { color: chartColors.accent, borderRadius: [4, 4, 0, 0] }, barMaxWidth: 40 }],
  };
}
