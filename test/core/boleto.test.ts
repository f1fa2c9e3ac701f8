import { getBoletoInfo, isValidBoleto } from '@brazilian-utils/brazilian-utils';
import { describe, expect, it } from 'vitest';
import { checkLine, dueDateFactor, encodeBoleto, factorDueDate, findLine, formatLine, lineToBarcode, mod10, mod11Cobranca } from '../../src/main/core/boleto/boletoLine';
import { describeCpfProblem, formatCpf, isValidCpf, repairCpf } from '../../src/main/core/boleto/cpf';

// Worked examples from ../shared/reference/boleto-and-cpf.md §1.2–1.4.
const A = { line: '23793381029000123456778012345605712960000123456', barcode: '23797129600001234563381090001234567801234560' };
const B = { line: '00190000090312855745500000001172113220000089990', barcode: '00191132200000899900000003128557450000000117' };

describe('boleto line and barcode', () => {
  it('computes módulo 10 and the cobrança módulo 11 as in the worked examples', () => {
    expect(mod10('237933810')).toBe(2);
    expect(mod10('9000123456')).toBe(7);
    expect(mod10('7801234560')).toBe(5);
    expect(mod11Cobranca('2379129600001234563381090001234567801234560')).toBe(7);
    // r = 0 → 11 → DV 1 (example B).
    expect(mod11Cobranca('0019132200000899900000003128557450000000117')).toBe(1);
  });

  it('encodes example A (Bradesco-like, 15/12/2025, R$ 1.234,56) and example B (DV geral special case)', () => {
    const a = encodeBoleto({ bank: '237', freeField: '3381090001234567801234560', dueDate: '2025-12-15', valueCents: 123456 });
    expect(a.barcode).toBe(A.barcode);
    expect(a.line).toBe(A.line);
    expect(a.formattedLine).toBe('23793.38102 90001.234567 78012.345605 7 12960000123456');
    const b = encodeBoleto({ bank: '001', freeField: '0000003128557450000000117', dueDate: '2026-01-10', valueCents: 89990 });
    expect(b.barcode).toBe(B.barcode);
    expect(formatLine(b.line)).toBe('00190.00009 03128.557455 00000.001172 1 13220000089990');
    expect(lineToBarcode(A.line)).toBe(A.barcode);
  });

  it('handles the due-date factor across the 2025 reset and decodes with the window', () => {
    expect(dueDateFactor('2000-07-03')).toBe('1000');
    expect(dueDateFactor('2025-02-21')).toBe('9999');
    expect(dueDateFactor('2025-02-22')).toBe('1000');
    expect(dueDateFactor('2025-12-15')).toBe('1296');
    expect(dueDateFactor('2049-10-13')).toBe('9999');
    expect(dueDateFactor('2049-10-14')).toBe('1000');
    expect(factorDueDate('1296', '2025-11-23')).toBe('2025-12-15');
    expect(factorDueDate('1296', '2001-04-01')).toBe('2001-04-25');
    expect(factorDueDate('0000', '2025-11-23')).toBeNull();
  });

  it('validates lines: good ones pass, A with the DV geral altered fails, 48-digit arrecadação is not found', () => {
    expect(checkLine(A.line, '2025-11-23')).toEqual({ ok: true, barcode: A.barcode, bank: '237', dueDate: '2025-12-15', valueCents: 123456 });
    const badDv = `${A.line.slice(0, 32)}8${A.line.slice(33)}`;
    expect(checkLine(badDv, '2025-11-23')).toEqual({ ok: false, problem: 'dígito verificador geral do código de barras não confere' });
    const badField = `${A.line.slice(0, 9)}3${A.line.slice(10)}`;
    expect(checkLine(badField, '2025-11-23').ok).toBe(false);
    expect(findLine('Linha: 23793.38102\u00a090001.234567 78012.345605 7 12960000123456 fim')).toBe(A.line);
    expect(findLine(`x${A.line}y`)).toBe(A.line);
    expect(findLine('82630000000-5 87350123202-9 51210000000-3 00123456789-7')).toBeNull();
    expect(findLine('826300000005873501232029512100000003001234567897')).toBeNull();
  });

  it('agrees with @brazilian-utils on generated boletos', () => {
    for (let i = 0; i < 200; i++) {
      const day = new Date(Date.UTC(2025, 2, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10);
      const b = encodeBoleto({ bank: ['001', '237', '341', '756'][i % 4], freeField: String(1_000_003 + i * 7919).padStart(25, '7'), dueDate: day, valueCents: 1000 + i * 137 });
      expect(isValidBoleto(b.line)).toBe(true);
      const info = getBoletoInfo(b.line, { referenceDate: new Date('2026-01-01T12:00:00Z') });
      expect(info!.amount).toBe(1000 + i * 137);
      expect(checkLine(b.line, '2026-01-01')).toMatchObject({ ok: true, dueDate: day });
    }
  });
});

describe('CPF', () => {
  it('validates the reference vectors', () => {
    for (const cpf of ['01234567890', '52998224725', '00000000191', '39053344705', '12345678909']) expect(isValidCpf(cpf)).toBe(true);
    for (const cpf of ['12345678900', '11111111111', '1234567890', '123456789012']) expect(isValidCpf(cpf)).toBe(false);
    expect(formatCpf('12345678909')).toBe('123.456.789-09');
  });

  it('repairs what spreadsheets do to CPFs', () => {
    expect(repairCpf(1234567890)).toEqual({ ok: true, cpf: '01234567890', repaired: true });
    expect(repairCpf(191)).toEqual({ ok: true, cpf: '00000000191', repaired: true });
    expect(repairCpf(12345678909)).toEqual({ ok: true, cpf: '12345678909', repaired: false });
    expect(repairCpf('123.456.789-09')).toMatchObject({ ok: true, cpf: '12345678909' });
    expect(repairCpf(' 123\u00a0456\u00a0789–09 ')).toMatchObject({ ok: true, cpf: '12345678909' });
    expect(repairCpf('1234567890.0')).toEqual({ ok: true, cpf: '01234567890', repaired: true });
    expect(repairCpf({ formula: 'A1', result: 52998224725 })).toMatchObject({ ok: true, cpf: '52998224725' });
    expect(repairCpf('1,23457E+10')).toMatchObject({ ok: false, reason: 'scientific' });
    expect(repairCpf('123.456.789-00')).toMatchObject({ ok: false, reason: 'check-digits' });
    expect(repairCpf('')).toMatchObject({ ok: false, reason: 'empty' });
    expect(repairCpf('abc')).toMatchObject({ ok: false, reason: 'not-a-number' });
    expect(describeCpfProblem(repairCpf('123.456.789-00') as never)).toBe('CPF inválido 123.456.789-00');
  });
});

describe('spreadsheet values', () => {
  it('normalises point-of-sale codes', async () => {
    const { formatPointOfSale, normalizePointOfSale } = await import('../../src/main/core/boleto/pointOfSale');
    for (const v of [17308, '17.308', '17308', ' 17 308 ', '17308.0', { result: 17308 }]) expect(normalizePointOfSale(v), String(v)).toBe('17308');
    for (const v of ['', 'abc', 0, -5, '1.2.3', null]) expect(normalizePointOfSale(v), String(v)).toBeNull();
    expect(formatPointOfSale('17308')).toBe('17.308');
    expect(formatPointOfSale('1234567')).toBe('1.234.567');
  });

  it('cleans trailing notes from client names', async () => {
    const { cleanClientName } = await import('../../src/main/core/boleto/clientName');
    expect(cleanClientName('MARIA APARECIDA DOS SANTOS - 70%')).toBe('MARIA APARECIDA DOS SANTOS');
    expect(cleanClientName('  JOÃO  DA SILVA (50%) ')).toBe('JOÃO DA SILVA');
    expect(cleanClientName('ANA PAULA – 100% PAGO')).toBe('ANA PAULA');
    expect(cleanClientName('JOSÉ MARIA - PAGO')).toBe('JOSÉ MARIA');
    expect(cleanClientName('ANA-LUÍSA FERREIRA')).toBe('ANA-LUÍSA FERREIRA');
  });

  it('reads Portuguese month names', async () => {
    const { monthOfDay, parseMonth } = await import('../../src/main/core/boleto/months');
    expect(monthOfDay('2025-03-10')).toBe('MARÇO');
    expect(parseMonth('DEZ/2025')).toBe(12);
    expect(parseMonth('dezembro/2025')).toBe(12);
    expect(parseMonth('12/2025')).toBe(12);
    expect(parseMonth('Março')).toBe(3);
    expect(parseMonth('MARCO')).toBe(3);
    expect(parseMonth('mar.')).toBe(3);
    expect(parseMonth('13/2025')).toBeNull();
  });
});

describe('boleto file names', () => {
  it('names files like the consultants expect and keeps them Windows-safe', async () => {
    const { boletoFileName, consultantFolder, safeSegment } = await import('../../src/main/core/boleto/fileNames');
    expect(boletoFileName('Maria Aparecida dos Santos', 'NOVEMBRO')).toBe('MARIA_APARECIDA_DOS_SANTOS_NOVEMBRO.pdf');
    expect(boletoFileName('JOÃO DA CONCEIÇÃO', 'MARÇO')).toBe('JOÃO_DA_CONCEIÇÃO_MARÇO.pdf');
    expect(boletoFileName('ANA  SOUZA', 'MAIO', { grupo: '1234', cota: '056' })).toBe('ANA_SOUZA_MAIO_G1234-C056.pdf');
    expect(boletoFileName('A<B>C:D"E/F\\G|H?I*J', 'MAIO')).toBe('A_B_C_D_E_F_G_H_I_J_MAIO.pdf');
    expect(boletoFileName('   ', 'MAIO')).toBe('CLIENTE_MAIO.pdf');
    expect(boletoFileName('x'.repeat(300), 'MAIO').length).toBeLessThanOrEqual(124);
    // Composed and decomposed accents give the same bytes.
    expect(boletoFileName('JOA\u0303O', 'MAIO')).toBe(boletoFileName('JOÃO', 'MAIO'));
    expect(safeSegment('CON', 'x')).toBe('_CON');
    expect(safeSegment('lpt1.txt', 'x')).toBe('_lpt1.txt');
    expect(safeSegment('Pasta. . ', 'x')).toBe('Pasta');
    expect(consultantFolder('')).toBe('Sem consultor');
    expect(consultantFolder('Carla Menezes')).toBe('Carla Menezes');
  });
});
