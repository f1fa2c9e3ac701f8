import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/main/core/errors';
import { importClients, previewImport } from '../../src/main/core/sheets/clientImport';
import { tempDir } from '../helpers/tmp';
import { HEADER, clients, company, consultantRows, consultantSheet, cpf, fakeJob, writeBytes, writeXlsx, type Cell } from './sheetFiles';

const SCIENTIFIC = 'CPF em notação científica (1,23457E+10): a planilha perdeu dígitos; formate a coluna como texto e digite o CPF de novo';

const EXPECTED_PROBLEMS = [
  { row: 13, column: null, message: 'duplicado na linha 24' },
  { row: 19, column: 'CPF', message: SCIENTIFIC },
  { row: 21, column: 'CPF', message: 'CPF inválido 123.456.789-00' },
  { row: 22, column: 'Nome do Cliente', message: 'nome vazio' },
  { row: 23, column: 'Ponto de Venda', message: 'sem ponto de venda' },
];

async function rejection(promise: Promise<unknown>): Promise<UserError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('importClients', () => {
  it('finds the header under a title block and repairs or rejects every CPF quirk, with the line number', async () => {
    const c = company();
    const file = await consultantSheet();
    const summary = await importClients(c, file);
    expect(summary).toEqual({ fileName: 'clientes-pv17308.xlsx', sheet: 'Clientes', new: 6, updated: 0, unchanged: 0, ignored: 5, problems: EXPECTED_PROBLEMS, totalRows: 11 });
    const stored = clients(c);
    expect(stored.map((r) => [r.source_row, r.point_of_sale, r.cpf, r.grupo, r.cota, r.name])).toEqual([
      [14, '17308', '00000000191', '1234', '57', 'JOSÉ DA SILVA'],
      [15, '17308', '52998224725', '1235', '1', 'ANA PAULA SOUZA'],
      [16, '17308', '39053344705', '1235', '2', 'CARLOS'],
      [17, '17308', '11122233396', '1235', '3', 'DIANA'],
      [20, '17308', '22233344405', '1236', '2', 'FERNANDA'],
      [24, '17308', '01234567890', '1234', '56', 'MARIA APARECIDA DOS SANTOS'],
    ]);
  });

  it('cleans names but keeps the raw one, keeps unknown columns in extra, trims phone and lower-cases e-mail', async () => {
    const c = company();
    const rows = consultantRows();
    rows.splice(23, 1); // without the repeat, row 13 stays
    await importClients(c, await consultantSheet(tempDir(), rows));
    const byRow = new Map(clients(c).map((r) => [r.source_row, r]));
    expect(byRow.get(13)).toMatchObject({
      name: 'MARIA APARECIDA DOS SANTOS',
      name_raw: 'MARIA APARECIDA DOS SANTOS - 70%',
      consultant: 'ANA',
      situacao: 'Em dia',
      phone: '(11) 91234-5678',
      email: 'maria@exemplo.com',
      extra: '{"Observação":"paga em dia"}',
      source_file: 'clientes-pv17308.xlsx',
      source_sheet: 'Clientes',
    });
    expect(byRow.get(15)).toMatchObject({ phone: '11987654321', email: null, extra: '{"Coluna K":"sem cabeçalho"}' });
    expect(byRow.get(14)).toMatchObject({ phone: null, email: null, extra: '{}' });
  });

  it('skips rows without CPF and name silently: a column filled down past the data, a subtotal', async () => {
    const rows = consultantRows();
    rows.push([17308, 'ANA'], [17308, null, null, null, null, null, null, null, null, 'Total: 6 clientes'], [17308]);
    const summary = await importClients(company(), await consultantSheet(tempDir(), rows));
    expect(summary).toMatchObject({ totalRows: 11, new: 6, ignored: 5, problems: EXPECTED_PROBLEMS });
  });

  it('treats PV 17308 and "17.308" as the same point of sale: the later row wins', async () => {
    const c = company();
    const file = await writeXlsx(tempDir(), 'pv.xlsx', [
      {
        rows: [
          ['PV', 'Nome', 'CPF', 'Telefone'],
          [17308, 'MARIA', cpf('555666777'), '1111'],
          ['17.308', 'MARIA', cpf('555666777'), '2222'],
          ['17308.0', 'MARIA', cpf('555666777'), '3333'],
        ],
      },
    ]);
    const summary = await importClients(c, file);
    expect(summary).toMatchObject({ new: 1, ignored: 2 });
    expect(summary.problems).toEqual([
      { row: 2, column: null, message: 'duplicado na linha 3' },
      { row: 3, column: null, message: 'duplicado na linha 4' },
    ]);
    expect(clients(c)).toEqual([expect.objectContaining({ point_of_sale: '17308', phone: '3333', source_row: 4 })]);
  });

  it('uses the default point of sale for a sheet without that column, and ignores rows without one otherwise', async () => {
    const dir = tempDir();
    const file = await writeXlsx(dir, 'sem-pv.xlsx', [
      {
        rows: [
          ['Nome Completo', 'CPF do Cliente', 'Grupo', 'Cota'],
          ['ANA', cpf('100200300'), 1234.0, 12],
          ['BIA', cpf('100200301'), '1234.0', '13'],
        ],
      },
    ]);
    const without = await previewImport(company('a'), file);
    expect(without.counts).toEqual({ new: 0, updated: 0, unchanged: 0, ignored: 2 });
    expect(without.problems).toEqual([
      { row: 2, column: null, message: 'sem ponto de venda' },
      { row: 3, column: null, message: 'sem ponto de venda' },
    ]);
    const c = company('b');
    expect(await importClients(c, file, { defaultPointOfSale: '17.308' })).toMatchObject({ new: 2, ignored: 0 });
    expect(clients(c).map((r) => [r.point_of_sale, r.grupo, r.cota])).toEqual([
      ['17308', '1234', '12'],
      ['17308', '1234', '13'],
    ]);
    const err = await rejection(importClients(c, file, { defaultPointOfSale: 'abc' }));
    expect(err.code).toBe('sheet-bad-point-of-sale');
    expect(err.message).toBe('Ponto de venda inválido: "abc"; informe o código só com números, como 17308 ou 17.308.');
  });

  it('is idempotent: importing the same file again changes nothing, not even updated_at', async () => {
    const c = company();
    const file = await consultantSheet();
    await importClients(c, file);
    const before = clients(c);
    await sleep(15);
    const again = await importClients(c, file);
    expect(again).toMatchObject({ new: 0, updated: 0, unchanged: 6, ignored: 5, totalRows: 11 });
    expect(clients(c)).toEqual(before);
  });

  it('counts a changed phone as one update and touches only that row', async () => {
    const c = company();
    const dir = tempDir();
    await importClients(c, await consultantSheet(dir));
    const before = clients(c);
    await sleep(15);
    const rows = consultantRows();
    rows[14][7] = '(11) 90000-0000'; // row 15
    const summary = await importClients(c, await consultantSheet(dir, rows));
    expect(summary).toMatchObject({ new: 0, updated: 1, unchanged: 5 });
    const after = clients(c);
    const changed = after.filter((row, i) => JSON.stringify(row) !== JSON.stringify(before[i]));
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ source_row: 15, phone: '(11) 90000-0000', imported_at: before[1].imported_at });
    expect(changed[0].updated_at).not.toBe(before[1].updated_at);
  });

  it('keeps a client whose row only moved as unchanged, refreshing where it came from', async () => {
    const c = company();
    const dir = tempDir();
    await importClients(c, await consultantSheet(dir));
    const before = clients(c);
    const rows = consultantRows();
    rows.splice(1, 0, ['Linha nova no título']);
    const summary = await importClients(c, await consultantSheet(dir, rows));
    expect(summary).toMatchObject({ new: 0, updated: 0, unchanged: 6 });
    const after = clients(c);
    expect(after.map((r) => r.source_row)).toEqual(before.map((r) => Number(r.source_row) + 1));
    expect(after.map((r) => r.updated_at)).toEqual(before.map((r) => r.updated_at));
  });

  it('writes everything in one transaction: a failure half-way leaves the previous data untouched', async () => {
    const c = company();
    const dir = tempDir();
    const row = (i: number, phone: string): Cell[] => [17308, 'ANA', `CLIENTE ${i}`, cpf(String(100_000_000 + i)), 1, i, 'Em dia', phone];
    const first = await writeXlsx(dir, 'a.xlsx', [{ rows: [HEADER, ...Array.from({ length: 100 }, (_, i) => row(i, '1111'))] }]);
    await importClients(c, first);
    const before = clients(c);
    // The second file changes every phone and adds 100 clients; the 150th row makes SQLite fail.
    c.db.exec(`CREATE TRIGGER simulated_failure BEFORE INSERT ON consortium_clients WHEN NEW.cpf = '${cpf('100000150')}' BEGIN SELECT RAISE(ABORT, 'falha simulada'); END`);
    const second = await writeXlsx(dir, 'b.xlsx', [{ rows: [HEADER, ...Array.from({ length: 200 }, (_, i) => row(i, '2222'))] }]);
    await expect(importClients(c, second)).rejects.toThrow('falha simulada');
    expect(clients(c)).toEqual(before);
  });

  it('reports progress, counts and one item per ignored row through the job context', async () => {
    const c = company();
    const job = fakeJob();
    await importClients(c, await consultantSheet(), {}, job);
    expect(job.counts).toEqual({ 'import.ignored': 5, 'import.new': 6, 'import.updated': 0, 'import.unchanged': 0 });
    expect(job.items).toEqual([
      { item: 'linha 13', status: 'ignored', message: 'duplicado na linha 24' },
      { item: 'linha 19', status: 'ignored', message: SCIENTIFIC },
      { item: 'linha 21', status: 'ignored', message: 'CPF inválido 123.456.789-00' },
      { item: 'linha 22', status: 'ignored', message: 'nome vazio' },
      { item: 'linha 23', status: 'ignored', message: 'sem ponto de venda' },
    ]);
    const phases = [...new Set(job.progressUpdates.map((p) => p.phase))];
    expect(phases).toEqual(['Lendo planilha', 'Gravando']);
    expect(job.progressUpdates.at(-1)).toEqual({ phase: 'Gravando', done: 6, total: 6, unit: 'clientes' });
  });

  it('caps the per-row items at 1,000 and sums up the rest in one item', async () => {
    const rows: Cell[][] = [['Nome', 'CPF', 'PV']];
    for (let i = 0; i < 1200; i++) rows.push([`CLIENTE ${i}`, '123.456.789-00', 17308]);
    const file = writeBytes(tempDir(), 'ruim.csv', rows.map((r) => r.join(';')).join('\r\n'));
    const job = fakeJob();
    const summary = await importClients(company(), file, {}, job);
    expect(summary.ignored).toBe(1200);
    expect(summary.problems).toHaveLength(500);
    expect(job.items).toHaveLength(1001);
    expect(job.items.at(-1)).toEqual({ item: 'demais linhas', status: 'ignored', message: 'mais 200 linhas ignoradas; veja todas na prévia da importação' });
  });

  it('honours cancel: while reading nothing is written, and a cancel during the write rolls it back', async () => {
    const dir = tempDir();
    const rows: Cell[][] = [HEADER];
    for (let i = 0; i < 3000; i++) rows.push([17308, 'ANA', `CLIENTE ${i}`, cpf(String(200_000_000 + i)), 1, i]);
    const file = await writeXlsx(dir, 'grande.xlsx', [{ rows }]);

    const c = company();
    const reading = fakeJob((p, job) => {
      if (p.phase === 'Lendo planilha') job.controller.abort();
    });
    const err = await rejection(importClients(c, file, {}, reading));
    expect(err.code).toBe('cancelled');
    expect(err.message).toBe('Importação cancelada; nada foi gravado.');
    expect(clients(c)).toEqual([]);

    await importClients(c, await consultantSheet(dir));
    const before = clients(c);
    const writing = fakeJob((p, job) => {
      if (p.phase === 'Gravando' && p.done === 1000) job.controller.abort();
    });
    expect((await rejection(importClients(c, file, {}, writing))).code).toBe('cancelled');
    expect(clients(c)).toEqual(before);
  });
});

