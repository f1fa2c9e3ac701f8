import { crmKpis } from '../../core/kpi/crm';
import { BusinessCalendar } from '../../core/time/businessDate';
import { ploomesDataEndOfDay, startPloomesSim } from '../../sim/ploomes';
import { print, type CliContext } from '../context';
import { crmSummary } from './kpi';
import { syncWithProgress } from './sync';

export const DEMO_COMPANY = 'demo';

/** Demo data runs up to the end of today, so "this year" and "last 12 months" have figures. */
export function demoDataEnd(now: number = Date.now()): Date {
  return ploomesDataEndOfDay(new BusinessCalendar('America/Sao_Paulo').dayOf(now));
}

/**
 * Everything on local simulators with no accounts and no keychain: starts the Ploomes simulator
 * in-process, creates (or reuses) the company "demo", syncs it and prints the CRM summary. The sync
 * is a full one: the demo data moves with the calendar, and a full sync mirrors it exactly.
 */
export async function demoCommand(ctx: CliContext): Promise<number> {
  const core = ctx.core();
  const sim = await startPloomesSim({ seed: 1, size: 'small', dataEnd: demoDataEnd() });
  try {
    if (!core.companies.exists(DEMO_COMPANY)) core.addCompany(DEMO_COMPANY, 'Empresa Demonstração');
    core.setSourceSettings(DEMO_COMPANY, 'ploomes', { url: sim.url, demo: '1' });
    print(ctx.io, `Dados em ${ctx.dataDir}. Simulador Ploomes em ${sim.url}.`);
    const ok = await syncWithProgress(core, ctx.io, DEMO_COMPANY, 'ploomes', true);
    if (!ok) return 1;
    print(ctx.io, crmSummary(crmKpis(core.company(DEMO_COMPANY))));
    print(ctx.io, `\nPróximos passos: "nexus kpi ${DEMO_COMPANY} crm --json", "nexus runs ${DEMO_COMPANY}", ou abra o aplicativo com "npm start".`);
    return 0;
  } finally {
    await sim.close();
  }
}
