import ExcelJS from 'exceljs';
import { UserError } from '../errors';
import { sheetErrors } from './sheetErrors';
import type { SheetCell, SheetInfo, SheetRow } from './sheetRows';
import { isDateFormat, worksheetRows, type WorkbookLookups } from './worksheetXml';
import { partPath, XlsxZip } from './xlsxZip';

/**
 * The parts of exceljs' WorkbookReader this module relies on that its type declarations leave out
 * (exceljs 4.4.0): its parsers of the workbook's parts, and what they leave behind — the sheet list
 * and relationships, the cached shared strings and styles.
 */
interface ReaderInternals {
  model?: { sheets?: Array<{ name: string; state?: string; rId?: string }> };
  workbookRels?: Array<{ Id: string; Type?: string; Target: string }>;
  properties?: { model?: { date1904?: boolean } };
  sharedStrings?: unknown[];
  styles: { getStyleModel(id: number): { numFmt?: string } | null };
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
}

const HIDDEN = new Set(['hidden', 'veryHidden']);

/**
 * Streams one worksheet of an .xlsx. The zip is opened by its central directory (see XlsxZip);
 * exceljs' parsers read the workbook, its relationships, the shared strings and the styles, each
 * streamed from its own zip entry; the worksheet's XML is streamed into worksheetRows.
 */
export async function* xlsxRows(file: string, name: string, wanted: string | undefined, info: SheetInfo): AsyncGenerator<SheetRow> {
  const zip = await guarded(() => XlsxZip.open(file), name);
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit' });
    const internals = reader as unknown as ReaderInternals;
    const rels = zip.stream('xl/_rels/workbook.xml.rels');
    const workbook = zip.stream('xl/workbook.xml');
    // A zip without a workbook: some other kind of file named .xlsx.
    if (!rels || !workbook) throw sheetErrors.notXlsx(name);
    await guarded(() => internals._parseRels(rels), name);
    await guarded(() => internals._parseWorkbook(workbook), name);

    const listed = worksheetsOf(internals);
    const target = chooseSheet(listed, wanted, name);
    const relation = (internals.workbookRels ?? []).find((r) => r.Id === listed.find((s) => s.name === target)?.rId);
    const worksheetPath = relation ? partPath(relation.Target) : null;
    // The workbook lists a worksheet the file does not hold.
    if (!worksheetPath || !zip.has(worksheetPath)) throw sheetErrors.corrupt(name);

    const strings = zip.stream(partOfType(internals, 'sharedStrings', 'xl/sharedStrings.xml'));
    if (strings) {
      // exceljs decodes sharedStrings.xml chunk by chunk, turning an accented letter split between
      // two chunks into "\uFFFD" (exceljs issues #2063 and #2084, still open in 4.4.0). A string-mode
      // stream decodes across chunk boundaries; exceljs passes strings through untouched.
      strings.setEncoding('utf8');
      await guarded(async () => {
        for await (const _ of internals._parseSharedStrings(strings)) void _;
      }, name);
    }
    const styles = zip.stream(partOfType(internals, 'styles', 'xl/styles.xml'));
    if (styles) await guarded(() => internals._parseStyles(styles), name);

    const worksheet = zip.stream(worksheetPath);
    if (!worksheet) throw sheetErrors.corrupt(name);
    info.sheet = target;
    const batches = worksheetRows(worksheet as AsyncIterable<Buffer>, lookups(internals));
    for (;;) {
      const batch = await guarded(() => batches.next(), name);
      if (batch.done) break;
      yield* batch.value;
    }
  } finally {
    zip.close();
  }
}

/** Where the workbook's relationships put a part of this type (…/relationships/<type>), or the usual place. */
function partOfType(reader: ReaderInternals, type: string, usual: string): string {
  const relation = (reader.workbookRels ?? []).find((r) => r.Type?.endsWith(`/${type}`));
  return relation ? partPath(relation.Target) : usual;
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
function worksheetsOf(reader: ReaderInternals): Array<{ name: string; state?: string; rId?: string }> {
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
