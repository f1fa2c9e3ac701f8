import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { SaleRow, SalesFilter, SalesPage } from '../../../../shared/realestate';
import { describeError } from '../../app/errors';
import { call } from '../../ipc';

export type SalesSortKey = 'sale_date' | 'value' | 'development' | 'broker' | 'team' | 'client' | 'pro_soluto' | 'commission';
export type SortDirection = 'asc' | 'desc';

export const PAGE_SIZE = 200;
/** Pages kept in memory: scrolling through 200k rows must not keep them all. */
const MAX_PAGES = 40;

export interface SalesQuery {
  company: string;
  filter: SalesFilter;
  sort: SalesSortKey;
  direction: SortDirection;
}

interface Loaded {
  key: string;
  total: number;
  sums: SalesPage['sums'];
  pages: Map<number, SaleRow[]>;
}

export interface SalesRows {
  /** Total and sums of the query on screen (the previous query's until the new one answered). */
  total: number | null;
  sums: SalesPage['sums'] | null;
  /** The row at an index, or undefined while its page is on its way. */
  row(index: number): SaleRow | undefined;
  /** True until the first page of the current query arrived. */
  loading: boolean;
  error: string | null;
  /** Fetches the pages that hold rows [first, last). */
  request(first: number, last: number): void;
}

/**
 * The general sales table's rows, fetched on demand in pages of 200 as the user scrolls. A new query
 * keeps the old rows on screen until its first page arrives; answers for an older query are dropped.
 */
export function useSalesRows(query: SalesQuery, version: number): SalesRows {
  const key = JSON.stringify([query, version]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<{ key: string; message: string } | null>(null);
  const requested = useRef(new Set<string>());
  const current = useRef({ key, query });
  useLayoutEffect(() => {
    current.current = { key, query };
  });

  const fetchPage = useCallback((page: number) => {
    const { key: forKey, query: q } = current.current;
    const id = `${forKey}|${page}`;
    if (requested.current.has(id)) return;
    requested.current.add(id);
    call('realestate.sales', { company: q.company, filter: q.filter, sort: q.sort, direction: q.direction, limit: PAGE_SIZE, offset: page * PAGE_SIZE }).then(
      (result) => {
        if (current.current.key !== forKey) {
          requested.current.delete(id);
          return;
        }
        setLoaded((previous) => {
          const pages = previous?.key === forKey ? new Map(previous.pages) : new Map<number, SaleRow[]>();
          pages.set(page, result.rows);
          if (pages.size > MAX_PAGES) {
            const far = [...pages.keys()].sort((a, b) => Math.abs(b - page) - Math.abs(a - page)).slice(0, pages.size - MAX_PAGES);
            for (const p of far) {
              pages.delete(p);
              requested.current.delete(`${forKey}|${p}`);
            }
          }
          return { key: forKey, total: result.total, sums: result.sums, pages };
        });
      },
      (err: unknown) => {
        requested.current.delete(id);
        if (current.current.key === forKey) setError({ key: forKey, message: describeError(err) });
      },
    );
  }, []);

  /** The rows last in view: a reload (the mirror changed) refetches them, not only the first page. */
  const inView = useRef({ first: 0, last: 0 });
  useEffect(() => {
    requested.current.clear();
    fetchPage(0);
    const { first, last } = inView.current;
    if (last > first) for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor((last - 1) / PAGE_SIZE); page++) fetchPage(page);
  }, [key, fetchPage]);

  const fresh = loaded?.key === key;
  const request = useCallback(
    (first: number, last: number) => {
      inView.current = { first, last };
      if (last <= first) return;
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor((last - 1) / PAGE_SIZE); page++) fetchPage(page);
    },
    [fetchPage],
  );
  const pages = loaded?.pages;
  const row = useCallback((index: number) => pages?.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [pages]);

  return {
    total: loaded?.total ?? null,
    sums: loaded?.sums ?? null,
    row,
    loading: !fresh && error?.key !== key,
    error: error?.key === key ? error.message : null,
    request,
  };
}
