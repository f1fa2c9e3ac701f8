import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/main/core/errors';
import { HttpClient, parseRetryAfter } from '../../src/main/core/sync/httpClient';
import { describeHttpFailure } from '../../src/main/core/sync/describeFailure';

let server: Server | null = null;

async function serve(handler: (n: number, res: import('node:http').ServerResponse) => void): Promise<string> {
  let n = 0;
  server = createServer((_req, res) => handler(++n, res));
  await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
  server = null;
});

const fast = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 50 };
const client = (baseUrl: string, retries: number[] = []) =>
  new HttpClient({ baseUrl, headers: {}, retry: fast, describe: (f) => describeHttpFailure('Teste', f), onRetry: (r) => retries.push(r.delayMs) });

describe('HttpClient', () => {
  it('waits exactly what Retry-After says before retrying a 429', async () => {
    const url = await serve((n, res) => {
      if (n === 1) res.writeHead(429, { 'Retry-After': '1' }).end('{}');
      else res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"value":[1]}');
    });
    const retries: number[] = [];
    const t0 = Date.now();
    const res = await client(url, retries).getJson<{ value: number[] }>('/x', {});
    expect(res.body.value).toEqual([1]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    expect(retries[0]).toBeGreaterThanOrEqual(1000);
    expect(res.serverDate).toBeInstanceOf(Date);
  });

  it('retries 5xx and truncated bodies with back-off, then succeeds', async () => {
    const url = await serve((n, res) => {
      if (n === 1) res.writeHead(503, { 'Content-Type': 'text/html' }).end('<html>down</html>');
      else if (n === 2) res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"value":[1,2');
      else res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"value":[1,2]}');
    });
    const retries: number[] = [];
    const res = await client(url, retries).getJson<{ value: number[] }>('/x', {});
    expect(res.body.value).toEqual([1, 2]);
    expect(retries).toHaveLength(2);
  });

  it('does not retry a 403 and describes it in one sentence', async () => {
    let calls = 0;
    const url = await serve((_n, res) => {
      calls++;
      res.writeHead(403).end('{"error":"forbidden"}');
    });
    const err = await client(url).getJson('/x', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('forbidden');
    expect(calls).toBe(1);
  });

  it('gives up after the last attempt with a clear sentence', async () => {
    const url = await serve((_n, res) => res.writeHead(502).end('bad gateway'));
    const err = (await client(url).getJson('/x', {}).catch((e: unknown) => e)) as UserError;
    expect(err.code).toBe('server-error');
    expect(err.message).toMatch(/\(502\) 4 vezes seguidas/);
  });

  it('names a refused connection', async () => {
    const url = await serve((_n, res) => res.end());
    await new Promise<void>((ok) => server!.close(() => ok()));
    server = null;
    const err = (await client(url).getJson('/x', {}).catch((e: unknown) => e)) as UserError;
    expect(err.code).toBe('network');
    expect(err.message).toMatch(/Não foi possível conectar ao Teste em http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });

  it('reads Retry-After in seconds and as a date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString(), Date.now())).toBeGreaterThan(3000);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});
