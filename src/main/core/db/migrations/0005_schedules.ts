import { sql } from '../sql';

/**
 * One schedule per source of the company. `cron` is always the expression that runs (a preset's
 * own expression included), so the scheduler never needs the preset list to know when to run.
 * `next_run_at` is kept up to date after every change and every run (NULL while off): a due time
 * that passed while the app was closed is found on the next start and run once.
 */
export default {
  version: 5,
  name: 'schedules',
  sql: sql`
    CREATE TABLE schedules (
      source TEXT PRIMARY KEY,
      preset TEXT,
      cron TEXT NOT NULL,
      enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
      next_run_at TEXT,
      last_run_at TEXT,
      last_run_id TEXT,
      last_status TEXT,
      updated_at TEXT NOT NULL
    );
  `,
};
