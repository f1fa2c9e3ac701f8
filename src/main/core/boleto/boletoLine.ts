/**
 * Cobrança boletos (../shared/reference/boleto-and-cpf.md §1): the 44-digit barcode, the 47-digit
 * linha digitável, módulo 10/11 check digits and the due-date factor with its 2025 reset.
 */

const DAY_MS = 86_400_000;
const FACTOR_BASE = Date.UTC(1997, 9, 7);
const RESET = Date.UTC(2025, 1, 22);

/** Módulo 10 of the linha's fields 1–3. */
export function mod10(digits: string): number {
  let sum = 0;
  let weight = 2;
  for (let i = digits.length - 1; i >= 0; i--) {
    let product = Number(digits[i]) * weight;
    if (product >= 10) product -= 9;
    sum += product;
    weight = weight === 2 ? 1 : 2;
  }
  return (10 - (sum % 10)) % 10;
}

/** Módulo 11 DV geral of a cobrança barcode (43 digits without position 5): 0, 10 and 11 become 1. */
export function mod11Cobranca(digits43: string): number {
  let sum = 0;
  let weight = 2;
  for (let i = digits43.length - 1; i >= 0; i--) {
    sum += Number(digits43[i]) * weight;
    weight = weight === 9 ? 2 : weight + 1;
  }
  const dv = 11 - (sum % 11);
  return dv === 0 || dv === 10 || dv === 11 ? 1 : dv;
}

/** 'YYYY-MM-DD' (a calendar day) → days since 1970-01-01. */
function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

function dayOf(number: number): string {
  return new Date(number * DAY_MS).toISOString().slice(0, 10);
}

/** Due date → fator de vencimento (4 digits), following the 22/02/2025 reset. */
export function dueDateFactor(day: string): string {
  const n = dayNumber(day);
  const base = Math.round(FACTOR_BASE / DAY_MS);
  const reset = Math.round(RESET / DAY_MS);
  const factor = n < reset ? n - base : 1000 + ((n - reset) % 9000);
  if (factor < 1000 || factor > 9999) throw new Error(`Vencimento fora da faixa do fator: ${day}`);
  return String(factor).padStart(4, '0');
}

/**
 * Fator → due date. Each factor repeats every 9,000 days; the one inside [reference − 3000 days,
 * reference + 5500 days] is the right one (FEBRABAN comunicado 082/2012). '0000' = no due date.
 */
export function factorDueDate(factor: string, referenceDay: string): string | null {
  const f = Number(factor);
  if (!/^\d{4}$/.test(factor) || f === 0) return null;
  const base = Math.round(FACTOR_BASE / DAY_MS);
  const ref = dayNumber(referenceDay);
  for (let k = 0; k < 10; k++) {
    const candidate = base + f + 9000 * k;
    if (candidate >= ref - 3000 && candidate <= ref + 5500) return dayOf(candidate);
  }
  return null;
}

export interface BoletoData {
  bank: string;
  /** 25 bank-specific digits. */
  freeField: string;
  dueDate: string | null;
  valueCents: number;
}

/** Builds the barcode and the linha digitável of a cobrança boleto. */
export function encodeBoleto(data: BoletoData): { barcode: string; line: string; formattedLine: string } {
  if (!/^\d{3}$/.test(data.bank)) throw new Error(`bank code must have 3 digits: ${data.bank}`);
  if (!/^\d{25}$/.test(data.freeField)) throw new Error('free field must have 25 digits');
  if (!Number.isInteger(data.valueCents) || data.valueCents < 0 || data.valueCents > 9_999_999_999) throw new Error(`bad value: ${data.valueCents}`);
  const factor = data.dueDate ? dueDateFactor(data.dueDate) : '0000';
  const value = String(data.valueCents).padStart(10, '0');
  const without = `${data.bank}9${factor}${value}${data.freeField}`;
  const dv = mod11Cobranca(without);
  const barcode = `${without.slice(0, 4)}${dv}${without.slice(4)}`;
  const line = barcodeToLine(barcode);
  return { barcode, line, formattedLine: formatLine(line) };
}

export function barcodeToLine(barcode: string): string {
  const f1 = barcode.slice(0, 4) + barcode.slice(19, 24);
  const f2 = barcode.slice(24, 34);
  const f3 = barcode.slice(34, 44);
  return `${f1}${mod10(f1)}${f2}${mod10(f2)}${f3}${mod10(f3)}${barcode[4]}${barcode.slice(5, 19)}`;
}

export function lineToBarcode(line: string): string {
  return line.slice(0, 4) + line[32] + line.slice(33, 47) + line.slice(4, 9) + line.slice(10, 20) + line.slice(21, 31);
}

/** `23793.38102 90001.234567 78012.345605 7 12960000123456` */
export function formatLine(line: string): string {
  return `${line.slice(0, 5)}.${line.slice(5, 10)} ${line.slice(10, 15)}.${line.slice(15, 21)} ${line.slice(21, 26)}.${line.slice(26, 32)} ${line[32]} ${line.slice(33)}`;
}

export type LineCheck =
  | { ok: true; barcode: string; bank: string; dueDate: string | null; valueCents: number }
  | { ok: false; problem: string };

/** Validates a 47-digit linha: the three field DVs (mod 10) and the DV geral (mod 11 on the rebuilt barcode). */
export function checkLine(line: string, referenceDay: string): LineCheck {
  if (!/^\d{47}$/.test(line)) return { ok: false, problem: `linha digitável deve ter 47 dígitos (tem ${line.replace(/\D/g, '').length})` };
  const fields = [line.slice(0, 9), line.slice(10, 20), line.slice(21, 31)];
  const dvs = [line[9], line[20], line[31]];
  for (let i = 0; i < 3; i++) {
    if (String(mod10(fields[i])) !== dvs[i]) return { ok: false, problem: `dígito verificador do campo ${i + 1} da linha digitável não confere` };
  }
  const barcode = lineToBarcode(line);
  if (String(mod11Cobranca(barcode.slice(0, 4) + barcode.slice(5))) !== barcode[4]) {
    return { ok: false, problem: 'dígito verificador geral do código de barras não confere' };
  }
  return { ok: true, barcode, bank: barcode.slice(0, 3), dueDate: factorDueDate(barcode.slice(5, 9), referenceDay), valueCents: Number(barcode.slice(9, 19)) };
}

/** Finds a cobrança linha in free text (formatted, plain, with NBSP); a 48-digit arrecadação line does not match. */
export const LINE_PATTERN = /(?<!\d)(\d{5})[.\s]?(\d{5})\s*(\d{5})[.\s]?(\d{6})\s*(\d{5})[.\s]?(\d{6})\s*(\d)\s*(\d{14})(?!\d)/;

export function findLine(text: string): string | null {
  const m = LINE_PATTERN.exec(text);
  return m ? m.slice(1).join('') : null;
}
