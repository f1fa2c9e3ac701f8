import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { USERS } from './catalog';
import type { PloomesDataset } from './dataset';
import { badRequest, forbidden, notFound, PloomesApiError } from './errors';
import { inBurst, type PloomesSimFaults } from './faults';
import { compileProjection, project } from './odata-compile';
import { parseQueryOptions, type QueryOptions } from './odata-parse';
import { queryRecords } from './query';
import type { RateLimiter } from './rate-limit';
import type { Rec } from './schema';
import { refOf } from './table';
import type { Webhooks } from './webhooks';
import type { PloomesWrites } from './writes';

export interface PloomesSimStats {
  requests: number;
  status: Record<number, number>;
  rateLimited: number;
  maxInWindow: number;
  byPath: Record<string, number>;
}

export interface ServerSetup {
  data: PloomesDataset;
  writes: PloomesWrites;
  webhooks: Webhooks;
  limiter: RateLimiter;
  stats: PloomesSimStats;
  faults: () => PloomesSimFaults;
  /** Accepted User-Key values. */
  keys: ReadonlySet<string>;
  retryAfterOn429: boolean;
  latencyMs: () => number;
  baseUrl: () => string;
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Writes run as the integration user that owns the key (the keys carry no identity of their own). */
const KEY_USER = USERS[0];

const json = (status: number, body: string, headers: Record<string, string> = {}): Reply =>
  ({ status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body });
const errorReply = (error: PloomesApiError, headers: Record<string, string> = {}): Reply => json(error.status, error.body(), headers);

const SERVER_ERROR_TITLES: Record<number, string> = {
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out',
};

/** What a load balancer in front of the API sends when the backend is down: HTML, not JSON. */
function gatewayError(status: number): Reply {
  const title = `${status} ${SERVER_ERROR_TITLES[status] ?? 'Server Error'}`;
  return {
    status,
    headers: { 'Content-Type': 'text/html' },
    body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`,
  };
}

function tooManyRequests(retryAfterSeconds: number | null): Reply {
  const error = new PloomesApiError(429, 'TooManyRequests', 'Too many requests');
  return errorReply(error, retryAfterSeconds === null ? {} : { 'Retry-After': String(retryAfterSeconds) });
}

/** Stats key of a path: record keys become "(id)" so a thousand reads of different deals add up. */
function statsPath(pathname: string): string {
  return pathname.replace(/\(\d+\)/g, '(id)');
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startServer(setup: ServerSetup, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    handle(setup, req, res).catch((error: unknown) => {
      if (!res.headersSent) send(setup, res, errorReply(new PloomesApiError(500, 'InternalServerError', String(error))), false);
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

async function handle(setup: ServerSetup, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { stats } = setup;
  const n = ++stats.requests;
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const pathKey = statsPath(url.pathname);
  stats.byPath[pathKey] = (stats.byPath[pathKey] ?? 0) + 1;
  const faults = setup.faults();
  const header = req.headers['user-key'];
  const key = typeof header === 'string' ? header : '';
  setup.limiter.observe(key, Date.now());
  stats.maxInWindow = setup.limiter.maxInWindow;
  const rawBody = await readBody(req);

  const reply = decide(setup, { method: req.method ?? 'GET', url, key, rawBody }, n, faults);
  const delay = setup.latencyMs() + (faults.slow && inBurst(faults.slow, n) ? faults.slow.delayMs : 0);
  if (delay > 0) await sleep(delay);
  send(setup, res, reply, reply.status === 200 && inBurst(faults.truncated, n));
}

/** The order of checks: gateway faults, authentication, expired key, rate limit, then the API itself. */
function decide(setup: ServerSetup, req: { method: string; url: URL; key: string; rawBody: string | null }, n: number, faults: PloomesSimFaults): Reply {
  const { key, rawBody } = req;
  if (faults.serverErrors && inBurst(faults.serverErrors, n)) return gatewayError(faults.serverErrors.status ?? 503);
  if (faults.storm429 && inBurst(faults.storm429, n)) {
    return tooManyRequests(setup.retryAfterOn429 ? faults.storm429.retryAfterSeconds ?? 1 : null);
  }
  if (key === '') {
    return errorReply(new PloomesApiError(401, 'Unauthorized', 'The User-Key header is missing.'));
  }
  if (!setup.keys.has(key)) return errorReply(new PloomesApiError(401, 'Unauthorized', 'The User-Key is not valid.'));
  if (faults.forbiddenAfterRequests !== undefined && n > faults.forbiddenAfterRequests) return errorReply(forbidden());
  const rate = setup.limiter.admit(key, Date.now());
  if (!rate.ok) {
    setup.stats.rateLimited++;
    return tooManyRequests(setup.retryAfterOn429 ? rate.retryAfterSeconds : null);
  }
  if (rawBody === null) return errorReply(new PloomesApiError(413, 'PayloadTooLarge', 'The request body is larger than 10 MB.'));
  try {
    return route(setup, req.method, req.url, rawBody);
  } catch (error) {
    if (error instanceof PloomesApiError) return errorReply(error);
    throw error;
  }
}

function send(setup: ServerSetup, res: ServerResponse, reply: Reply, truncate: boolean): void {
  setup.stats.status[reply.status] = (setup.stats.status[reply.status] ?? 0) + 1;
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(body.length) });
  if (truncate && body.length > 1) {
    // Headers promise the whole body; the connection dies halfway through it.
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
    return;
  }
  res.end(body);
}

const COLLECTION = /^\/([A-Za-z]+(?:@[A-Za-z]+)*(?:\/GetDeletedDeals)?)\/?$/i;
const ENTITY = /^\/(Deals|Contacts|Webhooks)\((\d+)\)\/?$/i;
const DEAL_ACTION = /^\/Deals\((\d+)\)\/(Win|Lose|Reopen)\/?$/i;

function route(setup: ServerSetup, method: string, url: URL, rawBody: string): Reply {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    throw badRequest(`The path '${url.pathname}' is not correctly encoded.`);
  }
  // Query options are checked before anything is written: a bad $select must not leave a half-done write.
  const options = queryOptions(url);
  const body = () => parseBody(rawBody);
  const { writes } = setup;
  const actor = KEY_USER.Id;

  const action = DEAL_ACTION.exec(path);
  if (action) {
    requireMethod(method, ['POST']);
    const projection = compileProjection(setup.data.schemas.deal, options);
    const id = Number(action[1]);
    const input = rawBody.trim() === '' ? {} : body();
    const verb = action[2].toLowerCase();
    const allowed = verb === 'win' ? ['Amount'] : verb === 'lose' ? ['LossReasonId'] : [];
    for (const name of Object.keys(input)) {
      if (!allowed.includes(name)) throw badRequest(`The property '${name}' is not accepted by ${action[2]}${allowed.length ? `; use ${allowed.join(', ')}` : ''}.`);
    }
    const rec = verb === 'win' ? writes.winDeal(id, input.Amount as number | undefined, actor)
      : verb === 'lose' ? writes.loseDeal(id, input.LossReasonId, actor)
      : writes.reopenDeal(id, actor);
    return envelope(setup, 'Deals', [project(rec, projection)]);
  }

  const entity = ENTITY.exec(path);
  if (entity) {
    const name = entity[1].toLowerCase();
    const id = Number(entity[2]);
    const { table, context } = setup.data.collections.get(name)!;
    requireMethod(method, ['GET', 'PATCH', 'DELETE']);
    const projection = compileProjection(table.schema, options);
    if (method === 'GET') {
      const ref = refOf(table, id);
      if (ref < 0) throw notFound(`${context} ${id} was not found.`);
      return envelope(setup, context, [project(table.record(ref), projection)]);
    }
    if (method === 'DELETE') {
      if (name === 'deals') writes.deleteDeal(id, actor);
      else if (name === 'contacts') writes.deleteContact(id, actor);
      else setup.webhooks.remove(id);
      return { status: 200, headers: {}, body: '' };
    }
    const saved = name === 'deals' ? writes.updateDeal(id, body(), actor)
      : name === 'contacts' ? writes.updateContact(id, body(), actor)
      : setup.webhooks.update(id, body());
    return envelope(setup, context, [project(saved, projection)]);
  }

  const match = COLLECTION.exec(path);
  const name = match ? match[1].toLowerCase() : '';
  if (name === 'self') {
    requireMethod(method, ['GET']);
    const self = setup.data.byId('user', KEY_USER.Id) ?? KEY_USER; // its CreateDate moves with the data's timeline
    return envelope(setup, 'Users', [project(self, compileProjection(setup.data.schemas.user, options))]);
  }
  const collection = setup.data.collections.get(name);
  if (!collection) throw notFound(`No HTTP resource was found that matches the request URI '${path}'.`);
  const { table, context } = collection;
  const writable = name === 'deals' || name === 'contacts' || name === 'webhooks';
  requireMethod(method, writable ? ['GET', 'POST'] : ['GET']);
  if (method === 'POST') {
    const projection = compileProjection(table.schema, options);
    const created = name === 'deals' ? writes.createDeal(body(), actor)
      : name === 'contacts' ? writes.createContact(body(), actor)
      : setup.webhooks.create(body(), actor);
    return envelope(setup, context, [project(created, projection)]);
  }
  return envelope(setup, context, queryRecords(table, options));
}

function requireMethod(method: string, allowed: string[]): void {
  if (!allowed.includes(method)) {
    throw new PloomesApiError(405, 'MethodNotAllowed', `The requested resource does not support http method '${method}'.`);
  }
}

/**
 * The `$` options of the query string. URLSearchParams reads '+' as a space, as ASP.NET Core does,
 * so an unencoded `+02:00` offset arrives as ` 02:00` and the literal fails to parse.
 */
function queryOptions(url: URL): QueryOptions {
  const raw: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    if (!name.startsWith('$')) continue;
    if (name in raw) throw badRequest(`The query specified in the URI is not valid. Query option '${name}' was specified more than once, but it must be specified at most once.`);
    raw[name] = value;
  }
  return parseQueryOptions(raw);
}

function parseBody(raw: string): Rec {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badRequest('The request body must be a JSON object.');
  return parsed as Rec;
}

/** The OData list envelope; records are serialised one by one and concatenated. */
function envelope(setup: ServerSetup, context: string, records: Rec[]): Reply {
  let body = `{"@odata.context":${JSON.stringify(`${setup.baseUrl()}/$metadata#${context}`)},"value":[`;
  for (let i = 0; i < records.length; i++) body += (i > 0 ? ',' : '') + JSON.stringify(records[i]);
  return json(200, `${body}]}`);
}
