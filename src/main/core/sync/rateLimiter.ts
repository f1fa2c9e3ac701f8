import { sleep } from './sleep';

/**
 * Client-side request budget: at most `max` requests in any rolling window of `windowMs`.
 *
 * This is a token bucket whose tokens each come back exactly one window after they were spent.
 * A classic bucket (capacity + steady refill) lets `capacity + rate·window` requests through in the
 * first window, which breaks a "120 per minute" server rule; this one uses the whole budget and
 * never exceeds it. `marginMs` widens the window a little because the server measures arrival
 * times, not our send times. A caller that reports when each request came back (the function
 * `acquire` resolves with) makes the rule exact whatever the network or the machine's load: the
 * server received the request before we read its answer, so counting the slot from then on can only
 * be later than the server's own count.
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

  /**
   * Waits for a free slot (in call order) and takes it. Resolves with `answered`: call it when the
   * request's answer (or failure) arrives, to count the slot from that moment.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    const turn = this.queue.then(() => this.take(signal));
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn.then((takenAt) => () => this.answered(takenAt));
  }

  private answered(takenAt: number): void {
    const i = this.sent.indexOf(takenAt);
    if (i < 0) return;
    this.sent.splice(i, 1);
    const at = Math.max(takenAt, this.now());
    let j = this.sent.length;
    while (j > 0 && this.sent[j - 1] > at) j--;
    this.sent.splice(j, 0, at);
  }

  /** The server asked us to wait (429 + Retry-After): nobody sends before then. */
  blockFor(ms: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.now() + ms);
  }

  private async take(signal?: AbortSignal): Promise<number> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.now();
      while (this.sent.length && now - this.sent[0] >= this.windowMs + this.marginMs) this.sent.shift();
      let waitMs = this.blockedUntil - now;
      if (this.sent.length >= this.max) waitMs = Math.max(waitMs, this.sent[0] + this.windowMs + this.marginMs - now);
      if (waitMs <= 0) {
        this.sent.push(now);
        return now;
      }
      await sleep(waitMs, signal);
    }
  }
}
