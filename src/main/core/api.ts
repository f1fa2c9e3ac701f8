import { contract, type IpcResult, type Method, type Output, type ParsedInput } from '../../shared/contract';
import { METHOD_NAMES } from '../../shared/ipcNames';
import { UserError } from './errors';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { boletoKpis } from './kpi/boletos';
import { exportSales, realEstateKpis, salesPage } from './kpi/realestate';
import { supportKpis, supportTimeseries } from './kpi/support';
import { conversationDetail, conversationPage, csatPage } from './kpi/support/conversations';
import { exportSupportTable } from './kpi/support/export';
import { crmCustomer, crmCustomers, crmKpis } from './kpi/crm';
import { previewImport } from './sheets/clientImport';
import { BoletoStore } from './robot/boletoStore';
import { toJobError } from './jobs/jobErrors';
import { listSchedules, setSchedule } from './schedule/schedules';
import type { NexusCore } from './nexusCore';

export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Promise<Output<M>> | Output<M> };

export interface ApiOptions {
  version: string;
  mode: 'electron' | 'bridge';
  /** Opens a folder in the OS file manager (Electron's shell.openPath); absent in the test bridge. */
  openPath?: (path: string) => Promise<string>;
}

/** One handler per contract method, over the core. Inputs arrive already validated. */
export function createHandlers(core: NexusCore, options: ApiOptions): Handlers {
  return {
    'app.info': () => ({ version: options.version, dataDir: core.dataDir, mode: options.mode }),
    'companies.list': () => core.listCompanies(),
    'companies.add': ({ slug, name, timezone }) => core.addCompany(slug, name, timezone),
    'companies.remove': async ({ slug }) => {
      await core.removeCompany(slug);
      return { removed: true as const };
    },
    'sources.get': ({ company, source }) => core.sourceView(company, source),
    'sources.set': ({ company, source, settings }) => {
      core.setSourceSettings(company, source, settings);
      return core.sourceView(company, source);
    },
    'sources.test': async ({ company, source }) => {
      try {
        return { ok: true, code: null, message: await core.testConnection(company, source) };
      } catch (err) {
        const error = toJobError(err);
        return { ok: false, code: error.code, message: error.message };
      }
    },
    'secrets.set': async ({ company, source, name, value }) => {
      await core.setSecret(company, source, name, value);
      return core.sourceView(company, source);
    },
    'secrets.delete': async ({ company, source, name }) => {
      await core.deleteSecret(company, source, name);
      return core.sourceView(company, source);
    },
    'sync.start': ({ company, source, full }) => ({ jobId: core.startSync(company, source, { full }).jobId }),
    'jobs.cancel': ({ jobId }) => ({ cancelled: core.cancelJob(jobId) }),
    'jobs.active': ({ company }) => core.jobs.active(company),
    'runs.list': ({ company, source, limit }) => core.runs(company, { source, limit }),
    'runs.items': ({ company, runId }) => core.runItems(company, runId),
    'health.get': ({ company }) => core.health(company),
    'kpi.crm': ({ company, from, to }) => crmKpis(core.company(company), { from, to }),
    'crm.customers': ({ company, ...options }) => crmCustomers(core.company(company), options),
    'crm.customer': ({ company, customerId }) => crmCustomer(core.company(company), customerId),
    'jobs.continue': ({ jobId }) => ({ continued: core.continueJob(jobId) }),
    'clients.stage': async ({ company, fileName, content, options: importOptions }) => {
      const stageId = core.stageImport(company, fileName, Buffer.from(content, 'base64'));
      return { stageId, preview: await previewImport(core.company(company), core.stagedFile(company, stageId), importOptions ?? {}) };
    },
    'clients.preview': ({ company, stageId, options: importOptions }) => previewImport(core.company(company), core.stagedFile(company, stageId), importOptions ?? {}),
    'clients.import': ({ company, stageId, options: importOptions }) => ({ jobId: core.startImport(company, core.stagedFile(company, stageId), importOptions ?? {}).jobId }),
    'clients.list': ({ company, ...listOptions }) => new BoletoStore(core.company(company).db).listClients(listOptions),
    'pdv.list': async ({ company }) => pointOfSaleViews(core, company),
    'pdv.set': async ({ company, code, user, label, password }) => {
      const saved = core.setPointOfSale(company, code, user, label ?? null);
      if (password) await core.setSecret(company, 'canopus', `pdv-${saved.code}`, password);
      return (await pointOfSaleViews(core, company)).find((p) => p.code === saved.code)!;
    },
    'robot.start': ({ company, pointOfSale }) => ({ jobId: core.startRobot(company, pointOfSale).jobId }),
    'robot.results': ({ company, runId }) =>
      new BoletoStore(core.company(company).db).results(runId).map((r) => ({
        cpf: r.cpf,
        grupo: r.grupo,
        cota: r.cota,
        client_name: r.clientName,
        consultant: r.consultant,
        status: r.status,
        month: r.month,
        due_date: r.dueDate,
        value: r.valueCents === null ? null : r.valueCents / 100,
        file_name: r.file ? basename(r.file) : null,
        message: r.message,
        has_screenshot: Boolean(r.screenshot),
        attempts: r.attempts,
        ended_at: r.endedAt,
      })),
    'robot.evidence': ({ company, runId, cpf, grupo, cota }) => {
      const result = new BoletoStore(core.company(company).db).results(runId).find((r) => r.cpf === cpf && r.grupo === grupo && r.cota === cota);
      const file = result?.screenshot;
      return { screenshot: file && existsSync(file) ? `data:image/png;base64,${readFileSync(file).toString('base64')}` : null };
    },
    'robot.openFolder': async ({ company, consultant }) => {
      const path = core.boletoFolder(company, consultant);
      if (!options.openPath) return { path, opened: false, message: 'Abrir pastas só funciona no aplicativo instalado.' };
      if (!existsSync(path)) return { path, opened: false, message: `A pasta ${path} ainda não existe: nenhum boleto foi salvo nela.` };
      const failure = await options.openPath(path);
      return { path, opened: !failure, message: failure || null };
    },
    'kpi.boletos': ({ company, from, to }) => boletoKpis(core.company(company), { from, to }),
    'kpi.realestate': ({ company, from, to, basis }) => realEstateKpis(core.company(company), { from, to }, basis),
    'realestate.sales': ({ company, ...query }) => salesPage(core.company(company), query),
    'realestate.export': async ({ company, ...query }) => exportSales(core.company(company), query),
    'kpi.support': ({ company, ...query }) => supportKpis(core.company(company), query),
    'support.timeseries': ({ company, ...query }) => supportTimeseries(core.company(company), query),
    'support.conversations': ({ company, ...query }) => conversationPage(core.company(company), query),
    'support.conversation': ({ company, id }) => conversationDetail(core.company(company), id),
    'support.csat': ({ company, ...query }) => csatPage(core.company(company), query),
    'support.export': async ({ company, table, format, ...query }) => exportSupportTable(core.company(company), table, format, query),
    'schedules.list': ({ company }) => listSchedules(core, company),
    'schedules.set': ({ company, source, schedule }) => setSchedule(core, company, source, schedule),
  };
}

