import type { UserError } from '../errors';
import type { RollingWindowLimiter } from './rateLimiter';
import { sleep } from './sleep';

/** What went wrong with a request, before it is put into words for the user. */
export type HttpFailure =
  | { kind: 'status'; status: number; url: string; body: string; attempts: number }
  | { kind: 'network'; code: string; message: string; url: string; attempts: number }
  | { kind: 'timeout'; url: string; timeoutMs: number; attempts: number }
  | { kind: 'invalid-body'; url: string; message: string; attempts: number };

export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000 };

export interface HttpClientOptions {
  baseUrl: string;
  headers: Record<string, string>;
  limiter?: RollingWindowLimiter;
  retry?: RetryPolicy;
  timeoutMs?: number;
  /** Puts a final failure into one user sentence (source-specific wording). */
  describe: (failure: HttpFailure) => UserError;
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
  random?: () => number;
}

export interface JsonResponse<T> {
  status: number;
  body: T;
  /** The server's clock at the response (HTTP Date header), when it sent one. */
  serverDate: Date | null;
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * JSON over HTTP with the behaviour every connector needs: a shared request budget, retries with
 * exponential back-off and full jitter that honour Retry-After, timeouts, truncated bodies treated
 * as transient, and cancellation at every wait.
 */
export class HttpClient {
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly random: () => number;

  constructor(private readonly options: HttpClientOptions) {
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.random = options.random ?? Math.random;
  }

  url(path: string, query: Record<string, string | number> = {}): string {
    const base = this.options.baseUrl.replace(/\/+$/, '');
    const search = Object.entries(query)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
      .join('&');
    return `${base}${path}${search ? `?${search}` : ''}`;
  }

  async getJson<T>(path: string, query: Record<string, string | number>, signal?: AbortSignal): Promise<JsonResponse<T>> {
    const url = this.url(path, query);
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      await this.options.limiter?.acquire(signal);
      const outcome = await this.attempt<T>(url, attempt, signal);
      if ('body' in outcome) return outcome;
      const { failure, retryAfterMs } = outcome;
      const retryable = failure.kind !== 'status' || RETRYABLE_STATUS.has(failure.status);
      if (!retryable || attempt >= this.retry.maxAttempts) throw this.options.describe(failure);
      const backoff = this.random() * Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
      const delayMs = retryAfterMs !== null ? retryAfterMs + this.random() * 250 : backoff;
      if (retryAfterMs !== null) this.options.limiter?.blockFor(delayMs);
      this.options.onRetry?.({ attempt, delayMs, reason: reasonOf(failure) });
      await sleep(delayMs, signal);
    }
  }

  private async attempt<T>(
    url: string,
    attempts: number,
    signal?: AbortSignal,
  ): Promise<JsonResponse<T> | { failure: HttpFailure; retryAfterMs: number | null }> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, { headers: { Accept: 'application/json', ...this.options.headers }, signal: combined });
      text = await response.text();
    } catch (err) {
      signal?.throwIfAborted();
      if (timeout.aborted) return { failure: { kind: 'timeout', url, timeoutMs: this.timeoutMs, attempts }, retryAfterMs: null };
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      return {
        failure: { kind: 'network', code: cause?.code ?? 'ERR_NETWORK', message: cause?.message ?? (err as Error).message, url, attempts },
        retryAfterMs: null,
      };
    }
    if (response.status < 200 || response.status >= 300) {
      return {
        failure: { kind: 'status', status: response.status, url, body: text.slice(0, 500), attempts },
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      };
    }
    try {
      const dateHeader = response.headers.get('date');
      return { status: response.status, body: JSON.parse(text) as T, serverDate: dateHeader ? new Date(dateHeader) : null };
    } catch (err) {
      return { failure: { kind: 'invalid-body', url, message: (err as Error).message, attempts }, retryAfterMs: null };
    }
  }
}

/** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function reasonOf(failure: HttpFailure): string {
  switch (failure.kind) {
    case 'status':
      return `HTTP ${failure.status}`;
    case 'network':
      return failure.code;
    case 'timeout':
      return 'timeout';
    case 'invalid-body':
      return 'resposta incompleta';
  }
}
