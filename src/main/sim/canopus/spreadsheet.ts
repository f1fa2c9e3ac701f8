import ExcelJS from 'exceljs';
import { formatCpf } from '../../core/boleto/cpf';
import { formatPointOfSale } from '../../core/boleto/pointOfSale';
import { asciiSlug } from '../ploomes/names';
import { Draws } from '../ploomes/random';
import type { CanopusClient } from './model';

// The consultants' spreadsheet as they really keep it (boleto-and-cpf.md §2, nexus README_DENER):
// a title block with the header on row 12, one row per cota, CPFs that lost their leading zeros or
// carry dots, a dash, a trailing space, an NBSP or a formula, names with notes such as " - 70%",
// points of sale written 17308 and "17.308", and grupo/cota typed as numbers.

export interface SpreadsheetOptions {
  format: 'xlsx' | 'csv';
  /** Default true. */
  quirks?: boolean;
}

const QUIRKY_HEADERS = ['Consultor', 'Nome do Cliente', 'CPF', 'PV', 'Grupo', 'Cota', 'Situação', 'Telefone', 'E-mail', 'Observação'];
const CLEAN_HEADERS = ['CPF', 'Nome do Cliente', 'Consultor', 'PV', 'Grupo', 'Cota', 'Situação', 'Telefone', 'E-mail'];
/** Row of the header in the quirky layout (1-based), as in nexus's spreadsheet. */
export const QUIRKY_HEADER_ROW = 12;
const CPF_MASK = '000"."000"."000"-"00';
const NOTES = ['', '', '', '', '', 'Cliente novo', 'Prefere WhatsApp', 'Boleto por e-mail', 'Ligar antes de enviar', 'Transferência de cota em análise'];
const SITUATIONS = ['Em atraso', 'Inadimplente', 'Contemplado'];
const STREAM = 201;

type Cell =
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number; mask?: string }
  | { kind: 'formula'; formula: string; result: string }
  | { kind: 'empty' };

/** The consultants' spreadsheet for these clients, as consultants really keep it. Returns the file bytes. */
export async function consultantSpreadsheet(clients: CanopusClient[], options: SpreadsheetOptions): Promise<Buffer> {
  if (options.format !== 'xlsx' && options.format !== 'csv') throw new Error(`format must be 'xlsx' or 'csv', got '${String(options.format)}'.`);
  const quirks = options.quirks ?? true;
  const table = quirks ? quirkyTable(clients) : cleanTable(clients);
  return options.format === 'xlsx' ? xlsx(table, quirks) : csv(table);
}

interface Table {
  /** Rows before the header (the title block); empty arrays are blank rows. */
  preamble: Cell[][];
  headers: string[];
  rows: Cell[][];
  summary: [string, number][];
}

function cleanTable(clients: CanopusClient[]): Table {
  const rows = rowsPerCota(clients).map(({ client, grupo, cota }) => {
    const d = clientDraws(client);
    return [
      text(formatCpf(client.cpf)), text(client.name), text(client.consultant), text(client.pointOfSale),
      text(grupo), text(cota), text(situation(d)), text(phone(d)), text(email(d, client)),
    ];
  });
  return { preamble: [], headers: CLEAN_HEADERS, rows, summary: [] };
}

function quirkyTable(clients: CanopusClient[]): Table {
  const entries = rowsPerCota(clients);
  let zeroCpfs = 0;
  let nbspDone = false;
  let formulaDone = false;
  const rows = entries.map(({ client, grupo, cota }, r) => {
    const d = clientDraws(client);
    const situacao = situation(d);
    return [
      text(r === 4 ? `${client.consultant} ` : client.consultant),
      text(quirkyName(client.name, r)),
      quirkyCpf(client.cpf, r),
      r % 2 ? text(formatPointOfSale(client.pointOfSale)) : num(Number(client.pointOfSale)),
      num(Number(grupo)),
      num(Number(cota)),
      text(r === 7 ? 'EM DIA' : r === 9 && situacao === 'Em dia' ? 'Em dia ' : situacao),
      text(phone(d)),
      d.chance(0.15) ? { kind: 'empty' } : text(email(d, client)),
      text(d.pick(NOTES)),
    ] as Cell[];
  });

  function quirkyCpf(cpf: string, r: number): Cell {
    if (cpf.startsWith('0') && zeroCpfs++ % 2 === 0) return num(Number(cpf));
    if (!formulaDone && r >= 5) {
      formulaDone = true;
      return { kind: 'formula', formula: `TRIM("${formatCpf(cpf)} ")`, result: formatCpf(cpf) };
    }
    if (!nbspDone && r >= 3 && r % 5 === 4) {
      nbspDone = true;
      return text(`${formatCpf(cpf)}\u00a0`);
    }
    switch (r % 5) {
      case 0:
        return num(Number(cpf));
      case 1:
        return text(formatCpf(cpf));
      case 2:
        return text(cpf);
      case 3:
        return { kind: 'number', value: Number(cpf), mask: CPF_MASK };
      default:
        return text(`${formatCpf(cpf)} `);
    }
  }

  const pointsOfSale = [...new Set(clients.map((c) => c.pointOfSale))];
  const consultants = [...new Set(clients.map((c) => c.consultant))];
  const competencias = clients.flatMap((c) => c.cotas.flatMap((k) => k.boletos.map((b) => b.competencia)));
  const preamble: Cell[][] = [
    [text('CONTROLE DE CLIENTES - CONSÓRCIO')],
    [text(`Ponto(s) de venda: ${pointsOfSale.map(formatPointOfSale).join(' / ')}`)],
    [text(`Consultores: ${consultants.join(', ')}`)],
    [text(`Competência: ${mostCommon(competencias) ?? ''}`)],
    [],
    [text('Legenda: Em dia = sem parcelas em atraso. Uma linha por cota.')],
  ];
  while (preamble.length < QUIRKY_HEADER_ROW - 1) preamble.push([]);
  const summary = consultants.map((name) => [name, clients.filter((c) => c.consultant === name).length] as [string, number]);
  return { preamble, headers: QUIRKY_HEADERS, rows, summary };
}

