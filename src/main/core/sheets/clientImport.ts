import { z } from 'zod';
import { normalizePointOfSale } from '../boleto/pointOfSale';
import type { Company } from '../companies/companyStore';
import type { JobContext } from '../jobs/jobRunner';
import {
  CLIENT_FIELDS,
  ColumnMappingOverride,
  HEADER_SCAN_ROWS,
  columnLetter,
  detectMapping,
  headerTexts,
  mappingOf,
  resolveMapping,
  type ClientField,
  type ColumnMapping,
  type DetectedHeader,
} from './clientColumns';
import { ClientRowReader, clientKey, clientRowObject, type ClientRow, type ClientRowObject, type RowProblem } from './clientRow';
import { ConsortiumClientTable, type ClientSource } from './consortiumClientTable';
import { sheetErrors } from './sheetErrors';
import { readRows, type SheetRow } from './sheetRows';

/** Options of a preview or an import, as the UI and the CLI send them. */
export const ImportOptions = z.object({
  /** Fields whose column the user changed; the rest stay as detected. */
  mapping: ColumnMappingOverride.optional(),
  /** The point of sale of rows without one (a sheet with no such column, or an empty cell). */
  defaultPointOfSale: z.union([z.string(), z.number()]).nullable().optional(),
  /** Worksheet name; the first visible one when absent. */
  sheet: z.string().min(1).optional(),
  /** The header's row number when the automatic detection does not find it. */
  headerRow: z.number().int().min(1).optional(),
});
export type ImportOptions = z.infer<typeof ImportOptions>;

export interface ImportCounts {
  new: number;
  updated: number;
  unchanged: number;
  ignored: number;
}

export interface ImportPreview {
  fileName: string;
  sheet: string | null;
  headerRow: number;
  columns: Array<{ index: number; letter: string; header: string; field: ClientField | null }>;
  mapping: ColumnMapping;
  /** Filled rows below the header. */
  rows: number;
  /** Rows that would be stored (after dropping the earlier copy of repeated clients). */
  valid: number;
  /** Why rows are ignored, by row (at most 500; counts.ignored counts them all). */
  problems: RowProblem[];
  counts: ImportCounts;
  sample: ClientRowObject[];
}

export interface ImportSummary extends ImportCounts {
  fileName: string;
  sheet: string | null;
  /** At most 500, by row. */
  problems: RowProblem[];
  totalRows: number;
}

export const PROBLEM_LIST_LIMIT = 500;
const ITEM_LIMIT = 1000;
const SAMPLE_SIZE = 20;
const PROGRESS_EVERY = 1000;

/** Reads the whole file (streaming), checks every row and compares with the stored clients; writes nothing. */
export async function previewImport(company: Company, file: string, options: ImportOptions = {}): Promise<ImportPreview> {
  const scan = await scanClients(file, options);
  const table = new ConsortiumClientTable(company.db);
  const counts: ImportCounts = { new: 0, updated: 0, unchanged: 0, ignored: scan.ignored };
  for (const client of scan.clients) {
    const change = table.change(client, scan.source);
    counts[change === 'moved' ? 'unchanged' : change]++;
  }
  return {
    fileName: scan.source.file,
    sheet: scan.source.sheet,
    headerRow: scan.headerRow,
    columns: Array.from({ length: scan.width }, (_, index) => ({
      index,
      letter: columnLetter(index),
      header: scan.headers[index] ?? '',
      field: CLIENT_FIELDS.find((f) => scan.mapping[f] === index) ?? null,
    })),
    mapping: scan.mapping,
    rows: scan.totalRows,
    valid: scan.clients.length,
    problems: scan.problems.slice(0, PROBLEM_LIST_LIMIT),
    counts,
    sample: scan.sample.map(clientRowObject),
  };
}

/**
 * Imports the consortium clients of a spreadsheet: reads and checks every row first, then writes
 * all of them in one transaction, so a failure or a cancel leaves the table as it was. A client
 * whose stored data would not change is not written at all.
 */
export async function importClients(company: Company, file: string, options: ImportOptions = {}, ctx?: JobContext): Promise<ImportSummary> {
  const scan = await scanClients(file, options, ctx);
  reportIgnored(scan, ctx);
  throwIfCancelled(ctx);

  const total = scan.clients.length;
  ctx?.progress({ phase: 'Gravando', done: 0, total, unit: 'clientes' });
  const table = new ConsortiumClientTable(company.db);
  const counts = { new: 0, updated: 0, unchanged: 0 };
  const now = new Date().toISOString();
  company.db.transaction(() => {
    // The first import of a company needs no lookups: the rows are already free of repeats.
    const empty = table.isEmpty();
    scan.clients.forEach((client, i) => {
      const change = empty ? 'new' : table.change(client, scan.source);
      table.write(client, change, scan.source, now);
      counts[change === 'moved' ? 'unchanged' : change]++;
      if ((i + 1) % PROGRESS_EVERY === 0) ctx?.progress({ phase: 'Gravando', done: i + 1, total, unit: 'clientes' });
    });
    // Still inside the transaction: a cancel that arrived meanwhile rolls everything back.
    throwIfCancelled(ctx);
  })();
  ctx?.progress({ phase: 'Gravando', done: total, total, unit: 'clientes' });
  ctx?.count('import.new', counts.new);
  ctx?.count('import.updated', counts.updated);
  ctx?.count('import.unchanged', counts.unchanged);
  return {
    fileName: scan.source.file,
    sheet: scan.source.sheet,
    ...counts,
    ignored: scan.ignored,
    problems: scan.problems.slice(0, PROBLEM_LIST_LIMIT),
    totalRows: scan.totalRows,
  };
}

