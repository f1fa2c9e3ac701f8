import type { Counts } from '../../../shared/jobs';

export interface WriteTotals {
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
  invalid: number;
}

/** Sums a run's per-stream counts ("ploomes.deals.inserted", …) into what the user reads. */
export function writeTotals(counts: Counts): WriteTotals {
  const totals: WriteTotals = { inserted: 0, updated: 0, unchanged: 0, deleted: 0, invalid: counts.invalid_records ?? 0 };
  for (const [key, value] of Object.entries(counts)) {
    const kind = key.slice(key.lastIndexOf('.') + 1);
    if (kind === 'inserted' || kind === 'updated' || kind === 'unchanged' || kind === 'deleted') totals[kind] += value;
  }
  return totals;
}
