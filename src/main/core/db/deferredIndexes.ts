import type { Db } from './database';

/**
 * Secondary indexes set aside while a large table is first filled: inserting a million rows into
 * a table without them and building each index once at the end is about twice as fast as keeping
 * them up to date row by row. Each index's DDL is saved in `deferred_indexes` in the same
 * transaction that drops it, so a crash in between never loses one: the next sync (or the next
 * read of the area) builds whatever is still listed.
 */
export function deferIndexes(db: Db, table: string): void {
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL").all(table) as Array<{ name: string; sql: string }>;
  const save = db.prepare('INSERT OR REPLACE INTO deferred_indexes (name, table_name, sql) VALUES (?, ?, ?)');
  for (const index of indexes) {
    save.run(index.name, table, index.sql);
    db.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
  }
}

/** Builds the set-aside indexes (of one table, or all) and forgets them. */
export function restoreIndexes(db: Db, table?: string): number {
  const rows = (
    table ? db.prepare('SELECT name, sql FROM deferred_indexes WHERE table_name = ?').all(table) : db.prepare('SELECT name, sql FROM deferred_indexes').all()
  ) as Array<{ name: string; sql: string }>;
  const forget = db.prepare('DELETE FROM deferred_indexes WHERE name = ?');
  for (const row of rows) {
    db.exec(row.sql.replace(/^CREATE INDEX /i, 'CREATE INDEX IF NOT EXISTS '));
    forget.run(row.name);
  }
  return rows.length;
}
