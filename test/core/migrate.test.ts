import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/core/db/database';
import { MigrationError, migrate, type Migration } from '../../src/main/core/db/migrate';
import { companyMigrations } from '../../src/main/core/db/migrations';
import { tempDir } from '../helpers/tmp';

const m1: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT);' };
const m2: Migration = { version: 2, name: 'two', sql: 'CREATE TABLE b (id INTEGER PRIMARY KEY);' };

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
}

describe('migrations', () => {
  it('creates every company table in WAL mode and records each migration with its checksum', () => {
    const file = join(tempDir(), 'c.sqlite');
    const db = openDatabase(file, companyMigrations);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(tables(db)).toEqual(expect.arrayContaining(['company', 'runs', 'sync_cursors', 'ploomes_deals', 'crm_customer_sales']));
    const rows = db.prepare('SELECT version, checksum FROM schema_migrations ORDER BY version').all() as Array<{ version: number; checksum: string }>;
    expect(rows.map((r) => r.version)).toEqual(companyMigrations.map((m) => m.version));
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
    db.close();
    // Re-opening applies nothing new.
    const again = new Database(file);
    expect(migrate(again, companyMigrations, file).applied).toEqual([]);
    again.close();
  });

  it('refuses a database whose applied migration was edited afterwards', () => {
    const file = join(tempDir(), 'c.sqlite');
    const db = new Database(file);
    migrate(db, [m1], file);
    const edited = { ...m1, sql: 'CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT, w TEXT);' };
    expect(() => migrate(db, [edited, m2], file)).toThrowError(expect.objectContaining({ code: 'checksum-mismatch' }));
    expect(tables(db)).not.toContain('b');
    db.close();
  });

  it('refuses a database written by a newer app, touching nothing', () => {
    const file = join(tempDir(), 'c.sqlite');
    const db = new Database(file);
    migrate(db, [m1, m2], file);
    let error: unknown;
    try {
      migrate(db, [m1], file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).code).toBe('newer-database');
    expect((error as MigrationError).message).toMatch(/versão mais nova do Nexus Desktop.*atualize o aplicativo/);
    db.close();
  });

  it('rolls a failing migration back completely, keeps earlier data and leaves a backup of the file', () => {
    const file = join(tempDir(), 'c.sqlite');
    const db = new Database(file);
    migrate(db, [m1], file);
    db.prepare("INSERT INTO a (v) VALUES ('keep me')").run();
    const broken: Migration = { version: 2, name: 'broken', sql: 'CREATE TABLE c (id INTEGER); INSERT INTO nowhere VALUES (1);' };
    expect(() => migrate(db, [m1, broken], file)).toThrowError(expect.objectContaining({ code: 'failed' }));
    expect(tables(db)).not.toContain('c');
    expect(db.prepare('SELECT v FROM a').all()).toEqual([{ v: 'keep me' }]);
    expect((db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v).toBe(1);
    expect(existsSync(`${file}.before-v2.bak`)).toBe(true);
    const backup = new Database(`${file}.before-v2.bak`, { readonly: true });
    expect(backup.prepare('SELECT v FROM a').all()).toEqual([{ v: 'keep me' }]);
    backup.close();
    db.close();
  });

  it('rejects a migration list with gaps', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [m1, { ...m2, version: 3 }], null)).toThrowError(expect.objectContaining({ code: 'bad-sequence' }));
  });
});
