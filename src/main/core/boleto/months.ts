/** Portuguese month names as boleto file names use them (../shared/reference/boleto-and-cpf.md §4). */
export const MONTHS = ['JANEIRO', 'FEVEREIRO', 'MARÇO', 'ABRIL', 'MAIO', 'JUNHO', 'JULHO', 'AGOSTO', 'SETEMBRO', 'OUTUBRO', 'NOVEMBRO', 'DEZEMBRO'] as const;

/** 'YYYY-MM-DD' → 'NOVEMBRO'. */
export function monthOfDay(day: string): string {
  return MONTHS[Number(day.slice(5, 7)) - 1];
}

/** "dez/2025", "DEZEMBRO/2025", "12/2025", "Março" → month number 1–12, or null. */
export function parseMonth(text: string): number | null {
  const plain = text.normalize('NFD').replace(/\p{Diacritic}/gu, '').trim().toUpperCase();
  const numeric = /^(\d{1,2})\s*\/\s*\d{4}$/.exec(plain);
  if (numeric) {
    const n = Number(numeric[1]);
    return n >= 1 && n <= 12 ? n : null;
  }
  const word = /^([A-Z]{3,})\.?(?:\s*\/\s*\d{4})?$/.exec(plain);
  if (!word) return null;
  const index = MONTHS.findIndex((m) => {
    const ascii = m.normalize('NFD').replace(/\p{Diacritic}/gu, '');
    return ascii === word[1] || ascii.slice(0, 3) === word[1];
  });
  return index < 0 ? null : index + 1;
}
