import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { NexusCore } from '../src/main/core/nexusCore';
import { KeychainVault } from '../src/main/core/secrets/vault';
import type { ConnectorTuning } from '../src/main/core/sources/types';
import { CVDW_SIM_EMAIL, startCvdwSim } from '../src/main/sim/cvdw';

/**
 * `npm run bench -- cvdw`: the CVDW connector against its simulator.
 * (a) rate-limited: the simulator enforces a time-scaled limit (20 requests per 6 s instead of per
 *     60 s), page size 500, the small dataset (≥ 30 requests). A client that uses the whole budget
 *     and never waits more than it must needs `requests × 0.3 s` in steady state; the ratio of the
 *     wall time to that is the figure (target ≤ 1.05). The simulator runs in this process so its
 *     request counters can be read.
 * (b) throughput: no limit, BENCH_SIZE (default large, ≥ 200,000 reservations), the simulator in its
 *     own process like the real API; reservations per second into SQLite.
 * CVDW_BENCH=rate|throughput picks one part (default both). Prints a table, then one JSON line.
 */
const root = join(__dirname, '..');
const part = process.env.CVDW_BENCH ?? 'all';
const size = process.env.BENCH_SIZE ?? 'large';
const REFERENCE_DAY = '2025-06-30';
const LIMIT = { max: 20, windowMs: 6000 };

async function sync(url: string, tuning: ConnectorTuning): Promise<{ seconds: number; reservations: number; reservationSeconds: number; rows: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nexus-bench-cvdw-'));
  const core = new NexusCore({ dataDir, vault: new KeychainVault(), tuning: { cvdw: tuning } });
  try {
    core.addCompany('bench', 'Bench');
    core.setSourceSettings('bench', 'cvdw', { url, email: CVDW_SIM_EMAIL });
    let reservasFrom: number | null = null;
    let reservasTo: number | null = null;
    const started = performance.now();
    const handle = core.startSync('bench', 'cvdw', { full: true });
    core.on('job.progress', (p) => {
      if (p.jobId !== handle.jobId) return;
      if (p.phase === 'Reservas' && reservasFrom === null) reservasFrom = performance.now();
      if (p.phase !== 'Reservas' && reservasFrom !== null && reservasTo === null) reservasTo = performance.now();
    });
    const outcome = await handle.done;
    const seconds = (performance.now() - started) / 1000;
    if (outcome.status !== 'succeeded') throw new Error(`sync ${outcome.status}: ${outcome.error?.message}`);
    const rows = Object.entries(outcome.counts)
      .filter(([k]) => k.endsWith('.inserted'))
      .reduce((s, [, v]) => s + v, 0);
    const reservations = outcome.counts['cvdw.reservas.inserted'] ?? 0;
    return { seconds, reservations, reservationSeconds: ((reservasTo ?? performance.now()) - (reservasFrom ?? started)) / 1000, rows };
  } finally {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function rateLimited() {
  const sim = await startCvdwSim({ seed: 1, size: 'small', rateLimit: LIMIT, referenceDay: REFERENCE_DAY });
  try {
    const run = await sync(sim.url, { rateLimit: LIMIT });
    const requests = sim.stats.requests;
    const steadySeconds = (requests * LIMIT.windowMs) / LIMIT.max / 1000;
    return {
      requests,
      wallSeconds: run.seconds,
      steadySeconds,
      ratio: run.seconds / steadySeconds,
      rejected429: sim.stats.rejected429,
      maxInWindow: sim.stats.maxInWindow,
      rows: run.rows,
    };
  } finally {
    await sim.close();
  }
}

async function startSimulatorProcess(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [join(root, 'bin/nexus.cjs'), 'sim', 'cvdw', '--size', size, '--rate-limit', 'off', '--seed', '1', '--data-end', REFERENCE_DAY], {
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

async function throughput() {
  const sim = await startSimulatorProcess();
  try {
    const run = await sync(sim.url, { rateLimit: false });
    return {
      size,
      reservations: run.reservations,
      reservationsSeconds: run.reservationSeconds,
      reservationsPerSecond: run.reservations / run.reservationSeconds,
      rows: run.rows,
      syncSeconds: run.seconds,
      rowsPerSecond: run.rows / run.seconds,
    };
  } finally {
    sim.stop();
  }
}

async function main(): Promise<void> {
  const a = part === 'all' || part === 'rate' ? await rateLimited() : null;
  const b = part === 'all' || part === 'throughput' ? await throughput() : null;
  const f = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const lines = ['| measure | result | target |', '|---|---|---|'];
  if (a) {
    lines.push(
      `| (a) requests, limit ${LIMIT.max} per ${LIMIT.windowMs / 1000} s, page size 500 | ${f(a.requests)} | ≥ 30 |`,
      `| (a) sync wall time | ${f(a.wallSeconds, 2)} s | |`,
      `| (a) requests × ${f(LIMIT.windowMs / LIMIT.max / 1000, 1)} s | ${f(a.steadySeconds, 2)} s | |`,
      `| (a) ratio | ${f(a.ratio, 3)} | ≤ 1.05 |`,
      `| (a) 429 answers; most requests in one window | ${a.rejected429}; ${a.maxInWindow} | 0; ≤ ${LIMIT.max} |`,
    );
  }
  if (b) {
    lines.push(
      `| (b) reservations synced (${b.size}, no limit) | ${f(b.reservations)} | |`,
      `| (b) reservations into SQLite | ${f(b.reservationsPerSecond)} /s | |`,
      `| (b) every endpoint: rows, wall time | ${f(b.rows)} rows in ${f(b.syncSeconds, 1)} s (${f(b.rowsPerSecond)} rows/s) | |`,
    );
  }
  console.log(`\n${lines.join('\n')}\n`);
  console.log(
    JSON.stringify({
      date: new Date().toISOString(),
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`,
      rateLimited: a,
      throughput: b,
      targets: { ratio: '<= 1.05', rejected429: 0 },
    }),
  );
}

void main();
