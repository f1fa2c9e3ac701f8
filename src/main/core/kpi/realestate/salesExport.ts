import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { forEachSale, type ResolvedFilter, type SalesSortKey } from './salesTable';
import type { Sale, SalesModel } from './salesModel';

const MONEY = '"R$" #,##0.00;-"R$" #,##0.00';
const DATE = 'dd/mm/yyyy';

interface Column {
  header: string;
  width: number;
  value: (s: Sale) => string | number | Date | null;
  format?: string;
  /** Money columns get a SUBTOTAL in the totals row (it follows the autofilter). */
  total?: (s: Sale) => number;
}

const cents = (value: number | null) => (value === null ? null : value / 100);
const asDate = (day: string | null) => (day === null ? null : new Date(`${day}T00:00:00Z`));

const COLUMNS: Column[] = [
  { header: 'Reserva', width: 10, value: (s) => s.id },
  { header: 'Data da venda', width: 13, value: (s) => asDate(s.day), format: DATE },
  { header: 'Empreendimento', width: 30, value: (s) => s.development },
  { header: 'Unidade', width: 18, value: (s) => s.unit },
  { header: 'Corretor', width: 26, value: (s) => s.broker },
  { header: 'Imobiliária', width: 26, value: (s) => s.team },
  { header: 'Cliente', width: 30, value: (s) => s.client },
  { header: 'Valor do contrato', width: 17, value: (s) => cents(s.valueCents), format: MONEY, total: (s) => s.valueCents ?? 0 },
  { header: 'Valor de tabela', width: 17, value: (s) => cents(s.tableCents), format: MONEY, total: (s) => s.tableCents ?? 0 },
  { header: 'Financiamento', width: 17, value: (s) => cents(s.financingCents), format: MONEY, total: (s) => s.financingCents ?? 0 },
  { header: 'FGTS', width: 14, value: (s) => cents(s.fgtsCents), format: MONEY, total: (s) => s.fgtsCents ?? 0 },
  { header: 'Subsídio', width: 14, value: (s) => cents(s.subsidyCents), format: MONEY, total: (s) => s.subsidyCents ?? 0 },
  { header: 'Entrada', width: 15, value: (s) => cents(s.downPaymentCents), format: MONEY, total: (s) => s.downPaymentCents ?? 0 },
  { header: 'Pro-soluto', width: 15, value: (s) => cents(s.proSolutoCents), format: MONEY, total: (s) => s.proSolutoCents ?? 0 },
  { header: 'Comissão', width: 15, value: (s) => cents(s.commissionCents), format: MONEY, total: (s) => s.commissionCents ?? 0 },
  { header: 'Distrato em', width: 13, value: (s) => asDate(s.cancelledOn), format: DATE },
];

export const EXPORT_HEADERS = COLUMNS.map((c) => c.header);

const columnLetter = (index: number) => {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
};

/** Rows written between two turns of the event loop, so the zip drains the sheet as it grows. */
const ROWS_PER_TURN = 2000;

/**
 * The filtered sales as an .xlsx, streamed: rows are committed as they are written and the zip
 * compresses them between batches, so 200k rows never sit in memory as cells or XML at once.
 */
export async function writeSalesWorkbook(model: SalesModel, filter: ResolvedFilter, sort?: SalesSortKey, direction?: 'asc' | 'desc'): Promise<{ buffer: Buffer; rows: number }> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    output.on('end', resolve);
    output.on('error', reject);
  });

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Nexus Desktop';
  const sheet = workbook.addWorksheet('Vendas', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width, style: c.format ? { numFmt: c.format } : {} }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();

  const totals = COLUMNS.map(() => 0);
  let rows = 0;
  const sales: Sale[] = [];
  forEachSale(model, filter, sort, direction, (sale) => sales.push(sale));
  for (const sale of sales) {
    const row = sheet.addRow(COLUMNS.map((c) => c.value(sale)));
    COLUMNS.forEach((c, i) => {
      if (c.total) totals[i] += c.total(sale);
    });
    row.commit();
    rows++;
    if (rows % ROWS_PER_TURN === 0) await nextTurn();
  }

  const last = rows + 1;
  const totalRow = sheet.addRow(
    COLUMNS.map((c, i) => {
      if (i === 0) return 'Total';
      if (!c.total) return null;
      const letter = columnLetter(i);
      return { formula: `SUBTOTAL(109,${letter}2:${letter}${last})`, result: totals[i] / 100 };
    }),
  );
  totalRow.font = { bold: true };
  totalRow.commit();
  sheet.autoFilter = `A1:${columnLetter(COLUMNS.length - 1)}${last}`;
  sheet.commit();
  await workbook.commit();
  await finished;
  return { buffer: Buffer.concat(chunks), rows };
}
