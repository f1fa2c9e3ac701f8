import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { build } from 'esbuild';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Bundles the bridge client for the browser (no imports left, ES2022). */
export async function bundleBridgeClient(): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, 'bridgeClient.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
  });
  return result.outputFiles[0].text;
}

/**
 * Serves the built renderer (out/renderer) for a plain browser with the test bridge injected: the
 * bridge client is a same-origin script (so `script-src 'self'` still holds) and the CSP gains only
 * the bridge's WebSocket address in `connect-src`.
 */
export async function serveRenderer(rootDir: string, bridge: { url: string; token: string }): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(rootDir);
  const client = `window.__NEXUS_BRIDGE__ = ${JSON.stringify(bridge)};\n${await bundleBridgeClient()}`;
  const server: Server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (path === '/__bridge/client.js') {
      res.writeHead(200, { 'Content-Type': TYPES['.js'], 'Cache-Control': 'no-store' });
      res.end(client);
      return;
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      let body: Buffer | string = await readFile(file);
      if (file.endsWith('index.html')) {
        body = body
          .toString('utf8')
          .replace(/connect-src ([^;"]*)/, `connect-src $1 ${bridge.url}`)
          .replace('<head>', '<head>\n    <script src="/__bridge/client.js"></script>');
      }
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
