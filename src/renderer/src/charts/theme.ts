import { formatMoneyCompact } from '../../../shared/format';

/** One look for every chart, matching the CSS tokens. */
export const chartColors = {
  accent: '#4f46e5',
  accentSoft: '#a5b4fc',
  secondary: '#0d9488',
  text: '#6b7280',
  strongText: '#111827',
  grid: '#eef0f3',
  axis: '#d1d5db',
};

/** The robot's four outcomes, the same everywhere (chips and charts). */
export const boletoColors = {
  success: '#17b26a',
  errors: '#f04438',
  cpf_not_found: '#f79009',
  no_boleto: '#98a2b3',
};

export const FONT_FAMILY = '"Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

export const textStyle = { fontFamily: FONT_FAMILY, color: chartColors.text, fontSize: 12 };

export const tooltipBase = {
  backgroundColor: '#ffffff',
  borderColor: '#e5e7eb',
  borderWidth: 1,
  padding: [8, 12] as [number, number],
  textStyle: { fontFamily: FONT_FAMILY, color: chartColors.strongText, fontSize: 12 },
  extraCssText: 'box-shadow: 0 4px 16px rgba(17,24,39,0.08); border-radius: 8px;',
};

export const valueAxisMoney = {
  type: 'value' as const,
  axisLabel: { formatter: (v: number) => formatMoneyCompact(v), color: chartColors.text },
  splitLine: { lineStyle: { color: chartColors.grid } },
};

export const categoryAxisBase = {
  axisLine: { lineStyle: { color: chartColors.axis } },
  axisTick: { show: false },
  axisLabel: { color: chartColors.text },
};

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Tooltips are HTML: names coming from the CRM must be escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** One tooltip line with the series' colour dot. */
export function tooltipLine(color: string, label: string, value: string): string {
  return `<div style="display:flex;align-items:center;gap:8px;margin-top:4px"><span style="display:inline-block;width:8px;height:8px;border-radius:50%;background:${color}"></span><span style="flex:1">${escapeHtml(label)}</span><strong style="margin-left:16px">${escapeHtml(value)}</strong></div>`;
}

export function tooltipTitle(title: string): string {
  return `<div style="font-weight:600">${escapeHtml(title)}</div>`;
}
