import { createReadStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { UserError } from '../errors';
import { sheetErrors } from './sheetErrors';
import type { SheetCell, SheetInfo, SheetRow } from './sheetRows';
import { isDateFormat, worksheetRows, type WorkbookLookups } from './worksheetXml';

/**
 * The parts of exceljs' streaming WorkbookReader this module relies on that its type declarations
 * leave out (exceljs 4.4.0): the workbook's sheet list and relationships, the cached shared
 * strings and styles, and per worksheet its name and the byte stream of its XML.
 */
interface ReaderInternals {
  model?: { sheets?: Array<{ name: string; state?: string; rId?: string }> };
  workbookRels?: Array<{ Id: string; Target: string }>;
  properties?: { model?: { date1904?: boolean } };
  sharedStrings?: unknown[];
  styles: { getStyleModel(id: number): { numFmt?: string } | null };
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
}
interface StreamingWorksheet {
  name: string;
  iterator: AsyncIterable<Buffer | string> & { destroy?: () => void };
}

const HIDDEN = new Set(['hidden', 'veryHidden']);

/**
 * Streams one worksheet of an .xlsx: exceljs' streaming WorkbookReader unzips it and reads the
 * workbook, the shared strings and the styles; the worksheet's XML is read by worksheetRows.
 */
export async function* xlsxRows(file: string, name: string, wanted: string | undefined, info: SheetInfo): AsyncGenerator<SheetRow> {
  const input = createReadStream(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit' });
  const internals = reader as unknown as ReaderInternals;
  decodeSharedStringsWhole(internals);
  let target: string | null = null;
  let found = false;
  try {
    const sheets = reader[Symbol.asyncIterator]() as AsyncIterator<unknown>;
    for (;;) {
      const next = await guarded(() => sheets.next(), name);
      if (next.done) break;
      const worksheet = next.value as StreamingWorksheet;
      target ??= chooseSheet(worksheetsOf(internals), wanted, name);
      if (found || worksheet.name !== target) {
        // Not read: exceljs drains the entry; a worksheet it parked in a temporary file is closed here.
        worksheet.iterator.destroy?.();
        continue;
      }
      found = true;
      info.sheet = worksheet.name;
      const batches = worksheetRows(worksheet.iterator, lookups(internals));
      for (;;) {
        const batch = await guarded(() => batches.next(), name);
        if (batch.done) break;
        yield* batch.value;
      }
    }
  } finally {
    input.destroy();
  }
  // No worksheet at all: a zip that is not a workbook. Otherwise the workbook lists a worksheet
  // the file does not hold.
  if (!found) throw target === null ? sheetErrors.notXlsx(name) : sheetErrors.corrupt(name);
}

/**
 * exceljs decodes sharedStrings.xml chunk by chunk, turning an accented letter split between two
 * chunks into "\uFFFD" (exceljs issues #2063 and #2084, still open in 4.4.0). A string-mode entry
 * stream decodes across chunk boundaries; exceljs passes strings through untouched.
 */
function decodeSharedStringsWhole(reader: ReaderInternals): void {
  const parse = reader._parseSharedStrings;
  reader._parseSharedStrings = function (entry) {
    entry.setEncoding('utf8');
    return parse.call(this, entry);
  };
}

/** Zip and XML failures from deep inside the reader mean a damaged file; our own sentences pass through. */
async function guarded<T>(step: () => Promise<T>, name: string): Promise<T> {
  try {
    return await step();
  } catch (err) {
    throw err instanceof UserError ? err : sheetErrors.corrupt(name);
  }
}

/** The workbook's worksheets in tab order (chart sheets left out: they have no rows). */
function worksheetsOf(reader: ReaderInternals): Array<{ name: string; state?: string }> {
  const targets = new Map((reader.workbookRels ?? []).map((r) => [r.Id, r.Target]));
  return (reader.model?.sheets ?? []).filter((s) => /(^|\/)worksheets\//.test(targets.get(s.rId ?? '') ?? 'worksheets/'));
}

function chooseSheet(listed: Array<{ name: string; state?: string }>, wanted: string | undefined, name: string): string {
  if (wanted !== undefined) {
    const key = wanted.trim().toLocaleLowerCase('pt-BR');
    const match = listed.find((s) => s.name.trim().toLocaleLowerCase('pt-BR') === key);
    if (!match) throw sheetErrors.sheetNotFound(name, wanted, listed.map((s) => s.name));
    return match.name;
  }
  const visible = listed.find((s) => !HIDDEN.has(s.state ?? ''));
  if (!visible) throw listed.length ? sheetErrors.noVisibleSheet(name) : sheetErrors.notXlsx(name);
  return visible.name;
}

function lookups(reader: ReaderInternals): WorkbookLookups {
  const strings = reader.sharedStrings ?? [];
  const dateStyles = new Map<number, boolean>();
  return {
    sharedString: (index) => plainValue(strings[index]),
    isDateStyle: (styleId) => {
      let isDate = dateStyles.get(styleId);
      if (isDate === undefined) {
        isDate = isDateFormat(reader.styles.getStyleModel(styleId)?.numFmt);
        dateStyles.set(styleId, isDate);
      }
      return isDate;
    },
    date1904: reader.properties?.model?.date1904 === true,
  };
}

/** A shared string as exceljs caches it: plain text, or rich text runs to join. */
function plainValue(value: unknown): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  const runs = (value as { richText?: Array<{ text?: string | null }> }).richText;
  return Array.isArray(runs) ? runs.map((r) => r.text ?? '').join('') : null;
}
