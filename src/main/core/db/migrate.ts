import { createHash } from 'node:crypto';
import { copyFileSync, existsSync } from 'node:fs';
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly code: 'newer-database' | 'checksum-mismatch' | 'failed' | 'bad-sequence',
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

export function checksumOf(migration: Migration): string {
  return createHash('sha256').update(migration.sql.replace(/\r\n/g, '\n')).digest('hex');
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

export interface MigrateResult {
  applied: number[];
  backupFile: string | null;
}

/**
 * Brings a database up to the latest migration. Each migration runs in its own transaction and
 * records its checksum, so an edited migration or a database written by a newer app is refused
 * before anything is touched. A database that already holds data is copied aside first.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[], file: string | null): MigrateResult {
  assertSequence(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedRow[];
  const known = new Map(migrations.map((m) => [m.version, m]));
  const latest = migrations.length ? migrations[migrations.length - 1].version : 0;

  for (const row of applied) {
    if (row.version > latest) {
      throw new MigrationError(
        `${file ? `O arquivo de dados ${file}` : 'Este banco de dados'} foi criado por uma versão mais nova do Nexus Desktop (esquema ${row.version}, esta versão conhece até ${latest}); atualize o aplicativo para abri-lo.`,
        'newer-database',
      );
    }
    const migration = known.get(row.version);
    if (!migration) {
      throw new MigrationError(`Migração ${row.version} (${row.name}) aplicada no banco não existe nesta versão do aplicativo.`, 'bad-sequence');
    }
    if (checksumOf(migration) !== row.checksum) {
      throw new MigrationError(
        `A migração ${row.version} (${row.name}) foi alterada depois de aplicada (checksum diferente); migrações publicadas nunca podem ser editadas — crie uma nova migração.`,
        'checksum-mismatch',
      );
    }
  }

  const appliedVersions = new Set(applied.map((r) => r.version));
  const pending = migrations.filter((m) => !appliedVersions.has(m.version));
  let backupFile: string | null = null;
  if (pending.length && applied.length && file && existsSync(file)) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    backupFile = `${file}.before-v${pending[0].version}.bak`;
    copyFileSync(file, backupFile);
  }

  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  for (const migration of pending) {
    const apply = db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, checksumOf(migration), new Date().toISOString());
    });
    try {
      apply();
    } catch (err) {
      throw new MigrationError(
        `A migração ${migration.version} (${migration.name}) falhou e foi desfeita; nenhum dado foi perdido${backupFile ? ` (cópia de segurança em ${backupFile})` : ''}: ${(err as Error).message}`,
        'failed',
      );
    }
  }
  return { applied: pending.map((m) => m.version), backupFile };
}

function assertSequence(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new MigrationError(`Migrations must be numbered 1..n without gaps; found ${m.version} at position ${i + 1}.`, 'bad-sequence');
    }
  });
}
