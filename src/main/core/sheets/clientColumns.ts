import { z } from 'zod';
import { foldText } from '../../../shared/text';
import { sheetErrors } from './sheetErrors';
import type { SheetCell, SheetRow } from './sheetRows';

/** The consortium client fields a column can feed; the names are the `consortium_clients` columns. */
export const CLIENT_FIELDS = ['cpf', 'name', 'consultant', 'point_of_sale', 'grupo', 'cota', 'situacao', 'phone', 'email'] as const;
export type ClientField = (typeof CLIENT_FIELDS)[number];

/** Which column (0-based; A = 0) feeds each field; null when the sheet has none. */
export type ColumnMapping = Record<ClientField, number | null>;

export const FIELD_LABELS: Record<ClientField, string> = {
  cpf: 'CPF',
  name: 'Nome',
  consultant: 'Consultor',
  point_of_sale: 'Ponto de venda',
  grupo: 'Grupo',
  cota: 'Cota',
  situacao: 'Situação',
  phone: 'Telefone',
  email: 'E-mail',
};

/** Header texts people write for each field, compared after foldHeader. */
const HEADER_VARIANTS: Record<ClientField, string[]> = {
  cpf: ['CPF', 'CPF do Cliente', 'CPF Cliente', 'CPF/CNPJ', 'CPF do Consorciado', 'Documento', 'Nº CPF'],
  name: ['Nome', 'Cliente', 'Nome do Cliente', 'Nome Cliente', 'Consorciado', 'Nome do Consorciado', 'Nome Completo'],
  consultant: ['Consultor', 'Consultora', 'Nome do Consultor', 'Vendedor', 'Vendedora', 'Representante'],
  point_of_sale: ['Ponto de Venda', 'PV', 'PDV', 'Ponto', 'Cod PV', 'Código PV', 'Código do PV', 'Código Ponto de Venda'],
  grupo: ['Grupo', 'Nº Grupo'],
  cota: ['Cota', 'Nº Cota'],
  situacao: ['Situação', 'Status', 'Situação da Cota'],
  phone: ['Telefone', 'Celular', 'WhatsApp', 'Fone', 'Tel'],
  email: ['E-mail', 'Email'],
};

/** Case, accents, spaces and punctuation ignored: "CPF/CNPJ" and "cpf cnpj" are the same header. */
function foldHeader(text: unknown): string {
  if (text === null || text === undefined) return '';
  return foldText(String(text).normalize('NFKC')).replace(/[^a-z0-9]/g, '');
}

const FIELD_BY_HEADER = new Map<string, ClientField>();
for (const field of CLIENT_FIELDS) for (const variant of HEADER_VARIANTS[field]) FIELD_BY_HEADER.set(foldHeader(variant), field);

/** The field a header text names, if any. */
export function fieldOfHeader(text: unknown): ClientField | undefined {
  return FIELD_BY_HEADER.get(foldHeader(text));
}

function emptyMapping(): ColumnMapping {
  return Object.fromEntries(CLIENT_FIELDS.map((f) => [f, null])) as ColumnMapping;
}

/** The fields a row's texts name; the first column that names a field wins, the others stay extra. */
export function mappingOf(cells: readonly SheetCell[]): ColumnMapping {
  const mapping = emptyMapping();
  cells.forEach((cell, index) => {
    const field = fieldOfHeader(cell);
    if (field && mapping[field] === null) mapping[field] = index;
  });
  return mapping;
}

export interface DetectedHeader {
  headerRow: number;
  headers: string[];
  mapping: ColumnMapping;
}

/** How far down a title block may push the header. */
export const HEADER_SCAN_ROWS = 30;

/**
 * The header is the first row, among the first 30 filled ones, that names at least the CPF and the
 * name columns. Rows above it (a title block) are not data.
 */
export function detectMapping(rows: readonly SheetRow[]): DetectedHeader | null {
  for (const row of rows.slice(0, HEADER_SCAN_ROWS)) {
    const mapping = mappingOf(row.cells);
    if (mapping.cpf !== null && mapping.name !== null) return { headerRow: row.rowNumber, headers: headerTexts(row.cells), mapping };
  }
  return null;
}

export function headerTexts(cells: readonly SheetCell[]): string[] {
  let width = cells.length;
  while (width > 0 && cellText(cells[width - 1]) === '') width--;
  return cells.slice(0, width).map(cellText);
}

function cellText(cell: SheetCell | undefined): string {
  return cell === null || cell === undefined ? '' : String(cell).replace(/\s+/g, ' ').trim();
}

/** Excel's column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** What the user may send to fix the automatic mapping: only the fields they change. */
export const ColumnMappingOverride = z
  .object(Object.fromEntries(CLIENT_FIELDS.map((f) => [f, z.number().int().min(0).max(16383).nullable().optional()])) as Record<ClientField, z.ZodOptional<z.ZodNullable<z.ZodNumber>>>)
  .strict();
export type ColumnMappingOverride = Partial<ColumnMapping>;

/**
 * The detected mapping with the user's choices on top. A column the user gives to one field is
 * taken away from the field it was detected for. CPF and name are required; a column feeds one
 * field at most.
 */
export function resolveMapping(detected: ColumnMapping, override: unknown, headers: readonly string[]): ColumnMapping {
  if (override === undefined || override === null) return checkMapping({ ...detected }, headers);
  const parsed = ColumnMappingOverride.safeParse(override);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0] ?? '');
    const detail =
      issue.code === 'unrecognized_keys'
        ? `campo desconhecido (${issue.keys.join(', ')}); campos aceitos: ${CLIENT_FIELDS.join(', ')}`
        : `${FIELD_LABELS[field as ClientField] ?? field} deve ser o número de uma coluna (0 = A) ou vazio`;
    throw sheetErrors.mappingInvalid(detail);
  }
  const chosen = parsed.data as ColumnMappingOverride;
  const mapping = { ...detected };
  const claimed = new Set(Object.values(chosen).filter((v): v is number => typeof v === 'number'));
  for (const field of CLIENT_FIELDS) {
    if (field in chosen) mapping[field] = chosen[field] ?? null;
    else if (mapping[field] !== null && claimed.has(mapping[field])) mapping[field] = null;
  }
  return checkMapping(mapping, headers);
}

function checkMapping(mapping: ColumnMapping, headers: readonly string[]): ColumnMapping {
  if (mapping.cpf === null || mapping.name === null) throw sheetErrors.mappingRequired();
  const owner = new Map<number, ClientField>();
  for (const field of CLIENT_FIELDS) {
    const index = mapping[field];
    if (index === null) continue;
    const other = owner.get(index);
    if (other) throw sheetErrors.mappingColumnTwice(columnName(index, headers), FIELD_LABELS[other], FIELD_LABELS[field]);
    owner.set(index, field);
  }
  return mapping;
}

/** "C (Telefone)" or just "C" for a column without header text. */
function columnName(index: number, headers: readonly string[]): string {
  const header = headers[index];
  return header ? `${columnLetter(index)} (${header})` : columnLetter(index);
}
