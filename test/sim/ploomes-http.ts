import { PLOOMES_SIM_DEMO_KEY, type PloomesSim } from '../../src/main/sim/ploomes';

// Small HTTP helpers for the Ploomes simulator tests: real requests to 127.0.0.1.

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export async function call(sim: PloomesSim, path: string, init: { method?: string; body?: unknown; key?: string | null } = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (init.key !== null) headers['User-Key'] = init.key ?? PLOOMES_SIM_DEMO_KEY;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${sim.url}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  let json: unknown = null;
  if (res.headers.get('content-type')?.startsWith('application/json')) json = JSON.parse(text);
  return { status: res.status, headers: res.headers, text, json };
}

/** GETs a collection page and returns its records, failing loudly on anything but 200. */
export async function page(sim: PloomesSim, path: string): Promise<Record<string, unknown>[]> {
  const reply = await call(sim, path);
  if (reply.status !== 200) throw new Error(`GET ${path} -> ${reply.status} ${reply.text}`);
  return reply.json.value;
}

export const q = encodeURIComponent;
