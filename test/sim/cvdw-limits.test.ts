import { afterEach, describe, expect, it } from 'vitest';
import { startCvdwSim, type CvdwSim } from '../../src/main/sim/cvdw';
import { call } from './cvdw-http';

let sim: CvdwSim | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

const TOO_MANY = '{\n   "Response": "Too many requests"\n}';
const sleepUntil = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));

describe('CVDW simulator rate limit', () => {
  it('defaults to 20 requests per rolling minute and refuses the 21st with the captured body', async () => {
    sim = await startCvdwSim({ size: { reservations: 100 }, referenceDay: '2026-06-30' });
    for (let i = 0; i < 20; i++) expect((await call(sim, 'vendas')).status).toBe(200);
    const refused = await call(sim, 'vendas');
    expect(refused.status).toBe(429);
    expect(refused.text).toBe(TOO_MANY);
    expect(JSON.parse(refused.text)).toEqual({ Response: 'Too many requests' });
    expect(sim.stats.rejected429).toBe(1);
    expect(sim.stats.maxInWindow).toBe(21);
    expect(sim.stats.requests).toBe(21);
  });

  it('keeps the credential blocked for a full window from the refusal, even once the rolling window has room, without extending it', async () => {
    const windowMs = 3000;
    sim = await startCvdwSim({ size: { reservations: 100 }, referenceDay: '2026-06-30', rateLimit: { max: 20, windowMs } });
    for (let i = 0; i < 10; i++) expect((await call(sim, 'reservas')).status).toBe(200);
    const firstBatchDone = Date.now();
    await sleepUntil(firstBatchDone + 1500);
    for (let i = 0; i < 10; i++) expect((await call(sim, 'reservas')).status).toBe(200);
    const blockStart = Date.now();
    expect((await call(sim, 'reservas')).status).toBe(429);
    await sleepUntil(blockStart + 500);
    expect((await call(sim, 'reservas')).status).toBe(429);
    // The first ten requests have left the rolling window by now, yet the block still holds.
    await sleepUntil(firstBatchDone + windowMs + 200);
    const stillBlocked = await call(sim, 'reservas');
    expect(Date.now()).toBeLessThan(blockStart + windowMs);
    expect(stillBlocked.status).toBe(429);
    // Refusals did not push the end out: one window after the block began, requests pass again.
    await sleepUntil(blockStart + windowMs + 150);
    expect((await call(sim, 'reservas')).status).toBe(200);
    expect(sim.stats.rejected429).toBe(3);
    // Everything admitted before the block has left the window: 19 more fit, the 21st in the window does not.
    for (let i = 0; i < 19; i++) expect((await call(sim, 'reservas')).status).toBe(200);
    expect((await call(sim, 'reservas')).status).toBe(429);
  });

  it('rolls: a client that spaces its requests is never refused', async () => {
    const windowMs = 2000;
    sim = await startCvdwSim({ size: { reservations: 100 }, referenceDay: '2026-06-30', rateLimit: { max: 5, windowMs } });
    const t0 = Date.now();
    // 480 ms apart: five requests fit in one window (4 × 480 < 2000) and a late one has 400 ms of slack.
    for (let i = 0; i < 12; i++) {
      await sleepUntil(t0 + i * 480);
      expect((await call(sim, 'vendas')).status, `request ${i}`).toBe(200);
    }
    expect(sim.stats.rejected429).toBe(0);
    expect(sim.stats.maxInWindow).toBeLessThanOrEqual(5);
  });

  it('limits each credential on its own and never lets a bad credential take a slot', async () => {
    sim = await startCvdwSim({ size: { reservations: 100 }, referenceDay: '2026-06-30', rateLimit: { max: 3, windowMs: 60_000 } });
    for (let i = 0; i < 5; i++) expect((await call(sim, 'vendas', { auth: { email: sim.email, token: 'x' } })).status).toBe(401);
    for (let i = 0; i < 3; i++) expect((await call(sim, 'vendas')).status).toBe(200);
    expect((await call(sim, 'vendas')).status).toBe(429);
  });

  it('can be switched off', async () => {
    sim = await startCvdwSim({ size: { reservations: 100 }, referenceDay: '2026-06-30', rateLimit: false });
    for (let i = 0; i < 40; i++) expect((await call(sim, 'vendas')).status).toBe(200);
    expect(sim.stats.maxInWindow).toBe(40);
    expect(sim.stats.rejected429).toBe(0);
  });
});
