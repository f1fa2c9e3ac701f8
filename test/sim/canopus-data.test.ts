import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLine, findLine } from '../../src/main/core/boleto/boletoLine';
import { cleanClientName } from '../../src/main/core/boleto/clientName';
import { formatCpf, isValidCpf, repairCpf } from '../../src/main/core/boleto/cpf';
import { normalizePointOfSale } from '../../src/main/core/boleto/pointOfSale';
import { CANOPUS_REAL_LATENCY, parseCanopusFaults, startCanopusSim, type CanopusClient, type CanopusSim } from '../../src/main/sim/canopus';
import { boletoPdf } from '../../src/main/sim/canopus/boletoPdf';
import { CanopusDataset } from '../../src/main/sim/canopus/dataset';
import { pdfString } from '../../src/main/sim/canopus/pdf';
import { consultantSpreadsheet, QUIRKY_HEADER_ROW } from '../../src/main/sim/canopus/spreadsheet';
import { pdfText } from './canopus-http';

const REFERENCE_DAY = '2025-12-03';

let sim: CanopusSim;
beforeAll(async () => {
  sim = await startCanopusSim({ seed: 7, referenceDay: REFERENCE_DAY, clientsPerPointOfSale: 200 });
});
afterAll(() => sim.close());

describe('Canopus dataset', () => {
  it('is deterministic by seed and differs between seeds', () => {
    const options = { pointsOfSale: ['17308', '20451'], clientsPerPointOfSale: 40, referenceDay: REFERENCE_DAY };
    const a = new CanopusDataset({ seed: 3, ...options }).clients();
    const b = new CanopusDataset({ seed: 3, ...options }).clients();
    const c = new CanopusDataset({ seed: 4, ...options }).clients();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('gives every client a valid unique CPF, an upper-case name, a consultant and 1-3 cotas', () => {
    const clients = sim.clients();
    expect(clients).toHaveLength(400);
    expect(new Set(clients.map((c) => c.cpf)).size).toBe(400);
    for (const client of clients) {
      expect(isValidCpf(client.cpf)).toBe(true);
      expect(client.name).toBe(client.name.toLocaleUpperCase('pt-BR'));
      expect(client.name).toMatch(/^\S+( \S+)+$/);
      expect(client.cotas.length).toBeGreaterThanOrEqual(1);
      expect(client.cotas.length).toBeLessThanOrEqual(3);
    }
    expect(clients.filter((c) => c.cotas.length === 1).length).toBeGreaterThan(clients.length * 0.65);
    expect(clients.some((c) => c.cotas.length === 3)).toBe(true);
    // Spreadsheets drop leading zeros: there must be CPFs that have them.
    expect(clients.filter((c) => c.cpf.startsWith('0')).length).toBeGreaterThan(20);
    expect(clients.some((c) => c.cpf.startsWith('00'))).toBe(true);
    expect(clients.some((c) => /[ÁÂÃÉÊÍÓÔÕÚÇ]/.test(c.name))).toBe(true);
  });

  it('has 3-5 consultants per point of sale and keeps each client in its own point of sale', () => {
    for (const pv of ['17308', '20451']) {
      const clients = sim.clients(pv);
      expect(clients).toHaveLength(200);
      expect(clients.every((c) => c.pointOfSale === pv)).toBe(true);
      const consultants = new Set(clients.map((c) => c.consultant));
      expect(consultants.size).toBeGreaterThanOrEqual(3);
      expect(consultants.size).toBeLessThanOrEqual(5);
    }
  });

  it('has ~5% clients outside the portal and ~5% with nothing open', () => {
    const clients = sim.clients('17308');
    expect(clients.filter((c) => !c.inPortal)).toHaveLength(10);
    expect(clients.filter((c) => c.cotas.every((k) => k.boletos.length === 0))).toHaveLength(10);
  });

  it('makes 1-2 open boletos per cota, due in the reference month (a few in the next), valid lines, R$ 150-3.500', () => {
    const cotas = sim.clients().flatMap((c) => c.cotas);
    const boletos = cotas.flatMap((k) => k.boletos);
    expect(cotas.every((k) => k.boletos.length <= 2)).toBe(true);
    expect(cotas.some((k) => k.boletos.length === 2)).toBe(true);
    for (const cota of cotas) {
      expect(cota.grupo).toMatch(/^\d{4}$/);
      expect(cota.cota).toMatch(/^\d{4}$/);
      const dates = cota.boletos.map((b) => b.dueDate);
      expect([...dates].sort()).toEqual(dates);
    }
    for (const b of boletos) {
      expect(b.dueDate.slice(0, 7) === '2025-12' || b.dueDate.slice(0, 7) === '2026-01').toBe(true);
      expect(b.valueCents).toBeGreaterThanOrEqual(15_000);
      expect(b.valueCents).toBeLessThanOrEqual(350_000);
      expect(b.parcela).toMatch(/^\d{3}\/\d{3}$/);
      expect(Number(b.parcela.slice(0, 3))).toBeLessThanOrEqual(Number(b.parcela.slice(4)));
      expect(b.competencia).toBe(`${b.dueDate.slice(5, 7)}/${b.dueDate.slice(0, 4)}`);
      const check = checkLine(b.line, REFERENCE_DAY);
      expect(check).toMatchObject({ ok: true, dueDate: b.dueDate, valueCents: b.valueCents });
      expect(['237', '341']).toContain(b.line.slice(0, 3));
    }
    const inMonth = boletos.filter((b) => b.dueDate.startsWith('2025-12')).length;
    expect(inMonth / boletos.length).toBeGreaterThan(0.7);
    expect(new Set(boletos.map((b) => b.line)).size).toBe(boletos.length);
  });

  it('makes default accounts: one per point of sale, 6-digit user, password senha-<pv>', () => {
    expect(sim.accounts).toHaveLength(2);
    sim.accounts.forEach((a, i) => {
      expect(a.user).toMatch(/^[1-9]\d{5}$/);
      expect(a.pointOfSale).toBe(['17308', '20451'][i]);
      expect(a.password).toBe(`senha-${a.pointOfSale}`);
    });
  });

  it('validates its options with clear errors', async () => {
    await expect(startCanopusSim({ referenceDay: '2025-13-01' })).rejects.toThrow(/referenceDay/);
    await expect(startCanopusSim({ pointsOfSale: ['17.308'] })).rejects.toThrow(/digits/);
    await expect(startCanopusSim({ latency: -1 })).rejects.toThrow(/scale factor/);
    await expect(startCanopusSim({ latency: { logn: 5 } as never })).rejects.toThrow(/unknown latency step 'logn'/);
    await expect(startCanopusSim({ accounts: [{ user: '1', password: 'x', pointOfSale: '99999' }] })).rejects.toThrow(/not in pointsOfSale/);
    expect(CANOPUS_REAL_LATENCY.login).toBeGreaterThanOrEqual(3000);
    expect(CANOPUS_REAL_LATENCY.login).toBeLessThanOrEqual(5000);
    expect(CANOPUS_REAL_LATENCY.search).toBeGreaterThanOrEqual(2000);
    const download = CANOPUS_REAL_LATENCY.emissionPage + CANOPUS_REAL_LATENCY.emit + CANOPUS_REAL_LATENCY.print + CANOPUS_REAL_LATENCY.pdf;
    expect(download).toBeGreaterThanOrEqual(8000);
    expect(download).toBeLessThanOrEqual(12000);
  });
});

describe('Canopus boleto PDF', () => {
  const dataset = new CanopusDataset({ seed: 2, pointsOfSale: ['17308', '20451'], clientsPerPointOfSale: 60, referenceDay: REFERENCE_DAY });
  const accented = dataset.clients().find((c) => /[ÇÃÁÉÔ]/.test(c.name) && c.cotas[0].boletos.length) as CanopusClient;

  it('is a real PDF 1.4 that unpdf reads, with every label and value of the boleto', async () => {
    const cota = accented.cotas[0];
    const boleto = cota.boletos[0];
    const slip = dataset.slip(accented, cota, boleto);
    const pdf = boletoPdf(slip, REFERENCE_DAY);
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(pdf.length).toBeGreaterThan(1024);
    expect(pdf.subarray(-6).toString('latin1')).toBe('%%EOF\n');
    const text = await pdfText(pdf);
    for (const label of ['Beneficiário', 'Pagador', 'CPF/CNPJ', 'Vencimento', 'Valor do Documento', 'Competência', 'Grupo', 'Cota', 'Parcela', 'Nosso Número', 'Recibo do Pagador', 'Ficha de Compensação']) {
      expect(text).toContain(label);
    }
    expect(text).toContain('PLANALTO ADMINISTRADORA DE CONSÓRCIOS LTDA');
    expect(text).toMatch(/CNPJ \d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2}/);
    expect(text).toContain(accented.name);
    expect(text).toContain(formatCpf(accented.cpf));
    const [y, m, d] = boleto.dueDate.split('-');
    expect(text).toContain(`${d}/${m}/${y}`);
    expect(text).toContain(boleto.competencia);
    expect(text).toContain(boleto.parcela);
    expect(text).toContain(slip.formattedLine);
    const reais = Math.floor(boleto.valueCents / 100).toLocaleString('pt-BR');
    expect(text).toContain(`R$ ${reais},${String(boleto.valueCents % 100).padStart(2, '0')}`);
    expect(findLine(text)).toBe(boleto.line);
    expect(checkLine(findLine(text) as string, REFERENCE_DAY)).toMatchObject({ ok: true, dueDate: boleto.dueDate });
  });

  it('prints Itaú (341) boletos for the second point of sale', async () => {
    const client = dataset.clients('20451').find((c) => c.cotas[0].boletos.length) as CanopusClient;
    const slip = dataset.slip(client, client.cotas[0], client.cotas[0].boletos[0]);
    expect(slip.collection.bank).toBe('341');
    const text = await pdfText(boletoPdf(slip, REFERENCE_DAY));
    expect(text).toContain('341-7');
    expect(findLine(text)).toBe(client.cotas[0].boletos[0].line);
  });

  it('takes well under 5 ms per PDF', () => {
    const slips = dataset.clients().filter((c) => c.cotas[0].boletos.length).map((c) => dataset.slip(c, c.cotas[0], c.cotas[0].boletos[0]));
    const started = performance.now();
    for (let i = 0; i < 500; i++) boletoPdf(slips[i % slips.length], REFERENCE_DAY);
    expect((performance.now() - started) / 500).toBeLessThan(5);
  });

  it('encodes text in WinAnsi with escapes', () => {
    expect(pdfString('Ação (R$) \\ – ok')).toBe('A\\347\\343o \\(R$\\) \\\\ \\226 ok');
    expect(pdfString('日本')).toBe('??');
  });
});

describe('parseCanopusFaults', () => {
  it('parses every kind', () => {
    expect(parseCanopusFaults(
      'cpf-not-found=123.456.789-09+52998224725, no-boleto=39053344705, popup-close=500, pdf=attachment, print=302, idle=0.5, ' +
      'expire-after=10, multi-login, captcha-after=3, captcha-assets, error@20x2, slow-pdf=25000, wrong-pdf@3x1',
    )).toEqual({
      cpfNotFound: ['12345678909', '52998224725'],
      noBoleto: ['39053344705'],
      popupClosesAfterMs: 500,
      pdfDisposition: 'attachment',
      printRedirect: '302',
      sessionExpiresAfterMinutes: 0.5,
      sessionExpiresAfterClients: 10,
      newLoginInvalidatesPrevious: false,
      captchaAfterFailedLogins: 3,
      captchaWhenAssetsNotLoaded: true,
      htmlErrorPage: { afterRequests: 20, count: 2 },
      slowPdfMs: 25000,
      wrongClientPdf: { afterEmissions: 3, count: 1 },
    });
    expect(parseCanopusFaults('')).toEqual({});
    expect(parseCanopusFaults('captcha-after=0')).toEqual({ captchaAfterFailedLogins: 0 });
  });

  it('rejects bad input with a clear message', () => {
    expect(() => parseCanopusFaults('bogus=1')).toThrow(/unknown kind "bogus"/);
    expect(() => parseCanopusFaults('pdf=download')).toThrow(/inline or attachment/);
    expect(() => parseCanopusFaults('cpf-not-found=123')).toThrow(/not a CPF/);
    expect(() => parseCanopusFaults('wrong-pdf=3')).toThrow(/wrong-pdf@3x1/);
    expect(() => parseCanopusFaults('error@5x0')).toThrow(/at least 1/);
    expect(() => parseCanopusFaults('multi-login=yes')).toThrow(/write it as multi-login/);
    expect(() => parseCanopusFaults('idle=0')).toThrow(/greater than 0/);
    expect(() => parseCanopusFaults('idle=1,idle=2')).toThrow(/more than once/);
  });
});

describe('consultant spreadsheet', () => {
  const clients = () => sim.clients('17308').slice(0, 60).concat(sim.clients('20451').slice(0, 10));
  const rowCount = () => clients().reduce((n, c) => n + c.cotas.length, 0);

  it('xlsx with quirks: title block, header on row 12, one row per cota, mangled CPFs that still repair', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await consultantSpreadsheet(clients(), { format: 'xlsx' }) as never);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Clientes');
    expect(String(sheet.getCell(1, 1).value)).toMatch(/CONTROLE DE CLIENTES/);
    // Row 1 is merged across the table; the rest of the title block lives in column A only.
    for (let r = 2; r < QUIRKY_HEADER_ROW; r++) expect(sheet.getRow(r).getCell(2).value ?? null).toBeNull();
    const header = (sheet.getRow(QUIRKY_HEADER_ROW).values as unknown[]).slice(1);
    expect(header).toEqual(['Consultor', 'Nome do Cliente', 'CPF', 'PV', 'Grupo', 'Cota', 'Situação', 'Telefone', 'E-mail', 'Observação']);
    const col = (name: string) => header.indexOf(name) + 1;

    const rows = [];
    for (let r = QUIRKY_HEADER_ROW + 1; r <= sheet.rowCount; r++) rows.push(sheet.getRow(r));
    expect(rows).toHaveLength(rowCount());
    const cpfCells = rows.map((row) => row.getCell(col('CPF')).value);
    expect(cpfCells.some((v) => typeof v === 'number' && String(v).length < 11)).toBe(true);
    expect(cpfCells.some((v) => typeof v === 'string' && /^\d{3}\.\d{3}\.\d{3}-\d{2}$/.test(v))).toBe(true);
    expect(cpfCells.some((v) => typeof v === 'string' && /^\d{11}$/.test(v))).toBe(true);
    expect(cpfCells.filter((v) => typeof v === 'string' && v.includes('\u00a0'))).toHaveLength(1);
    expect(cpfCells.filter((v) => typeof v === 'object' && v !== null && 'formula' in v)).toHaveLength(1);
    expect(rows.some((row) => row.getCell(col('CPF')).numFmt === '000"."000"."000"-"00')).toBe(true);

    const byCpf = new Map(clients().map((c) => [c.cpf, c]));
    for (const row of rows) {
      const repaired = repairCpf(row.getCell(col('CPF')).value);
      expect(repaired.ok).toBe(true);
      const client = byCpf.get((repaired as { cpf: string }).cpf) as CanopusClient;
      expect(client).toBeDefined();
      expect(cleanClientName(String(row.getCell(col('Nome do Cliente')).value)).toLocaleUpperCase('pt-BR')).toBe(client.name);
      expect(normalizePointOfSale(row.getCell(col('PV')).value)).toBe(client.pointOfSale);
      const cota = String(row.getCell(col('Cota')).value).padStart(4, '0');
      expect(client.cotas.some((k) => k.grupo === String(row.getCell(col('Grupo')).value) && k.cota === cota)).toBe(true);
    }
    const names = rows.map((row) => String(row.getCell(col('Nome do Cliente')).value));
    expect(names.some((n) => / - \d+%$/.test(n))).toBe(true);
    const pvs = rows.map((row) => row.getCell(col('PV')).value);
    expect(pvs).toContain(17308);
    expect(pvs).toContain('17.308');
    const situations = rows.map((row) => String(row.getCell(col('Situação')).value));
    expect(situations.filter((s) => s === 'Em dia').length).toBeGreaterThan(rows.length / 2);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Clientes', 'Resumo']);
  });

  it('csv with quirks: BOM, ";" separators, CRLF, the same title block and a row per cota', async () => {
    const bytes = await consultantSpreadsheet(clients(), { format: 'csv' });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines[0]).toBe('CONTROLE DE CLIENTES - CONSÓRCIO;;;;;;;;;');
    expect(lines[QUIRKY_HEADER_ROW - 1]).toBe('Consultor;Nome do Cliente;CPF;PV;Grupo;Cota;Situação;Telefone;E-mail;Observação');
    const data = lines.slice(QUIRKY_HEADER_ROW);
    expect(data).toHaveLength(rowCount());
    const cpfs = data.map((l) => l.split(';')[2]);
    expect(cpfs.some((c) => /^\d{9,10}$/.test(c))).toBe(true);
    for (const cpf of cpfs) expect(repairCpf(cpf).ok).toBe(true);
  });

  it('without quirks: a clean header on row 1', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await consultantSpreadsheet(clients(), { format: 'xlsx', quirks: false }) as never);
    const sheet = workbook.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['CPF', 'Nome do Cliente', 'Consultor', 'PV', 'Grupo', 'Cota', 'Situação', 'Telefone', 'E-mail']);
    expect(sheet.rowCount).toBe(rowCount() + 1);
    expect(sheet.getRow(2).getCell(1).value).toMatch(/^\d{3}\.\d{3}\.\d{3}-\d{2}$/);
    const csv = (await consultantSpreadsheet(clients(), { format: 'csv', quirks: false })).toString('utf8');
    expect(csv.slice(1).split('\r\n')[0]).toBe('CPF;Nome do Cliente;Consultor;PV;Grupo;Cota;Situação;Telefone;E-mail');
  });
});
