import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startPloomesSim, type PloomesSim, type PloomesSimOptions } from '../../src/main/sim/ploomes';
import { nexus, nexusAsync } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

let sim: PloomesSim | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

function read<T>(file: string, sql: string): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

/** A company whose Ploomes points at the simulator (demo key), with a schedule set through the CLI. */
async function setup(options: PloomesSimOptions) {
  sim = await startPloomesSim({ rateLimit: false, ...options });
  const dataDir = tempDir();
  const base = ['--data-dir', dataDir];
  const file = join(dataDir, 'companies', 'acme.sqlite');
  expect(nexus([...base, 'company', 'add', 'acme', '--name', 'ACME']).code).toBe(0);
  expect(nexus([...base, 'source', 'set', 'acme', 'ploomes', `url=${sim.url}`, 'demo=1', 'requests_per_minute=100000']).code).toBe(0);
  const set = nexus([...base, 'schedule', 'acme', 'set', 'ploomes', 'every-6h']);
  expect(set.stderr).toBe('');
  expect(set.code).toBe(0);
  expect(set.stdout).toMatch(/^Ploomes: A cada 6 h \(0 \*\/6 \* \* \*\) · próxima execução: \d{2}\/\d{2}\/\d{4} (00|06|12|18):00 \(America\/Sao_Paulo\)\.\n$/);
  /** The app was closed past the due time: the next run is overdue by many periods. */
  const makeOverdue = () => {
    const db = new Database(file);
    db.prepare("UPDATE schedules SET next_run_at = '2026-01-05T09:00:00.000Z'").run();
    db.close();
  };
  return { base, file, makeOverdue };
}

