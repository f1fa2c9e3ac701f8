/**
 * The closed list of IPC method and event names. Plain data (no zod) so the sandboxed preload can
 * import it; contract.ts checks that it matches the schemas exactly.
 */
export const METHOD_NAMES = [
  'app.info',
  'companies.list',
  'companies.add',
  'companies.remove',
  'sources.get',
  'sources.set',
  'sources.test',
  'secrets.set',
  'secrets.delete',
  'sync.start',
  'jobs.cancel',
  'jobs.active',
  'runs.list',
  'runs.items',
  'health.get',
  'kpi.crm',
  'crm.customers',
  'crm.customer',
  'jobs.continue',
  'clients.stage',
  'clients.preview',
  'clients.import',
  'clients.list',
  'pdv.list',
  'pdv.set',
  'robot.start',
  'robot.results',
  'robot.evidence',
  'robot.openFolder',
  'kpi.boletos',
  'kpi.realestate',
  'realestate.sales',
  'realestate.export',
  'schedules.list',
  'schedules.set',
  'kpi.support',
  'support.timeseries',
  'support.conversations',
  'support.conversation',
  'support.csat',
  'support.export',
] as const;

export const EVENT_NAMES = ['job.progress', 'job.finished', 'data.changed'] as const;

export type MethodName = (typeof METHOD_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];
