/**
 * Point-of-sale codes ("ponto de venda", PV): spreadsheets write 17308, "17.308" or "17308.0"; they
 * are the same point of sale. Kept as digits, shown with the thousands dot.
 */
export function normalizePointOfSale(value: unknown): string | null {
  if (value !== null && typeof value === 'object' && 'result' in value) return normalizePointOfSale((value as { result: unknown }).result);
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? String(value) : null;
  if (typeof value !== 'string') return null;
  const text = value.normalize('NFKC').trim().replace(/[.,]0+$/, '');
  if (!/^\d{1,3}(?:[.\s]?\d{3})*$/.test(text)) return null;
  const digits = text.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
  return digits && digits !== '0' ? digits : null;
}

export function formatPointOfSale(code: string): string {
  return code.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
