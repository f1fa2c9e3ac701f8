import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * `npm run bench -- ploomes`: Ploomes sync of the large simulated account (1,000,000 deals, 50,000 customers)
 * with no latency and no rate limit, end to end through HTTP, against a raw better-sqlite3 insert of
 * the same rows; then the CRM dashboard queries over the resulting mirror. The simulator runs in its
 * own process, like the real API would. Prints a table, then the result as one JSON line.
 */
const root = join(__dirname, '..');
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
const size = process.env.BENCH_SIZE ?? 'large';

async function startSimulator(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [join(root, 'bin/nexus.cjs'), 'sim', 'ploomes', '--size', size, '--rate-limit', 'off', '--seed', '1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

function worker(args: string[]): Record<string, unknown> {
  const run = spawnSync(process.execPath, [tsx, join(root, 'bench/syncWorker.ts'), ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error(`bench worker failed (${run.status})`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!);
}

async function main(): Promise<void> {
  const keep = mkdtempSync(join(tmpdir(), 'nexus-bench-'));
  const sim = await startSimulator();
  let sync: { deals: number; seconds: number; dealsPerSecond: number; peakRssMb: number; mirror: string; queries: Record<string, { cold: number; median: number }> };
  try {
    sync = worker(['sync', sim.url, keep]) as typeof sync;
  } finally {
    sim.stop();
  }
  const raw = worker(['raw', String(sync.mirror)]) as { rows: number; rowsPerSecond: number; seconds: number };
  rmSync(keep, { recursive: true, force: true });

  const queries = sync.queries;
  const dashboardSet = ['kpis_all_time', 'kpis_one_year', 'customers_first_page'];
  const dashboardMs = dashboardSet.reduce((s, k) => s + queries[k].median, 0);
  const result = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
    size,
    deals: sync.deals,
    syncSeconds: sync.seconds,
    dealsPerSecond: sync.dealsPerSecond,
    rawInsertRowsPerSecond: raw.rowsPerSecond,
    ratioToRaw: sync.dealsPerSecond / raw.rowsPerSecond,
    peakRssMb: sync.peakRssMb,
    queries,
    dashboardQueriesMs: dashboardMs,
    targets: { ratioToRaw: '>= 0.5', peakRssMb: '<= 300', dashboardQueriesMs: '<= 100' },
  };
  const f = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  console.log(`
| measure | result | target |
|---|---|---|
| deals synced | ${f(result.deals)} | |
| sync wall time | ${f(result.syncSeconds, 1)} s | |
| end-to-end rate | ${f(result.dealsPerSecond)} deals/s | |
| raw better-sqlite3 insert, same rows | ${f(result.rawInsertRowsPerSecond)} rows/s | |
| ratio | ${f(result.ratioToRaw * 100, 1)} % | ≥ 50 % |
| peak RSS (sync process) | ${f(result.peakRssMb)} MB | ≤ 300 MB |
${Object.entries(queries).map(([k, v]) => `| query ${k} (median of 7 warm; cold) | ${f(v.median, 1)} ms; ${f(v.cold, 1)} ms | |`).join('\n')}
| dashboard queries together (${dashboardSet.join(' + ')}) | ${f(dashboardMs, 1)} ms | ≤ 100 ms |
`);
  console.log(JSON.stringify(result));
}

void main();
