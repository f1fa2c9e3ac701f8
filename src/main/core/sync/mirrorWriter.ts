import type Database from 'better-sqlite3';
import type { Db } from '../db/database';
import type { WriteCounts } from './types';

export interface MirrorTableSpec {
  table: string;
  /** Column names in row order; the first is the integer primary key, every table also has `seen_scan`. */
  columns: readonly string[];
  /** Column whose value changes whenever the source record changes (e.g. its LastUpdateDate). */
  versionColumn: string;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * Upserts mapped rows into a mirror table by primary key and says what changed. Rows whose version
 * is unchanged are not rewritten (overlapping incremental windows re-read records), only marked as
 * seen by the current scan.
 */
export class MirrorWriter {
  private readonly upsert: Database.Statement;
  private readonly existing: Database.Statement;
  private readonly touch: Database.Statement;
  private readonly removeIds: Database.Statement;
  private readonly removeUnseen: Database.Statement;
  private readonly versionIndex: number;
  private readonly countAll: Database.Statement;
  /** Rows met per scan by this writer (this process): lets a completed scan skip the unseen-rows sweep. */
  private readonly metInScan = new Map<number, number>();

  /** Full scans that began on an empty table: every row they bring is new (see `assumeNewOnFreshScan`). */
  private readonly freshScans = new Set<number>();

  /**
   * `assumeNewOnFreshScan`: for sources whose scans never repeat a row (keyset order), a full scan
   * that starts on an empty table skips the per-page lookup of existing versions — a first sync
   * then writes at insert speed. Rows are still upserted, so the data is right either way.
   */
  constructor(
    db: Db,
    readonly spec: MirrorTableSpec,
    private readonly options: { assumeNewOnFreshScan?: boolean } = {},
  ) {
    for (const name of [spec.table, ...spec.columns]) {
      if (!IDENT.test(name)) throw new Error(`Bad SQL identifier in mirror spec: ${name}`);
    }
    const [pk, ...rest] = spec.columns;
    const all = [...spec.columns, 'seen_scan'];
    this.versionIndex = spec.columns.indexOf(spec.versionColumn);
    if (this.versionIndex < 0) throw new Error(`Version column ${spec.versionColumn} is not among the columns of ${spec.table}`);
    this.upsert = db.prepare(
      `INSERT INTO ${spec.table} (${all.join(', ')}) VALUES (${all.map(() => '?').join(', ')})
       ON CONFLICT (${pk}) DO UPDATE SET ${[...rest, 'seen_scan'].map((c) => `${c} = excluded.${c}`).join(', ')}`,
    );
    this.existing = db.prepare(`SELECT ${pk} AS id, ${spec.versionColumn} AS version FROM ${spec.table} WHERE ${pk} IN (SELECT value FROM json_each(?))`);
    this.touch = db.prepare(`UPDATE ${spec.table} SET seen_scan = ? WHERE ${pk} IN (SELECT value FROM json_each(?))`);
    this.removeIds = db.prepare(`DELETE FROM ${spec.table} WHERE ${pk} IN (SELECT value FROM json_each(?))`);
    this.removeUnseen = db.prepare(`DELETE FROM ${spec.table} WHERE seen_scan IS NOT ?`);
    this.countAll = db.prepare(`SELECT COUNT(*) AS n FROM ${spec.table}`);
  }

  write(rows: unknown[][], scanId: number, markSeen: boolean): WriteCounts {
    const counts: WriteCounts = { inserted: 0, updated: 0, unchanged: 0, deleted: 0 };
    if (!rows.length) return counts;
    if (this.options.assumeNewOnFreshScan && markSeen && !this.metInScan.has(scanId) && (this.countAll.get() as { n: number }).n === 0) this.freshScans.add(scanId);
    if (this.freshScans.has(scanId)) {
      for (const row of rows) {
        row.push(scanId);
        this.upsert.run(row);
      }
      counts.inserted = rows.length;
      this.metInScan.set(scanId, (this.metInScan.get(scanId) ?? 0) + rows.length);
      return counts;
    }
    const ids = rows.map((r) => r[0]);
    const known = new Map<number, unknown>();
    for (const row of this.existing.all(JSON.stringify(ids)) as Array<{ id: number; version: unknown }>) known.set(row.id, row.version);
    const unchanged: unknown[] = [];
    for (const row of rows) {
      const id = row[0] as number;
      if (!known.has(id)) {
        counts.inserted++;
      } else if (known.get(id) === row[this.versionIndex]) {
        counts.unchanged++;
        unchanged.push(id);
        continue;
      } else {
        counts.updated++;
      }
      row.push(scanId);
      this.upsert.run(row);
    }
    if (markSeen && unchanged.length) this.touch.run(scanId, JSON.stringify(unchanged));
    this.metInScan.set(scanId, (this.metInScan.get(scanId) ?? 0) + rows.length);
    return counts;
  }

  deleteIds(ids: number[]): number {
    return ids.length ? this.removeIds.run(JSON.stringify(ids)).changes : 0;
  }

  /** True when this process met, in that scan, as many rows as the table holds: none is unseen. */
  metAll(scanId: number): boolean {
    const met = this.metInScan.get(scanId);
    return met !== undefined && met === (this.countAll.get() as { n: number }).n;
  }

  /**
   * Removes rows a completed full scan did not meet: the source no longer has them. When this
   * process met as many rows as the table holds (keyset scans never meet a row twice), there is
   * nothing to remove and the sweep over the whole table is skipped.
   */
  deleteUnseen(scanId: number): number {
    const met = this.metInScan.get(scanId);
    this.metInScan.delete(scanId);
    if (met !== undefined && met === (this.countAll.get() as { n: number }).n) return 0;
    return this.removeUnseen.run(scanId).changes;
  }
}
