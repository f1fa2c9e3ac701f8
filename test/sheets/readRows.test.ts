import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/main/core/errors';
import { CsvParser, detectDelimiter } from '../../src/main/core/sheets/csvRows';
import { readRows, type SheetRow } from '../../src/main/core/sheets/sheetRows';
import { tempDir } from '../helpers/tmp';
import { writeBytes, writeXlsx } from './sheetFiles';

async function all(file: string, sheet?: string): Promise<{ rows: SheetRow[]; sheet: string | null }> {
  const iterator = readRows(file, { sheet });
  const rows: SheetRow[] = [];
  for await (const row of iterator) rows.push(row);
  return { rows, sheet: iterator.sheet };
}

async function failure(promise: Promise<unknown>): Promise<UserError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

describe('readRows: xlsx', () => {
  it('gives formula results, rich text as plain text, dates as ISO, numbers as numbers, and real row numbers', async () => {
    const file = await writeXlsx(tempDir(), 'clientes.xlsx', [
      {
        rows: [
          ['Título'],
          [],
          [
            { formula: 'TEXT(12345678909,"000\\.000\\.000-00")', result: '123.456.789-09' },
            { richText: [{ text: 'MARIA ' }, { font: { bold: true }, text: 'SILVA' }] },
            new Date(Date.UTC(2024, 2, 15)),
            new Date(Date.UTC(2024, 2, 15, 13, 30)),
            1234567890,
            true,
            { text: 'site', hyperlink: 'https://exemplo.com.br' },
            { formula: '1+1', result: 2 },
          ],
        ],
        numFmt: { 3: 'dd/mm/yyyy', 4: 'dd/mm/yyyy hh:mm' },
      },
    ]);
    const { rows, sheet } = await all(file);
    expect(sheet).toBe('Clientes');
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 3]);
    expect(rows[1].cells).toEqual(['123.456.789-09', 'MARIA SILVA', '2024-03-15', '2024-03-15T13:30:00', 1234567890, true, 'site', 2]);
  });

  it('reads the first visible worksheet by default, or the one named (any case)', async () => {
    const file = await writeXlsx(tempDir(), 'pv.xlsx', [
      { name: 'Oculta', state: 'hidden', rows: [['oculta']] },
      { name: 'Resumo', rows: [['resumo']] },
      { name: 'Clientes PV', rows: [['clientes']] },
    ]);
    expect(await all(file)).toEqual({ sheet: 'Resumo', rows: [{ rowNumber: 1, cells: ['resumo'] }] });
    expect(await all(file, 'clientes pv')).toEqual({ sheet: 'Clientes PV', rows: [{ rowNumber: 1, cells: ['clientes'] }] });
    const err = await failure(all(file, 'Vendas'));
    expect(err.code).toBe('sheet-not-found');
    expect(err.message).toBe('A planilha "Vendas" não existe em "pv.xlsx"; planilhas disponíveis: "Oculta", "Resumo", "Clientes PV".');
  });

  // exceljs' one-pass streaming reader sometimes lost zip entries (exceljs #3064: usually
  // xl/workbook.xml, stored last → "corrompido" at random) and, skipping a worksheet it had parked in
  // a temporary file, raced with that file's deletion (an uncaught ENOENT). Both showed up about once
  // in a few hundred reads of a workbook with several worksheets.
  it('reads a workbook with several worksheets the same way read after read, with no stray error', async () => {
    const file = await writeXlsx(tempDir(), 'pv.xlsx', [
      { name: 'Clientes', rows: [['CPF', 'Nome'], ['529.982.247-25', 'MARIA']] },
      { name: 'Resumo', rows: [['Total', 1]] },
      { name: 'Notas', rows: [['nota']] },
    ]);
    const stray: unknown[] = [];
    const onStray = (err: unknown): void => void stray.push(err);
    process.on('uncaughtException', onStray);
    const outcomes = new Map<string, number>();
    try {
      for (let i = 0; i < 1500; i++) {
        const outcome = await all(file).then(
          (r) => `${r.sheet}: ${r.rows.length} linhas`,
          (err: unknown) => String(err),
        );
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      process.off('uncaughtException', onStray);
    }
    expect(Object.fromEntries(outcomes)).toEqual({ 'Clientes: 2 linhas': 1500 });
    expect(stray).toEqual([]);
  });

  it.skipIf(!existsSync('/proc/self/fd'))('leaves no file handle open when the reader stops early', async () => {
    const dir = tempDir();
    const file = await writeXlsx(dir, 'grande.xlsx', [{ rows: Array.from({ length: 150_000 }, (_, i) => [`CLIENTE ${i}`, i * 7919]) }, { name: 'Resumo', rows: [['x']] }]);
    const handlesOn = (path: string): number =>
      readdirSync('/proc/self/fd').filter((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`) === path;
        } catch {
          return false;
        }
      }).length;
    const rows = readRows(file);
    let seen = 0;
    for await (const _ of rows) if (++seen === 10) break;
    expect(seen).toBe(10);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(handlesOn(file)).toBe(0);
  });

  // exceljs' streaming reader decodes each chunk on its own and broke accented letters split
  // between two chunks (about one in 4,000 names) — in shared strings and in inline strings alike.
  it('keeps accented names intact across chunk boundaries (shared and inline strings)', async () => {
    const dir = tempDir();
    for (const useSharedStrings of [true, false]) {
      const file = join(dir, `acentos-${useSharedStrings}.xlsx`);
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings });
      const sheet = workbook.addWorksheet('Clientes');
      for (let i = 0; i < 20_000; i++) sheet.addRow([`JOÃO CONCEIÇÃO ${i} ÁÉÍÓÚ`]).commit();
      await workbook.commit();
      const { rows } = await all(file);
      expect(rows).toHaveLength(20_000);
      expect(rows.filter((r) => r.cells[0] !== `JOÃO CONCEIÇÃO ${r.rowNumber - 1} ÁÉÍÓÚ`)).toEqual([]);
    }
  });
});

describe('readRows: csv', () => {
  it('reads UTF-8 with BOM and `;`, quoted fields with "" and line breaks', async () => {
    const text = '\uFEFFNome;CPF;Obs\r\n"SILVA; MARIA";529.982.247-25;"diz ""oi""\r\nsegunda linha"\r\nJOSÉ;;\r\n';
    const { rows, sheet } = await all(writeBytes(tempDir(), 'c.csv', text));
    expect(sheet).toBeNull();
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['Nome', 'CPF', 'Obs'] },
      { rowNumber: 2, cells: ['SILVA; MARIA', '529.982.247-25', 'diz "oi"\r\nsegunda linha'] },
      { rowNumber: 3, cells: ['JOSÉ', null, null] },
    ]);
  });

  it('reads Windows-1252 when the bytes are not UTF-8, even when the first accent comes late', async () => {
    const lines = ['Nome,CPF'];
    for (let i = 0; i < 5000; i++) lines.push(`CLIENTE ${i},${i}`);
    lines.push('JOSÉ CONCEIÇÃO,390.533.447-05');
    const { rows } = await all(writeBytes(tempDir(), 'c.csv', Buffer.from(lines.join('\n'), 'latin1')));
    expect(rows.at(-1)).toEqual({ rowNumber: 5002, cells: ['JOSÉ CONCEIÇÃO', '390.533.447-05'] });
    expect(rows[1].cells).toEqual(['CLIENTE 0', '0']);
  });

  it('reads UTF-16 with BOM (Excel\'s "Unicode text"), tab-delimited', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Nome\tCPF\r\nJOÃO\t529.982.247-25\r\n', 'utf16le')]);
    const { rows } = await all(writeBytes(tempDir(), 'unicode.csv', bytes));
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['Nome', 'CPF'] },
      { rowNumber: 2, cells: ['JOÃO', '529.982.247-25'] },
    ]);
  });

  it('detects the delimiter even with amounts full of commas, tabs, and Excel\'s sep= line', async () => {
    expect(detectDelimiter('Nome;Valor;Saldo\nA;1.234,56;7,89\nB;9,99;1,00\n')).toBe(';');
    expect(detectDelimiter('Nome,CPF,PV\nA,1,2\nB,3,4\n')).toBe(',');
    expect(detectDelimiter('Nome\tCPF\nA\t1\n')).toBe('\t');
    const { rows } = await all(writeBytes(tempDir(), 'c.csv', 'sep=,\nNome,CPF\nA;B,1\n'));
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['Nome', 'CPF'] },
      { rowNumber: 2, cells: ['A;B', '1'] },
    ]);
  });

  it('parses records split anywhere between chunks', () => {
    const text = 'a;"b ""x""\r\ny";c\r\nd;e;f';
    const whole: string[][] = [];
    const one = new CsvParser(';');
    one.feed(text, whole);
    one.end(whole);
    for (let cut = 0; cut <= text.length; cut++) {
      const out: string[][] = [];
      const parser = new CsvParser(';');
      parser.feed(text.slice(0, cut), out);
      parser.feed(text.slice(cut), out);
      parser.end(out);
      expect(out, `cut at ${cut}`).toEqual(whole);
    }
    expect(whole).toEqual([
      ['a', 'b "x"\r\ny', 'c'],
      ['d', 'e', 'f'],
    ]);
  });

  it('refuses a quote that is never closed, naming the row', async () => {
    const err = await failure(all(writeBytes(tempDir(), 'c.csv', 'Nome;CPF\nA;1\n"B;2\nC;3\n')));
    expect(err.code).toBe('sheet-corrupt');
    expect(err.message).toBe(
      'O arquivo "c.csv" tem aspas abertas e nunca fechadas a partir da linha 3; corrija essa linha (ou salve o arquivo de novo pelo Excel) e importe de novo.',
    );
  });
});

describe('readRows: files that cannot be read', () => {
  const cases: Array<{ title: string; make: (dir: string) => Promise<string> | string; code: string; message: string }> = [
    {
      title: 'an extension that is not accepted',
      make: (dir) => writeBytes(dir, 'clientes.ods', 'x'),
      code: 'sheet-unsupported-type',
      message: 'O arquivo "clientes.ods" não é de um tipo aceito: importe uma planilha .xlsx (Excel) ou .csv (no Excel, "Salvar como" permite escolher esses formatos).',
    },
    {
      title: 'an old .xls',
      make: (dir) => writeBytes(dir, 'clientes.xls', 'x'),
      code: 'sheet-unsupported-type',
      message: 'O arquivo "clientes.xls" não é de um tipo aceito: importe uma planilha .xlsx (Excel) ou .csv (no Excel, "Salvar como" permite escolher esses formatos).',
    },
    {
      title: 'a CSV named .xlsx',
      make: (dir) => writeBytes(dir, 'clientes.xlsx', 'Nome;CPF\nA;1\n'),
      code: 'sheet-type-mismatch',
      message: 'O arquivo "clientes.xlsx" não é uma planilha .xlsx: o conteúdo é texto (talvez um CSV); renomeie-o para .csv ou abra-o no Excel e salve como .xlsx.',
    },
    {
      title: 'a PDF named .xlsx',
      make: (dir) => writeBytes(dir, 'clientes.xlsx', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64)])),
      code: 'sheet-type-mismatch',
      message: 'O arquivo "clientes.xlsx" não é uma planilha .xlsx (o conteúdo não corresponde à extensão); abra-o no Excel e salve como .xlsx ou .csv.',
    },
    {
      title: 'an xlsx named .csv',
      make: async (dir) => writeBytes(dir, 'clientes.csv', readFileSync(await writeXlsx(dir, 'real.xlsx', [{ rows: [['a']] }]))),
      code: 'sheet-type-mismatch',
      message: 'O arquivo "clientes.csv" não é um CSV: o conteúdo é uma planilha do Excel (.xlsx); renomeie-o para .xlsx ou salve-o como CSV no Excel.',
    },
    {
      title: 'a password-protected xlsx (an OLE compound file)',
      make: (dir) => writeBytes(dir, 'protegida.xlsx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)])),
      code: 'sheet-password-protected',
      message: 'A planilha "protegida.xlsx" está protegida por senha: salve uma cópia sem senha e importe a cópia.',
    },
    {
      title: 'an old .xls renamed .xlsx (an OLE file holding a Workbook stream)',
      make: (dir) => writeBytes(dir, 'antiga.xlsx', oleWith('Workbook')),
      code: 'sheet-type-mismatch',
      message: 'O arquivo "antiga.xlsx" é do formato antigo do Excel (.xls), não .xlsx; abra-o no Excel e salve como .xlsx.',
    },
    {
      title: 'a truncated xlsx',
      make: async (dir) => {
        const bytes = readFileSync(await writeXlsx(dir, 'real.xlsx', [{ rows: Array.from({ length: 500 }, (_, i) => [`linha ${i}`, i]) }]));
        return writeBytes(dir, 'cortada.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2)));
      },
      code: 'sheet-corrupt',
      message: 'O arquivo "cortada.xlsx" está corrompido ou incompleto e não pôde ser lido; abra-o no Excel, salve uma nova cópia e importe de novo.',
    },
    {
      title: 'an xlsx with damaged compressed data',
      make: async (dir) => {
        const bytes = Buffer.from(readFileSync(await writeXlsx(dir, 'real.xlsx', [{ rows: [['a', 1]] }])));
        for (let i = 200; i < bytes.length - 200; i += 7) bytes[i] ^= 0x5a;
        return writeBytes(dir, 'estragada.xlsx', bytes);
      },
      code: 'sheet-corrupt',
      message: 'O arquivo "estragada.xlsx" está corrompido ou incompleto e não pôde ser lido; abra-o no Excel, salve uma nova cópia e importe de novo.',
    },
    {
      title: 'an empty file',
      make: (dir) => writeBytes(dir, 'vazio.csv', ''),
      code: 'sheet-empty',
      message: 'O arquivo "vazio.csv" está vazio; escolha o arquivo que tem os clientes.',
    },
    {
      title: 'a missing file',
      make: (dir) => join(dir, 'nao-existe.xlsx'),
      code: 'sheet-file-not-found',
      message: '',
    },
  ];

  for (const c of cases) {
    it(`says so in one sentence: ${c.title}`, async () => {
      const file = await c.make(tempDir());
      const err = await failure(all(file));
      expect(err.code).toBe(c.code);
      expect(err.message).toBe(c.message || `Arquivo não encontrado: "${file}"; confira o caminho e o nome do arquivo.`);
    });
  }
});

/** A minimal OLE compound file whose first directory sector names one stream. */
function oleWith(stream: string): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  header.writeUInt16LE(9, 0x1e); // 512-byte sectors
  header.writeUInt32LE(0, 0x30); // the directory starts at sector 0, right after the header
  const directory = Buffer.alloc(512);
  directory.write('Root Entry', 0, 'utf16le');
  directory.write(stream, 128, 'utf16le');
  return Buffer.concat([header, directory]);
}
