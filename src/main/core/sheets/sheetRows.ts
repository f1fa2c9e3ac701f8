import { open } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { csvRows } from './csvRows';
import { sheetErrors } from './sheetErrors';
import { xlsxRows } from './xlsxRows';

/** A cell as the import sees it: text, a number, a boolean, or empty. Dates arrive as ISO text. */
export type SheetCell = string | number | boolean | null;

export interface SheetRow {
  /** The row number the user sees in Excel (1-based; for CSV, the record number). */
  rowNumber: number;
  /** Cells by column, 0-based (A = 0). */
  cells: SheetCell[];
}

export interface ReadRowsOptions {
  /** Worksheet name (xlsx); the first visible worksheet when absent. Ignored for CSV. */
  sheet?: string;
}

/** Rows of one worksheet, read as a stream. `sheet` is known once the first row has arrived (null for CSV). */
export interface SheetRows extends AsyncIterableIterator<SheetRow> {
  readonly fileName: string;
  readonly sheet: string | null;
}

/** Where the readers report what they found out while reading. */
export interface SheetInfo {
  sheet: string | null;
}

type SheetKind = 'xlsx' | 'csv';

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from('PK\x03\x04', 'latin1');
const EMPTY_ZIP_MAGIC = Buffer.from('PK\x05\x06', 'latin1');

/**
 * Streams the rows of an .xlsx (first visible worksheet, or the named one) or a .csv, after
 * checking that the file is what its extension says. Problems with the file itself end in one
 * UserError sentence (see sheetErrors).
 */
export function readRows(file: string, options: ReadRowsOptions = {}): SheetRows {
  const info: SheetInfo = { sheet: null };
  const rows = generateRows(file, options, info);
  return Object.defineProperties(rows, {
    fileName: { value: basename(file), enumerable: true },
    sheet: { get: () => info.sheet, enumerable: true },
  }) as SheetRows;
}

async function* generateRows(file: string, options: ReadRowsOptions, info: SheetInfo): AsyncGenerator<SheetRow> {
  const name = basename(file);
  const kind = await checkFile(file);
  if (kind === 'xlsx') yield* xlsxRows(file, name, options.sheet, info);
  else yield* csvRows(file, name);
}

function sheetKindOf(file: string): SheetKind | null {
  const ext = extname(file).toLowerCase();
  return ext === '.xlsx' ? 'xlsx' : ext === '.csv' ? 'csv' : null;
}

/** The extension decides what we expect; the first bytes must agree with it. */
async function checkFile(file: string): Promise<SheetKind> {
  const name = basename(file);
  const kind = sheetKindOf(file);
  if (!kind) throw sheetErrors.unsupportedType(name);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') throw sheetErrors.notFound(file);
    throw err;
  }
  try {
    const size = (await handle.stat()).size;
    if (size === 0) throw sheetErrors.emptyFile(name);
    const head = Buffer.alloc(Math.min(size, 8192));
    await handle.read(head, 0, head.length, 0);
    const isZip = startsWith(head, ZIP_MAGIC) || startsWith(head, EMPTY_ZIP_MAGIC);
    const isOle = startsWith(head, OLE_MAGIC);
    if (kind === 'xlsx') {
      if (isZip) return kind;
      if (isOle) {
        // Excel keeps a password-protected .xlsx in an OLE container (EncryptedPackage); an old
        // .xls is the same container holding a "Workbook" stream.
        throw (await oleHoldsLegacyWorkbook(handle, head)) ? sheetErrors.legacyXlsNamedXlsx(name) : sheetErrors.passwordProtected(name);
      }
      throw looksLikeText(head) ? sheetErrors.textNamedXlsx(name) : sheetErrors.notXlsx(name);
    }
    if (isZip) throw sheetErrors.xlsxNamedCsv(name);
    if (isOle || !looksLikeText(head)) throw sheetErrors.binaryNamedCsv(name);
    return kind;
  } finally {
    await handle.close();
  }
}

function startsWith(buf: Buffer, magic: Buffer): boolean {
  return buf.length >= magic.length && buf.subarray(0, magic.length).equals(magic);
}

/** Text has no NUL bytes, except UTF-16 text, which starts with its byte-order mark. */
function looksLikeText(head: Buffer): boolean {
  if (head[0] === 0xff && head[1] === 0xfe) return true;
  if (head[0] === 0xfe && head[1] === 0xff) return true;
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return false;
  return !head.includes(0);
}

/** Reads the first directory sector of an OLE compound file and looks for the stream names. */
async function oleHoldsLegacyWorkbook(handle: import('node:fs/promises').FileHandle, head: Buffer): Promise<boolean> {
  if (head.length < 0x34) return false;
  const sectorSize = 1 << head.readUInt16LE(0x1e);
  const firstDirSector = head.readUInt32LE(0x30);
  if (sectorSize < 128 || sectorSize > 65536 || firstDirSector >= 0xfffffffa) return false;
  const dir = Buffer.alloc(sectorSize);
  const { bytesRead } = await handle.read(dir, 0, sectorSize, (firstDirSector + 1) * sectorSize);
  const names = dir.subarray(0, bytesRead).toString('utf16le');
  return !names.includes('EncryptedPackage') && (names.includes('Workbook') || names.includes('Book'));
}
