import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { cpfCheckDigits } from '../../src/main/core/boleto/cpf';
import { CompanyStore } from '../../src/main/core/companies/companyStore';
import type { JobContext, ProgressUpdate } from '../../src/main/core/jobs/jobRunner';
import { tempDir } from '../helpers/tmp';

/** A valid CPF (11 digits) from 9 base digits. */
export function cpf(base9: string): string {
  return base9 + cpfCheckDigits(base9);
}

export type Cell = ExcelJS.CellValue;

export interface SheetSpec {
  name?: string;
  rows: Cell[][];
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** Number formats by 1-based column. */
  numFmt?: Record<number, string>;
}

/** Writes an .xlsx the way Excel would hold it (exceljs' full writer: shared strings, styles). */
export async function writeXlsx(dir: string, fileName: string, sheets: SheetSpec[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name ?? 'Clientes', { state: spec.state ?? 'visible' });
    spec.rows.forEach((cells, i) => {
      const row = sheet.getRow(i + 1);
      cells.forEach((value, c) => {
        if (value !== undefined) row.getCell(c + 1).value = value;
      });
      if (cells.length) for (const [column, format] of Object.entries(spec.numFmt ?? {})) row.getCell(Number(column)).numFmt = format;
      row.commit();
    });
  }
  const file = join(dir, fileName);
  await workbook.xlsx.writeFile(file);
  return file;
}

export function writeBytes(dir: string, fileName: string, bytes: Buffer | string): string {
  const file = join(dir, fileName);
  writeFileSync(file, bytes);
  return file;
}

/** A title block on rows 1–11, like the consultants' sheet; the header lands on row 12. */
export const TITLE_BLOCK: Cell[][] = [
  ['RELATÓRIO DE CLIENTES — CONSÓRCIO'],
  ['Ponto de venda: 17.308'],
  [],
  ['Gerado em', new Date(Date.UTC(2025, 10, 3))],
  [],
  [],
  ['Consultores: ANA, BRUNO'],
  [],
  [],
  [],
  ['Clientes ativos'],
];

export const HEADER: Cell[] = ['Ponto de Venda', 'Consultor', 'Nome do Cliente', 'CPF', 'Grupo', 'Cota', 'Situação', 'Telefone', 'E-mail', 'Observação'];

/** Every CPF quirk of the reference, under a title block with the header on row 12. */
export function consultantRows(): Cell[][] {
  return [
    ...TITLE_BLOCK,
    HEADER, // row 12
    [17308, 'ANA', 'MARIA APARECIDA DOS SANTOS - 70%', 1234567890, 1234, 56, 'Em dia', '(11) 91234-5678', ' Maria@Exemplo.COM ', 'paga em dia'], // 13: number without the leading zero
    ['17.308', 'ANA', 'JOSÉ DA SILVA', 191, '1234', '57', 'Em dia'], // 14: 000.000.001-91 typed as a number
    [17308, 'BRUNO', 'ANA PAULA  SOUZA', '529.982.247-25', 1235, 1, 'Atrasado', 11987654321, null, null, 'sem cabeçalho'], // 15
    [17308, 'BRUNO', 'CARLOS (70%)', '390\u00a0533\u00a0447\u201305 ', 1235, 2, 'Em dia'], // 16: NBSP, en-dash, trailing space
    [17308, 'BRUNO', 'DIANA', `${cpf('111222333')}.0`, 1235, 3, 'Em dia'], // 17: float written as text
    [], // 18: blank
    [17308, 'ANA', 'EDUARDO', '1,23457E+10', 1236, 1], // 19: scientific notation
    [17308, 'ANA', 'FERNANDA', { formula: 'TEXT(22233344405,"00000000000")', result: cpf('222333444') }, 1236, 2], // 20: formula
    [17308, 'ANA', 'GABRIEL', '123.456.789-00', 1236, 3], // 21: wrong check digits
    [17308, 'ANA', '   ', cpf('333444555'), 1236, 4], // 22: no name
    [null, 'ANA', 'HELENA', cpf('444555666'), 1236, 5], // 23: no point of sale
    ['17.308', 'ANA', 'MARIA APARECIDA DOS SANTOS', '012.345.678-90', '1234', '56', 'Em dia', '(11) 91234-5678', 'maria@exemplo.com'], // 24: row 13 again
  ];
}

export async function consultantSheet(dir = tempDir(), rows = consultantRows()): Promise<string> {
  return writeXlsx(dir, 'clientes-pv17308.xlsx', [{ name: 'Clientes', rows }]);
}

export function company(slug = 'acme') {
  const store = new CompanyStore(tempDir());
  return store.add(slug, 'ACME Consórcios');
}

export type Company = ReturnType<typeof company>;

export function clients(c: Company): Array<Record<string, unknown>> {
  return c.db.prepare('SELECT * FROM consortium_clients ORDER BY id').all() as Array<Record<string, unknown>>;
}

export interface FakeJob extends JobContext {
  progressUpdates: ProgressUpdate[];
  counts: Record<string, number>;
  items: Array<{ item: string; status: string; message: string | null }>;
  controller: AbortController;
}

export function fakeJob(onProgress?: (update: ProgressUpdate, job: FakeJob) => void): FakeJob {
  const controller = new AbortController();
  const job: FakeJob = {
    jobId: 'test',
    signal: controller.signal,
    controller,
    progressUpdates: [],
    counts: {},
    items: [],
    progress(update) {
      job.progressUpdates.push(update);
      onProgress?.(update, job);
    },
    count(name, by = 1) {
      job.counts[name] = (job.counts[name] ?? 0) + by;
    },
    item(item, status, message = null) {
      job.items.push({ item, status, message });
    },
    waitForUser: () => Promise.reject(new Error('an import never waits for the user')),
  };
  return job;
}

/** A streaming-written sheet with `rows` client rows under a header on row 1. */
export async function writeLargeXlsx(file: string, rows: number, row: (i: number) => Cell[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('Clientes');
  sheet.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) sheet.addRow(row(i)).commit();
  await workbook.commit();
}
