import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../../errors';
import { BusinessCalendar } from '../../time/businessDate';
import { tableSpecs, type AnyChatwootRecord } from './records';
import { describeReadFailure, openChatwootSession, type ChatwootConnection, type ChatwootSession } from './session';
import type { TableStreamSpec } from './tableStream';
import type { ReaderPage, ReaderRequest, ReaderSetup } from './readerProtocol';

/**
 * The Chatwoot reader thread: owns the read-only session (and its SSH tunnel), runs each table's
 * server-side cursor, parses and maps the rows, and hands the main thread pages ready to write —
 * one page ahead. Parsing a million PostgreSQL rows then happens on the second core while the main
 * thread writes SQLite, and the garbage of that parsing stays in this thread's own, bounded heap.
 */

const setup = workerData as ReaderSetup;
const connection: ChatwootConnection = setup.connection;
const specs = tableSpecs(setup.accountId, new BusinessCalendar(setup.timeZone)) as unknown as Record<string, TableStreamSpec<AnyChatwootRecord>>;
let session: Promise<ChatwootSession> | null = null;

interface OpenCursor {
  stream: string;
  spec: TableStreamSpec<AnyChatwootRecord>;
  ahead: Promise<ReaderPage> | null;
  finished: boolean;
}
let current: OpenCursor | null = null;

const cursorName = (stream: string) => `nexus_${stream}`;

function send(message: unknown): void {
  parentPort?.postMessage(message);
}

async function fetchPage(cursor: OpenCursor): Promise<ReaderPage> {
  const s = await session!;
  const { spec } = cursor;
  const result = await s.client.query<AnyChatwootRecord>(`FETCH ${spec.pageSize} FROM ${cursorName(cursor.stream)}`);
  const records = result.rows;
  if (spec.enrich && records.length) await spec.enrich(s, records);
  const done = records.length < spec.pageSize;
  if (done) {
    await s.client.query(`CLOSE ${cursorName(cursor.stream)}`);
    await s.client.query('COMMIT');
  }
  const conversations = new Set<number>();
  const days = new Set<string>();
  for (const record of records) {
    const id = spec.conversationOf?.(record);
    if (id !== null && id !== undefined) conversations.add(id);
    if (spec.dayOf) days.add(spec.dayOf(record));
  }
  const last = records[records.length - 1];
  return {
    stream: cursor.stream,
    rows: records.map((r) => spec.row(r)),
    extras: spec.extraOf ? records.map((r) => spec.extraOf!(r)) : null,
    conversations: [...conversations],
    days: [...days],
    last: last ? { u: last.updated_at, id: last.id } : null,
    done,
  };
}

function failure(err: unknown, what: string): { code: string; message: string } {
  const described = err instanceof UserError ? err : describeReadFailure(err, connection, what);
  return { code: described.code, message: described.message };
}

async function handle(request: ReaderRequest): Promise<void> {
  if (request.type === 'close') {
    const s = session ? await session.catch(() => null) : null;
    await s?.close();
    process.exit(0);
  }
  if (request.type === 'open') {
    const spec = specs[request.stream];
    const s = await (session ??= openChatwootSession(connection));
    const { u, id } = request.after ?? { u: null, id: 0 };
    const after = u === null ? '' : ` AND (t.updated_at, t.id) > (to_timestamp(${Number(u) / 1000}) AT TIME ZONE 'UTC', ${Math.trunc(Number(id))})`;
    await s.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await s.client.query(`DECLARE ${cursorName(request.stream)} NO SCROLL CURSOR FOR ${spec.select}${after} ORDER BY t.updated_at, t.id`);
    current = { stream: request.stream, spec, ahead: null, finished: false };
    current.ahead = fetchPage(current);
    current.ahead.catch(() => undefined);
    send({ type: 'opened', stream: request.stream });
    return;
  }
  // 'next': hand over the page read ahead, then start reading the following one.
  const cursor = current;
  if (!cursor || cursor.stream !== request.stream || !cursor.ahead) throw new Error(`Nenhuma leitura aberta para ${request.stream}`);
  const page = await cursor.ahead;
  cursor.ahead = page.done ? null : fetchPage(cursor);
  cursor.ahead?.catch(() => undefined);
  if (page.done) current = null;
  send({ type: 'page', page });
}

let queue = Promise.resolve();
parentPort?.on('message', (request: ReaderRequest) => {
  queue = queue.then(() =>
    handle(request).catch((err: unknown) => {
      const what = specs[(request as { stream?: string }).stream ?? '']?.label.toLowerCase() ?? 'o Chatwoot';
      send({ type: 'error', error: failure(err, what) });
    }),
  );
});
