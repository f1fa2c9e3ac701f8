import { readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { Client } from 'pg';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import { UsageError, UserError, errorMessage } from '../../core/errors';
import { generateChatwoot, type ChatwootBase, type Row } from './dataset';

export interface LoadChatwootOptions {
  conversations: number;
  seed: number;
  end?: Date;
  accountId?: number;
  /** Drop and recreate the database when it already holds tables. */
  replace?: boolean;
}

export interface LoadChatwootResult {
  database: string;
  /** Rows written per table. */
  counts: Record<string, number>;
  seconds: number;
  end: Date;
}

/** Base tables in load order: accounts first, because their trigger creates the display_id sequences. */
const BASE_TABLES: Array<keyof ChatwootBase> = [
  'accounts', 'users', 'account_users', 'teams', 'team_members', 'channel_web_widgets', 'channel_api', 'inboxes', 'inbox_members', 'working_hours',
  'agent_bots', 'agent_bot_inboxes', 'contacts', 'contact_inboxes', 'labels', 'tags',
];
const BUNDLE_TABLES = ['conversations', 'messages', 'reporting_events', 'csat_survey_responses', 'taggings'] as const;
const FLUSH_BYTES = 1 << 20;

/** The reference DDL, read when a load starts (not at import: the CLI imports this module for every command). */
export function chatwootSchemaSql(): string {
  return readFileSync(join(__dirname, 'schema.sql'), 'utf8');
}

interface Target {
  database: string;
  /** The same server's maintenance database, where CREATE/DROP DATABASE run. */
  adminUrl: string;
  where: string;
}

/** Reads the database name and server out of a postgres:// URL; a malformed one is a usage error. */
export function chatwootTarget(pgUrl: string): Target {
  let url: URL;
  try {
    url = new URL(pgUrl);
  } catch {
    throw new UsageError(`URL do PostgreSQL inválida: "${pgUrl}"; use postgres://usuário@host:porta/banco.`);
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^postgres(ql)?:$/.test(url.protocol) || !database || database.includes('/')) {
    throw new UsageError(`URL do PostgreSQL inválida: "${pgUrl}"; use postgres://usuário@host:porta/banco (com o nome do banco).`);
  }
  const admin = new URL(url.href);
  admin.pathname = '/postgres';
  return { database, adminUrl: admin.href, where: `${url.hostname}:${url.port || '5432'}` };
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function connect(connectionString: string, where: string): Promise<Client> {
  const client = new Client({ connectionString });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw new UserError(`Não foi possível conectar ao PostgreSQL em ${where} (${errorMessage(err)}); verifique se o servidor está no ar e a URL passada em --pg.`, 'chatwoot-pg-connect');
  }
  return client;
}

function escapeText(s: string): string {
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** One value in COPY text format: \N for NULL, UTC wall time for dates, JSON text for objects. */
export function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString().slice(0, 23);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeText(value);
  return escapeText(JSON.stringify(value));
}

/** A long-running COPY into one table on its own connection, fed in chunks with backpressure. */
class TableCopy {
  rows = 0;
  private columns: string[] | null = null;
  private stream: CopyStreamQuery | null = null;
  private chunk: string[] = [];
  private bytes = 0;
  private failure: Error | null = null;

  constructor(
    private readonly client: Client,
    private readonly table: string,
  ) {}

  async add(row: Row): Promise<void> {
    if (!this.columns) {
      this.columns = Object.keys(row);
      this.stream = this.client.query(copyFrom(`COPY ${this.table} (${this.columns.join(', ')}) FROM STDIN`));
      this.stream.on('error', (err: Error) => (this.failure ??= err));
    }
    let line = '';
    for (let i = 0; i < this.columns.length; i++) line += (i ? '\t' : '') + copyValue(row[this.columns[i]]);
    line += '\n';
    this.chunk.push(line);
    this.bytes += line.length;
    this.rows++;
    if (this.bytes >= FLUSH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream || !this.chunk.length) return;
    const ok = this.stream.write(this.chunk.join(''));
    this.chunk = [];
    this.bytes = 0;
    if (!ok) await Promise.race([once(this.stream, 'drain'), once(this.stream, 'error')]);
    if (this.failure) throw this.failure;
  }

  async finish(): Promise<void> {
    await this.flush();
    const stream = this.stream;
    if (!stream) return;
    const done = new Promise<void>((resolve, reject) => {
      stream.on('finish', () => resolve());
      stream.on('error', reject);
    });
    stream.end();
    await done;
  }
}

async function databaseHasTables(target: Target, pgUrl: string): Promise<boolean> {
  const client = await connect(pgUrl, target.where);
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`);
    return Number(rows[0].n) > 0;
  } finally {
    await client.end();
  }
}

/** Creates the database named in the URL (refusing to touch one with tables unless `replace`). */
async function prepareDatabase(pgUrl: string, target: Target, replace: boolean): Promise<void> {
  const admin = await connect(target.adminUrl, target.where);
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [target.database])).rowCount;
    if (exists && (await databaseHasTables(target, pgUrl))) {
      if (!replace) {
        throw new UserError(`O banco "${target.database}" já existe e tem tabelas; use --replace para apagá-lo e recriá-lo com os dados simulados.`, 'chatwoot-db-exists');
      }
      await admin.query(`DROP DATABASE ${quoteIdent(target.database)} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${quoteIdent(target.database)}`);
    } else if (!exists) {
      await admin.query(`CREATE DATABASE ${quoteIdent(target.database)}`);
    }
  } finally {
    await admin.end();
  }
}

/**
 * Creates a Chatwoot database from the reference schema and fills it with a generated account:
 * base tables first, then the conversations streamed through one COPY per table, each on its own
 * connection so PostgreSQL ingests while the next bundles are generated.
 */
export async function loadChatwoot(pgUrl: string, options: LoadChatwootOptions): Promise<LoadChatwootResult> {
  const started = performance.now();
  const target = chatwootTarget(pgUrl);
  await prepareDatabase(pgUrl, target, options.replace ?? false);
  const dataset = generateChatwoot(options);
  const main = await connect(pgUrl, target.where);
  const bundleClients: Client[] = [];
  const counts: Record<string, number> = {};
  try {
    await main.query(chatwootSchemaSql());
    // The real trigger would overwrite the generated display_ids; the sequences are set afterwards instead.
    await main.query('ALTER TABLE conversations DISABLE TRIGGER conversations_before_insert_row_tr');
    for (const table of BASE_TABLES) {
      const copy = new TableCopy(main, table);
      for (const row of dataset.base[table]) await copy.add(row);
      await copy.finish();
      counts[table] = copy.rows;
    }
    const copies = {} as Record<(typeof BUNDLE_TABLES)[number], TableCopy>;
    for (const table of BUNDLE_TABLES) {
      const client = await connect(pgUrl, target.where);
      bundleClients.push(client);
      copies[table] = new TableCopy(client, table);
    }
    for (const bundle of dataset.bundles) {
      await copies.conversations.add(bundle.conversation);
      for (const row of bundle.messages) await copies.messages.add(row);
      for (const row of bundle.reportingEvents) await copies.reporting_events.add(row);
      for (const row of bundle.csatResponses) await copies.csat_survey_responses.add(row);
      for (const row of bundle.taggings) await copies.taggings.add(row);
    }
    await Promise.all(BUNDLE_TABLES.map((table) => copies[table].finish()));
    for (const table of BUNDLE_TABLES) counts[table] = copies[table].rows;
    await finishLoad(main, [...BASE_TABLES, ...BUNDLE_TABLES], dataset.base.accounts.map((a) => a.id as number));
  } finally {
    await Promise.all([main, ...bundleClients].map((c) => c.end().catch(() => undefined)));
  }
  return { database: target.database, counts, seconds: (performance.now() - started) / 1000, end: dataset.end };
}

/** What the app would have kept up to date row by row: sequences, the display_id trigger, tag counters, statistics. */
async function finishLoad(client: Client, tables: string[], accountIds: number[]): Promise<void> {
  for (const table of tables) {
    await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 0) + 1, false) FROM ${table}`);
  }
  for (const accountId of accountIds) {
    await client.query(`SELECT setval('conv_dpid_seq_${accountId}', coalesce(max(display_id), 0) + 1, false) FROM conversations WHERE account_id = $1`, [accountId]);
  }
  await client.query('ALTER TABLE conversations ENABLE TRIGGER conversations_before_insert_row_tr');
  await client.query(`UPDATE tags SET taggings_count = (SELECT count(*) FROM taggings WHERE taggings.tag_id = tags.id)`);
  await client.query('ANALYZE');
}

/** Drops the database named in the URL (tests clean up with it). */
export async function dropChatwootDatabase(pgUrl: string): Promise<void> {
  const target = chatwootTarget(pgUrl);
  const admin = await connect(target.adminUrl, target.where);
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(target.database)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
