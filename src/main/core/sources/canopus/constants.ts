/** The local portal simulator's password for a point of sale. Public on purpose: the demo needs no keychain. */
export function canopusSimPassword(pointOfSale: string): string {
  return `senha-${pointOfSale}`;
}
