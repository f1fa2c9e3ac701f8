/**
 * Browser side of the test bridge: defines `window.nexus` with the same shape the Electron preload
 * exposes, carried over a WebSocket. Served only by the test/dev renderer server, with its URL and
 * token prepended as `window.__NEXUS_BRIDGE__`.
 */
import type { IpcResult, NexusBridge } from '../../shared/contract';
import { METHOD_NAMES, type EventName } from '../../shared/ipcNames';

declare global {
  interface Window {
    __NEXUS_BRIDGE__?: { url: string; token: string };
    nexus: NexusBridge;
  }
}

const config = window.__NEXUS_BRIDGE__;
if (!config) throw new Error('test bridge not configured');

const socket = new WebSocket(`${config.url}/?token=${config.token}`);
const opened = new Promise<void>((resolve, reject) => {
  socket.addEventListener('open', () => resolve());
  socket.addEventListener('error', () => reject(new Error('bridge connection failed')));
});
const pending = new Map<number, (result: IpcResult<unknown>) => void>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let nextId = 1;

socket.addEventListener('message', (message) => {
  const data = JSON.parse(String(message.data)) as { id?: number; result?: IpcResult<unknown>; event?: string; payload?: unknown };
  if (data.event) {
    for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
  } else if (typeof data.id === 'number' && data.result) {
    pending.get(data.id)?.(data.result);
    pending.delete(data.id);
  }
});
socket.addEventListener('close', () => {
  for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'bridge-closed', message: 'Conexão com o núcleo encerrada.' } });
  pending.clear();
});

async function call(method: string, input: unknown): Promise<IpcResult<unknown>> {
  await opened;
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    socket.send(JSON.stringify({ id, method, input }));
  });
}

const api: Record<string, unknown> = {
  on(event: EventName, listener: (payload: unknown) => void) {
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  },
};
for (const method of METHOD_NAMES) api[method] = (input: unknown) => call(method, input);
window.nexus = api as unknown as NexusBridge;
