import type { EntitySchema, Rec } from './schema';

/**
 * A collection the OData layer can query. Rows are addressed by a dense reference number; refs are
 * in ascending Id order, which lets Id-ordered and keyset queries start with a binary search.
 */
export interface Table {
  readonly schema: EntitySchema;
  size(): number;
  live(ref: number): boolean;
  id(ref: number): number;
  /** A cheap accessor in comparison form (dates as epoch ms), when the table keeps that column compactly. */
  fastProp(name: string): ((ref: number) => unknown) | undefined;
  /** The full record as the API returns it, without navigation properties. */
  record(ref: number): Rec;
  /** Bumped on every change so that cached query results can be recognised as stale. */
  version(): number;
}

/** First ref whose id is >= `id` (or size() when none). */
export function lowerBound(table: Table, id: number): number {
  let lo = 0;
  let hi = table.size();
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (table.id(mid) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The live ref holding `id`, or -1. */
export function refOf(table: Table, id: number): number {
  const ref = lowerBound(table, id);
  return ref < table.size() && table.id(ref) === id && table.live(ref) ? ref : -1;
}

/** The ref holding `id`, deleted or not (deleted deals still expand their tags and custom fields), or -1. */
export function anyRefOf(table: Table, id: number): number {
  const ref = lowerBound(table, id);
  return ref < table.size() && table.id(ref) === id ? ref : -1;
}

/** A small collection kept as plain records, sorted by Id. */
export class ArrayTable implements Table {
  private rows: Rec[];
  private changes = 0;

  constructor(
    readonly schema: EntitySchema,
    rows: Rec[] = [],
  ) {
    this.rows = [...rows].sort((a, b) => (a.Id as number) - (b.Id as number));
  }

  size(): number {
    return this.rows.length;
  }

  live(): boolean {
    return true;
  }

  id(ref: number): number {
    return this.rows[ref].Id as number;
  }

  fastProp(): undefined {
    return undefined;
  }

  record(ref: number): Rec {
    return this.rows[ref];
  }

  version(): number {
    return this.changes;
  }

  all(): readonly Rec[] {
    return this.rows;
  }

  /** Inserts or replaces the record with the same Id. */
  put(rec: Rec): void {
    const id = rec.Id as number;
    const at = lowerBound(this, id);
    if (at < this.rows.length && this.id(at) === id) this.rows[at] = rec;
    else this.rows.splice(at, 0, rec);
    this.changes++;
  }

  remove(id: number): boolean {
    const at = refOf(this, id);
    if (at < 0) return false;
    this.rows.splice(at, 1);
    this.changes++;
    return true;
  }
}
