import Database from 'better-sqlite3';
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
    migrate(db, migrations, file);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
