import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { dispatch, type Handlers } from '../core/api';
import type { NexusCore } from '../core/nexusCore';
import { EVENT_NAMES } from '../../shared/ipcNames';

/**
 * The test bridge: the very same IPC contract as Electron's ipcMain, carried over a WebSocket on
 * 127.0.0.1 with a random token, so the renderer can run in a plain Chromium against the real core.
 * Only tests and `npm run dev:web` start it; the Electron entry never imports this file.
 */
export interface BridgeServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

export async function startBridge(core: NexusCore, handlers: Handlers, options: { port?: number } = {}): Promise<BridgeServer> {
  const token = randomBytes(24).toString('hex');
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: options.port ?? 0,
    // Room for a spreadsheet sent as base64 (clients.stage).
    maxPayload: 96 * 1024 * 1024,
    verifyClient: ({ req }: { req: IncomingMessage }) => {
      const given = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('token') ?? '';
      return given.length === token.length && timingSafeEqual(Buffer.from(given), Buffer.from(token));
    },
  });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const clients = new Set<WebSocket>();
  const unsubscribe = EVENT_NAMES.map((event) =>
    core.on(event, (payload: unknown) => {
      const message = JSON.stringify({ event, payload });
      for (const client of clients) client.send(message);
    }),
  );

  wss.on('connection', (socket) => {
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    socket.on('message', async (data) => {
      let request: { id?: unknown; method?: unknown; input?: unknown };
      try {
        request = JSON.parse(data.toString()) as typeof request;
      } catch {
        socket.send(JSON.stringify({ id: null, result: { ok: false, error: { code: 'bad-message', message: 'Mensagem inválida (JSON).' } } }));
        return;
      }
      const result = await dispatch(handlers, request.method, request.input);
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id: request.id ?? null, result }));
    });
  });

  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe.forEach((off) => off());
        for (const client of clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
