import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { cpfCheckDigits } from '../src/main/core/boleto/cpf';
import { CompanyStore } from '../src/main/core/companies/companyStore';
import { importClients } from '../src/main/core/sheets/clientImport';

/**
 * `npx tsx bench/sheetsImport.ts`: the consultants' spreadsheet at 100,000 rows × 10 columns,
 * written with exceljs' streaming WorkbookWriter (shared strings, a date column, as Excel would).
 * Times exceljs' streaming WorkbookReader just iterating the rows against the full import of the
 * same file into a fresh company (read, check, one write transaction), then a re-import (nothing
 * changes). Each is run three times, alternating, and the fastest run counts (the machine is shared). Prints one JSON line.
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const RUNS = 3;

async function writeSheet(file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('Clientes');
  sheet.addRow(['Ponto de Venda', 'Consultor', 'Nome do Cliente', 'CPF', 'Grupo', 'Cota', 'Situação', 'Telefone', 'E-mail', 'Data de Adesão']).commit();
  for (let i = 0; i < ROWS; i++) {
    const base = String(100_000_000 + i * 7).slice(-9);
    const row = sheet.addRow([
      i % 3 === 0 ? '17.308' : 17308,
      `CONSULTOR ${i % 40}`,
      `CLIENTE ${i} DA SILVA${i % 10 === 0 ? ' - 70%' : ''}`,
      Number(base + cpfCheckDigits(base)),
      1000 + (i % 50),
      (i % 900) + 1,
      i % 7 === 0 ? 'Atrasado' : 'Em dia',
      `(11) 9${10_000_000 + i}`,
      `cliente${i}@exemplo.com.br`,
      new Date(Date.UTC(2020 + (i % 5), i % 12, 1 + (i % 28))),
    ]);
    row.getCell(10).numFmt = 'dd/mm/yyyy';
    row.commit();
  }
  await workbook.commit();
}

async function rawParse(file: string): Promise<number> {
  let rows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {});
  for await (const worksheet of reader) {
    for await (const _row of worksheet) rows++;
  }
  return rows;
}

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { seconds: (performance.now() - start) / 1000, value };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nexus-bench-sheets-'));
  try {
    const file = join(dir, 'clientes.xlsx');
    const written = await timed(() => writeSheet(file));
    const store = new CompanyStore(join(dir, 'data'));
    const raw: number[] = [];
    const imported: number[] = [];
    let summary = null;
    for (let run = 0; run < RUNS; run++) {
      const parse = await timed(() => rawParse(file));
      if (parse.value !== ROWS + 1) throw new Error(`raw parse saw ${parse.value} rows`);
      raw.push(parse.seconds);
      const company = store.add(`bench-${run}`, 'Bench');
      const result = await timed(() => importClients(company, file));
      if (result.value.new !== ROWS) throw new Error(`import stored ${result.value.new} new clients`);
      imported.push(result.seconds);
      summary = result.value;
    }
    const again = await timed(() => importClients(store.get('bench-0'), file));
    if (again.value.unchanged !== ROWS) throw new Error('re-import changed rows');
    store.closeAll();
    const rawSeconds = Math.min(...raw);
    const importSeconds = Math.min(...imported);
    console.log(
      JSON.stringify({
        rows: ROWS,
        columns: 10,
        fileMb: +(statSync(file).size / 1e6).toFixed(1),
        writeSeconds: +written.seconds.toFixed(2),
        rawParseSeconds: +rawSeconds.toFixed(2),
        importSeconds: +importSeconds.toFixed(2),
        ratio: +(importSeconds / rawSeconds).toFixed(2),
        reimportSeconds: +again.seconds.toFixed(2),
        counts: { new: summary?.new, ignored: summary?.ignored },
        node: process.version,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
