import {
  compareKeys, compileFilter, compileOrderBy, compileProjection, project, tableSource,
} from './odata-compile';
import { printExpr, type Expr, type QueryOptions } from './odata-parse';
import type { Rec } from './schema';
import { lowerBound, type Table } from './table';

/**
 * Largest page the API serves; a bigger $top is cut to it silently. The reference does not say what
 * a request without $top gets: we assume the same 300.
 */
export const PAGE_SIZE = 300;

// Runs a collection query. A client pages through a million deals with
// `$filter=<condition> and Id gt <last id>&$orderby=Id&$top=300` (keyset) or with $skip; to answer
// each page in milliseconds, the Id bound becomes a binary search and the rest of the filter is
// evaluated once per data version and cached as a list of matching rows.

interface CacheEntry {
  version: number;
  refs: Int32Array;
}
const CACHE_ENTRIES = 8;
const caches = new WeakMap<Table, Map<string, CacheEntry>>();

function cached(table: Table, key: string, compute: () => Int32Array): Int32Array {
  let cache = caches.get(table);
  if (!cache) caches.set(table, (cache = new Map()));
  const hit = cache.get(key);
  cache.delete(key);
  if (hit && hit.version === table.version()) {
    cache.set(key, hit);
    return hit.refs;
  }
  const entry = { version: table.version(), refs: compute() };
  cache.set(key, entry);
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  return entry.refs;
}

function scan(table: Table, filter: Expr | null): Int32Array {
  const predicate = filter ? compileFilter(filter, tableSource(table)) : () => true;
  const size = table.size();
  const out = new Int32Array(size);
  let count = 0;
  for (let ref = 0; ref < size; ref++) if (table.live(ref) && predicate(ref)) out[count++] = ref;
  return out.slice(0, count);
}

interface IdBounds {
  /** Inclusive range of ids; infinite when unbounded. */
  min: number;
  max: number;
}

const MIRROR = { gt: 'lt', ge: 'le', lt: 'gt', le: 'ge', eq: 'eq', ne: 'ne' } as const;

/** Takes `Id op <number>` conjuncts out of a top-level AND chain. */
function splitIdBounds(filter: Expr | null): { bounds: IdBounds; residual: Expr | null } {
  const bounds: IdBounds = { min: -Infinity, max: Infinity };
  if (!filter) return { bounds, residual: null };
  const conjuncts: Expr[] = [];
  const flatten = (e: Expr): void => {
    if (e.kind === 'and') {
      flatten(e.left);
      flatten(e.right);
    } else {
      conjuncts.push(e);
    }
  };
  flatten(filter);
  const rest: Expr[] = [];
  for (const c of conjuncts) {
    if (c.kind === 'compare' && c.op !== 'ne') {
      const isId = (e: Expr) => e.kind === 'path' && e.segments.length === 1 && e.segments[0] === 'Id';
      const isNumber = (e: Expr) => e.kind === 'literal' && (e.type === 'int' || e.type === 'decimal');
      const [op, literal] = isId(c.left) && isNumber(c.right) ? [c.op, c.right]
        : isId(c.right) && isNumber(c.left) ? [MIRROR[c.op], c.left] : [null, null];
      if (op && literal?.kind === 'literal') {
        const n = literal.value as number;
        if (op === 'gt') bounds.min = Math.max(bounds.min, Math.floor(n) + 1);
        if (op === 'ge') bounds.min = Math.max(bounds.min, Math.ceil(n));
        if (op === 'lt') bounds.max = Math.min(bounds.max, Math.ceil(n) - 1);
        if (op === 'le') bounds.max = Math.min(bounds.max, Math.floor(n));
        if (op === 'eq') {
          bounds.min = Math.max(bounds.min, n);
          bounds.max = Math.min(bounds.max, Number.isInteger(n) ? n : -Infinity);
        }
        continue;
      }
    }
    rest.push(c);
  }
  const residual = rest.length === 0 ? null : rest.reduce((left, right) => ({ kind: 'and', left, right }));
  return { bounds, residual };
}

/** First position in `refs` (ascending by id) whose id is >= `id`. */
function lowerBoundIn(refs: Int32Array, table: Table, id: number): number {
  let lo = 0;
  let hi = refs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (table.id(refs[mid]) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function pageInIdOrder(table: Table, candidates: Int32Array | null, bounds: IdBounds, descending: boolean, skip: number, top: number): number[] {
  const out: number[] = [];
  if (bounds.min > bounds.max) return out;
  if (candidates) {
    const start = lowerBoundIn(candidates, table, bounds.min);
    const end = bounds.max === Infinity ? candidates.length : lowerBoundIn(candidates, table, bounds.max + 1);
    if (!descending) for (let i = start + skip; i < end && out.length < top; i++) out.push(candidates[i]);
    else for (let i = end - 1 - skip; i >= start && out.length < top; i--) out.push(candidates[i]);
    return out;
  }
  const start = lowerBound(table, bounds.min);
  const end = bounds.max === Infinity ? table.size() : lowerBound(table, bounds.max + 1);
  let toSkip = skip;
  const step = descending ? -1 : 1;
  for (let ref = descending ? end - 1 : start; ref >= start && ref < end && out.length < top; ref += step) {
    if (!table.live(ref)) continue;
    if (toSkip > 0) toSkip--;
    else out.push(ref);
  }
  return out;
}

function sortedRefs(table: Table, options: QueryOptions): Int32Array {
  const refs = scan(table, options.filter);
  const order = compileOrderBy(options.orderby, tableSource(table));
  const values = order.keys.map((key) => Array.from(refs, (ref) => key.get(ref)));
  const positions = Array.from(refs, (_, i) => i);
  positions.sort((x, y) => {
    for (let k = 0; k < values.length; k++) {
      const c = compareKeys(values[k][x], values[k][y], order.keys[k].descending);
      if (c !== 0) return c;
    }
    // The key is always the last sort key, so pages never overlap or skip rows.
    return refs[x] - refs[y];
  });
  return Int32Array.from(positions, (i) => refs[i]);
}

/** Rows of one page, in order. Validation (403 for unknown names, 400 for bad syntax) comes first. */
export function selectRefs(table: Table, options: QueryOptions): number[] {
  const source = tableSource(table);
  if (options.filter) compileFilter(options.filter, source);
  compileOrderBy(options.orderby, source);
  const top = Math.min(options.top ?? PAGE_SIZE, PAGE_SIZE);
  const skip = options.skip ?? 0;
  if (top === 0) return [];
  const first = options.orderby[0];
  const byId = !first || (first.segments.length === 1 && first.segments[0] === 'Id');
  if (byId) {
    const { bounds, residual } = splitIdBounds(options.filter);
    // With an offset, a list of the matching rows turns $skip into an index instead of a walk.
    const candidates = residual ? cached(table, `filter:${printExpr(residual)}`, () => scan(table, residual))
      : skip > 0 ? cached(table, 'live', () => scan(table, null)) : null;
    return pageInIdOrder(table, candidates, bounds, first?.descending ?? false, skip, top);
  }
  const key = `sort:${options.filter ? printExpr(options.filter) : ''}|${options.orderby.map((o) => `${o.segments.join('/')} ${o.descending ? 'desc' : 'asc'}`).join(',')}`;
  return Array.from(cached(table, key, () => sortedRefs(table, options)).subarray(skip, skip + top));
}

/** A page of records shaped by $select/$expand. */
export function queryRecords(table: Table, options: QueryOptions): Rec[] {
  const projection = compileProjection(table.schema, options);
  return selectRefs(table, options).map((ref) => project(table.record(ref), projection));
}
