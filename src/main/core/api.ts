import { contract, type IpcResult, type Method, type Output, type ParsedInput } from '../../shared/contract';
import { METHOD_NAMES } from '../../shared/ipcNames';
import { UserError } from './errors';
import { crmCustomer, crmCustomers, crmKpis } from './kpi/crm';
import { toJobError } from './jobs/jobErrors';
import type { NexusCore } from './nexusCore';

export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Promise<Output<M>> | Output<M> };

export interface ApiOptions {
  version: string;
  mode: 'electron' | 'bridge';
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
  };
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
