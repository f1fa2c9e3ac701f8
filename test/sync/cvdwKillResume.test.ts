import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { STREAMS } from '../../src/main/core/sources/cvdw/records';
import { startCvdwSim, type CvdwSim } from '../../src/main/sim/cvdw';
import { nexus, nexusAsync } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

let sim: CvdwSim | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

const EMAIL = 'integracao@construtora.com.br';
const TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';

function count(file: string, table: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

/** Every mirror table, every column but the scan stamp, in key order. */
function mirror(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const { table } of STREAMS) {
      const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name).filter((c) => c !== 'seen_scan');
      out[table] = db.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY referencia`).all();
    }
    return out;
  } finally {
    db.close();
  }
}

function setUp(dataDir: string, url: string): string[] {
  const base = ['--data-dir', dataDir];
  expect(nexus([...base, 'company', 'add', 'acme', '--name', 'Construtora Acme']).code).toBe(0);
  const set = nexus([...base, 'source', 'set', 'acme', 'cvdw', `url=${url}`, `email=${EMAIL}`, 'requests_per_minute=600']);
  expect(set.stderr).toBe('');
  expect(set.code).toBe(0);
  const secret = nexus([...base, 'secret', 'set', 'acme', 'cvdw', 'token'], { input: `${TOKEN}\n` });
  expect(secret.code, secret.stderr).toBe(0);
  return base;
}

describe('CVDW: kill -9 in the middle of a sync', () => {
  it('resumes from the saved cursor to the same mirror as one clean run', async () => {
    sim = await startCvdwSim({ seed: 11, size: { reservations: 6_000 }, email: EMAIL, token: TOKEN, rateLimit: false, latencyMs: 15, referenceDay: '2025-06-30' });
    const killedDir = tempDir();
    const killedFile = join(killedDir, 'companies', 'acme.sqlite');
    const base = setUp(killedDir, sim.url);

    const child = nexusAsync([...base, 'sync', 'acme', 'cvdw']);
    const total = sim.rows('reservas').length;
    let seen = 0;
    for (let i = 0; i < 2400 && seen < 1500; i++) {
      await new Promise((r) => setTimeout(r, 50));
      seen = count(killedFile, 'cvdw_reservations');
    }
    expect(seen).toBeGreaterThanOrEqual(1500);
    child.kill('SIGKILL');
    expect((await child).code).toBe(-1);
    const afterKill = count(killedFile, 'cvdw_reservations');
    expect(afterKill).toBeLessThan(total);

    const before = sim.stats.byPath['/api/v1/cvdw/reservas'] ?? 0;
    const resumed = await nexusAsync([...base, 'sync', 'acme', 'cvdw']);
    expect(resumed.stderr).toMatch(/CVDW: sincronização concluída/);
    expect(resumed.code).toBe(0);
    // Resumed where it stopped: the reservations already saved were not asked for again.
    const pagesLeft = Math.ceil((total - afterKill) / 500);
    expect((sim.stats.byPath['/api/v1/cvdw/reservas'] ?? 0) - before).toBeLessThanOrEqual(pagesLeft + 2);

    const cleanDir = tempDir();
    const cleanBase = setUp(cleanDir, sim.url);
    const clean = await nexusAsync([...cleanBase, 'sync', 'acme', 'cvdw']);
    expect(clean.code, clean.stderr).toBe(0);

    const resumedMirror = mirror(killedFile);
    const cleanMirror = mirror(join(cleanDir, 'companies', 'acme.sqlite'));
    expect(resumedMirror.cvdw_reservations).toHaveLength(total);
    for (const { table } of STREAMS) expect(resumedMirror[table], table).toEqual(cleanMirror[table]);

    const db = new Database(killedFile, { readonly: true });
    const runs = db.prepare("SELECT status FROM runs WHERE kind = 'sync' ORDER BY started_at").all() as Array<{ status: string }>;
    db.close();
    expect(runs.map((r) => r.status)).toEqual(['interrupted', 'succeeded']);
  }, 300_000);
});
