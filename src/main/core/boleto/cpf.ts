/**
 * CPF rules (../shared/reference/boleto-and-cpf.md §2): check digits, formatting, and repair of the
 * ways spreadsheets mangle CPFs. Every function is pure.
 */

function checkDigit(digits: number[], firstWeight: number): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += digits[i] * (firstWeight - i);
  const r = sum % 11;
  return r < 2 ? 0 : 11 - r;
}

export function cpfCheckDigits(base9: string): string {
  const digits = base9.split('').map(Number);
  const dv1 = checkDigit(digits, 10);
  digits.push(dv1);
  return `${dv1}${checkDigit(digits, 11)}`;
}

/** 11 digits with valid check digits, not all equal. */
export function isValidCpf(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || /^(\d)\1{10}$/.test(digits)) return false;
  return cpfCheckDigits(digits.slice(0, 9)) === digits.slice(9);
}

export function formatCpf(digits: string): string {
  return `${digits.slice(0, 3)}.${digits.slice(3, 6)}.${digits.slice(6, 9)}-${digits.slice(9)}`;
}

export type CpfRepair =
  | { ok: true; cpf: string; repaired: boolean }
  | { ok: false; reason: 'empty' | 'scientific' | 'not-a-number' | 'length' | 'check-digits'; shown: string };

/**
 * Reads a CPF from whatever a spreadsheet cell holds: a number that lost its leading zeros, text
 * with dots, dashes, spaces or NBSP, a float written as text ("1234567890.0"), a formula result.
 * Scientific notation means digits were lost and is rejected, never guessed.
 */
export function repairCpf(value: unknown): CpfRepair {
  if (value !== null && typeof value === 'object' && 'result' in value) return repairCpf((value as { result: unknown }).result);
  if (value === null || value === undefined) return { ok: false, reason: 'empty', shown: '' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0 || !Number.isInteger(value)) return { ok: false, reason: 'not-a-number', shown: String(value) };
    const digits = String(value);
    return checked(digits.padStart(11, '0'), digits, digits.length < 11);
  }
  const text = String(value).normalize('NFKC').trim();
  if (!text) return { ok: false, reason: 'empty', shown: '' };
  if (/^\d+(?:[.,]\d+)?\s*e\s*[+-]?\d+$/i.test(text)) return { ok: false, reason: 'scientific', shown: text };
  // "1234567890.0" (a float written out by CSV/pandas): the decimal part is not part of the CPF.
  const withoutFloatTail = /^\d+[.,]0+$/.test(text) ? text.replace(/[.,]0+$/, '') : text;
  if (/[^\d\s.\-–—/]/.test(withoutFloatTail)) return { ok: false, reason: 'not-a-number', shown: text };
  const digits = withoutFloatTail.replace(/\D/g, '');
  if (!digits) return { ok: false, reason: 'empty', shown: text };
  if (digits.length > 11) return { ok: false, reason: 'length', shown: text };
  const padded = digits.padStart(11, '0');
  return checked(padded, text, padded !== digits || withoutFloatTail !== text);
}

function checked(cpf: string, shown: string, repaired: boolean): CpfRepair {
  if (cpf.length !== 11) return { ok: false, reason: 'length', shown };
  if (!isValidCpf(cpf)) return { ok: false, reason: 'check-digits', shown };
  return { ok: true, cpf, repaired };
}

/** pt-BR sentence for a CPF that could not be used, with the value as the sheet had it. */
export function describeCpfProblem(repair: Extract<CpfRepair, { ok: false }>): string {
  switch (repair.reason) {
    case 'empty':
      return 'CPF vazio';
    case 'scientific':
      return `CPF em notação científica (${repair.shown}): a planilha perdeu dígitos; formate a coluna como texto e digite o CPF de novo`;
    case 'not-a-number':
      return `CPF com caracteres inesperados (${repair.shown})`;
    case 'length':
      return `CPF com dígitos demais (${repair.shown})`;
    case 'check-digits': {
      const digits = repair.shown.replace(/\D/g, '').padStart(11, '0');
      return `CPF inválido ${digits.length === 11 ? formatCpf(digits) : repair.shown}`;
    }
  }
}
