import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { createServer } from 'vite';
import { createHandlers } from '../core/api';
import { NexusCore } from '../core/nexusCore';
import { KeychainVault } from '../core/secrets/vault';
import { startDemo } from '../demo/demo';
import { startBridge } from './bridgeServer';
import { bundleBridgeClient } from './rendererServer';

/**
 * `npm run dev:web`: the renderer in any browser with hot reload, against the real core through the
 * test bridge. With `--demo` it also starts the demo's simulators and points the "demo" company at them.
 */
async function main(): Promise<void> {
  const dataDir = resolve(process.env.NEXUS_DATA_DIR ?? '.nexus-data');
  mkdirSync(dataDir, { recursive: true });
  const core = new NexusCore({ dataDir, vault: new KeychainVault() });
  if (process.argv.includes('--demo')) {
    const demo = await startDemo(core);
    console.log(`Demo company "demo": Ploomes simulator at ${demo.ploomes.url}, CVDW simulator at ${demo.cvdw.url}, Canopus portal simulator at ${demo.canopus.url}, Chatwoot conversations generated in-process; spreadsheet to drop: ${demo.spreadsheet}`);
  }
  const bridge = await startBridge(core, createHandlers(core, { version: 'dev', mode: 'bridge' }));
  const client = `window.__NEXUS_BRIDGE__ = ${JSON.stringify({ url: bridge.url, token: bridge.token })};\n${await bundleBridgeClient()}`;
  const server = await createServer({
    root: resolve(__dirname, '../../renderer'),
    configFile: false,
    plugins: [
      react(),
      {
        name: 'nexus-bridge',
        configureServer(dev) {
          dev.middlewares.use('/__bridge/client.js', (_req, res) => {
            res.setHeader('Content-Type', 'text/javascript');
            res.end(client);
          });
        },
        transformIndexHtml(html) {
          // Vite's dev client needs inline scripts and its own socket; the built app keeps the strict CSP.
          return html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/s, '').replace('<head>', '<head>\n    <script src="/__bridge/client.js"></script>');
        },
      },
    ],
    server: { host: '127.0.0.1', port: Number(process.env.PORT ?? 5173) },
  });
  await server.listen();
  server.printUrls();
  console.log(`Data dir: ${dataDir}`);
}

void main();