describe('previewImport', () => {
  it('reads the whole file, maps the columns and compares with the stored clients, writing nothing', async () => {
    const c = company();
    const dir = tempDir();
    const file = await consultantSheet(dir);
    const changes = () => (c.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const writesBefore = changes();
    const preview = await previewImport(c, file);
    expect(changes()).toBe(writesBefore);
    expect(clients(c)).toEqual([]);
    expect(preview).toMatchObject({
      fileName: 'clientes-pv17308.xlsx',
      sheet: 'Clientes',
      headerRow: 12,
      rows: 11,
      valid: 6,
      problems: EXPECTED_PROBLEMS,
      counts: { new: 6, updated: 0, unchanged: 0, ignored: 5 },
      mapping: { point_of_sale: 0, consultant: 1, name: 2, cpf: 3, grupo: 4, cota: 5, situacao: 6, phone: 7, email: 8 },
    });
    expect(preview.columns.map((col) => [col.letter, col.header, col.field])).toEqual([
      ['A', 'Ponto de Venda', 'point_of_sale'],
      ['B', 'Consultor', 'consultant'],
      ['C', 'Nome do Cliente', 'name'],
      ['D', 'CPF', 'cpf'],
      ['E', 'Grupo', 'grupo'],
      ['F', 'Cota', 'cota'],
      ['G', 'Situação', 'situacao'],
      ['H', 'Telefone', 'phone'],
      ['I', 'E-mail', 'email'],
      ['J', 'Observação', null],
      ['K', '', null],
    ]);
    expect(preview.sample[0]).toEqual({
      row: 13,
      point_of_sale: '17308',
      cpf: '01234567890',
      grupo: '1234',
      cota: '56',
      name: 'MARIA APARECIDA DOS SANTOS',
      name_raw: 'MARIA APARECIDA DOS SANTOS - 70%',
      consultant: 'ANA',
      situacao: 'Em dia',
      phone: '(11) 91234-5678',
      email: 'maria@exemplo.com',
      extra: { Observação: 'paga em dia' },
    });

    await importClients(c, file);
    const rows = consultantRows();
    rows[14][7] = '(11) 90000-0000';
    const stored = clients(c);
    const again = await previewImport(c, await consultantSheet(dir, rows));
    expect(again.counts).toEqual({ new: 0, updated: 1, unchanged: 5, ignored: 5 });
    expect(clients(c)).toEqual(stored);
  });

  it('lets the user fix the mapping: swapping two columns changes the result', async () => {
    const file = await writeXlsx(tempDir(), 'trocadas.xlsx', [
      {
        rows: [
          ['PV', 'Nome', 'CPF', 'Telefone', 'E-mail'],
          [17308, 'ANA', cpf('300400500'), 'ana@exemplo.com', '(11) 95555-0000'],
        ],
      },
    ]);
    const c = company();
    const automatic = await previewImport(c, file);
    expect(automatic.sample[0]).toMatchObject({ phone: 'ana@exemplo.com', email: '(11) 95555-0000' });
    const fixed = await previewImport(c, file, { mapping: { phone: 4, email: 3 } });
    expect(fixed.mapping).toMatchObject({ phone: 4, email: 3 });
    expect(fixed.sample[0]).toMatchObject({ phone: '(11) 95555-0000', email: 'ana@exemplo.com' });
    await importClients(c, file, { mapping: { phone: 4, email: 3 } });
    expect(clients(c)[0]).toMatchObject({ phone: '(11) 95555-0000', email: 'ana@exemplo.com' });

    // Giving the CPF's column to another field leaves the CPF without a column.
    const required = await rejection(previewImport(c, file, { mapping: { phone: 2 } }));
    expect(required.code).toBe('sheet-bad-mapping');
    expect(required.message).toBe('Escolha a coluna do CPF e a do nome do cliente: as duas são obrigatórias para importar.');
    const twice = await rejection(previewImport(c, file, { mapping: { cpf: 2, phone: 2 } }));
    expect(twice.message).toBe('A coluna C (CPF) foi escolhida para dois campos (CPF e Telefone); escolha uma coluna diferente para cada campo.');
    const unknown = await rejection(previewImport(c, file, { mapping: { whatsapp: 3 } as never }));
    expect(unknown.message).toBe(
      'Associação de colunas inválida: campo desconhecido (whatsapp); campos aceitos: cpf, name, consultant, point_of_sale, grupo, cota, situacao, phone, email; corrija a escolha das colunas e tente de novo.',
    );
  });

  it('matches header names loosely and skips a header repeated above a second block', async () => {
    const text = [
      'Relatório;;;;;;',
      'cpf / cnpj;CONSORCIADO;pv;STATUS;WhatsApp;Email;Vendedor',
      `${cpf('600700800')};ANA;17.308;Em dia;11 9;ANA@X.COM;JOÃO`,
      ';;;;;;',
      'CPF/CNPJ;Consorciado;PV;Status;WhatsApp;Email;Vendedor',
      `${cpf('600700801')};BIA;17.308;Em dia;11 8;bia@x.com;JOÃO`,
    ].join('\r\n');
    const preview = await previewImport(company(), writeBytes(tempDir(), 'variantes.csv', `\uFEFF${text}`));
    expect(preview.headerRow).toBe(2);
    expect(preview.mapping).toEqual({ cpf: 0, name: 1, point_of_sale: 2, situacao: 3, phone: 4, email: 5, consultant: 6, grupo: null, cota: null });
    expect(preview).toMatchObject({ rows: 2, valid: 2, problems: [] });
    expect(preview.sample.map((s) => [s.name, s.email, s.consultant])).toEqual([
      ['ANA', 'ana@x.com', 'JOÃO'],
      ['BIA', 'bia@x.com', 'JOÃO'],
    ]);
  });

  it('imports a Windows-1252 CSV with accents', async () => {
    const text = ['Nome do Cliente,CPF,Ponto de Venda,Consultor', `JOSÉ CONCEIÇÃO - 70%,${cpf('700800900')},17308,JOÃO`].join('\r\n');
    const c = company();
    await importClients(c, writeBytes(tempDir(), 'windows.csv', Buffer.from(text, 'latin1')));
    expect(clients(c)[0]).toMatchObject({ name: 'JOSÉ CONCEIÇÃO', name_raw: 'JOSÉ CONCEIÇÃO - 70%', consultant: 'JOÃO', source_sheet: null });
  });

  it('says which header names it expects, and that an empty sheet is empty', async () => {
    const dir = tempDir();
    const noHeader = await writeXlsx(dir, 'sem-cabecalho.xlsx', [{ rows: Array.from({ length: 40 }, (_, i) => [`linha ${i}`, i]) }]);
    const err = await rejection(previewImport(company('a'), noHeader));
    expect(err.code).toBe('sheet-header-not-found');
    expect(err.message).toBe(
      'Não encontrei o cabeçalho nas 30 primeiras linhas da planilha "Clientes" de "sem-cabecalho.xlsx": é preciso uma coluna de CPF (CPF, CPF do Cliente, CPF/CNPJ ou Documento) e uma de nome (Nome, Cliente, Nome do Cliente, Consorciado ou Nome Completo); renomeie as colunas e importe de novo.',
    );
    const empty = await writeXlsx(dir, 'vazia.xlsx', [{ name: 'Clientes', rows: [] }]);
    const emptyErr = await rejection(previewImport(company('b'), empty));
    expect(emptyErr.code).toBe('sheet-empty');
    expect(emptyErr.message).toBe('A planilha "Clientes" de "vazia.xlsx" está vazia; escolha o arquivo ou a planilha que tem os clientes.');
    const blankCsv = await rejection(previewImport(company('c'), writeBytes(dir, 'branco.csv', ';;;\r\n;;\r\n')));
    expect(blankCsv.message).toBe('O arquivo "branco.csv" não tem nenhuma linha preenchida; escolha o arquivo que tem os clientes.');
  });

  it('takes the header row the user names when detection cannot find it', async () => {
    const file = await writeXlsx(tempDir(), 'estranha.xlsx', [
      {
        rows: [
          ['Doc', 'Quem', 'Loja'],
          [cpf('800900100'), 'ANA', 17308],
        ],
      },
    ]);
    const preview = await previewImport(company(), file, { headerRow: 1, mapping: { cpf: 0, name: 1, point_of_sale: 2 } });
    expect(preview).toMatchObject({ headerRow: 1, valid: 1 });
    expect(preview.sample[0]).toMatchObject({ cpf: cpf('800900100'), name: 'ANA', point_of_sale: '17308', extra: {} });
  });
});
