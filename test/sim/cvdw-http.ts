import { request } from 'node:http';
import type { CvdwSim } from '../../src/main/sim/cvdw';

// Real HTTP calls to the CVDW simulator on 127.0.0.1. node:http rather than fetch, because the
// vendor CLI sends its params as a JSON body on a GET and fetch refuses a body on GET.

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface CallOptions {
  /** Query string params. */
  query?: Record<string, string | number>;
  /** Sent as a JSON body on the GET. */
  body?: unknown;
  /** Sent verbatim as the body (overrides `body`). */
  rawBody?: string;
  method?: string;
  /** Credentials; null sends none. Default: the simulator's. */
  auth?: { email: string; token: string } | null;
}

export function call(sim: CvdwSim, path: string, options: CallOptions = {}): Promise<Reply> {
  const url = new URL(`${sim.url}/api/v1/cvdw/${path}`);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, String(v));
  const auth = options.auth === undefined ? { email: sim.email, token: sim.token } : options.auth;
  const payload = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (auth) Object.assign(headers, auth);
  if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) });
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const type = String(res.headers['content-type'] ?? '');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: type.startsWith('application/json') ? JSON.parse(text) : null });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** GETs one page and fails loudly on anything but 200. */
export async function page(sim: CvdwSim, path: string, query: Record<string, string | number> = {}): Promise<Reply> {
  const reply = await call(sim, path, { query });
  if (reply.status !== 200) throw new Error(`GET ${path} -> ${reply.status} ${reply.text}`);
  return reply;
}

/** Walks every page of a path at 500 a page. */
export async function scan(sim: CvdwSim, path: string, query: Record<string, string | number> = {}): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  for (let p = 1; ; p++) {
    const reply = await page(sim, path, { ...query, pagina: p, registros_por_pagina: 500 });
    rows.push(...reply.json.dados);
    if (p >= reply.json.total_de_paginas) return rows;
  }
}
