import { SaxesParser } from 'saxes';
import type { SheetCell, SheetRow } from './sheetRows';

/** What a worksheet's cells refer to elsewhere in the workbook. */
export interface WorkbookLookups {
  /** Text of a shared string (rich text already flattened); null when the index is unknown. */
  sharedString(index: number): SheetCell;
  /** Whether the cell style's number format shows a date (the only way to tell a date from a number). */
  isDateStyle(styleId: number): boolean;
  /** Workbooks from old Mac Excel count days from 1904. */
  date1904: boolean;
}

/**
 * Reads the XML of one worksheet (`xl/worksheets/sheetN.xml`) into rows, a batch per chunk.
 *
 * exceljs' own worksheet reader is not used for this, for two reasons measured on this project:
 * it decodes each chunk of bytes separately, so an accented letter split between two chunks
 * becomes "\uFFFD" (exceljs issues #2063, #2084, #2316; about one name in 4,000), and it builds a
 * Row, Cell and value object per cell, which made the import 1.7× slower than a bare parse. Here
 * the bytes go through one streaming TextDecoder, and only the cell values are kept.
 */
export async function* worksheetRows(bytes: AsyncIterable<Buffer | string>, book: WorkbookLookups): AsyncGenerator<SheetRow[]> {
  const parser = new SaxesParser();
  let failure: Error | null = null;
  let batch: SheetRow[] = [];
  let rowNumber = 0;
  let cells: SheetCell[] = [];
  let column = -1;
  let type = '';
  let style = 0;
  let inCell = false;
  let capturing = false;
  let hasValue = false;
  let text = '';

  parser.on('error', (err) => {
    failure ??= err;
  });
  parser.on('opentag', (tag) => {
    switch (localName(tag.name)) {
      case 'row': {
        const r = tag.attributes.r;
        rowNumber = r ? Number(r) : rowNumber + 1;
        cells = [];
        column = -1;
        break;
      }
      case 'c': {
        const { r, t, s } = tag.attributes;
        column = r ? columnOf(r) : column + 1;
        type = t ?? '';
        style = s ? Number(s) : 0;
        text = '';
        hasValue = false;
        inCell = true;
        break;
      }
      case 'v':
      case 't':
        // <v> holds the value (or a formula's cached result); <t> the runs of an inline string.
        if (inCell) capturing = hasValue = true;
        break;
    }
  });
  parser.on('text', (chunk) => {
    if (capturing) text += chunk;
  });
  parser.on('cdata', (chunk) => {
    if (capturing) text += chunk;
  });
  parser.on('closetag', (tag) => {
    switch (localName(tag.name)) {
      case 'v':
      case 't':
        capturing = false;
        break;
      case 'c':
        if (hasValue && column >= 0) cells[column] = cellValue(type, text, style, book);
        inCell = false;
        break;
      case 'row':
        for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
        batch.push({ rowNumber, cells });
        break;
    }
  });

  const decoder = new TextDecoder('utf-8');
  for await (const chunk of bytes) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (failure) throw failure;
    if (batch.length) {
      yield batch;
      batch = [];
    }
  }
  parser.write(decoder.decode());
  parser.close();
  if (failure) throw failure;
  if (batch.length) yield batch;
}

/** Some writers prefix SpreadsheetML elements (`x:row`); the local name is what matters. */
function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** "AB12" → 27 (0-based column). */
function columnOf(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n - 1;
}

function cellValue(type: string, text: string, style: number, book: WorkbookLookups): SheetCell {
  switch (type) {
    case 's':
      return book.sharedString(Number(text));
    case 'str':
    case 'inlineStr':
      return text;
    case 'b':
      return text === '1' || text === 'true';
    case 'e':
      return text;
    case 'd':
      return text;
    default: {
      if (text === '') return null;
      const n = Number(text);
      if (Number.isNaN(n)) return text;
      return book.isDateStyle(style) ? excelDate(n, book.date1904) : n;
    }
  }
}

const DAY_MS = 86_400_000;

/**
 * Excel dates carry no zone: the serial number is a wall-clock day and time, written here as ISO
 * text. Midnight gives the day alone.
 */
export function excelDate(serial: number, date1904: boolean): string | null {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * DAY_MS);
  const date = new Date(Math.round(ms / 1000) * 1000);
  if (Number.isNaN(date.getTime())) return null;
  if (ms % DAY_MS === 0) {
    const year = date.getUTCFullYear();
    if (year >= 1000 && year <= 9999) return `${year}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
  }
  return date.toISOString().slice(0, 19);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** exceljs' test for a date format: date or time letters outside quoted text and [brackets]. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '').replace(/\\./g, ''));
}
