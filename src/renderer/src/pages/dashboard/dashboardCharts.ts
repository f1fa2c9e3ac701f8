import { formatInteger, formatMoney, formatMoneyCompact, formatMonth } from '../../../../shared/format';
import type { CrmKpis } from '../../../../shared/kpi';
import type { ChartOption } from '../../charts/echarts';
import { categoryAxisBase, chartColors, textStyle, tooltipBase, tooltipLine, tooltipTitle, valueAxisMoney } from '../../charts/theme';

type AxisParam = { dataIndex: number };

export function byYearOption(kpis: CrmKpis): ChartOption {
  const rows = kpis.by_year;
  return {
    textStyle,
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 8, textStyle: { color: chartColors.text }, data: ['Receita', 'Negócios ganhos'] },
    tooltip: {
      ...tooltipBase,
      trigger: 'axis',
      axisPointer: { type: 'shadow', shadowStyle: { color: 'rgba(79,70,229,0.06)' } },
      formatter: (params: unknown) => {
        const i = (params as AxisParam[])[0]?.dataIndex ?? 0;
        const row = rows[i];
        return tooltipTitle(String(row.year)) + tooltipLine(chartColors.accent, 'Receita', formatMoney(row.revenue)) + tooltipLine(chartColors.secondary, 'Negócios ganhos', formatInteger(row.deals_won));
      },
    },
    xAxis: { type: 'category', data: rows.map((r) => String(r.year)), ...categoryAxisBase },
    yAxis: [
      valueAxisMoney,
      {
        type: 'value',
        position: 'right',
        splitLine: { show: false },
        minInterval: 1,
        axisLabel: { formatter: (v: number) => formatInteger(v), color: chartColors.text },
      },
    ],
    series: [
      { name: 'Receita', type: 'bar', cursor: 'default', data: rows.map((r) => r.revenue), itemStyle: { color: chartColors.accent, borderRadius: [4, 4, 0, 0] }, barMaxWidth: 48 },
      {
        name: 'Negócios ganhos',
        type: 'line',
        cursor: 'default',
        yAxisIndex: 1,
        data: rows.map((r) => r.deals_won),
        itemStyle: { color: chartColors.secondary },
        lineStyle: { width: 2 },
        symbol: 'circle',
        symbolSize: 7,
      },
    ],
  };
}

export function byMonthOption(kpis: CrmKpis): ChartOption {
  const rows = kpis.by_month;
  const zoom = rows.length > 24;
  return {
    textStyle,
    grid: { left: 8, right: 16, top: 16, bottom: zoom ? 48 : 8, containLabel: true },
    tooltip: {
      ...tooltipBase,
      trigger: 'axis',
      axisPointer: { type: 'shadow', shadowStyle: { color: 'rgba(79,70,229,0.06)' } },
      formatter: (params: unknown) => {
        const row = rows[(params as AxisParam[])[0]?.dataIndex ?? 0];
        return tooltipTitle(formatMonth(row.month)) + tooltipLine(chartColors.accent, 'Receita', formatMoney(row.revenue)) + tooltipLine(chartColors.secondary, 'Negócios ganhos', formatInteger(row.deals_won));
      },
    },
    xAxis: { type: 'category', data: rows.map((r) => formatMonth(r.month)), ...categoryAxisBase },
    yAxis: valueAxisMoney,
    dataZoom: zoom
      ? [
          { type: 'inside', startValue: rows.length - 24, endValue: rows.length - 1 },
          {
            type: 'slider',
            height: 20,
            bottom: 8,
            moveHandleSize: 0,
            brushSelect: false,
            startValue: rows.length - 24,
            endValue: rows.length - 1,
            borderColor: '#e5e7eb',
            fillerColor: 'rgba(79,70,229,0.12)',
            handleStyle: { color: '#ffffff', borderColor: chartColors.accent },
            moveHandleStyle: { color: chartColors.accentSoft },
            dataBackground: { lineStyle: { color: chartColors.accentSoft }, areaStyle: { color: 'rgba(165,180,252,0.3)' } },
            textStyle: { color: chartColors.text },
            labelFormatter: (_value: number, text: string) => text,
          },
        ]
      : [],
    series: [{ name: 'Receita', type: 'bar', cursor: 'default', data: rows.map((r) => r.revenue), itemStyle: { color: chartColors.accent, borderRadius: [3, 3, 0, 0] }, barMaxWidth: 28 }],
  };
}

/** Top customers, largest at the top. */
export function topCustomersOption(kpis: CrmKpis): ChartOption {
  const rows = [...kpis.top_customers].reverse();
  const short = (name: string) => (name.length > 26 ? `${name.slice(0, 25)}…` : name);
  return {
    textStyle,
    grid: { left: 8, right: 80, top: 4, bottom: 4, containLabel: true },
    tooltip: {
      ...tooltipBase,
      trigger: 'item',
      formatter: (params: unknown) => {
        const row = rows[(params as { dataIndex: number }).dataIndex];
        return tooltipTitle(row.name) + tooltipLine(chartColors.accent, 'Receita', formatMoney(row.revenue)) + tooltipLine(chartColors.secondary, 'Negócios ganhos', formatInteger(row.deals_won));
      },
    },
    // The bars carry their own labels: an axis would only repeat them.
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', data: rows.map((r) => short(r.name)), ...categoryAxisBase, axisLabel: { color: chartColors.strongText, width: 180, overflow: 'truncate' } },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => r.revenue),
        cursor: 'pointer',
        itemStyle: { color: chartColors.accent, borderRadius: [0, 4, 4, 0] },
        emphasis: { itemStyle: { color: '#4338ca' } },
        barMaxWidth: 22,
        label: { show: true, position: 'right', color: chartColors.text, formatter: (p: { value?: unknown }) => formatMoneyCompact(Number(p.value)) },
      },
    ],
  };
}

/** Index in the reversed chart data → the customer. */
export function topCustomerAt(kpis: CrmKpis, chartIndex: number) {
  return kpis.top_customers[kpis.top_customers.length - 1 - chartIndex];
}
