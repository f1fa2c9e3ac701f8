import type { Db } from '../db/database';

export class CursorStore {
  constructor(private readonly db: Db) {}

  load<C>(source: string, stream: string): C | null {
    const row = this.db.prepare('SELECT cursor FROM sync_cursors WHERE source = ? AND stream = ?').get(source, stream) as { cursor: string } | undefined;
    return row ? (JSON.parse(row.cursor) as C) : null;
  }

  save(source: string, stream: string, cursor: unknown): void {
    this.db
      .prepare(
        `INSERT INTO sync_cursors (source, stream, cursor, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (source, stream) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
      )
      .run(source, stream, JSON.stringify(cursor), new Date().toISOString());
  }

  clear(source: string): void {
    this.db.prepare('DELETE FROM sync_cursors WHERE source = ?').run(source);
  }
}
