import type { Db } from '../db/database';

export interface WriteCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

export interface StreamPage<C> {
  records: unknown[];
  /** Cursor to continue from after this page is saved. */
  next: C;
  /** True on the last page of the scan; `next` then starts the following run. */
  done: boolean;
  /** Estimated records in the whole scan, when the source lets us know. */
  estimatedTotal?: number | null;
}

/**
 * One kind of record from a source (e.g. Ploomes deals). The stream knows how to fetch a page from
 * a cursor and how to write records into the mirror; the engine owns transactions, cursors,
 * retries, progress and cancellation.
 */
export interface SyncStream<C = unknown> {
  name: string;
  /** Progress label and unit in pt-BR, e.g. "Negócios" / "negócios". */
  label: string;
  unit: string;
  /** The cursor this run starts from: resumes `saved` unless a full re-sync is asked for. */
  begin(saved: C | null, options: { full: boolean }): C;
  fetch(cursor: C, signal: AbortSignal): Promise<StreamPage<C>>;
  /** Writes one page; runs inside the engine's transaction together with the cursor save. */
  write(db: Db, records: unknown[], cursor: C): WriteCounts;
  /**
   * After the last page of a scan, in the same transaction, with the cursor that fetched that page
   * (e.g. a full scan removes the rows it did not meet). Returns the rows deleted.
   */
  complete?(db: Db, ended: C): number;
}

export interface Connector {
  source: string;
  label: string;
  streams: SyncStream<never>[] | SyncStream[];
  /** Cheap authenticated request; resolves with a sentence for the user, or throws a UserError. */
  testConnection(signal?: AbortSignal): Promise<string>;
  /** After every stream has run, in one transaction (aggregates the KPIs read). */
  afterSync?(db: Db): void;
  /** Releases what the streams held open (database sessions, tunnels); called once the run ends. */
  close?(): Promise<void>;
  /** Records the source sent that failed validation: skipped, reported in the run's log. */
  invalidRecords?: ReadonlyArray<{ stream: string; id: unknown; problem: string }>;
}
