import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CanopusLatency } from './model';
import type { CanopusPortal } from './portal';

// HTTP plumbing of the Canopus simulator: 127.0.0.1 only, form bodies, cookies, the per-step latency
// sleep, connection resets. What each page does is in portal.ts.

const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface CanopusServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startServer(portal: CanopusPortal, latency: CanopusLatency, port: number): Promise<CanopusServer> {
  const waits = new Set<() => void>();
  let closing = false;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waits.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waits.add(done);
    });

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Internal Server Error');
      } else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = req.method === 'POST' ? await readBody(req) : null;
    if (body === undefined) {
      res.writeHead(413, { 'Content-Type': 'text/plain' }).end('Request Entity Too Large');
      return;
    }
    const type = req.headers['content-type'] ?? '';
    const form = body !== null && (type === '' || type.startsWith('application/x-www-form-urlencoded')) ? new URLSearchParams(body) : null;
    const { reply, session } = portal.handle({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      host: req.headers.host ?? '127.0.0.1',
      cookies: parseCookies(req.headers.cookie),
      form,
    }, Date.now());
    try {
      if (reply.reset) {
        // What the real server did to the CCC spelling in 2026-09: RST right after connecting.
        req.socket.resetAndDestroy();
        return;
      }
      const delay = (reply.step ? latency[reply.step] : 0) + (reply.extraDelayMs ?? 0);
      if (delay > 0) {
        portal.stats.latencyMs += delay;
        await sleep(delay);
      }
      if (closing || res.destroyed) return;
      const bytes = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
      res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(bytes.length) });
      res.end(req.method === 'HEAD' ? undefined : bytes);
    } finally {
      portal.finish(session);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const wake of [...waits]) wake();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The body as text, or undefined when it is too large. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return cookies;
}
