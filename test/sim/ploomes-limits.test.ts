import { afterEach, describe, expect, it } from 'vitest';
import { parsePloomesFaults, startPloomesSim, type PloomesSim } from '../../src/main/sim/ploomes';
import { call } from './ploomes-http';

let sim: PloomesSim | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

describe('Ploomes simulator rate limit', () => {
  it('answers 429 with Retry-After once max requests were served within the window, and frees slots as it rolls', async () => {
    sim = await startPloomesSim({ rateLimit: { max: 5, windowMs: 1500 } });
    for (let i = 0; i < 5; i++) expect((await call(sim, '/Deals@Status')).status).toBe(200);
    const limited = await call(sim, '/Deals@Status');
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({ error: { code: 'TooManyRequests', message: 'Too many requests' } });
    expect(limited.headers.get('retry-after')).toMatch(/^[12]$/);
    expect(sim.stats.rateLimited).toBe(1);
    expect(sim.stats.maxInWindow).toBe(6);
    expect(sim.stats.status[429]).toBe(1);
    await new Promise((r) => setTimeout(r, 1600));
    expect((await call(sim, '/Deals@Status')).status).toBe(200);
  });

  it('limits each key on its own, omits Retry-After when told to, and reports the busiest window', async () => {
    sim = await startPloomesSim({ rateLimit: { max: 3, windowMs: 60_000 }, userKeys: ['a', 'b'], retryAfterOn429: false });
    for (let i = 0; i < 3; i++) expect((await call(sim, '/Users', { key: 'a' })).status).toBe(200);
    const limited = await call(sim, '/Users', { key: 'a' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeNull();
    expect((await call(sim, '/Users', { key: 'b' })).status).toBe(200);
    expect(sim.stats.maxInWindow).toBe(4);
  });

  it('counts every request in stats, by status and by path', async () => {
    sim = await startPloomesSim({ rateLimit: false });
    await call(sim, '/Deals?$top=1');
    await call(sim, '/Deals?$top=2');
    await call(sim, '/Deals(1)');
    await call(sim, '/Deals', { key: null });
    expect(sim.stats.requests).toBe(4);
    expect(sim.stats.status).toEqual({ 200: 2, 404: 1, 401: 1 });
    expect(sim.stats.byPath).toEqual({ '/Deals': 3, '/Deals(id)': 1 });
    expect(sim.stats.maxInWindow).toBe(3);
  });
});

describe('Ploomes simulator faults', () => {
  it('forbidden: every request after the Nth gets 403 like an expired key', async () => {
    sim = await startPloomesSim({ faults: { forbiddenAfterRequests: 2 } });
    expect((await call(sim, '/Users')).status).toBe(200);
    expect((await call(sim, '/Users')).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      const reply = await call(sim, '/Users');
      expect(reply.status).toBe(403);
      expect(reply.json).toEqual({ error: { code: 'Forbidden', message: 'Your request has been forbidden' } });
    }
  });

  it('serverErrors: a burst of HTML 5xx, then normal service', async () => {
    sim = await startPloomesSim({ faults: { serverErrors: { afterRequests: 1, count: 2 } } });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const reply = await call(sim, '/Users');
      statuses.push(reply.status);
      if (reply.status === 503) {
        expect(reply.headers.get('content-type')).toBe('text/html');
        expect(reply.text).toContain('<html>');
      }
    }
    expect(statuses).toEqual([200, 503, 503, 200]);
    sim.faults.serverErrors = { afterRequests: 4, count: 1, status: 502 };
    expect((await call(sim, '/Users')).status).toBe(502);
  });

  it('slow: delays the chosen responses', async () => {
    sim = await startPloomesSim({ faults: { slow: { afterRequests: 1, count: 1, delayMs: 400 } } });
    const timed = async () => {
      const t = performance.now();
      await call(sim!, '/Users');
      return performance.now() - t;
    };
    expect(await timed()).toBeLessThan(300);
    expect(await timed()).toBeGreaterThanOrEqual(390);
    expect(await timed()).toBeLessThan(300);
  });

  it('truncated: a 200 whose body stops halfway, then a clean retry', async () => {
    sim = await startPloomesSim({ faults: { truncated: { afterRequests: 0, count: 1 } } });
    await expect(call(sim, '/Deals?$top=50')).rejects.toThrow();
    expect(sim.stats.status[200]).toBe(1);
    const retry = await call(sim, '/Deals?$top=50');
    expect(retry.status).toBe(200);
    expect(retry.json.value).toHaveLength(50);
  });

  it('storm429: forced 429s with the given Retry-After regardless of the window', async () => {
    sim = await startPloomesSim({ faults: { storm429: { afterRequests: 1, count: 2, retryAfterSeconds: 7 } } });
    expect((await call(sim, '/Users')).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const reply = await call(sim, '/Users');
      expect(reply.status).toBe(429);
      expect(reply.headers.get('retry-after')).toBe('7');
    }
    expect((await call(sim, '/Users')).status).toBe(200);
    expect(sim.stats.rateLimited).toBe(0);
  });

  it('applies faults changed at run time', async () => {
    sim = await startPloomesSim();
    expect((await call(sim, '/Users')).status).toBe(200);
    sim.faults = { forbiddenAfterRequests: 0 };
    expect((await call(sim, '/Users')).status).toBe(403);
    sim.faults = {};
    expect((await call(sim, '/Users')).status).toBe(200);
  });

  it('adds the configured latency to every response', async () => {
    sim = await startPloomesSim({ latencyMs: { min: 120, max: 150 } });
    const t = performance.now();
    await call(sim, '/Users', { key: null });
    expect(performance.now() - t).toBeGreaterThanOrEqual(115);
  });
});

describe('parsePloomesFaults', () => {
  it('parses the CLI grammar', () => {
    expect(parsePloomesFaults('forbidden@50,5xx@10x3,slow@5x2:2000,truncated@7x1,429@20x5:2')).toEqual({
      forbiddenAfterRequests: 50,
      serverErrors: { afterRequests: 10, count: 3, status: 503 },
      slow: { afterRequests: 5, count: 2, delayMs: 2000 },
      truncated: { afterRequests: 7, count: 1 },
      storm429: { afterRequests: 20, count: 5, retryAfterSeconds: 2 },
    });
    expect(parsePloomesFaults(' 5xx@0x1:500 , 429@3x2 ')).toEqual({
      serverErrors: { afterRequests: 0, count: 1, status: 500 },
      storm429: { afterRequests: 3, count: 2 },
    });
    expect(parsePloomesFaults('')).toEqual({});
  });

  it('throws a clear error for bad input', () => {
    for (const bad of ['boom@1', 'forbidden', 'forbidden@1x2', '5xx@1', '5xx@1x2:404', 'slow@1x2', 'truncated@1x0', '429@1x1:0', 'forbidden@1,forbidden@2', 'slow@ax1:10']) {
      expect(() => parsePloomesFaults(bad), bad).toThrow(/Invalid Ploomes fault/);
    }
  });
});
