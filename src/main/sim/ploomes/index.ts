import type { Server } from 'node:http';
import { USERS } from './catalog';
import { PloomesDataset, type PloomesSimSize } from './dataset';
import type { PloomesSimFaults } from './faults';
import { Draws, Stream } from './random';
import { RateLimiter } from './rate-limit';
import type { Rec } from './schema';
import { serverUrl, startServer, type PloomesSimStats } from './server';
import type { Table } from './table';
import { formatPloomesDate, localTime } from './time';
import { Webhooks } from './webhooks';
import { PloomesWrites } from './writes';

export { parsePloomesFaults, type PloomesSimFaults } from './faults';
export type { PloomesSimSize } from './dataset';
export type { PloomesSimStats } from './server';

/** The key the demo and the tests use. It opens nothing but this local simulator: not a secret. */
export const PLOOMES_SIM_DEMO_KEY = 'nexus-demo-ploomes-key';

export interface PloomesSimOptions {
  /** 0 / undefined = a random free port. The server binds 127.0.0.1 only. */
  port?: number;
  /** Same seed, byte-identical data. Default 1. */
  seed?: number;
  /** small ≈ 300 customers and 3,000 deals; large = 50,000 customers and 1,000,000 deals. */
  size?: PloomesSimSize;
  /** Accepted User-Key values; default [PLOOMES_SIM_DEMO_KEY]. */
  userKeys?: string[];
  /** Added to every response. */
  latencyMs?: number | { min: number; max: number };
  /** Per key, rolling window; default 120 per 60 s (Ploomes' documented limit). */
  rateLimit?: { max: number; windowMs: number } | false;
  /** Default true: a 429 carries Retry-After (seconds until a slot frees). */
  retryAfterOn429?: boolean;
  faults?: PloomesSimFaults;
  /** Clock for the LastUpdateDate of writes; default real time. */
  now?: () => Date;
  /**
   * The instant the generated history ends at; default 2025-12-31T23:59:59.999-03:00 (data for
   * 2023-01-02 … 2025-12-31). The history keeps its length and moves as a block by whole days: it
   * starts at 00:00 (São Paulo) of the day 1,094 days before the São Paulo day of `dataEnd`, and
   * no generated date (CreateDate, StartDate, FinishDate, LastUpdateDate, deletions) is later than
   * `dataEnd`. Same seed, size and dataEnd: byte-identical data. Writes made at run time still use
   * `now()`, whatever dataEnd says. Accepted from 2022-03-01T00:00-03:00 to the end of 9998.
   */
  dataEnd?: Date;
}

export interface PloomesSim {
  /** e.g. http://127.0.0.1:43211, no trailing slash; API paths follow directly (`${url}/Deals`). */
  url: string;
  close(): Promise<void>;
  /** Read on every request: change it (or its fields) between requests. */
  faults: PloomesSimFaults;
  stats: PloomesSimStats;
  /** Current deals as the API returns them (no expands), deleted ones excluded. */
  deals(): Iterable<Record<string, unknown>>;
  contacts(): Iterable<Record<string, unknown>>;
  deletedDealIds(): number[];
  /**
   * Edits as if made in Ploomes, bumping LastUpdateDate to now(). The patch lands verbatim (a test
   * may plant an invalid value); unknown property names throw. The HTTP API validates instead.
   */
  updateDeal(id: number, patch: Record<string, unknown>): Record<string, unknown>;
  winDeal(id: number, amount?: number): Record<string, unknown>;
  deleteDeal(id: number): void;
  createDeal(fields: Record<string, unknown>): Record<string, unknown>;
  updateContact(id: number, patch: Record<string, unknown>): Record<string, unknown>;
}

/**
 * `dataEnd` for "the end of this São Paulo day": ploomesDataEndOfDay('2026-11-23') is
 * 2026-11-23T23:59:59.999-03:00. Throws on anything but a real YYYY-MM-DD date.
 */
