import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CvdwRateLimiter } from './rate-limit';
import type { Table } from './table';
import { parseFilterDate } from './time';

export interface CvdwFaults {
  /** Every endpoint answers 405 (API not enabled for the account). */
  notEnabled405?: boolean;
  /** Empty results as 204 instead of the 200 envelope. */
  emptyAs204?: boolean;
  /** Every Nth request (counted over all requests) gets an HTML error page, status 500 unless given. */
  html5xx?: { every: number; status?: number };
  /** Extra delay per response. */
  slowMs?: number;
}

export interface CvdwSimStats {
  requests: number;
  rejected429: number;
  /** The most requests one credential sent within any rolling window (refused ones included). */
  maxInWindow: number;
  /** Requests per full pathname, e.g. "/api/v1/cvdw/reservas/condicoes" (trailing slash dropped). */
  byPath: Record<string, number>;
}

export interface ServerSetup {
  tables: ReadonlyMap<string, Table>;
  limiter: CvdwRateLimiter;
  stats: CvdwSimStats;
  faults: () => CvdwFaults;
  email: string;
  token: string;
  latencyMs: number;
  /** Serialise data pages as PHP's json_encode does by default: non-ASCII as \uXXXX, "/" as "\/". */
  phpEscapes: boolean;
  /** Runs (and forgets) the hooks registered for this page of this path. */
  beforePage: (path: string, page: number) => void;
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const API_PREFIX = '/api/v1/cvdw/';
const JSON_TYPE = 'application/json; charset=utf-8';
const DEFAULT_PAGE_SIZE = 30;
const MAX_PAGE_SIZE = 500;
const MAX_BODY_BYTES = 1024 * 1024;

const json = (status: number, body: unknown): Reply => ({ status, headers: { 'Content-Type': JSON_TYPE }, body: JSON.stringify(body) });

/** The captured body is pretty-printed with a 3-space indent. */
const TOO_MANY = '{\n   "Response": "Too many requests"\n}';
const UNAUTHORIZED = { codigo: 401, mensagem: 'E-mail e/ou token incorreto(s).' };
// The live bodies of 405 and 404 were never captured; these follow the spec's codigo/mensagem shape.
const NOT_ENABLED = { codigo: 405, mensagem: 'Acesso à API CVDW não habilitado para esta conta.' };
const METHOD_NOT_ALLOWED = { codigo: 405, mensagem: 'Método não permitido; a API CVDW aceita apenas GET.' };
const NOT_FOUND = { codigo: 404, mensagem: 'Rota não encontrada.' };

/** What the vendor's front end serves when the backend fails: HTML, not JSON. */
function htmlError(status: number): Reply {
  return {
    status,
    headers: { 'Content-Type': 'text/html; charset=UTF-8' },
    body: '<!DOCTYPE html>\n<html lang="pt-br">\n<head><meta charset="utf-8"><title>CV CRM</title></head>\n'
      + '<body>\n<div class="erro"><h1>Ops!</h1><p>Ocorreu um erro ao tentar executar essa ação. '
      + 'Por favor, tente novamente mais tarde.</p></div>\n</body>\n</html>\n',
  };
}

class BadRequest extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startServer(setup: ServerSetup, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    handle(setup, req, res).catch(() => {
      if (!res.headersSent) send(res, json(422, { codigo: 422, mensagem: 'Erro inesperado, por favor entre em contato com o suporte técnico.' }));
      else res.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

export function serverUrl(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return typeof value === 'string' ? value : Array.isArray(value) ? value[0] ?? '' : '';
}

async function handle(setup: ServerSetup, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { stats } = setup;
  const n = ++stats.requests;
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  // Keyed by the full pathname ("/api/v1/cvdw/reservas"), trailing slashes dropped.
  const pathKey = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  stats.byPath[pathKey] = (stats.byPath[pathKey] ?? 0) + 1;
  const email = header(req, 'email');
  const token = header(req, 'token');
  const key = `${email}\n${token}`;
  const now = Date.now();
  setup.limiter.observe(key, now);
  stats.maxInWindow = setup.limiter.maxInWindow;
  const rawBody = await readBody(req);
  const faults = setup.faults();

  let reply: Reply | null;
  if (faults.html5xx && faults.html5xx.every >= 1 && n % faults.html5xx.every === 0) reply = htmlError(faults.html5xx.status ?? 500);
  else if (email !== setup.email || token !== setup.token) reply = json(401, UNAUTHORIZED);
  else if (!setup.limiter.admit(key, now)) {
    stats.rejected429++;
    reply = { status: 429, headers: { 'Content-Type': JSON_TYPE }, body: TOO_MANY };
  } else if (faults.notEnabled405) reply = json(405, NOT_ENABLED);
  else if (req.method !== 'GET') reply = json(405, METHOD_NOT_ALLOWED);
  else {
    try {
      reply = route(setup, url, rawBody, faults);
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      reply = json(400, { error: error.message, code: 400 });
    }
  }
  const delay = setup.latencyMs + (faults.slowMs ?? 0);
  if (delay > 0) await sleep(delay);
  send(res, reply);
}

function send(res: ServerResponse, reply: Reply): void {
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, reply.status === 204 ? reply.headers : { ...reply.headers, 'Content-Length': String(body.length) });
  res.end(reply.status === 204 ? undefined : body);
}

/**
 * Params come from the query string or a JSON body sent with the GET (the vendor CLI does the
 * latter). Which wins when both carry the same name is unknown; here the query string does.
 */
function params(url: URL, rawBody: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (rawBody.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(rawBody);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) Object.assign(out, parsed);
    } catch {
      // PHP's json_decode yields null on bad JSON and the API carries on without params.
    }
  }
  for (const [name, value] of url.searchParams) out[name] = value;
  return out;
}

function intParam(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const text = String(value).trim();
  if (!/^\d+$/.test(text)) throw new BadRequest(`O campo ${name} deve ser um inteiro.`);
  const n = Number(text);
  if (n < 1) throw new BadRequest(`O campo ${name} deve ser maior que zero.`);
  return n;
}

function dateParam(value: unknown, name: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const t = typeof value === 'string' ? parseFilterDate(value) : null;
  if (t === null) throw new BadRequest(`O campo ${name} não é válido`);
  return t;
}

function route(setup: ServerSetup, url: URL, rawBody: string, faults: CvdwFaults): Reply {
  let path = url.pathname;
  if (!path.startsWith(API_PREFIX)) return json(404, NOT_FOUND);
  path = path.slice(API_PREFIX.length).replace(/\/+$/, '');
  const table = setup.tables.get(path);
  if (!table) return json(404, NOT_FOUND);
  const p = params(url, rawBody);
  const page = intParam(p.pagina, 'pagina', 1);
  const size = Math.min(MAX_PAGE_SIZE, intParam(p.registros_por_pagina, 'registros_por_pagina', DEFAULT_PAGE_SIZE));
  const from = dateParam(p.a_partir_data_referencia, 'a_partir_data_referencia');
  const until = dateParam(p.ate_data_referencia, 'ate_data_referencia');
  setup.beforePage(path, page);
  const [lo, hi] = table.range(from, until);
  const total = hi - lo;
  const order = table.order();
  const dados = [];
  const start = lo + (page - 1) * size;
  for (let k = start; k < Math.min(hi, start + size); k++) dados.push(table.row(order[k]));
  if (dados.length === 0 && faults.emptyAs204) return { status: 204, headers: {}, body: '' };
  const reply = json(200, { pagina: page, registros: size, total_de_registros: total, total_de_paginas: Math.ceil(total / size), dados });
  if (setup.phpEscapes) reply.body = phpEscape(reply.body);
  return reply;
}

function phpEscape(body: string): string {
  return body.replace(/[\u0080-\uffff/]/g, (c) => (c === '/' ? '\\/' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
