// Local simulator of the CVCRM data-warehouse API (CVDW), built from the project's CVDW reference (cvdw.md
// §12). Choices where the reference says "unknown":
// - query string wins over the JSON body when both carry the same param;
// - registros_por_pagina above 500 is clamped; a page past the last has empty dados, same totals;
// - 404 and 405 bodies use the spec's {codigo, mensagem} shape;
// - the rate limit is per e-mail + token; a refused request takes no slot and never extends the block,
//   which lasts one window from the refused request that started it;
// - /unidades and /comissoes/pagamentos carry no `ativo` (the reference lists none);
// - a sale undone by a distrato keeps its /vendas row (ativo "S", referencia_data = data_venda); the
//   cancellation shows on /reservas (situacao "Distrato", data_cancelamento) and /distratos.
import type { Server } from 'node:http';
import { CvdwDataset, type CvdwSimSize } from './dataset';
import { Endpoints } from './endpoints';
import { CvdwRateLimiter } from './rate-limit';
import { type CvdwFaults, type CvdwSimStats, serverUrl, startServer } from './server';
import { DAY, parseFilterDate, saoPauloNow, saoPauloToday } from './time';

export type { CvdwFaults, CvdwSimStats } from './server';
export type { CvdwSimSize } from './dataset';
export { CVDW_PATHS } from './endpoints';

/** The credentials the demo and the tests use. They open nothing but this local simulator: not secrets. */
export const CVDW_SIM_EMAIL = 'demo@exemplo.com.br';
export const CVDW_SIM_TOKEN = '0123456789abcdef0123456789abcdef01234567';

export interface CvdwSimOptions {
  /** Default 1; same seed → same data. */
  seed?: number;
  /** small ≈ 3,000 reservations; large ≥ 200,000. */
  size?: CvdwSimSize;
  /** Default 0 (random); always 127.0.0.1. */
  port?: number;
  email?: string;
  token?: string;
  /** Per credential, rolling window. Default 20 per 60 s (the vendor CLI's figure). */
  rateLimit?: { max: number; windowMs: number } | false;
  /** Default true: the oddities captured from live tenants (reference §10). */
  dirt?: boolean;
  faults?: CvdwFaults;
  /**
   * 'YYYY-MM-DD': the generated history ends on this day. Default (and latest): yesterday in São
   * Paulo. Never today: rows "from later today" would sort after a row changed now, and an
   * incremental sync from the newest date seen would miss that change.
   */
  referenceDay?: string;
  /** Per response, default 0. */
  latencyMs?: number;
}

export interface CvdwSim {
  /** e.g. http://127.0.0.1:PORT; endpoints live under /api/v1/cvdw/<path>. */
  url: string;
  email: string;
  token: string;
  stats: CvdwSimStats;
  setFaults(faults: CvdwFaults): void;
  /** Rows exactly as the API would serve them (after dirt), in serving order, for tests to compare against. */
  rows(path: string): Record<string, unknown>[];
  /** Bumps referencia_data of rows of a path to "now" (they move to the end of the ordering), e.g. while a scan pages. */
  touch(path: string, referencias: Array<string | number>, changes?: Record<string, unknown>): void;
  /** Calls fn before serving page `page` of `path` once (to update rows mid-scan). */
  onPage(path: string, page: number, fn: () => void): void;
  /** ativo "N" + a new referencia_data. */
  softDelete(path: string, referencia: string | number): void;
  close(): Promise<void>;
}

const DEFAULT_RATE_LIMIT = { max: 20, windowMs: 60_000 };

export async function startCvdwSim(options: CvdwSimOptions = {}): Promise<CvdwSim> {
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}.`);
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  if (rateLimit && !(Number.isInteger(rateLimit.max) && rateLimit.max >= 1 && rateLimit.windowMs > 0)) {
    throw new Error(`rateLimit needs max >= 1 (integer) and windowMs > 0, got ${JSON.stringify(rateLimit)}.`);
  }
  const referenceDay = options.referenceDay ?? saoPauloToday();
  const dayStart = parseFilterDate(referenceDay);
  if (dayStart === null || !/^\d{4}-\d{2}-\d{2}$/.test(referenceDay)) throw new Error(`referenceDay must be a date as YYYY-MM-DD, got "${referenceDay}".`);
  const latencyMs = options.latencyMs ?? 0;
  if (!(latencyMs >= 0)) throw new Error(`latencyMs must be >= 0, got ${latencyMs}.`);

  const today = parseFilterDate(saoPauloToday()) ?? dayStart;
  const end = Math.min(dayStart + DAY - 1, today - 1);
  const data = new CvdwDataset(seed, options.size ?? 'small', end);
  const endpoints = new Endpoints(data, options.dirt ?? true);
  const tables = endpoints.tables;
  const email = options.email ?? CVDW_SIM_EMAIL;
  const token = options.token ?? CVDW_SIM_TOKEN;
  const stats: CvdwSimStats = { requests: 0, rejected429: 0, maxInWindow: 0, byPath: {} };
  let faults: CvdwFaults = { ...options.faults };
  const hooks = new Map<string, Array<() => void>>();

  const tableOf = (path: string) => {
    const table = tables.get(path.replace(/^\/+|\/+$/g, ''));
    if (!table) throw new Error(`CVDW simulator has no endpoint "${path}"; known: ${[...tables.keys()].join(', ')}.`);
    return table;
  };
  const touchOne = (path: string, referencia: string | number, changes?: Record<string, unknown>) => {
    const table = tableOf(path);
    const i = table.indexOfReferencia(referencia);
    if (i < 0) throw new Error(`CVDW simulator: no row with referencia ${JSON.stringify(referencia)} in "${path}".`);
    table.touch(i, saoPauloNow(), changes);
  };

  const server: Server = await startServer({
    tables,
    limiter: new CvdwRateLimiter(rateLimit, rateLimit ? rateLimit.windowMs : DEFAULT_RATE_LIMIT.windowMs),
    stats,
    faults: () => faults,
    email,
    token,
    latencyMs,
    phpEscapes: options.dirt ?? true,
    beforePage: (path, page) => {
      const key = `${path}#${page}`;
      const fns = hooks.get(key);
      if (!fns) return;
      hooks.delete(key);
      for (const fn of fns) fn();
    },
  }, options.port ?? 0);

  return {
    url: serverUrl(server),
    email,
    token,
    stats,
    setFaults: (next) => {
      faults = { ...next };
    },
    rows: (path) => {
      const table = tableOf(path);
      return Array.from(table.order(), (i) => table.row(i));
    },
    touch: (path, referencias, changes) => {
      for (const referencia of referencias) touchOne(path, referencia, changes);
    },
    onPage: (path, page, fn) => {
      const key = `${tableOf(path).path}#${page}`;
      hooks.set(key, [...(hooks.get(key) ?? []), fn]);
    },
    softDelete: (path, referencia) => touchOne(path, referencia, { ativo: 'N' }),
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
export { parseCvdwFaults } from './faults';
