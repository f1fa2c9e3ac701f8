import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { UserError } from '../../errors';
import type { ReaderPage, ReaderReply, ReaderRequest, ReaderSetup } from './readerProtocol';

/** The main thread's handle on the Chatwoot reader thread. */
export interface ChatwootReader {
  open(stream: string, after: { u: number; id: number } | null): Promise<void>;
  next(stream: string): Promise<ReaderPage>;
  close(): Promise<void>;
}

/**
 * Heap of the reader thread: pages are parsed there and dropped once handed over. Room for about
 * 25 KB of text per message in a page of 5,000; past it the thread stops with an error (the sync
 * fails, what was saved stays) instead of growing the app.
 */
const READER_HEAP_MB = 128;

/**
 * Where the reader's code is: the built file next to the bundle (electron-vite emits it as its own
 * entry), or the TypeScript source when running from src/ (CLI through tsx, tests).
 */
function workerEntry(): { file: string; execArgv?: string[] } {
  for (const file of [join(__dirname, 'chatwootReader.js'), join(__dirname, '..', 'chatwootReader.js')]) {
    if (existsSync(file)) return { file };
  }
  return { file: join(__dirname, 'readerWorker.ts'), execArgv: ['--require', require.resolve('tsx/cjs')] };
}

export function startChatwootReader(setup: ReaderSetup): ChatwootReader {
  let worker: Worker | null = null;
  const waiting: Array<{ resolve: (reply: ReaderReply) => void; reject: (err: Error) => void }> = [];
  let broken: Error | null = null;

  const fail = (err: Error) => {
    broken = err;
    while (waiting.length) waiting.shift()?.reject(err);
  };
  const ensure = (): Worker => {
    if (worker) return worker;
    const entry = workerEntry();
    worker = new Worker(entry.file, { workerData: setup, execArgv: entry.execArgv, resourceLimits: { maxOldGenerationSizeMb: READER_HEAP_MB } });
    worker.on('message', (reply: ReaderReply) => waiting.shift()?.resolve(reply));
    worker.on('error', (err) => fail(new UserError(`A leitura do Chatwoot parou com um erro interno (${err.message}): rode a sincronização de novo; ela continua de onde parou.`, 'reader-failed')));
    worker.on('exit', (code) => {
      if (waiting.length) fail(new UserError(`A leitura do Chatwoot terminou inesperadamente (código ${code}): rode a sincronização de novo; ela continua de onde parou.`, 'reader-failed'));
      worker = null;
    });
    return worker;
  };
  const ask = (request: ReaderRequest): Promise<ReaderReply> => {
    if (broken) return Promise.reject(broken);
    const w = ensure();
    return new Promise<ReaderReply>((resolve, reject) => {
      waiting.push({ resolve, reject });
      w.postMessage(request);
    }).then((reply) => {
      if (reply.type === 'error') throw new UserError(reply.error.message, reply.error.code);
      return reply;
    });
  };

  return {
    async open(stream, after) {
      await ask({ type: 'open', stream, after });
    },
    async next(stream) {
      const reply = await ask({ type: 'next', stream });
      if (reply.type !== 'page') throw new Error(`Resposta inesperada do leitor do Chatwoot: ${reply.type}`);
      return reply.page;
    },
    async close() {
      const w = worker;
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      w.postMessage({ type: 'close' } satisfies ReaderRequest);
      const timer = setTimeout(() => void w.terminate(), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
