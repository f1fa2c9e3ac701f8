/** Lower case without accents: "João Conceição" → "joao conceicao", for searches people type loosely. */
export function foldText(text: string | null | undefined): string {
  return (text ?? '').normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}
