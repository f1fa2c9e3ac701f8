import { sql } from '../sql';

export default {
  version: 1,
  name: 'core',
  sql: sql`
    CREATE TABLE company (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      slug TEXT NOT NULL,
      name TEXT NOT NULL,
      timezone TEXT NOT NULL DEFAULT 'America/Sao_Paulo',
      created_at TEXT NOT NULL
    );

    -- Non-secret settings per source (URL, e-mail, limits). Secrets live in the OS keychain only.
    CREATE TABLE source_settings (
      source TEXT NOT NULL,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (source, key)
    );

    -- One cursor per stream, written in the same transaction as the page it follows.
    CREATE TABLE sync_cursors (
      source TEXT NOT NULL,
      stream TEXT NOT NULL,
      cursor TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (source, stream)
    );

    CREATE TABLE runs (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,
      source TEXT,
      title TEXT NOT NULL,
      started_at TEXT NOT NULL,
      ended_at TEXT,
      status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
      counts TEXT NOT NULL DEFAULT '{}',
      error_code TEXT,
      error TEXT,
      pid INTEGER,
      host TEXT
    );
    CREATE INDEX runs_by_kind_source ON runs (kind, source, started_at);
    CREATE INDEX runs_by_start ON runs (started_at);

    CREATE TABLE run_items (
      run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      seq INTEGER NOT NULL,
      item TEXT NOT NULL,
      status TEXT NOT NULL,
      message TEXT,
      at TEXT NOT NULL,
      PRIMARY KEY (run_id, seq)
    );
  `,
};
