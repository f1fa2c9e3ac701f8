import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importClients } from '../../src/main/core/sheets/clientImport';
import { tempDir } from '../helpers/tmp';
import { company, cpf, writeLargeXlsx } from './sheetFiles';

describe('a 100,000-row spreadsheet', () => {
  it('imports with the right counts (one in 1,000 CPFs invalid, one in 2,000 rows repeated later)', async () => {
    const file = join(tempDir(), 'clientes-100k.xlsx');
    const rows = 100_000;
    await writeLargeXlsx(file, rows, (i) => {
      // Row i (i ≥ 50,000, i % 2,000 = 0) repeats the client of row i − 50,000.
      const client = i >= 50_000 && i % 2000 === 0 ? i - 50_000 : i;
      const base = String(100_000_000 + client);
      return [
        i % 2 ? '17.308' : 17308,
        `CONSULTOR ${client % 40}`,
        `CLIENTE ${client} DA SILVA - 70%`,
        i % 1000 === 999 ? '123.456.789-00' : Number(cpf(base)),
        1000 + (client % 50),
        client % 900,
        'Em dia',
        `(11) 9${10_000_000 + i}`,
        `cliente${client}@exemplo.com.br`,
        new Date(Date.UTC(2020, client % 12, 1)),
      ];
    });
    const c = company();
    const summary = await importClients(c, file);
    // 100 invalid CPFs; 25 repeats (i = 50,000, 52,000 … 98,000), each dropping its earlier row.
    expect(summary).toMatchObject({ totalRows: rows, new: rows - 100 - 25, updated: 0, unchanged: 0, ignored: 125 });
    expect(summary.problems.filter((p) => p.message === 'CPF inválido 123.456.789-00')).toHaveLength(100);
    expect(summary.problems.filter((p) => p.message.startsWith('duplicado'))[0]).toEqual({ row: 2, column: null, message: 'duplicado na linha 50002' });
    expect(c.db.prepare('SELECT COUNT(*) AS n FROM consortium_clients').get()).toEqual({ n: rows - 125 });
    expect(c.db.prepare('SELECT name, point_of_sale, source_row, phone FROM consortium_clients WHERE cpf = ?').get(cpf('100000000'))).toEqual({
      name: 'CLIENTE 0 DA SILVA',
      point_of_sale: '17308',
      source_row: 50_002,
      phone: '(11) 910050000',
    });
  });
});