function rowsPerCota(clients: CanopusClient[]): { client: CanopusClient; grupo: string; cota: string }[] {
  const sorted = [...clients].sort((a, b) => a.consultant.localeCompare(b.consultant, 'pt-BR') || a.name.localeCompare(b.name, 'pt-BR'));
  return sorted.flatMap((client) => client.cotas.map((c) => ({ client, grupo: c.grupo, cota: c.cota })));
}

/** Draws tied to the client (its CPF), so each client's phone and e-mail never change. */
function clientDraws(client: CanopusClient): Draws {
  return new Draws(Number(client.cpf.slice(9)), STREAM, Number(client.cpf.slice(0, 9)));
}

function situation(d: Draws): string {
  return d.chance(0.88) ? 'Em dia' : d.pick(SITUATIONS);
}

function phone(d: Draws): string {
  const ddd = d.pick(['11', '11', '19', '21', '31', '41', '47', '51', '61', '71', '81']);
  const number = `9${d.int(1000, 9999)}${String(d.int(0, 9999)).padStart(4, '0')}`;
  const style = d.int(0, 3);
  return style === 0 ? `(${ddd}) ${number.slice(0, 5)}-${number.slice(5)}`
    : style === 1 ? `${ddd} ${number.slice(0, 5)}-${number.slice(5)}`
    : style === 2 ? `(${ddd})${number}`
    : `${ddd}${number}`;
}

function email(d: Draws, client: CanopusClient): string {
  const words = client.name.split(' ').filter((w) => w.length > 3);
  const local = `${asciiSlug(words[0] ?? 'cliente')}.${asciiSlug(words[words.length - 1] ?? 'consorcio')}`;
  return `${local}${d.chance(0.3) ? d.int(1, 99) : ''}@${d.pick(['gmail.com', 'gmail.com', 'hotmail.com', 'yahoo.com.br', 'outlook.com', 'uol.com.br'])}`;
}

function quirkyName(name: string, r: number): string {
  let written = r % 7 === 3 ? titleCase(name) : name;
  if (r % 6 === 2) written += ` - ${['70%', '50%', '100%'][r % 3]}`;
  else if (r % 11 === 8) written += ' (50%)';
  if (r === 10) written = written.replace(' ', '  ');
  return written;
}

function titleCase(name: string): string {
  return name
    .toLocaleLowerCase('pt-BR')
    .split(' ')
    .map((w) => (['da', 'de', 'do', 'das', 'dos', 'e'].includes(w) ? w : w.charAt(0).toLocaleUpperCase('pt-BR') + w.slice(1)))
    .join(' ');
}

function mostCommon(values: string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, n] of counts) if (best === null || n > (counts.get(best) as number)) best = v;
  return best;
}

const text = (value: string): Cell => ({ kind: 'text', value });
const num = (value: number): Cell => ({ kind: 'number', value });

async function xlsx(table: Table, quirks: boolean): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Consultoria';
  const sheet = workbook.addWorksheet('Clientes');
  const width = table.headers.length;
  for (const cells of table.preamble) sheet.addRow(cells.map(cellValue));
  if (quirks) {
    sheet.mergeCells(1, 1, 1, width);
    sheet.getCell(1, 1).font = { bold: true, size: 14 };
  }
  const header = sheet.addRow(table.headers);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });
  for (const cells of table.rows) {
    const row = sheet.addRow(cells.map(cellValue));
    cells.forEach((cell, i) => {
      if (cell.kind === 'number' && cell.mask) row.getCell(i + 1).numFmt = cell.mask;
    });
  }
  table.headers.forEach((h, i) => {
    sheet.getColumn(i + 1).width = Math.max(10, h.length + 4, i === 1 ? 38 : 0);
  });
  if (table.summary.length) {
    const summary = workbook.addWorksheet('Resumo');
    summary.addRow(['Consultor', 'Clientes']).font = { bold: true };
    for (const [name, count] of table.summary) summary.addRow([name, count]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cellValue(cell: Cell): ExcelJS.CellValue {
  switch (cell.kind) {
    case 'text':
      return cell.value;
    case 'number':
      return cell.value;
    case 'formula':
      return { formula: cell.formula, result: cell.result };
    case 'empty':
      return null;
  }
}

/** What Excel (pt-BR) writes for "CSV UTF-8": BOM, ";" separators, CRLF, cells as displayed. */
function csv(table: Table): Buffer {
  const width = table.headers.length;
  const line = (cells: string[]) => Array.from({ length: width }, (_, i) => quote(cells[i] ?? '')).join(';');
  const shown = (cell: Cell): string => {
    switch (cell.kind) {
      case 'text':
        return cell.value;
      case 'number':
        return cell.mask ? formatCpf(String(cell.value).padStart(11, '0')) : String(cell.value);
      case 'formula':
        return cell.result;
      case 'empty':
        return '';
    }
  };
  const lines = [
    ...table.preamble.map((cells) => line(cells.map(shown))),
    line(table.headers),
    ...table.rows.map((cells) => line(cells.map(shown))),
  ];
  return Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

function quote(value: string): string {
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
