import { formatReference, NULL_TIME, ZERO_TIME } from './time';

export type Row = Record<string, unknown>;

/**
 * One CVDW endpoint's rows, built on demand from the compact dataset: only the referencia_data sort
 * keys and the serving order live in memory, so a 200,000-reservation dataset stays small.
 */
export class Table {
  /** referencia_data per row index as wall-clock seconds (or NULL_TIME / ZERO_TIME). */
  readonly refTimes: Float64Array;
  /** Edits made at run time (touch, softDelete), laid over the generated row. */
  private readonly overrides = new Map<number, Row>();
  private orderCache: Int32Array | null = null;
  private maxTime = -Infinity;
  private byReferencia: Map<string, number> | null = null;

  constructor(
    readonly path: string,
    readonly size: number,
    refTime: (i: number) => number,
    /** The row as served, referencia_data excluded (the table owns it). */
    private readonly build: (i: number) => Row,
    /** The row's referencia, as the API types it. */
    readonly referencia: (i: number) => string | number,
  ) {
    this.refTimes = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      const t = refTime(i);
      this.refTimes[i] = t;
      if (t > this.maxTime) this.maxTime = t;
    }
  }

  row(i: number): Row {
    const row = this.build(i);
    row.referencia_data = formatReference(this.refTimes[i]);
    const over = this.overrides.get(i);
    if (over) Object.assign(row, over);
    return orderFirst(row);
  }

  /** Row indexes ascending by referencia_data; ties keep index (= referencia) order. */
  order(): Int32Array {
    if (!this.orderCache) {
      const idx = Array.from({ length: this.size }, (_, i) => i);
      const t = this.refTimes;
      idx.sort((a, b) => t[a] - t[b] || a - b);
      this.orderCache = Int32Array.from(idx);
    }
    return this.orderCache;
  }

  /** Positions [from, to) of the serving order whose referencia_data lies within the bounds. */
  range(from: number | null, until: number | null): [number, number] {
    const order = this.order();
    const t = this.refTimes;
    if (from === null && until === null) return [0, order.length];
    // a_partir compares with >=, so NULL and zero dates drop out; ate alone keeps zero dates (MySQL
    // orders '0000-00-00' below any date) but never NULL.
    const low = from === null ? NULL_TIME + 0.5 : Math.max(from, ZERO_TIME + 0.5);
    const lo = lowerBound(order, t, low);
    const hi = until === null ? order.length : lowerBound(order, t, until + 0.5);
    return [lo, Math.max(lo, hi)];
  }

  indexOfReferencia(referencia: string | number): number {
    if (!this.byReferencia) {
      this.byReferencia = new Map();
      for (let i = 0; i < this.size; i++) this.byReferencia.set(String(this.referencia(i)), i);
    }
    return this.byReferencia.get(String(referencia)) ?? -1;
  }

  /** Moves the row to the end of the ordering with a new referencia_data and optional field edits. */
  touch(i: number, at: number, changes?: Row): number {
    const when = Math.max(at, this.maxTime + 1);
    this.maxTime = when;
    this.refTimes[i] = when;
    if (changes) this.overrides.set(i, { ...this.overrides.get(i), ...changes });
    this.orderCache = null;
    return when;
  }
}

/** referencia, referencia_data and ativo lead every row, as in the captured responses. */
function orderFirst(row: Row): Row {
  const out: Row = { referencia: row.referencia, referencia_data: row.referencia_data };
  if ('ativo' in row) out.ativo = row.ativo;
  for (const key of Object.keys(row)) if (!(key in out)) out[key] = row[key];
  return out;
}

function lowerBound(order: Int32Array, t: Float64Array, value: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[order[mid]] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
