import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NexusCore } from '../../src/main/core/nexusCore';
import { KeychainVault } from '../../src/main/core/secrets/vault';
import type { ConnectorTuning } from '../../src/main/core/sources/types';
import { startPloomesSim, type PloomesSim, type PloomesSimOptions } from '../../src/main/sim/ploomes';

export const FAST_RETRY = { maxAttempts: 6, baseDelayMs: 20, maxDelayMs: 200 };

export interface Harness {
  core: NexusCore;
  sim: PloomesSim;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * A core on a fresh data dir and a Ploomes simulator, with company "acme" pointing at it in demo
 * mode (the simulator's public key, so no keychain is involved unless a test wants it).
 */
export async function harness(sim: PloomesSimOptions = {}, tuning: ConnectorTuning = { retry: FAST_RETRY, rateLimit: false }): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nexus-harness-'));
  const simulator = await startPloomesSim({ rateLimit: false, ...sim });
  const core = new NexusCore({ dataDir, vault: new KeychainVault(), tuning: { ploomes: tuning } });
  core.addCompany('acme', 'ACME Comércio Ltda');
  core.setSourceSettings('acme', 'ploomes', { url: simulator.url, demo: '1' });
  return {
    core,
    sim: simulator,
    dataDir,
    async close() {
      core.close();
      await simulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function count(core: NexusCore, sql: string, ...params: unknown[]): number {
  return (core.company('acme').db.prepare(sql).get(...params) as { n: number }).n;
}
