import type { ChatwootConnection } from './session';

/** Messages between the sync (main thread) and the Chatwoot reader thread (readerWorker.ts). */

export interface ReaderSetup {
  connection: ChatwootConnection;
  accountId: number;
  timeZone: string;
}

export type ReaderRequest =
  | { type: 'open'; stream: string; after: { u: number; id: number } | null }
  | { type: 'next'; stream: string }
  | { type: 'close' };

/** One page, already mapped to mirror rows, with what it changes downstream. */
export interface ReaderPage {
  stream: string;
  rows: unknown[][];
  /** Per-row data a stream writes beside its rows (a conversation's labels). */
  extras: unknown[] | null;
  conversations: number[];
  days: string[];
  last: { u: number; id: number } | null;
  done: boolean;
}

export type ReaderReply = { type: 'opened'; stream: string } | { type: 'page'; page: ReaderPage } | { type: 'error'; error: { code: string; message: string } };
