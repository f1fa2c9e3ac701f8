// Per-key rolling window. Only admitted requests occupy slots: a 429 does not extend the wait, so
// Retry-After (time until the oldest admitted request leaves the window) is exact. The reference
// does not document how Ploomes counts rejected calls; this is our assumption.

/** Timestamps in arrival order, pruned from the front as they leave the window. */
class Window {
  private times: number[] = [];
  private head = 0;

  prune(now: number, windowMs: number): void {
    while (this.head < this.times.length && this.times[this.head] <= now - windowMs) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }

  count(): number {
    return this.times.length - this.head;
  }

  oldest(): number {
    return this.times[this.head];
  }

  add(now: number): void {
    this.times.push(now);
  }
}

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

export class RateLimiter {
  private readonly admitted = new Map<string, Window>();
  private readonly seen = new Map<string, Window>();
  /** The most requests one key made within any rolling window, whatever their outcome. */
  maxInWindow = 0;

  constructor(
    private readonly limit: { max: number; windowMs: number } | false,
    private readonly statsWindowMs: number,
  ) {}

  /** Records an arrival; every request counts here, so a test can prove a client stayed under the limit. */
  observe(key: string, now: number): void {
    const seen = windowOf(this.seen, key);
    seen.prune(now, this.statsWindowMs);
    seen.add(now);
    this.maxInWindow = Math.max(this.maxInWindow, seen.count());
  }

  /** Takes a slot in the key's window, or says how long until one frees. */
  admit(key: string, now: number): RateDecision {
    if (!this.limit) return { ok: true };
    const admitted = windowOf(this.admitted, key);
    admitted.prune(now, this.limit.windowMs);
    if (admitted.count() >= this.limit.max) {
      const waitMs = admitted.oldest() + this.limit.windowMs - now;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    admitted.add(now);
    return { ok: true };
  }
}

function windowOf(windows: Map<string, Window>, key: string): Window {
  let w = windows.get(key);
  if (!w) windows.set(key, (w = new Window()));
  return w;
}
