import type { Draws } from './random';

// Brazilian tax ids as Ploomes stores them: digits only, valid check digits (RFB algorithm).

function checkDigit(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += digits[i] * weights[i];
  const r = sum % 11;
  return r < 2 ? 0 : 11 - r;
}

export function cpfFromBase(base: readonly number[]): string {
  const digits = [...base];
  digits.push(checkDigit(digits, [10, 9, 8, 7, 6, 5, 4, 3, 2]));
  digits.push(checkDigit(digits, [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]));
  return digits.join('');
}

export function cnpjFromBase(base: readonly number[]): string {
  const digits = [...base];
  digits.push(checkDigit(digits, [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]));
  digits.push(checkDigit(digits, [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]));
  return digits.join('');
}

export function randomCpf(d: Draws): string {
  let base = d.digits(9);
  while (base.every((x) => x === base[0])) base = d.digits(9);
  return cpfFromBase(base);
}

export function randomCnpj(d: Draws): string {
  const branch = d.chance(0.9) ? [0, 0, 0, 1] : [0, 0, 0, d.int(2, 9)];
  return cnpjFromBase([...d.digits(8), ...branch]);
}

/** A phone number written one of the many ways people type them into a CRM. */
export function phoneNumber(d: Draws, areaCode: number, mobile: boolean): string {
  const ddd = String(areaCode);
  const head = mobile ? `9${d.int(6, 9)}${d.int(0, 9)}${d.int(0, 9)}${d.int(0, 9)}` : `${d.int(2, 5)}${d.int(0, 9)}${d.int(0, 9)}${d.int(0, 9)}`;
  const tail = d.digits(4).join('');
  const formats = [
    () => `(${ddd}) ${head}-${tail}`,
    () => `(${ddd}) ${head}-${tail}`,
    () => `(${ddd})${head}-${tail}`,
    () => `${ddd} ${head}-${tail}`,
    () => `${ddd}${head}${tail}`,
    () => `+55 ${ddd} ${head}-${tail}`,
    () => `+55 (${ddd}) ${head}-${tail}`,
    () => `55${ddd}${head}${tail}`,
    () => `(0${ddd}) ${head}-${tail}`,
    () => `0${ddd} ${head} ${tail}`,
    () => `0xx${ddd} ${head}-${tail}`,
    () => `${head}-${tail}`,
    () => `${ddd}.${head}.${tail}`,
    () => (mobile ? `${ddd} ${head.slice(0, 1)} ${head.slice(1)}-${tail}` : `${ddd} ${head} ${tail}`),
  ];
  return d.pick(formats)();
}

/** Ploomes' SearchPhoneNumber: the digits of the typed number, as a number (leading zeros lost). */
export function searchPhoneNumber(phone: string): number {
  const digits = phone.replace(/\D/g, '');
  return digits ? Number(digits) : 0;
}
