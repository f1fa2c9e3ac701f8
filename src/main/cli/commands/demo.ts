import { crmKpis } from '../../core/kpi/crm';
import { boletoKpis } from '../../core/kpi/boletos';
import { realEstateKpis } from '../../core/kpi/realestate';
import { realEstateSummary } from '../../core/kpi/realestate/summary';
import { supportKpis } from '../../core/kpi/support';
import { supportSummary } from '../../core/kpi/support/summary';
import { DEMO_COMPANY, startDemo } from '../../demo/demo';
import { print, type CliContext } from '../context';
import { ProgressPrinter } from '../progressBar';
import { boletoSummary, crmSummary } from './kpi';
import { syncWithProgress } from './sync';

/**
 * `nexus demo`: everything on local simulators, no accounts, no keychain. Syncs the CRM and the
 * real-estate sales and the support conversations (Chatwoot) of the company "demo" (full syncs: the demo data moves with the calendar), imports the consultants'
 * spreadsheet and runs the boleto robot for its point of sale, then prints both summaries.
 */
export async function demoCommand(ctx: CliContext): Promise<number> {
  const core = ctx.core();
  const demo = await startDemo(core);
  try {
    print(ctx.io, `Dados em ${ctx.dataDir}. Simuladores: Ploomes ${demo.ploomes.url}, CVDW ${demo.cvdw.url}, portal Canopus ${demo.canopus.url}.`);
    if (!(await syncWithProgress(core, ctx.io, DEMO_COMPANY, 'ploomes', true))) return 1;
    print(ctx.io, crmSummary(crmKpis(core.company(DEMO_COMPANY))));
    if (!(await syncWithProgress(core, ctx.io, DEMO_COMPANY, 'cvdw', true))) return 1;
    print(ctx.io, `\n${realEstateSummary(realEstateKpis(core.company(DEMO_COMPANY), {}))}`);
    if (!(await syncWithProgress(core, ctx.io, DEMO_COMPANY, 'chatwoot', true))) return 1;
    print(ctx.io, `\n${supportSummary(supportKpis(core.company(DEMO_COMPANY), {}))}`);

    // One after the other: the robot works on the clients the import writes.
    for (const start of [() => core.startImport(DEMO_COMPANY, demo.spreadsheet), () => core.startRobot(DEMO_COMPANY, demo.pointOfSale)]) {
      const job = start();
      const printer = new ProgressPrinter(ctx.io.stderr);
      const off = core.on('job.progress', (p) => {
        if (p.jobId === job.jobId) printer.update(p);
      });
      const outcome = await job.done;
      off();
      printer.end();
      if (outcome.status !== 'succeeded') {
        ctx.io.stderr.write(`${outcome.error?.message ?? 'A demonstração não terminou.'}\n`);
        return 1;
      }
    }
    print(ctx.io, `\n${boletoSummary(boletoKpis(core.company(DEMO_COMPANY)))}`);
    print(ctx.io, `  Boletos salvos em:      ${core.boletoFolder(DEMO_COMPANY)}`);
    print(ctx.io, `\nPróximos passos: "nexus kpi ${DEMO_COMPANY} crm --json", "nexus kpi ${DEMO_COMPANY} realestate --json", "nexus kpi ${DEMO_COMPANY} support --json", "nexus kpi ${DEMO_COMPANY} boletos --json", "nexus runs ${DEMO_COMPANY}", ou abra o aplicativo com "npm start".`);
    return 0;
  } finally {
    await demo.close();
  }
}
