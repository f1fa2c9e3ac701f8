import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Company } from '../../src/main/core/companies/companyStore';
import { NexusCore } from '../../src/main/core/nexusCore';
import { NO_PACING } from '../../src/main/core/robot/portal';
import { KeychainVault } from '../../src/main/core/secrets/vault';
import { startCanopusSim, type CanopusClient, type CanopusSim, type CanopusSimOptions } from '../../src/main/sim/canopus';

/** Puts the simulator's clients into consortium_clients as an import would (one row per cota). */
export function seedClients(company: Company, clients: CanopusClient[]): void {
  const insert = company.db.prepare(
    `INSERT INTO consortium_clients (point_of_sale, cpf, grupo, cota, name, name_raw, consultant, imported_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const now = new Date().toISOString();
  company.db.transaction(() => {
    for (const c of clients) {
      const cotas = c.cotas.length ? c.cotas : [{ grupo: '', cota: '' }];
      for (const cota of cotas) insert.run(c.pointOfSale, c.cpf, cota.grupo, cota.cota, c.name, c.name, c.consultant, now, now);
    }
  })();
}

export interface RobotHarness {
  core: NexusCore;
  sim: CanopusSim;
  dataDir: string;
  downloads: string;
  close(): Promise<void>;
}

/** A core whose company "acme" has the simulator's points of sale and clients, in demo mode (public passwords). */
export async function robotHarness(sim: CanopusSimOptions = {}, settings: Record<string, string> = {}): Promise<RobotHarness> {
  const simulator = await startCanopusSim({ seed: 3, clientsPerPointOfSale: 8, ...sim });
  const dataDir = mkdtempSync(join(tmpdir(), 'nexus-robot-'));
  const downloads = join(dataDir, 'Boletos');
  const core = new NexusCore({
    dataDir,
    vault: new KeychainVault(),
    robot: { timing: NO_PACING, backoffMs: [50, 100, 200], betweenClientsMs: [0, 0], pdfTimeoutMs: 15_000 },
  });
  core.addCompany('acme', 'ACME Consórcios');
  core.setSourceSettings('acme', 'canopus', { url: simulator.url, download_dir: downloads, browser: 'chromium', demo: '1', pacing: '0', ...settings });
  for (const account of simulator.accounts) core.setPointOfSale('acme', account.pointOfSale, account.user);
  seedClients(core.company('acme'), simulator.clients());
  return {
    core,
    sim: simulator,
    dataDir,
    downloads,
    async close() {
      core.close();
      await simulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
