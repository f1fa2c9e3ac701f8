import Database from 'better-sqlite3';
import { foldText } from '../../../shared/text';
import { migrate, type Migration } from './migrate';

export type Db = Database.Database;

/** Opens (creating if needed) a SQLite file in WAL mode and brings it to the latest migration. */
export function openDatabase(file: string, migrations: readonly Migration[]): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    // Sync pages dirty index pages all over the file; a larger cache and fewer, larger checkpoints
    // let one checkpoint write a page that several transactions touched (measured in bench/).
    db.pragma('cache_size = -32768');
    db.pragma('wal_autocheckpoint = 20000');
    db.pragma('journal_size_limit = 67108864');
    // For searches that ignore case and accents; only queries use it, never the schema, so the
    // file stays readable by any SQLite tool.
    db.function('fold_text', { deterministic: true }, (value: unknown) => foldText(value === null ? null : String(value)));
    migrate(db, migrations, file);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
