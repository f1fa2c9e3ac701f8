import { sleep } from './sleep';

/**
 * Client-side request budget: at most `max` requests in any rolling window of `windowMs`.
 *
 * This is a token bucket whose tokens each come back exactly one window after they were spent.
 * A classic bucket (capacity + steady refill) lets `capacity + rate·window` requests through in the
 * first window, which breaks a "120 per minute" server rule; this one uses the whole budget and
 * never exceeds it. `marginMs` widens the window a little because the server measures arrival
 * times, not our send times.
 */
export class RollingWindowLimiter {
  private readonly sent: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  private blockedUntil = 0;

  constructor(
    readonly max: number,
    readonly windowMs: number,
    readonly marginMs: number = Math.min(1000, Math.ceil(windowMs / 60)),
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(max) || max < 1) throw new Error(`Rate limit must be a positive integer, got ${max}`);
  }

  /** Waits for a free slot (in call order) and takes it. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.take(signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** The server asked us to wait (429 + Retry-After): nobody sends before then. */
  blockFor(ms: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.now() + ms);
  }

  private async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.now();
      while (this.sent.length && now - this.sent[0] >= this.windowMs + this.marginMs) this.sent.shift();
      let waitMs = this.blockedUntil - now;
      if (this.sent.length >= this.max) waitMs = Math.max(waitMs, this.sent[0] + this.windowMs + this.marginMs - now);
      if (waitMs <= 0) {
        this.sent.push(now);
        return;
      }
      await sleep(waitMs, signal);
    }
  }
}
