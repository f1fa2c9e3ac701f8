import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startPloomesSim, type PloomesSim } from '../../src/main/sim/ploomes';
import { nexus, nexusAsync } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

let sim: PloomesSim | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

function mirrorCount(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM ploomes_deals').get() as { n: number }).n;
  } catch {
    return 0;
  } finally {
    db.close();
  }
}

describe('kill -9 in the middle of a sync', () => {
  it('loses at most the page in flight and the next run resumes without duplicates', async () => {
    sim = await startPloomesSim({ seed: 21, size: { customers: 300, deals: 24_000 }, latencyMs: 25, rateLimit: false });
    const dataDir = tempDir();
    const file = join(dataDir, 'companies', 'acme.sqlite');
    const base = ['--data-dir', dataDir];
    expect(nexus([...base, 'company', 'add', 'acme', '--name', 'ACME']).code).toBe(0);
    expect(nexus([...base, 'source', 'set', 'acme', 'ploomes', `url=${sim.url}`, 'demo=1', 'requests_per_minute=100000']).code).toBe(0);

    const child = nexusAsync([...base, 'sync', 'acme', 'ploomes']);
    let seen = 0;
    for (let i = 0; i < 600 && seen < 6000; i++) {
      await new Promise((r) => setTimeout(r, 50));
      seen = mirrorCount(file);
    }
    expect(seen).toBeGreaterThanOrEqual(6000);
    child.kill('SIGKILL');
    const killed = await child;
    expect(killed.code).toBe(-1);

    const afterKill = mirrorCount(file);
    expect(afterKill).toBeLessThan(24_000);
    // Pages are atomic: the mirror holds whole pages only.
    expect(afterKill % 300).toBe(0);

    const dealRequestsBefore = sim.stats.byPath['/Deals'] ?? 0;
    // Asynchronous: the simulator lives in this process and must keep answering.
    const resumed = await nexusAsync([...base, 'sync', 'acme', 'ploomes']);
    expect(resumed.stderr).toMatch(/sincronização concluída/);
    expect(resumed.code).toBe(0);

    const db = new Database(file, { readonly: true });
    const { n, uniq } = db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT id) AS uniq FROM ploomes_deals').get() as { n: number; uniq: number };
    const ids = db.prepare('SELECT id FROM ploomes_deals ORDER BY id').all().map((r) => (r as { id: number }).id);
    const runs = db.prepare("SELECT status FROM runs WHERE kind = 'sync' ORDER BY started_at").all() as Array<{ status: string }>;
    db.close();
    const expected = [...sim.deals()].map((d) => d.Id as number).sort((a, b) => a - b);
    expect(n).toBe(expected.length);
    expect(uniq).toBe(n);
    expect(ids).toEqual(expected);
    // Resumed from the cursor: fewer deal pages than a full scan from scratch.
    expect((sim.stats.byPath['/Deals'] ?? 0) - dealRequestsBefore).toBeLessThan(Math.ceil(24_000 / 300) - afterKill / 300 + 4);
    expect(runs.map((r) => r.status)).toEqual(['interrupted', 'succeeded']);
  });
});
