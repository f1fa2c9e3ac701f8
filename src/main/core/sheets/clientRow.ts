import { cleanClientName } from '../boleto/clientName';
import { describeCpfProblem, repairCpf } from '../boleto/cpf';
import { normalizePointOfSale } from '../boleto/pointOfSale';
import { CLIENT_FIELDS, columnLetter, fieldOfHeader, type ColumnMapping } from './clientColumns';
import type { SheetCell, SheetRow } from './sheetRows';

/**
 * One client row ready to store, as a tuple: an import holds every row of the file until the
 * single write transaction, and 100,000 small arrays cost far less than 100,000 keyed objects.
 * The first four entries are the table's unique key.
 */
export type ClientRow = [
  pointOfSale: string,
  cpf: string,
  grupo: string,
  cota: string,
  name: string,
  nameRaw: string,
  consultant: string,
  situacao: string | null,
  phone: string | null,
  email: string | null,
  /** JSON object of the columns no field uses, by header text. */
  extra: string,
  sourceRow: number,
];

/** Entries of ClientRow compared to decide whether a stored client changed (all but the key and the row number). */
export const CLIENT_DATA = [4, 5, 6, 7, 8, 9, 10] as const;

export interface RowProblem {
  row: number;
  /** The header text of the column at fault (its letter when it has none); null for the whole row. */
  column: string | null;
  message: string;
}

export type RowOutcome = { kind: 'client'; client: ClientRow } | { kind: 'problem'; problem: RowProblem } | { kind: 'skip' };

export function clientKey(row: ClientRow): string {
  return `${row[0]}\u0000${row[1]}\u0000${row[2]}\u0000${row[3]}`;
}

/** The client row as the UI shows it in a preview. */
export function clientRowObject(row: ClientRow) {
  const [point_of_sale, cpf, grupo, cota, name, name_raw, consultant, situacao, phone, email, extra, row_number] = row;
  return { row: row_number, point_of_sale, cpf, grupo, cota, name, name_raw, consultant, situacao, phone, email, extra: JSON.parse(extra) as Record<string, SheetCell> };
}
export type ClientRowObject = ReturnType<typeof clientRowObject>;

/**
 * Turns sheet rows into client rows with the shared boleto rules: CPF repaired or rejected with
 * the reason, the name cleaned of notes such as " - 70%", the point of sale as digits.
 */
export class ClientRowReader {
  private readonly extraColumns: number[];
  private readonly extraKeys: string[];
  private readonly mapped: Set<number>;

  constructor(
    private readonly mapping: ColumnMapping,
    private readonly headers: readonly string[],
    private readonly defaultPointOfSale: string | null,
  ) {
    this.mapped = new Set(CLIENT_FIELDS.map((f) => mapping[f]).filter((i): i is number => i !== null));
    this.extraColumns = [];
    this.extraKeys = [];
    const used = new Map<string, number>();
    headers.forEach((header, index) => {
      if (this.mapped.has(index)) return;
      const base = header || `Coluna ${columnLetter(index)}`;
      const seen = (used.get(base) ?? 0) + 1;
      used.set(base, seen);
      this.extraColumns.push(index);
      this.extraKeys.push(seen === 1 ? base : `${base} (${seen})`);
    });
  }

  /** The header text of a column, or its letter: how problems name the column. */
  columnLabel(index: number): string {
    return this.headers[index] || columnLetter(index);
  }

  read({ rowNumber, cells }: SheetRow): RowOutcome {
    const m = this.mapping;
    const cpfCell = cells[m.cpf!] ?? null;
    const nameCell = cells[m.name!] ?? null;
    // Without CPF and name a row is no client: a blank line, a note, a subtotal, or a column
    // filled down past the data. Reporting each would bury the real problems.
    if (isBlankCell(cpfCell) && isBlankCell(nameCell)) return { kind: 'skip' };
    const cpf = repairCpf(cpfCell);
    if (!cpf.ok) {
      // A sheet made of blocks repeats its header above each one: not a client, not a problem.
      if (cpf.reason === 'not-a-number' && fieldOfHeader(cpfCell) === 'cpf' && fieldOfHeader(nameCell) === 'name') return { kind: 'skip' };
      return this.problem(rowNumber, m.cpf!, describeCpfProblem(cpf));
    }

    const nameRaw = nameCell === null ? '' : String(nameCell);
    const name = cleanClientName(nameRaw);
    if (!name) return this.problem(rowNumber, m.name!, 'nome vazio');

    let pointOfSale = this.defaultPointOfSale;
    const posCell = m.point_of_sale === null ? null : (cells[m.point_of_sale] ?? null);
    if (!isBlankCell(posCell)) {
      pointOfSale = normalizePointOfSale(posCell);
      if (!pointOfSale) return this.problem(rowNumber, m.point_of_sale!, `ponto de venda inválido (${text(posCell)})`);
    }
    if (!pointOfSale) return this.problem(rowNumber, m.point_of_sale, 'sem ponto de venda');

    const client: ClientRow = [
      pointOfSale,
      cpf.cpf,
      code(this.cell(cells, m.grupo)),
      code(this.cell(cells, m.cota)),
      name,
      nameRaw,
      text(this.cell(cells, m.consultant)),
      text(this.cell(cells, m.situacao)) || null,
      text(this.cell(cells, m.phone)) || null,
      text(this.cell(cells, m.email)).toLowerCase() || null,
      this.extra(cells),
      rowNumber,
    ];
    return { kind: 'client', client };
  }

  private cell(cells: readonly SheetCell[], index: number | null): SheetCell {
    return index === null ? null : (cells[index] ?? null);
  }

  private extra(cells: readonly SheetCell[]): string {
    let extra: Record<string, SheetCell> | null = null;
    for (let i = 0; i < this.extraColumns.length; i++) {
      const cell = cells[this.extraColumns[i]] ?? null;
      if (isBlankCell(cell)) continue;
      extra ??= {};
      extra[this.extraKeys[i]] = extraValue(cell);
    }
    // Cells right of the header's last column still belong to the row.
    for (let index = this.headers.length; index < cells.length; index++) {
      if (this.mapped.has(index) || isBlankCell(cells[index])) continue;
      extra ??= {};
      extra[`Coluna ${columnLetter(index)}`] = extraValue(cells[index]);
    }
    return extra ? JSON.stringify(extra) : '{}';
  }

  private problem(row: number, column: number | null, message: string): RowOutcome {
    return { kind: 'problem', problem: { row, column: column === null ? null : this.columnLabel(column), message } };
  }
}

function extraValue(cell: SheetCell): SheetCell {
  return typeof cell === 'string' ? cell.replace(/\s+/g, ' ').trim() : cell;
}

function isBlankCell(cell: SheetCell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** Free text: NBSP and runs of spaces collapse; numbers as Excel shows them, without ".0". */
function text(cell: SheetCell): string {
  if (cell === null) return '';
  if (typeof cell !== 'string') return String(cell);
  // Most cells are already clean ASCII; only the others pay for Unicode normalisation.
  if (CLEAN_ASCII.test(cell)) return cell;
  return cell.normalize('NFC').replace(/\s+/g, ' ').trim();
}

const CLEAN_ASCII = /^[!-~]+(?: [!-~]+)*$/;

/** Grupo and cota: text, and "1234.0" written by a CSV export is 1234. */
function code(cell: SheetCell): string {
  const t = text(cell);
  return /^\d+[.,]0+$/.test(t) ? t.replace(/[.,]0+$/, '') : t;
}
