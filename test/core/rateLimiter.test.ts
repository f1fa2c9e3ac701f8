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
