import { describe, expect, it } from 'vitest';
import { RollingWindowLimiter } from '../../src/main/core/sync/rateLimiter';

/** Largest number of timestamps inside any window of the given length. */
function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end] - times[start] >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('RollingWindowLimiter', () => {
  it('never lets more than max requests into any rolling window, and uses the whole budget', async () => {
    const limiter = new RollingWindowLimiter(10, 300, 20);
    const times: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 35; i++) {
      await limiter.acquire();
      times.push(Date.now());
    }
    expect(maxInWindow(times, 300)).toBeLessThanOrEqual(10);
    // 35 requests at 10 per 320 ms need three full waits; a limiter that wastes budget takes far longer.
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(3 * 300);
    expect(elapsed).toBeLessThan(3 * 320 + 1500);
    // The first ten go out at once: the budget is used, not spread thin.
    expect(times[9] - times[0]).toBeLessThan(50);
  });

  // The server counts requests when they arrive, which on a loaded machine or a slow network can be
  // long after we sent them: counted from the send, the 21st can land inside the server's window.
  it('keeps the server-side count within max when requests arrive late, counting each slot from its answer', async () => {
    const limiter = new RollingWindowLimiter(5, 300, 0);
    const arrivals: number[] = [];
    const delays = [5, 120, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5];
    for (const delay of delays) {
      const answered = await limiter.acquire();
      // In flight: the server sees it `delay` ms after it was sent, and we read the answer after that.
      await new Promise((resolve) => setTimeout(resolve, delay));
      arrivals.push(Date.now());
      answered();
    }
    expect(maxInWindow(arrivals, 300)).toBeLessThanOrEqual(5);
  });

  it('holds everyone back while the server asked us to wait', async () => {
    const limiter = new RollingWindowLimiter(100, 1000, 0);
    limiter.blockFor(200);
    const t0 = Date.now();
    await limiter.acquire();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
  });

  it('stops waiting when cancelled', async () => {
    const limiter = new RollingWindowLimiter(1, 10_000, 0);
    await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
  });
});
