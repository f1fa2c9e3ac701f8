import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NexusCore } from '../src/main/core/nexusCore';
import { NO_PACING } from '../src/main/core/robot/portal';
import { KeychainVault } from '../src/main/core/secrets/vault';
import { startCanopusSim, type CanopusSim } from '../src/main/sim/canopus';
import { seedClients } from '../test/helpers/boletos';
import { bareFlow } from './robotFloor';

/**
 * Robot benchmark on the Canopus simulator with the seed's latency profile scaled down 10× and
 * pacing off:
 * 1. BENCH_CLIENTS clients (default 200) of one point of sale: robot wall time ÷ the portal's own
 *    time (the latencies the simulator imposed, summed);
 * 2. two points of sale (BENCH_PARALLEL_CLIENTS each, default 50) at once vs one of them alone;
 * 3. the floor: a bare Playwright script clicking the same pages with no checks, files or
 *    bookkeeping, alone and two at once — what any browser-driven client pays on this machine.
 * Prints one JSON line.
 */
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 200);
const PARALLEL_CLIENTS = Number(process.env.BENCH_PARALLEL_CLIENTS ?? 50);

async function robot(sim: CanopusSim, pointsOfSale: string[]): Promise<{ wallMs: number; portalMs: number; counts: Record<string, number>[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nexus-bench-robot-'));
  const core = new NexusCore({ dataDir, vault: new KeychainVault(), robot: { timing: NO_PACING, betweenClientsMs: [0, 0] } });
  try {
    core.addCompany('bench', 'Benchmark');
    core.setSourceSettings('bench', 'canopus', { url: sim.url, download_dir: join(dataDir, 'Boletos'), browser: 'chromium', demo: '1', pacing: '0' });
    for (const account of sim.accounts) core.setPointOfSale('bench', account.pointOfSale, account.user);
    seedClients(core.company('bench'), sim.clients());
    const latencyBefore = sim.stats.latencyMs;
    const t0 = performance.now();
    const outcomes = await Promise.all(pointsOfSale.map((pv) => core.startRobot('bench', pv).done));
    const wallMs = performance.now() - t0;
    for (const o of outcomes) if (o.status !== 'succeeded') throw new Error(o.error?.message ?? o.status);
    return { wallMs, portalMs: sim.stats.latencyMs - latencyBefore, counts: outcomes.map((o) => o.counts) };
  } finally {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const big = await startCanopusSim({ seed: 7, pointsOfSale: ['17308'], clientsPerPointOfSale: CLIENTS, latency: 0.1 });
  const single = await robot(big, ['17308']);
  console.error(`robot, ${CLIENTS} clients: ${Math.round(single.wallMs)} ms for ${single.portalMs} ms of portal time (${(single.wallMs / single.portalMs).toFixed(3)})`);
  await big.close();

  const small = await startCanopusSim({ seed: 8, pointsOfSale: ['17308', '20451'], clientsPerPointOfSale: PARALLEL_CLIENTS, latency: 0.1 });
  const alone = await robot(small, ['17308']);
  console.error(`robot, ${PARALLEL_CLIENTS} clients alone: ${Math.round(alone.wallMs)} ms`);
  const both = await robot(small, ['17308', '20451']);
  console.error(`robot, two points of sale at once: ${Math.round(both.wallMs)} ms (${(both.wallMs / alone.wallMs).toFixed(3)} × alone)`);
  const floorAlone = await bareFlow(small, '17308');
  const t0 = performance.now();
  await Promise.all([bareFlow(small, '17308'), bareFlow(small, '20451')]);
  const floorBothMs = performance.now() - t0;
  await small.close();

  const round = (n: number) => Math.round(n);
  console.log(
    JSON.stringify({
      clients: CLIENTS,
      single: { wallMs: round(single.wallMs), portalMs: single.portalMs, ratio: single.wallMs / single.portalMs, counts: single.counts[0] },
      parallel: { clients: PARALLEL_CLIENTS, aloneMs: round(alone.wallMs), bothMs: round(both.wallMs), ratio: both.wallMs / alone.wallMs },
      floor: {
        clients: PARALLEL_CLIENTS,
        aloneMs: round(floorAlone.wallMs),
        portalMs: floorAlone.portalMs,
        ratio: floorAlone.wallMs / floorAlone.portalMs,
        bothMs: round(floorBothMs),
        parallelRatio: floorBothMs / floorAlone.wallMs,
        robotOverFloor: alone.wallMs / floorAlone.wallMs,
      },
    }),
  );
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
