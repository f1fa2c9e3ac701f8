import { sql } from '../sql';

/**
 * Consortium clients imported from the consultants' spreadsheets, the points of sale the Canopus
 * robot logs into, and one result row per client cota per robot run. Codes of points of sale are
 * kept as digits ("17308"); the UI shows them as "17.308".
 */
export default {
  version: 3,
  name: 'boletos',
  sql: sql`
    CREATE TABLE consortium_clients (
      id INTEGER PRIMARY KEY,
      point_of_sale TEXT NOT NULL,
      cpf TEXT NOT NULL,
      grupo TEXT NOT NULL DEFAULT '',
      cota TEXT NOT NULL DEFAULT '',
      name TEXT NOT NULL,
      name_raw TEXT NOT NULL,
      consultant TEXT NOT NULL DEFAULT '',
      situacao TEXT,
      phone TEXT,
      email TEXT,
      extra TEXT NOT NULL DEFAULT '{}',
      source_file TEXT,
      source_sheet TEXT,
      source_row INTEGER,
      imported_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (point_of_sale, cpf, grupo, cota)
    );
    CREATE INDEX consortium_clients_by_cpf ON consortium_clients (cpf);

    CREATE TABLE points_of_sale (
      code TEXT PRIMARY KEY,
      portal_user TEXT NOT NULL,
      label TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    CREATE TABLE boleto_results (
      run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
      point_of_sale TEXT NOT NULL,
      period TEXT NOT NULL,
      cpf TEXT NOT NULL,
      grupo TEXT NOT NULL DEFAULT '',
      cota TEXT NOT NULL DEFAULT '',
      client_name TEXT NOT NULL,
      consultant TEXT NOT NULL DEFAULT '',
      status TEXT NOT NULL CHECK (status IN ('success', 'error', 'cpf_not_found', 'no_boleto')),
      month TEXT,
      due_date TEXT,
      value_cents INTEGER,
      line TEXT,
      file TEXT,
      sha256 TEXT,
      message TEXT,
      screenshot TEXT,
      html TEXT,
      attempts INTEGER NOT NULL DEFAULT 1,
      started_at TEXT NOT NULL,
      ended_at TEXT NOT NULL,
      PRIMARY KEY (run_id, cpf, grupo, cota)
    );
    CREATE INDEX boleto_results_by_period ON boleto_results (point_of_sale, period, cpf, ended_at);
    CREATE INDEX boleto_results_by_end ON boleto_results (ended_at);
  `,
};