// Every `nexus` call is a child process compiling TypeScript through tsx: seconds each on a busy machine.
describe('nexus schedule', { timeout: 180_000 }, () => {
  it('--once runs the overdue sync once against the Ploomes simulator, then finds nothing due', async () => {
    const { base, file, makeOverdue } = await setup({ seed: 31, size: { customers: 50, deals: 900 } });
    makeOverdue();
    const before = Date.now();
    const once = await nexusAsync([...base, 'schedule', 'acme', '--once']);
    expect(once.code).toBe(0);
    expect(once.stderr).toMatch(/^\[\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\] Ploomes: sincronização agendada iniciada \(prevista para 05\/01\/2026 06:00\)\.$/m);
    expect(once.stderr).toMatch(/Ploomes: sincronização agendada concluída — próxima execução: \d{2}\/\d{2}\/\d{4} (00|06|12|18):00\./);
    expect(once.stderr).toMatch(/^ {2}[\d.]+ novos, 0 atualizados, 0 sem mudança, 0 removidos\.$/m);
    expect(read<{ n: number }>(file, 'SELECT COUNT(*) AS n FROM ploomes_deals').n).toBe([...sim!.deals()].length);
    expect(read<{ n: number; status: string }>(file, "SELECT COUNT(*) AS n, MAX(status) AS status FROM runs WHERE kind = 'sync'")).toEqual({ n: 1, status: 'succeeded' });
    const schedule = read<{ next_run_at: string; last_status: string }>(file, 'SELECT next_run_at, last_status FROM schedules');
    expect(schedule.last_status).toBe('succeeded');
    // One catch-up run, and the next is the first due time from now on: no backlog.
    expect(Date.parse(schedule.next_run_at)).toBeGreaterThan(before);
    expect(Date.parse(schedule.next_run_at) - Date.now()).toBeLessThanOrEqual(6 * 3_600_000);

    const again = await nexusAsync([...base, 'schedule', 'acme', '--once']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/^Nada vencido agora para acme\.\n {2}Ploomes: A cada 6 h \(0 \*\/6 \* \* \*\) · próxima execução: /);
    expect(read<{ n: number }>(file, "SELECT COUNT(*) AS n FROM runs WHERE kind = 'sync'").n).toBe(1);

    const list = nexus([...base, 'schedule', 'acme', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/Ploomes \(ploomes\): A cada 6 h \(0 \*\/6 \* \* \*\) · próxima execução: .* · última: \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} concluída/);
    const json = JSON.parse(nexus([...base, 'schedule', 'acme', 'list', '--json']).stdout);
    expect(json.find((s: { source: string }) => s.source === 'ploomes')).toMatchObject({ preset: 'every-6h', enabled: true, lastStatus: 'succeeded', nextRunAt: schedule.next_run_at });
  });

  it('--once reports a failed scheduled run on stderr and exits 1', async () => {
    const { base, file, makeOverdue } = await setup({ seed: 32, size: { customers: 20, deals: 100 }, faults: { forbiddenAfterRequests: 0 } });
    makeOverdue();
    const once = await nexusAsync([...base, 'schedule', 'acme', '--once']);
    expect(once.code).toBe(1);
    expect(once.stderr).toMatch(/Ploomes: sincronização agendada FALHOU: Chave de API do Ploomes recusada \(403\)/);
    expect(read<{ last_status: string }>(file, 'SELECT last_status FROM schedules').last_status).toBe('failed');
  });

  it('as a worker, catches up at start and on SIGTERM stops the running sync keeping whole pages', async () => {
    const { base, file, makeOverdue } = await setup({ seed: 33, size: { customers: 300, deals: 15_000 }, latencyMs: 30 });
    makeOverdue();
    const worker = nexusAsync([...base, 'schedule', 'acme']);
    let deals = 0;
    for (let i = 0; i < 400 && deals < 1500; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      deals = read<{ n: number }>(file, 'SELECT COUNT(*) AS n FROM ploomes_deals').n;
    }
    expect(deals).toBeGreaterThanOrEqual(1500);
    const t0 = Date.now();
    worker.kill('SIGTERM');
    const ended = await worker;
    expect(ended.code).toBe(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(ended.stderr).toMatch(/^Agendador de acme rodando \(horários de America\/Sao_Paulo\); Ctrl\+C para encerrar\.$/m);
    expect(ended.stderr).toMatch(/Ploomes: sincronização agendada iniciada \(prevista para 05\/01\/2026 06:00\)/);
    expect(ended.stderr).toContain('SIGTERM recebido: encerrando — a sincronização em andamento para e guarda o que já baixou.');
    expect(ended.stderr).toMatch(/Ploomes: sincronização agendada cancelada; o que já foi salvo continua salvo/);
    expect(ended.stderr).toMatch(/Agendador encerrado\.\n$/);
    const kept = read<{ n: number }>(file, 'SELECT COUNT(*) AS n FROM ploomes_deals').n;
    expect(kept).toBeGreaterThanOrEqual(deals);
    expect(kept).toBeLessThan(15_000);
    expect(kept % 300).toBe(0);
    expect(read<{ status: string }>(file, "SELECT status FROM runs WHERE kind = 'sync'").status).toBe('cancelled');
    expect(read<{ last_status: string }>(file, 'SELECT last_status FROM schedules').last_status).toBe('cancelled');
  });

  it('validates what it is given with one clear sentence', async () => {
    const { base } = await setup({ seed: 34, size: { customers: 5, deals: 10 } });
    const bad = nexus([...base, 'schedule', 'acme', 'set', 'ploomes', '0 6-22/4 * *']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'Expressão cron inválida "0 6-22/4 * *": tem 4 campos, mas são precisos 5 (minuto hora dia-do-mês mês dia-da-semana); ex.: "0 6-22/4 * * *" (às 06, 10, 14, 18 e 22 h) ou "30 3 * * 1-5" (03:30 de segunda a sexta).\n',
    );
    const unknown = nexus([...base, 'schedule', 'acme', 'set', 'ploomes', 'daily']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Agendamento desconhecido: "daily"\. Use um modelo \(every-4h-06-22, daily-03, every-6h\)/);
    expect(nexus([...base, 'schedule']).code).toBe(2);
    expect(nexus([...base, 'schedule', 'nobody', 'list']).stderr).toMatch(/^Empresa "nobody" não encontrada/);

    const custom = nexus([...base, 'schedule', 'acme', 'set', 'ploomes', '30 3 * * 1-5']);
    expect(custom.code).toBe(0);
    expect(custom.stdout).toMatch(/^Ploomes: personalizado: 30 3 \* \* 1-5 · próxima execução: \d{2}\/\d{2}\/\d{4} 03:30 \(America\/Sao_Paulo\)\.\n$/);
    const off = nexus([...base, 'schedule', 'acme', 'set', 'ploomes', 'off']);
    expect(off.stdout).toBe('Ploomes: personalizado: 30 3 * * 1-5 — DESLIGADO · sem próxima execução (America/Sao_Paulo).\n');
    const on = nexus([...base, 'schedule', 'acme', 'set', 'ploomes', 'on']);
    expect(on.stdout).toMatch(/^Ploomes: personalizado: 30 3 \* \* 1-5 · próxima execução: /);
  });
});
