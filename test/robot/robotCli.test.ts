import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCanopusSim, type CanopusSim } from '../../src/main/sim/canopus';
import { consultantSpreadsheet } from '../../src/main/sim/canopus/spreadsheet';
import { nexus, nexusAsync } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

let sim: CanopusSim | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

function pdfs(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.pdf')).sort();
  } catch {
    return [];
  }
}

describe('nexus import / pdv / robot on the command line', () => {
  it('imports the consultants’ sheet, downloads boletos, survives kill -9 and resumes without redoing finished clients', async () => {
    sim = await startCanopusSim({ seed: 11, pointsOfSale: ['17308'], clientsPerPointOfSale: 10, latency: { search: 150, emit: 150, pdf: 150 } });
    const dir = tempDir();
    const downloads = join(dir, 'Boletos');
    const base = ['--data-dir', dir];
    const sheet = join(dir, 'clientes.xlsx');
    writeFileSync(sheet, await consultantSpreadsheet(sim.clients(), { format: 'xlsx' }));
    expect(nexus([...base, 'company', 'add', 'acme', '--name', 'ACME']).code).toBe(0);
    const set = nexus([...base, 'source', 'set', 'acme', 'canopus', `url=${sim.url}`, `download_dir=${downloads}`, 'browser=chromium', 'pacing=0', 'demo=1']);
    expect(set.stderr).toBe('');
    expect(nexus([...base, 'pdv', 'set', 'acme', '17.308', `user=${sim.accounts[0].user}`]).code).toBe(0);

    const preview = nexus([...base, 'import', 'acme', sheet, '--preview', '--json']);
    expect(preview.code).toBe(0);
    expect(JSON.parse(preview.stdout).counts.new).toBeGreaterThanOrEqual(10);
    const imported = nexus([...base, 'import', 'acme', sheet]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/Importação concluída/);

    // First run, killed in the middle.
    const child = nexusAsync([...base, 'robot', 'acme', '--pdv', '17308']);
    const db = () => new Database(join(dir, 'companies', 'acme.sqlite'), { readonly: true });
    let finishedClients = 0;
    for (let i = 0; i < 600 && finishedClients < 3; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const conn = db();
      finishedClients = (conn.prepare('SELECT COUNT(DISTINCT cpf) AS n FROM boleto_results').get() as { n: number }).n;
      conn.close();
    }
    expect(finishedClients).toBeGreaterThanOrEqual(3);
    child.kill('SIGKILL');
    await child;
    const afterKill = pdfs(downloads);
    expect(afterKill.length).toBeGreaterThan(0);
    expect(readdirSync(downloads, { recursive: true }).map(String).filter((f) => f.endsWith('.partial'))).toEqual([]);
    const emissionsBefore = sim.stats.emissions;

    // Second run: finishes the rest, skipping the clients already done this month.
    const resumed = await nexusAsync([...base, 'robot', 'acme', '--pdv', '17308']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/PV 17\.308: \d+ boletos salvos, 0 erros, .* (\d+) já feitos/);
    const conn = db();
    const runs = conn.prepare("SELECT status FROM runs WHERE kind = 'robot' ORDER BY started_at").all() as Array<{ status: string }>;
    const rows = conn.prepare("SELECT cpf, grupo, cota, status, COUNT(*) AS n FROM boleto_results GROUP BY cpf, grupo, cota").all() as Array<{ status: string; n: number }>;
    conn.close();
    expect(runs.map((r) => r.status)).toEqual(['interrupted', 'succeeded']);
    // Each cota recorded once: nothing finished before the kill was done again.
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const expected = sim.clients('17308').filter((c) => c.inPortal).reduce((n, c) => n + c.cotas.filter((k) => k.boletos.length).length, 0);
    expect(pdfs(downloads)).toHaveLength(expected);
    expect(sim.stats.emissions - emissionsBefore).toBeLessThanOrEqual(expected - afterKill.length + 1);

    const kpis = JSON.parse(nexus([...base, 'kpi', 'acme', 'boletos', '--json']).stdout);
    expect(kpis).toMatchObject({ clients: 10, success: expected, errors: 0 });
    for (const key of ['clients', 'success', 'errors', 'cpf_not_found', 'no_boleto', 'last_run']) expect(kpis).toHaveProperty(key);
  }, 240_000);

  it('refuses bad usage and explains missing settings', () => {
    const dir = tempDir();
    const base = ['--data-dir', dir];
    nexus([...base, 'company', 'add', 'acme', '--name', 'ACME']);
    expect(nexus([...base, 'robot', 'acme']).code).toBe(2);
    expect(nexus([...base, 'robot', 'acme', '--pdv', 'abc']).code).toBe(2);
    expect(nexus([...base, 'pdv', 'set', 'acme', '17308']).code).toBe(2);
    const noUser = nexus([...base, 'robot', 'acme', '--pdv', '17308']);
    expect(noUser.code).toBe(1);
    expect(noUser.stderr).toMatch(/não tem usuário do portal: configure com "nexus pdv set acme 17308 user=<usuário>"/);
    nexus([...base, 'pdv', 'set', 'acme', '17308', 'user=123456']);
    const noClients = nexus([...base, 'robot', 'acme', '--pdv', '17308']);
    expect(noClients.code).toBe(1);
    expect(noClients.stderr).toMatch(/senha do portal do PV 17\.308 não está configurada|Nenhum cliente importado/);
    const badSecret = nexus([...base, 'secret', 'set', 'acme', 'canopus', 'senha'], { input: 'x\n' });
    expect(badSecret.code).toBe(1);
    expect(badSecret.stderr).toMatch(/Segredos aceitos: pdv-<código do ponto de venda>/);
  });
});