async function pointOfSaleViews(core: NexusCore, company: string) {
  const passwords = await core.pointOfSalePasswords(company);
  return core.pointsOfSale(company).map((p) => ({
    code: p.code,
    label: p.label,
    portalUser: p.portalUser,
    clients: p.clients,
    passwordConfigured: passwords[p.code] ?? false,
    lastRun: p.lastRun,
  }));
}

const knownMethods = new Set<string>(METHOD_NAMES);

/**
 * The single entry for every IPC call (Electron or test bridge): an unknown method or an input that
 * fails its schema is refused with a clear error before any handler runs; handler errors become
 * result values.
 */
export async function dispatch(handlers: Handlers, method: unknown, input: unknown): Promise<IpcResult<unknown>> {
  if (typeof method !== 'string' || !knownMethods.has(method)) {
    return { ok: false, error: { code: 'unknown-method', message: `Operação desconhecida: ${String(method).slice(0, 60)}.` } };
  }
  const m = method as Method;
  const parsed = contract[m].input.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` em "${issue.path.join('.')}"` : '';
    return { ok: false, error: { code: 'invalid-input', message: `Dados inválidos para ${m}${where}: ${issue?.message ?? 'formato inesperado'}.` } };
  }
  try {
    const handler = handlers[m] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (err) {
    const error = err instanceof UserError ? { code: err.code, message: err.message } : toJobError(err);
    return { ok: false, error };
  }
}
