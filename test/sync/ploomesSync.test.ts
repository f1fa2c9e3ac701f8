import { afterEach, describe, expect, it } from 'vitest';
import { CursorStore } from '../../src/main/core/sync/cursorStore';
import type { Harness } from '../helpers/core';
import { count, harness } from '../helpers/core';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const deals = (harnessed: Harness) => count(harnessed.core, 'SELECT COUNT(*) AS n FROM ploomes_deals');
const simDeals = (harnessed: Harness) => [...harnessed.sim.deals()];

describe('Ploomes sync against the simulator', () => {
  it('mirrors every contact and deal with mapped columns, business days and the raw record', async () => {
    h = await harness({ seed: 7 });
    const outcome = await h.core.startSync('acme', 'ploomes').done;
    expect(outcome.error).toBeNull();
    expect(outcome.status).toBe('succeeded');
    const source = simDeals(h);
    expect(deals(h)).toBe(source.length);
    expect(count(h.core, 'SELECT COUNT(*) AS n FROM ploomes_contacts')).toBe([...h.sim.contacts()].length);
    expect(outcome.counts['ploomes.deals.inserted']).toBe(source.length);

    const db = h.core.company('acme').db;
    const sample = source[Math.floor(source.length / 2)];
    const row = db.prepare('SELECT * FROM ploomes_deals WHERE id = ?').get(sample.Id) as Record<string, unknown>;
    expect(JSON.parse(row.raw as string)).toEqual(sample);
    expect(row.status_id).toBe(sample.StatusId);
    expect(row.amount_cents).toBe(sample.Amount === null ? null : Math.round((sample.Amount as number) * 100));
    expect(row.customer_id).toBe(sample.ContactId ?? sample.PersonId);

    // Deals won at 22:30 on 31 December (São Paulo) belong to that day, not to 1 January (UTC).
    const newYearsEve = source.filter((d) => d.StatusId === 2 && /-12-31T22:30/.test(String(d.FinishDate)));
    expect(newYearsEve.length).toBeGreaterThan(0);
    for (const d of newYearsEve) {
      const { finish_day } = db.prepare('SELECT finish_day FROM ploomes_deals WHERE id = ?').get(d.Id) as { finish_day: string };
      expect(finish_day).toBe(String(d.FinishDate).slice(0, 10));
    }
  });

  it('fetches only what changed on the next run: updates, new deals and deletions', async () => {
    h = await harness({ seed: 3 });
    expect((await h.core.startSync('acme', 'ploomes').done).status).toBe('succeeded');
    const before = h.sim.stats.requests;
    const [first, second, third] = simDeals(h);
    h.sim.updateDeal(first.Id as number, { Title: 'Renegociado' });
    h.sim.winDeal(second.Id as number, 4321.5);
    h.sim.deleteDeal(third.Id as number);
    const created = h.sim.createDeal({ Title: 'Novo negócio', ContactId: first.ContactId, Amount: 999.99 });

    const outcome = await h.core.startSync('acme', 'ploomes').done;
    expect(outcome.status).toBe('succeeded');
    expect(outcome.counts['ploomes.deals.inserted']).toBe(1);
    expect(outcome.counts['ploomes.deals.updated']).toBe(2);
    expect(outcome.counts['ploomes.deleted_deals.deleted']).toBe(1);
    // A handful of requests (one page per stream), not a re-download of thousands of deals.
    expect(h.sim.stats.requests - before).toBeLessThan(12);
    expect(deals(h)).toBe(simDeals(h).length);
    const db = h.core.company('acme').db;
    expect(db.prepare('SELECT title FROM ploomes_deals WHERE id = ?').get(first.Id)).toEqual({ title: 'Renegociado' });
    expect(db.prepare('SELECT status_id, amount_cents FROM ploomes_deals WHERE id = ?').get(second.Id)).toEqual({ status_id: 2, amount_cents: 432150 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM ploomes_deals WHERE id = ?').get(third.Id)).toEqual({ n: 0 });
    expect(db.prepare('SELECT title FROM ploomes_deals WHERE id = ?').get(created.Id)).toEqual({ title: 'Novo negócio' });
  });

  it('a full re-sync removes rows the source no longer has', async () => {
    h = await harness({ seed: 4 });
    await h.core.startSync('acme', 'ploomes').done;
    const db = h.core.company('acme').db;
    db.prepare("INSERT INTO ploomes_deals (id, status_id, raw) VALUES (999999999, 1, '{}')").run();
    const outcome = await h.core.startSync('acme', 'ploomes', { full: true }).done;
    expect(outcome.status).toBe('succeeded');
    expect(db.prepare('SELECT COUNT(*) AS n FROM ploomes_deals WHERE id = 999999999').get()).toEqual({ n: 0 });
    expect(deals(h)).toBe(simDeals(h).length);
    expect(outcome.counts['ploomes.deals.unchanged']).toBe(simDeals(h).length);
  });

  it('uses the request budget without ever exceeding it', async () => {
    h = await harness({ seed: 5, rateLimit: { max: 8, windowMs: 1000 } }, { retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 }, rateLimit: { max: 8, windowMs: 1000 } });
    const t0 = Date.now();
    const outcome = await h.core.startSync('acme', 'ploomes').done;
    expect(outcome.error).toBeNull();
    expect(h.sim.stats.rateLimited).toBe(0);
    expect(h.sim.stats.maxInWindow).toBeLessThanOrEqual(8);
    // More requests than one window allows, so the limiter really had to pace them.
    expect(h.sim.stats.requests).toBeGreaterThan(16);
    expect(Date.now() - t0).toBeGreaterThan(((h.sim.stats.requests - 8) / 8) * 1000 - 500);
    expect(deals(h)).toBe(simDeals(h).length);
  });

  it('honours Retry-After through a 429 storm and still finishes', async () => {
    h = await harness({ seed: 6, faults: { storm429: { afterRequests: 4, count: 3, retryAfterSeconds: 1 } } });
    const t0 = Date.now();
    const outcome = await h.core.startSync('acme', 'ploomes').done;
    expect(outcome.error).toBeNull();
    expect(h.sim.stats.status[429]).toBe(3);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(3000);
    expect(deals(h)).toBe(simDeals(h).length);
  });

  it('rides out 5xx bursts, slow and truncated responses', async () => {
    h = await harness({ seed: 8, faults: { serverErrors: { afterRequests: 3, count: 3 }, truncated: { afterRequests: 9, count: 2 }, slow: { afterRequests: 12, count: 1, delayMs: 300 } } });
    const outcome = await h.core.startSync('acme', 'ploomes').done;
    expect(outcome.error).toBeNull();
    expect(deals(h)).toBe(simDeals(h).length);
  });

  it('stops on an expired key (403) with the pt-BR sentence, keeps what was saved, and resumes later', async () => {
    h = await harness({ seed: 9, size: { customers: 200, deals: 6000 }, faults: { forbiddenAfterRequests: 12 } });
    const failed = await h.core.startSync('acme', 'ploomes').done;
    expect(failed.status).toBe('failed');
    expect(failed.error).toEqual({
      code: 'forbidden',
      message:
        'Chave de API do Ploomes recusada (403): a chave pode estar expirada ou sem permissão, ou um campo pedido não existe. Gere uma nova chave em Ploomes > Administração > Integração e salve-a em Configurações.',
    });
    const saved = deals(h);
    expect(saved).toBeGreaterThan(0);
    expect(saved % 300).toBe(0);
    const cursor = new CursorStore(h.core.company('acme').db).load<{ afterId: number }>('ploomes', 'deals');
    expect(cursor?.afterId).toBeGreaterThan(0);

    const health = h.core.health('acme').find((s) => s.source === 'ploomes')!;
    expect(health.state).toBe('failing');
    expect(health.failingSince).not.toBeNull();
    expect(health.lastError?.code).toBe('forbidden');

    h.sim.faults.forbiddenAfterRequests = undefined;
    const dealRequestsBefore = h.sim.stats.byPath['/Deals'] ?? 0;
    const resumed = await h.core.startSync('acme', 'ploomes').done;
    expect(resumed.status).toBe('succeeded');
    expect(deals(h)).toBe(simDeals(h).length);
    expect(count(h.core, 'SELECT COUNT(DISTINCT id) AS n FROM ploomes_deals')).toBe(deals(h));
    // It continued after the saved pages instead of starting over.
    const fullScanPages = Math.ceil(simDeals(h).length / 300);
    expect((h.sim.stats.byPath['/Deals'] ?? 0) - dealRequestsBefore).toBeLessThan(fullScanPages);
    expect(resumed.counts['ploomes.deals.inserted']).toBe(simDeals(h).length - saved);
    expect(h.core.health('acme').find((s) => s.source === 'ploomes')!.state).toBe('ok');
  });

  it('cancels cleanly between pages and the next run completes without duplicates', async () => {
    h = await harness({ seed: 10, size: { customers: 200, deals: 9000 }, latencyMs: 20 });
    const handle = h.core.startSync('acme', 'ploomes');
    const off = h.core.on('job.progress', (p) => {
      if (p.jobId === handle.jobId && p.phase === 'Negócios' && p.done >= 900) h!.core.cancelJob(handle.jobId);
    });
    const cancelled = await handle.done;
    off();
    expect(cancelled.status).toBe('cancelled');
    const saved = deals(h);
    expect(saved).toBeGreaterThanOrEqual(900);
    expect(saved).toBeLessThan(9000);
    const resumed = await h.core.startSync('acme', 'ploomes').done;
    expect(resumed.status).toBe('succeeded');
    expect(deals(h)).toBe(simDeals(h).length);
  });

  it('skips a malformed record, reports it by id and keeps the rest', async () => {
    h = await harness({ seed: 11 });
    const [victim] = simDeals(h);
    h.sim.updateDeal(victim.Id as number, { StatusId: 'Ganha' });
    const outcome = await h.core.startSync('acme', 'ploomes').done;
    expect(outcome.status).toBe('succeeded');
    expect(outcome.counts.invalid_records).toBe(1);
    expect(deals(h)).toBe(simDeals(h).length - 1);
    const run = h.core.runs('acme')[0];
    const items = h.core.runItems('acme', run.id);
    expect(items).toEqual([expect.objectContaining({ item: `ploomes.deals #${victim.Id}`, status: 'invalid' })]);
    expect(items[0].message).toMatch(/StatusId/);
  });

  it('fails cleanly with one sentence when the API cannot be reached', async () => {
    h = await harness({ seed: 13 });
    const closed = new URL(h.sim.url);
    await h.sim.close();
    h.core.setSourceSettings('acme', 'ploomes', { url: closed.origin });
    const outcome = await h.core.startSync('acme', 'ploomes').done;
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.code).toBe('network');
    expect(outcome.error?.message).toMatch(/^Não foi possível conectar ao Ploomes em http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\) após 6 tentativas/);
    // Give any stray promise the chance to surface as an unhandled rejection (vitest fails the run).
    await new Promise((r) => setTimeout(r, 300));
    h.sim = await (await import('../../src/main/sim/ploomes')).startPloomesSim({ seed: 13 });
  });

  it('fails cleanly when the first page and its size estimate both fail', async () => {
    // users and stages take one request each; contacts then asks for its first page and its size together.
    h = await harness({ seed: 14, faults: { forbiddenAfterRequests: 2 } });
    const outcome = await h.core.startSync('acme', 'ploomes').done;
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.code).toBe('forbidden');
    await new Promise((r) => setTimeout(r, 300));
  });

  it('reports progress with a total estimate, rate and ETA while it runs', async () => {
    h = await harness({ seed: 12, size: { customers: 100, deals: 6000 }, latencyMs: 15 });
    const phases = new Set<string>();
    const withTotal: number[] = [];
    const handle = h.core.startSync('acme', 'ploomes');
    h.core.on('job.progress', (p) => {
      if (p.jobId !== handle.jobId) return;
      phases.add(p.phase);
      if (p.phase === 'Negócios' && p.total !== null && p.done < p.total) withTotal.push(p.total);
    });
    await handle.done;
    expect([...phases]).toEqual(expect.arrayContaining(['Clientes', 'Negócios']));
    expect(withTotal.length).toBeGreaterThan(0);
    for (const total of withTotal) expect(Math.abs(total - 6000) / 6000).toBeLessThan(0.25);
  });
});
