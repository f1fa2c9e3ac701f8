import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Method, NexusBridge } from '../shared/contract';
import { EVENT_NAMES, type EventName } from '../shared/ipcNames';

// Exposes the contract and nothing else: one function per method, events by their closed names.
function invoke<M extends Method>(method: M): NexusBridge[M] {
  return ((input: unknown) => ipcRenderer.invoke(method, input)) as NexusBridge[M];
}

const api: NexusBridge = {
  'app.info': invoke('app.info'),
  'companies.list': invoke('companies.list'),
  'companies.add': invoke('companies.add'),
  'companies.remove': invoke('companies.remove'),
  'sources.get': invoke('sources.get'),
  'sources.set': invoke('sources.set'),
  'sources.test': invoke('sources.test'),
  'secrets.set': invoke('secrets.set'),
  'secrets.delete': invoke('secrets.delete'),
  'sync.start': invoke('sync.start'),
  'jobs.cancel': invoke('jobs.cancel'),
  'jobs.active': invoke('jobs.active'),
  'runs.list': invoke('runs.list'),
  'runs.items': invoke('runs.items'),
  'health.get': invoke('health.get'),
  'kpi.crm': invoke('kpi.crm'),
  'crm.customers': invoke('crm.customers'),
  'crm.customer': invoke('crm.customer'),
  'jobs.continue': invoke('jobs.continue'),
  'clients.stage': invoke('clients.stage'),
  'clients.preview': invoke('clients.preview'),
  'clients.import': invoke('clients.import'),
  'clients.list': invoke('clients.list'),
  'pdv.list': invoke('pdv.list'),
  'pdv.set': invoke('pdv.set'),
  'robot.start': invoke('robot.start'),
  'robot.results': invoke('robot.results'),
  'robot.evidence': invoke('robot.evidence'),
  'robot.openFolder': invoke('robot.openFolder'),
  'kpi.boletos': invoke('kpi.boletos'),
  'kpi.realestate': invoke('kpi.realestate'),
  'realestate.sales': invoke('realestate.sales'),
  'realestate.export': invoke('realestate.export'),
  'schedules.list': invoke('schedules.list'),
  'schedules.set': invoke('schedules.set'),
  'kpi.support': invoke('kpi.support'),
  'support.timeseries': invoke('support.timeseries'),
  'support.conversations': invoke('support.conversations'),
  'support.conversation': invoke('support.conversation'),
  'support.csat': invoke('support.csat'),
  'support.export': invoke('support.export'),
  on(event: EventName, listener: (payload: never) => void): () => void {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`Unknown event: ${String(event)}`);
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => (listener as (payload: unknown) => void)(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('nexus', api);
