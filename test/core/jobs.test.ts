import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { CompanyStore } from '../../src/main/core/companies/companyStore';
import { UserError } from '../../src/main/core/errors';
import { JobRunner } from '../../src/main/core/jobs/jobRunner';
import { RunRecords } from '../../src/main/core/jobs/runRecords';
import type { JobProgress } from '../../src/shared/jobs';
import { tempDir } from '../helpers/tmp';

function setup() {
  const store = new CompanyStore(tempDir());
  const company = store.add('acme', 'ACME Ltda');
  return { store, company, runner: new JobRunner() };
}

describe('JobRunner', () => {
  it('throttles progress to about ten events a second but always delivers the last state', async () => {
    const { company, runner } = setup();
    const events: JobProgress[] = [];
    runner.on('progress', (p) => events.push(p));
    const handle = runner.start(company, { kind: 'sync', source: 'ploomes', title: 'Teste' }, async (ctx) => {
      const t0 = Date.now();
      let i = 0;
      while (Date.now() - t0 < 600) {
        ctx.progress({ phase: 'Negócios', done: ++i, total: 100_000, unit: 'negócios' });
        if (i % 500 === 0) await new Promise((r) => setImmediate(r));
      }
      ctx.progress({ phase: 'Negócios', done: 100_000, total: 100_000, unit: 'negócios' });
    });
    const outcome = await handle.done;
    expect(outcome.status).toBe('succeeded');
    const during = events.filter((e) => e.phase === 'Negócios');
    expect(during.length).toBeGreaterThanOrEqual(3);
    expect(during.length).toBeLessThanOrEqual(12);
    expect(events.at(-1)?.done).toBe(100_000);
    expect(during.some((e) => e.ratePerSecond !== null && e.etaSeconds !== null)).toBe(true);
  });

  it('delivers the final state of every phase before the next phase begins', async () => {
    const { company, runner } = setup();
    const events: JobProgress[] = [];
    runner.on('progress', (p) => events.push(p));
    await runner.start(company, { kind: 'sync', source: 'ploomes', title: 'Teste' }, async (ctx) => {
      for (const phase of ['Clientes', 'Negócios']) {
        for (let done = 1; done <= 50; done++) ctx.progress({ phase, done, total: 50, unit: 'itens' });
      }
    }).done;
    for (const phase of ['Clientes', 'Negócios']) {
      expect(events.filter((e) => e.phase === phase).at(-1)?.done).toBe(50);
    }
    expect(events.every((e) => e.source === 'ploomes')).toBe(true);
  });

  it('keeps a run record from start to end with counts and the error sentence', async () => {
    const { company, runner } = setup();
    const handle = runner.start(company, { kind: 'sync', source: 'ploomes', title: 'Teste' }, async (ctx) => {
      ctx.count('ploomes.deals.inserted', 7);
      ctx.item('negócio 12', 'invalid', 'StatusId inválido');
      throw new UserError('Chave recusada (403): gere outra.', 'forbidden');
    });
    const records = new RunRecords(company.db);
    expect(records.get(handle.jobId)?.status).toBe('running');
    const outcome = await handle.done;
    expect(outcome.status).toBe('failed');
    const run = records.get(handle.jobId)!;
    expect(run.status).toBe('failed');
    expect(run.counts).toEqual({ 'ploomes.deals.inserted': 7 });
    expect(run.error).toEqual({ code: 'forbidden', message: 'Chave recusada (403): gere outra.' });
    expect(run.endedAt).not.toBeNull();
    expect(records.items(handle.jobId)).toEqual([expect.objectContaining({ item: 'negócio 12', status: 'invalid' })]);
  });

  it('cancels through the AbortSignal and refuses a second run of the same source meanwhile', async () => {
    const { company, runner } = setup();
    const handle = runner.start(company, { kind: 'sync', source: 'ploomes', title: 'Teste' }, async (ctx) => {
      await new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
    });
    expect(() => runner.start(company, { kind: 'sync', source: 'ploomes', title: 'Outra' }, async () => undefined)).toThrowError(
      expect.objectContaining({ code: 'job-already-running' }),
    );
    expect(runner.cancel(handle.jobId)).toBe(true);
    const outcome = await handle.done;
    expect(outcome.status).toBe('cancelled');
    expect(new RunRecords(company.db).get(handle.jobId)?.status).toBe('cancelled');
  });

  it('marks runs left running by a dead process as interrupted', () => {
    const { company } = setup();
    company.db
      .prepare("INSERT INTO runs (id, kind, source, title, started_at, status, pid, host) VALUES ('x', 'sync', 'ploomes', 't', ?, 'running', 999999999, ?)")
      .run(new Date().toISOString(), hostname());
    const records = new RunRecords(company.db);
    expect(records.activeRun('sync', 'ploomes')).toBeNull();
    expect(records.reconcileInterrupted()).toBe(1);
    expect(records.get('x')?.status).toBe('interrupted');
  });
});
