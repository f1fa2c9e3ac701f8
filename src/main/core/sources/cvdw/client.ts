import { z } from 'zod';
import type { UserError } from '../../errors';
import { DEFAULT_RETRY, parseRetryAfter, type HttpFailure, type RetryPolicy } from '../../sync/httpClient';
import type { RollingWindowLimiter } from '../../sync/rateLimiter';
import { sleep } from '../../sync/sleep';
import { CVDW_API_PATH, CVDW_MAX_RATE_LIMIT_WAITS } from './constants';

/** The page envelope every CVDW endpoint answers with (reference §5). */
const Envelope = z.object({
  pagina: z.coerce.number().int().optional(),
  registros: z.coerce.number().int().optional(),
  total_de_registros: z.coerce.number().int().nonnegative(),
  total_de_paginas: z.coerce.number().int().nonnegative(),
  dados: z.array(z.unknown()),
});
export type CvdwEnvelope = z.infer<typeof Envelope>;

/** 204 "Nenhum dado foi encontrado" (reference §5): the same as an empty envelope. */
const EMPTY: CvdwEnvelope = { total_de_registros: 0, total_de_paginas: 0, dados: [] };

export type CvdwFailure = HttpFailure & { html?: boolean };

export interface CvdwClientOptions {
  baseUrl: string;
  email: string;
  token: string;
  limiter?: RollingWindowLimiter;
  /** How long a 429 blocks the credential (the rate window); waited out before the retry. */
  blockMs: number;
  retry?: RetryPolicy;
  timeoutMs?: number;
  describe: (failure: CvdwFailure) => UserError;
  onRetry?: (info: { attempt: number; delayMs: number; reason: string; path: string }) => void;
  random?: () => number;
}

const RETRYABLE_STATUS = new Set([408, 425, 500, 502, 503, 504, 520, 521, 522, 523, 524, 525, 526, 527]);

/**
 * GET requests to the CVDW with its headers, its request budget and its failure modes: a 429
 * waits out the block and retries without counting as a failed attempt (the budget is shared
 * with the tenant's other integrations, so a block is normal, not an error); HTML error pages,
 * network errors and timeouts are retried with back-off; everything else fails at once.
 */
export class CvdwClient {
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly random: () => number;

  constructor(private readonly options: CvdwClientOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.timeoutMs = options.timeoutMs ?? 40_000;
    this.random = options.random ?? Math.random;
  }

  url(path: string, query: Record<string, string | number>): string {
    // %20, not "+", for the space in `a_partir_data_referencia`: every server reads %20 as a space.
    const search = Object.entries(query)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&');
    return `${this.options.baseUrl.replace(/\/+$/, '')}${CVDW_API_PATH}${path}${search ? `?${search}` : ''}`;
  }

  async page(path: string, query: Record<string, string | number>, signal?: AbortSignal): Promise<CvdwEnvelope> {
    const url = this.url(path, query);
    let failures = 0;
    let blocks = 0;
    for (;;) {
      signal?.throwIfAborted();
      const answered = await this.options.limiter?.acquire(signal);
      // The 20-a-minute rule is counted by the server on arrival: our slot counts from the answer.
      const outcome = await this.attempt(url, failures + 1, signal).finally(() => answered?.());
      if (!('failure' in outcome)) return outcome;
      const { failure, retryAfterMs } = outcome;
      if (failure.kind === 'status' && failure.status === 429) {
        if (++blocks > CVDW_MAX_RATE_LIMIT_WAITS) throw this.options.describe({ ...failure, attempts: blocks });
        const delayMs = retryAfterMs ?? this.options.blockMs;
        this.options.onRetry?.({ attempt: blocks, delayMs, reason: 'HTTP 429', path });
        if (this.options.limiter) this.options.limiter.blockFor(delayMs);
        else await sleep(delayMs, signal);
        continue;
      }
      failures++;
      const retryable = failure.kind !== 'status' || RETRYABLE_STATUS.has(failure.status);
      if (!retryable || failures >= this.retry.maxAttempts) throw this.options.describe(failure);
      const delayMs = this.random() * Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (failures - 1));
      this.options.onRetry?.({ attempt: failures, delayMs, reason: failure.kind === 'status' ? `HTTP ${failure.status}` : failure.kind, path });
      await sleep(delayMs, signal);
    }
  }

  private async attempt(url: string, attempts: number, signal?: AbortSignal): Promise<CvdwEnvelope | { failure: CvdwFailure; retryAfterMs: number | null }> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    let body: string;
    try {
      response = await fetch(url, {
        headers: { Accept: 'application/json', email: this.options.email, token: this.options.token },
        signal: combined,
      });
      body = await response.text();
    } catch (err) {
      signal?.throwIfAborted();
      if (timeout.aborted) return { failure: { kind: 'timeout', url, timeoutMs: this.timeoutMs, attempts }, retryAfterMs: null };
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      return { failure: { kind: 'network', code: cause?.code ?? 'ERR_NETWORK', message: cause?.message ?? (err as Error).message, url, attempts }, retryAfterMs: null };
    }
    const html = /text\/html/i.test(response.headers.get('content-type') ?? '') || /^\s*</.test(body);
    if (response.status === 204) return EMPTY;
    if (response.status < 200 || response.status >= 300) {
      return {
        failure: { kind: 'status', status: response.status, url, body: body.slice(0, 500), attempts, html },
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      };
    }
    if (body.trim() === '') return EMPTY;
    try {
      const parsed = Envelope.safeParse(JSON.parse(body));
      if (parsed.success) return parsed.data;
      return { failure: { kind: 'invalid-body', url, message: 'resposta sem o envelope "dados"/"total_de_paginas"', attempts }, retryAfterMs: null };
    } catch (err) {
      // A 200 carrying an HTML error page is a failed request too (gateway pages).
      return { failure: { kind: 'invalid-body', url, message: html ? 'página HTML em vez de JSON' : (err as Error).message, attempts }, retryAfterMs: null };
    }
  }
}
