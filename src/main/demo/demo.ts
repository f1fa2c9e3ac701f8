import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NexusCore } from '../core/nexusCore';
import { BusinessCalendar } from '../core/time/businessDate';
import { registerChatwootDemo } from '../core/sources/chatwoot';
import { startCanopusSim, type CanopusSim } from '../sim/canopus';
import { consultantSpreadsheet } from '../sim/canopus/spreadsheet';
import { startCvdwSim, type CvdwSim } from '../sim/cvdw';
import { ploomesDataEndOfDay, startPloomesSim, type PloomesSim } from '../sim/ploomes';
import { createDemoChatwootConnector } from './chatwootDemo';

export const DEMO_COMPANY = 'demo';

/** Demo data runs up to the end of today, so "this year" and "last 12 months" have figures. */
export function demoDataEnd(now: number = Date.now()): Date {
  return ploomesDataEndOfDay(new BusinessCalendar('America/Sao_Paulo').dayOf(now));
}

export interface DemoEnvironment {
  ploomes: PloomesSim;
  cvdw: CvdwSim;
  canopus: CanopusSim;
  /** The consultants' spreadsheet the demo imports (written into the data folder). */
  spreadsheet: string;
  pointOfSale: string;
  close(): Promise<void>;
}

/**
 * The demo company on local simulators, with no accounts and no keychain: the Ploomes simulator
 * (data up to today), the CVDW simulator (real-estate sales up to today, no rate limit), the Canopus
 * portal simulator with one point of sale, its consultants' spreadsheet, generated Chatwoot
 * conversations (no database needed), and the company "demo"
 * pointed at all of them (public simulator credentials). Boletos go to `<data dir>/demo/Boletos`,
 * never to the user's own documents.
 */
export async function startDemo(core: NexusCore, options: { clients?: number } = {}): Promise<DemoEnvironment> {
  const ploomes = await startPloomesSim({ seed: 1, size: 'small', dataEnd: demoDataEnd() });
  const canopus = await startCanopusSim({ seed: 1, pointsOfSale: ['17308'], clientsPerPointOfSale: options.clients ?? 8 });
  // No rate limit: the demo shows the data, not the 20-requests-a-minute wait of the real API.
  const cvdw = await startCvdwSim({ seed: 1, size: 'small', rateLimit: false });
  if (!core.companies.exists(DEMO_COMPANY)) core.addCompany(DEMO_COMPANY, 'Empresa Demonstração');
  core.setSourceSettings(DEMO_COMPANY, 'ploomes', { url: ploomes.url, demo: '1' });
  // The simulator's public e-mail on a loopback address: the connector uses its public token, no
  // keychain. The highest request budget, or the connector would pace itself at the real 20 a minute.
  core.setSourceSettings(DEMO_COMPANY, 'cvdw', { url: cvdw.url, email: cvdw.email, requests_per_minute: '600' });
  // A desktop has no Chatwoot PostgreSQL: the demo's conversations are generated in-process.
  registerChatwootDemo((calendar) => createDemoChatwootConnector(calendar));
  core.setSourceSettings(DEMO_COMPANY, 'chatwoot', { demo: '1' });
  const folder = join(core.dataDir, 'demo');
  mkdirSync(folder, { recursive: true });
  core.setSourceSettings(DEMO_COMPANY, 'canopus', { url: canopus.url, demo: '1', download_dir: join(folder, 'Boletos'), pacing: '0' });
  const [account] = canopus.accounts;
  core.setPointOfSale(DEMO_COMPANY, account.pointOfSale, account.user, 'Loja Centro (demonstração)');
  const spreadsheet = join(folder, 'clientes-consultores.xlsx');
  writeFileSync(spreadsheet, await consultantSpreadsheet(canopus.clients(), { format: 'xlsx' }));
  return {
    ploomes,
    cvdw,
    canopus,
    spreadsheet,
    pointOfSale: account.pointOfSale,
    async close() {
      await Promise.all([ploomes.close(), cvdw.close(), canopus.close()]);
    },
  };
}