function reportIgnored(scan: ClientScan, ctx: JobContext | undefined): void {
  if (!ctx) return;
  ctx.count('import.ignored', scan.ignored);
  for (const p of scan.problems.slice(0, ITEM_LIMIT)) ctx.item(`linha ${p.row}`, 'ignored', p.message);
  const rest = scan.ignored - Math.min(scan.problems.length, ITEM_LIMIT);
  if (rest > 0) ctx.item('demais linhas', 'ignored', `mais ${rest} linhas ignoradas; veja todas na prévia da importação`);
}

function throwIfCancelled(ctx: JobContext | undefined): void {
  if (ctx?.signal.aborted) throw sheetErrors.cancelled();
}

interface ClientScan {
  source: ClientSource;
  headerRow: number;
  headers: string[];
  /** Columns seen: the header's, or more when data runs to its right. */
  width: number;
  mapping: ColumnMapping;
  /** Valid rows in file order, the later copy of a repeated client only. */
  clients: ClientRow[];
  totalRows: number;
  ignored: number;
  /** The first 1,000 problems found, by row. */
  problems: RowProblem[];
  sample: ClientRow[];
}

/** One pass over the file: header, mapping, every row checked; repeated clients resolved (the later row wins). */
async function scanClients(file: string, options: ImportOptions, ctx?: JobContext): Promise<ClientScan> {
  const defaultPointOfSale = defaultPointOfSaleOf(options.defaultPointOfSale);
  const rows = readRows(file, { sheet: options.sheet });
  /** Filled rows met before the header. */
  const aboveHeader = { filled: 0 };
  let header: DetectedHeader | null = null;
  let reader: ClientRowReader | null = null;
  let width = 0;
  let read = 0;
  let totalRows = 0;
  let ignored = 0;
  const clients: Array<ClientRow | null> = [];
  const byKey = new Map<string, number>();
  const problems: RowProblem[] = [];
  const sample: ClientRow[] = [];
  const note = (problem: RowProblem) => {
    ignored++;
    if (problems.length < ITEM_LIMIT) problems.push(problem);
  };

  for await (const row of rows) {
    throwIfCancelled(ctx);
    if (++read % PROGRESS_EVERY === 0) ctx?.progress({ phase: 'Lendo planilha', done: read, total: null, unit: 'linhas' });
    if (!reader) {
      header = findHeader(row, aboveHeader, options.headerRow, rows.fileName, rows.sheet);
      if (header) {
        header.mapping = resolveMapping(header.mapping, options.mapping, header.headers);
        reader = new ClientRowReader(header.mapping, header.headers, defaultPointOfSale);
        width = header.headers.length;
      }
      continue;
    }
    const outcome = reader.read(row);
    if (outcome.kind === 'skip') continue;
    totalRows++;
    width = Math.max(width, lastFilled(row.cells));
    if (outcome.kind === 'problem') {
      note(outcome.problem);
      continue;
    }
    const client = outcome.client;
    const key = clientKey(client);
    const earlier = byKey.get(key);
    if (earlier !== undefined) {
      note({ row: clients[earlier]![11], column: null, message: `duplicado na linha ${row.rowNumber}` });
      clients[earlier] = null;
    }
    byKey.set(key, clients.length);
    clients.push(client);
    if (sample.length < SAMPLE_SIZE) sample.push(client);
  }
  if (!header) {
    if (options.headerRow !== undefined) throw sheetErrors.headerRowMissing(rows.fileName, options.headerRow);
    if (!aboveHeader.filled) throw sheetErrors.emptySheet(rows.fileName, rows.sheet);
    throw sheetErrors.headerNotFound(rows.fileName, rows.sheet, HEADER_SCAN_ROWS);
  }
  ctx?.progress({ phase: 'Lendo planilha', done: read, total: read, unit: 'linhas' });
  problems.sort((a, b) => a.row - b.row);
  return {
    source: { file: rows.fileName, sheet: rows.sheet },
    headerRow: header.headerRow,
    headers: header.headers,
    width,
    mapping: header.mapping,
    clients: clients.filter((c): c is ClientRow => c !== null),
    totalRows,
    ignored,
    problems,
    sample,
  };
}

/** The header row: the one the user named, or the first of the first 30 filled rows that names CPF and name. */
function findHeader(row: SheetRow, above: { filled: number }, headerRow: number | undefined, fileName: string, sheet: string | null): DetectedHeader | null {
  const filled = lastFilled(row.cells) > 0;
  if (headerRow !== undefined) {
    if (row.rowNumber < headerRow) {
      if (filled) above.filled++;
      return null;
    }
    if (row.rowNumber > headerRow || !filled) throw sheetErrors.headerRowMissing(fileName, headerRow);
    return { headerRow, headers: headerTexts(row.cells), mapping: mappingOf(row.cells) };
  }
  if (!filled) return null;
  const detected = detectMapping([row]);
  if (!detected && ++above.filled >= HEADER_SCAN_ROWS) throw sheetErrors.headerNotFound(fileName, sheet, HEADER_SCAN_ROWS);
  return detected;
}

/** How many columns the row spans up to its last filled cell. */
function lastFilled(cells: SheetRow['cells']): number {
  for (let i = cells.length - 1; i >= 0; i--) {
    const c = cells[i];
    if (c !== null && !(typeof c === 'string' && c.trim() === '')) return i + 1;
  }
  return 0;
}

function defaultPointOfSaleOf(value: ImportOptions['defaultPointOfSale']): string | null {
  if (value === undefined || value === null || String(value).trim() === '') return null;
  const code = normalizePointOfSale(value);
  if (!code) throw sheetErrors.badPointOfSale(String(value));
  return code;
}