export function ploomesDataEndOfDay(date: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const end = m ? localTime(Number(m[1]), Number(m[2]), Number(m[3]) + 1) - 1 : NaN;
  if (!m || formatPloomesDate(end).slice(0, 10) !== date) throw new Error(`expected a date as YYYY-MM-DD, got "${date}".`);
  return new Date(end);
}

const DEFAULT_RATE_LIMIT = { max: 120, windowMs: 60_000 };
/** Mutations made through the simulator object act as the account's administrator. */
const EDITOR_ID = USERS[1].Id;

function* liveRecords(table: Table): Generator<Rec> {
  for (let ref = 0; ref < table.size(); ref++) if (table.live(ref)) yield table.record(ref);
}

function latencyFunction(latency: PloomesSimOptions['latencyMs'], seed: number): () => number {
  if (latency === undefined || latency === 0) return () => 0;
  if (typeof latency === 'number') {
    if (!(latency >= 0)) throw new Error(`latencyMs must be >= 0, got ${latency}.`);
    return () => latency;
  }
  const { min, max } = latency;
  if (!(min >= 0 && max >= min)) throw new Error(`latencyMs range must satisfy 0 <= min <= max, got ${JSON.stringify(latency)}.`);
  const draws = new Draws(seed, Stream.latency, 0);
  return () => min + Math.floor(draws.unit() * (max - min + 1));
}

export async function startPloomesSim(options: PloomesSimOptions = {}): Promise<PloomesSim> {
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}.`);
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  if (rateLimit && !(Number.isInteger(rateLimit.max) && rateLimit.max >= 1 && rateLimit.windowMs > 0)) {
    throw new Error(`rateLimit needs max >= 1 (integer) and windowMs > 0, got ${JSON.stringify(rateLimit)}.`);
  }
  const userKeys = options.userKeys ?? [PLOOMES_SIM_DEMO_KEY];
  if (userKeys.length === 0) throw new Error('userKeys must name at least one key.');
  const now = options.now ?? (() => new Date());
  let dataEnd: number | undefined;
  if (options.dataEnd !== undefined) {
    dataEnd = options.dataEnd instanceof Date ? options.dataEnd.getTime() : NaN;
    if (Number.isNaN(dataEnd)) throw new Error(`dataEnd must be a valid Date, got ${String(options.dataEnd)}.`);
  }

  const data = new PloomesDataset(seed, options.size ?? 'small', dataEnd);
  const writes = new PloomesWrites(data, now);
  const webhooks = new Webhooks(data, now);
  const stats: PloomesSimStats = { requests: 0, status: {}, rateLimited: 0, maxInWindow: 0, byPath: {} };
  let faults: PloomesSimFaults = options.faults ?? {};
  let url = '';
  const server: Server = await startServer({
    data, writes, webhooks, stats,
    limiter: new RateLimiter(rateLimit, rateLimit ? rateLimit.windowMs : DEFAULT_RATE_LIMIT.windowMs),
    faults: () => faults,
    keys: new Set(userKeys),
    retryAfterOn429: options.retryAfterOn429 ?? true,
    latencyMs: latencyFunction(options.latencyMs, seed),
    baseUrl: () => url,
  }, options.port ?? 0);
  url = serverUrl(server);

  return {
    url,
    get faults() {
      return faults;
    },
    set faults(next: PloomesSimFaults) {
      faults = next;
    },
    stats,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await webhooks.settle();
    },
    deals: () => liveRecords(data.deals),
    contacts: () => liveRecords(data.contacts),
    deletedDealIds: () => data.deletedDeals.all().map((rec) => rec.Id as number),
    updateDeal: (id, patch) => writes.patchDealVerbatim(id, patch, EDITOR_ID),
    winDeal: (id, amount) => writes.winDeal(id, amount, EDITOR_ID),
    deleteDeal: (id) => writes.deleteDeal(id, EDITOR_ID),
    createDeal: (fields) => writes.createDeal(fields, EDITOR_ID),
    updateContact: (id, patch) => writes.patchContactVerbatim(id, patch, EDITOR_ID),
  };
}
