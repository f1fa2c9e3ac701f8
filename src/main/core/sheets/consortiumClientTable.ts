import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database';
import { sql } from '../db/sql';
import { CLIENT_DATA, type ClientRow } from './clientRow';

const FIND = sql`
  SELECT name, name_raw, consultant, situacao, phone, email, extra, source_file, source_sheet, source_row
  FROM consortium_clients
  WHERE point_of_sale = ? AND cpf = ? AND grupo = ? AND cota = ?`;

const ANY = sql`SELECT 1 FROM consortium_clients LIMIT 1`;

const UPSERT = sql`
  INSERT INTO consortium_clients
    (point_of_sale, cpf, grupo, cota, name, name_raw, consultant, situacao, phone, email, extra,
     source_file, source_sheet, source_row, imported_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (point_of_sale, cpf, grupo, cota) DO UPDATE SET
    name = excluded.name, name_raw = excluded.name_raw, consultant = excluded.consultant,
    situacao = excluded.situacao, phone = excluded.phone, email = excluded.email, extra = excluded.extra,
    source_file = excluded.source_file, source_sheet = excluded.source_sheet, source_row = excluded.source_row,
    updated_at = excluded.updated_at`;

const MOVE_SOURCE = sql`
  UPDATE consortium_clients SET source_file = ?, source_sheet = ?, source_row = ?
  WHERE point_of_sale = ? AND cpf = ? AND grupo = ? AND cota = ?`;

/** Where the rows come from, kept with each client. */
export interface ClientSource {
  file: string;
  sheet: string | null;
}

/**
 * What storing a row would do. "moved": same data, only the file, sheet or row it came from
 * differ; it counts as unchanged and keeps its updated_at.
 */
export type ClientChange = 'new' | 'updated' | 'unchanged' | 'moved';

/** `consortium_clients` as the import sees it: one indexed lookup per row, one prepared upsert. */
export class ConsortiumClientTable {
  private readonly find: Statement;
  private readonly upsert: Statement;
  private readonly moveSource: Statement;
  private readonly any: Statement;

  constructor(db: Db) {
    this.any = db.prepare(ANY).pluck();
    this.find = db.prepare(FIND).raw(true);
    this.upsert = db.prepare(UPSERT);
    this.moveSource = db.prepare(MOVE_SOURCE);
  }

  isEmpty(): boolean {
    return this.any.get() === undefined;
  }

  change(row: ClientRow, source: ClientSource): ClientChange {
    const stored = this.find.get(row[0], row[1], row[2], row[3]) as unknown[] | undefined;
    if (!stored) return 'new';
    for (let i = 0; i < CLIENT_DATA.length; i++) if (stored[i] !== row[CLIENT_DATA[i]]) return 'updated';
    return stored[7] === source.file && stored[8] === source.sheet && stored[9] === row[11] ? 'unchanged' : 'moved';
  }

  /** Applies a change decided by `change`; "unchanged" writes nothing. */
  write(row: ClientRow, change: ClientChange, source: ClientSource, now: string): void {
    if (change === 'new' || change === 'updated') {
      const [pointOfSale, cpf, grupo, cota, name, nameRaw, consultant, situacao, phone, email, extra, sourceRow] = row;
      this.upsert.run(pointOfSale, cpf, grupo, cota, name, nameRaw, consultant, situacao, phone, email, extra, source.file, source.sheet, sourceRow, now, now);
    } else if (change === 'moved') {
      this.moveSource.run(source.file, source.sheet, row[11], row[0], row[1], row[2], row[3]);
    }
  }
}
