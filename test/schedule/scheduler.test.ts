import { afterEach, describe, expect, it } from 'vitest';
import { NexusCore } from '../../src/main/core/nexusCore';
import { listSchedules, setSchedule } from '../../src/main/core/schedule/schedules';
import { Scheduler, type SchedulerClock, type SchedulerEvents } from '../../src/main/core/schedule/scheduler';
import { KeychainVault } from '../../src/main/core/secrets/vault';
import { FAST_RETRY, harness, type Harness } from '../helpers/core';

/** A wall clock that moves only when told; timers fire in order as it passes them. */
class FakeClock implements SchedulerClock {
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;

  constructor(public t: number) {}

  now(): number {
    return this.t;
  }

  setTimer(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.t + ms, callback });
    return id;
  }

  clearTimer(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Time passes normally: every timer due on the way fires at its time. */
  advanceTo(iso: string): void {
    const target = Date.parse(iso);
    for (;;) {
      const due = [...this.timers.entries()].filter(([, timer]) => timer.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = Math.max(this.t, due[1].at);
      due[1].callback();
    }
    this.t = target;
  }

  /** The computer slept: the wall clock jumps and no timer fired meanwhile; on wake the late ones fire once. */
  sleepUntil(iso: string): void {
    this.t = Date.parse(iso);
    const late = [...this.timers.entries()].filter(([, timer]) => timer.at <= this.t);
    for (const [id, timer] of late) {
      this.timers.delete(id);
      timer.callback();
    }
  }

  pendingDelays(): number[] {
    return [...this.timers.values()].map((timer) => timer.at - this.t);
  }
}

let h: Harness | null = null;
let scheduler: Scheduler | null = null;
const extraCores: NexusCore[] = [];
afterEach(async () => {
  await scheduler?.stop({ cancelRunning: true });
  scheduler = null;
  for (const core of extraCores.splice(0)) core.close();
  await h?.close();
  h = null;
});

function record(s: Scheduler) {
  const events: Array<{ type: keyof SchedulerEvents; payload: SchedulerEvents[keyof SchedulerEvents] }> = [];
  for (const type of ['run.started', 'run.finished', 'run.failed', 'run.skipped'] as const) {
    s.on(type, (payload) => events.push({ type, payload }));
  }
  return {
    events,
    of: <K extends keyof SchedulerEvents>(type: K) => events.filter((e) => e.type === type).map((e) => e.payload as SchedulerEvents[K]),
  };
}

const syncRuns = (core: NexusCore) => core.runs('acme').filter((r) => r.kind === 'sync');
const view = (core: NexusCore) => listSchedules(core, 'acme').find((s) => s.source === 'ploomes')!;

describe('Scheduler', () => {
  it('starts a sync at its due time through startSync and shows the next run time', async () => {
    h = await harness({ seed: 11, size: { customers: 40, deals: 300 } });
    const clock = new FakeClock(Date.parse('2026-03-10T07:15:00-03:00'));
    setSchedule(h.core, 'acme', 'ploomes', { preset: 'every-6h', enabled: true }, clock.now());
    scheduler = new Scheduler(h.core, { companies: () => ['acme'], clock });
    const seen = record(scheduler);
    scheduler.start();
    expect(seen.events).toEqual([]);
    expect(scheduler.nextRuns()).toEqual([{ company: 'acme', source: 'ploomes', nextRunAt: '2026-03-10T15:00:00.000Z' }]);
    // The timer is armed no later than the check interval and no later than the due time.
    expect(Math.min(...clock.pendingDelays())).toBeLessThanOrEqual(60_000);

    clock.advanceTo('2026-03-10T11:59:00-03:00');
    expect(seen.of('run.started')).toEqual([]);
    clock.advanceTo('2026-03-10T12:00:30-03:00');
    expect(seen.of('run.started')).toHaveLength(1);
    expect(seen.of('run.started')[0]).toMatchObject({ company: 'acme', source: 'ploomes', label: 'Ploomes', dueAt: '2026-03-10T15:00:00.000Z' });
    await scheduler.idle();

    const [finished] = seen.of('run.finished');
    expect(finished).toMatchObject({ status: 'succeeded', error: null, nextRunAt: '2026-03-10T21:00:00.000Z' });
    // The history says which runs the schedule started.
    expect(syncRuns(h.core).map((r) => [r.id, r.status, r.title])).toEqual([[finished.jobId, 'succeeded', 'Sincronização Ploomes (agendada)']]);
    expect(h.core.company('acme').db.prepare('SELECT COUNT(*) AS n FROM ploomes_deals').get()).toEqual({ n: [...h.sim.deals()].length });
    expect(view(h.core)).toMatchObject({ preset: 'every-6h', cron: '0 */6 * * *', enabled: true, nextRunAt: '2026-03-10T21:00:00.000Z', lastStatus: 'succeeded', timezone: 'America/Sao_Paulo' });
    expect(seen.of('run.failed')).toEqual([]);
  });

  it('never overlaps two runs of a source: due times during a long run are skipped, not queued', async () => {
    h = await harness({ seed: 12, size: { customers: 60, deals: 3000 }, latencyMs: { min: 40, max: 50 } });
    const clock = new FakeClock(Date.parse('2026-03-10T10:01:00-03:00'));
    setSchedule(h.core, 'acme', 'ploomes', { preset: 'custom', cron: '*/5 * * * *', enabled: true }, clock.now());
    scheduler = new Scheduler(h.core, { companies: () => ['acme'], clock });
    const seen = record(scheduler);
    scheduler.start();

    clock.advanceTo('2026-03-10T10:05:00-03:00');
    expect(seen.of('run.started')).toHaveLength(1);
    // The run goes on (real requests against a slow simulator) while three more due times come.
    for (const at of ['10:10', '10:15', '10:20']) {
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(scheduler.active()).toEqual(['acme/ploomes']);
      clock.advanceTo(`2026-03-10T${at}:00-03:00`);
    }
    expect(seen.of('run.started')).toHaveLength(1);
    expect(seen.of('run.skipped').map((s) => s.dueAt)).toEqual(['2026-03-10T13:10:00.000Z', '2026-03-10T13:15:00.000Z', '2026-03-10T13:20:00.000Z']);
    expect(seen.of('run.skipped')[0].reason).toBe('uma sincronização desta fonte já está em andamento');

    clock.advanceTo('2026-03-10T10:22:00-03:00');
    await scheduler.idle();
    expect(seen.of('run.finished')).toHaveLength(1);
    expect(seen.of('run.finished')[0].status).toBe('succeeded');
    // Next: the first due time after the run ended, not a backlog.
    expect(view(h.core).nextRunAt).toBe('2026-03-10T13:25:00.000Z');
    expect(syncRuns(h.core)).toHaveLength(1);

    // A run the user started by hand counts too.
    const manual = h.core.startSync('acme', 'ploomes');
    clock.advanceTo('2026-03-10T10:25:00-03:00');
    expect(seen.of('run.started')).toHaveLength(1);
    expect(seen.of('run.skipped')).toHaveLength(4);
    await manual.done;
    expect(view(h.core).nextRunAt).toBe('2026-03-10T13:30:00.000Z');
    clock.advanceTo('2026-03-10T10:30:00-03:00');
    expect(seen.of('run.started')).toHaveLength(2);
    await scheduler.idle();
    expect(syncRuns(h.core).map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  it('catches up ONCE after the computer slept through many due times', async () => {
    h = await harness({ seed: 13, size: { customers: 40, deals: 300 } });
    const clock = new FakeClock(Date.parse('2026-03-10T07:15:00-03:00'));
    setSchedule(h.core, 'acme', 'ploomes', { preset: 'every-4h-06-22', enabled: true }, clock.now());
    scheduler = new Scheduler(h.core, { companies: () => ['acme'], clock });
    const seen = record(scheduler);
    scheduler.start();
    expect(view(h.core).nextRunAt).toBe('2026-03-10T13:00:00.000Z');

    // Asleep for ten days: fifty due times pass with no timer firing.
    clock.sleepUntil('2026-03-20T08:40:00-03:00');
    scheduler.wake();
    expect(seen.of('run.started')).toHaveLength(1);
    expect(seen.of('run.started')[0].dueAt).toBe('2026-03-10T13:00:00.000Z');
    await scheduler.idle();
    expect(view(h.core).nextRunAt).toBe('2026-03-20T13:00:00.000Z');
    scheduler.wake();
    clock.advanceTo('2026-03-20T09:59:00-03:00');
    expect(seen.of('run.started')).toHaveLength(1);
    expect(syncRuns(h.core)).toHaveLength(1);

    clock.advanceTo('2026-03-20T10:00:00-03:00');
    expect(seen.of('run.started')).toHaveLength(2);
    await scheduler.idle();
    expect(syncRuns(h.core)).toHaveLength(2);
  });

  it('keeps schedules across restarts and catches up once a run missed while the app was closed', async () => {
    h = await harness({ seed: 14, size: { customers: 40, deals: 300 } });
    const setAt = Date.parse('2026-03-10T07:15:00-03:00');
    setSchedule(h.core, 'acme', 'ploomes', { preset: 'daily-03', enabled: true }, setAt);
    const before = view(h.core);
    expect(before.nextRunAt).toBe('2026-03-11T06:00:00.000Z');
    h.core.close();

    // The app is closed for three days; a new process opens the same data.
    const core = new NexusCore({ dataDir: h.dataDir, vault: new KeychainVault(), tuning: { ploomes: { retry: FAST_RETRY, rateLimit: false } } });
    extraCores.push(core);
    expect(view(core)).toEqual(before);
    const clock = new FakeClock(Date.parse('2026-03-13T18:00:00-03:00'));
    scheduler = new Scheduler(core, { companies: () => core.listCompanies().map((c) => c.slug), clock });
    const seen = record(scheduler);
    scheduler.start();
    expect(seen.of('run.started')).toHaveLength(1);
    await scheduler.idle();
    expect(view(core)).toMatchObject({ nextRunAt: '2026-03-14T06:00:00.000Z', lastStatus: 'succeeded', lastRunAt: '2026-03-13T21:00:00.000Z' });
    expect(syncRuns(core)).toHaveLength(1);
  });

  it('emits a failure event with the pt-BR reason and keeps the schedule going', async () => {
    h = await harness({ seed: 15, size: { customers: 40, deals: 300 }, faults: { forbiddenAfterRequests: 0 } });
    const clock = new FakeClock(Date.parse('2026-03-10T02:00:00-03:00'));
    setSchedule(h.core, 'acme', 'ploomes', { preset: 'daily-03', enabled: true }, clock.now());
    scheduler = new Scheduler(h.core, { companies: () => ['acme'], clock });
    const seen = record(scheduler);
    scheduler.start();
    clock.advanceTo('2026-03-10T03:00:00-03:00');
    await scheduler.idle();
    const failures = seen.of('run.failed');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ company: 'acme', source: 'ploomes', label: 'Ploomes', dueAt: '2026-03-10T06:00:00.000Z' });
    expect(failures[0].error.code).toBe('forbidden');
    expect(failures[0].error.message).toMatch(/^Chave de API do Ploomes recusada \(403\)/);
    expect(failures[0].jobId).toBe(syncRuns(h.core)[0].id);
    expect(view(h.core)).toMatchObject({ lastStatus: 'failed', nextRunAt: '2026-03-11T06:00:00.000Z', enabled: true });
  });

  it('does not run a schedule that is off, and turning it on waits for the next due time', async () => {
    h = await harness({ seed: 16, size: { customers: 40, deals: 300 } });
    const clock = new FakeClock(Date.parse('2026-03-10T07:15:00-03:00'));
    setSchedule(h.core, 'acme', 'ploomes', { preset: 'every-6h', enabled: false }, clock.now());
    expect(view(h.core)).toMatchObject({ enabled: false, nextRunAt: null, preset: 'every-6h' });
    scheduler = new Scheduler(h.core, { companies: () => ['acme'], clock, maxWaitMs: 3_600_000 });
    const seen = record(scheduler);
    scheduler.start();
    clock.advanceTo('2026-03-11T07:15:00-03:00');
    expect(seen.events).toEqual([]);
    expect(clock.pendingDelays()).toEqual([3_600_000]);

    setSchedule(h.core, 'acme', 'ploomes', { preset: 'custom', cron: '20 7 * * *', enabled: true }, clock.now());
    expect(view(h.core)).toMatchObject({ enabled: true, preset: 'custom', cron: '20 7 * * *', nextRunAt: '2026-03-11T10:20:00.000Z' });
    // The change re-arms the timer for the new, nearer due time.
    expect(clock.pendingDelays()).toEqual([5 * 60_000]);
    expect(seen.events).toEqual([]);
    clock.advanceTo('2026-03-11T07:20:00-03:00');
    expect(seen.of('run.started')).toHaveLength(1);
    await scheduler.idle();
  });

  it('serves every company it is given; one that cannot be opened does not stop the others', async () => {
    h = await harness({ seed: 18, size: { customers: 20, deals: 100 } });
    h.core.addCompany('beta', 'Beta Ltda', 'Asia/Tokyo');
    h.core.setSourceSettings('beta', 'ploomes', { url: h.sim.url, demo: '1' });
    const clock = new FakeClock(Date.parse('2026-03-10T12:00:00Z'));
    setSchedule(h.core, 'acme', 'ploomes', { preset: 'daily-03', enabled: true }, clock.now());
    setSchedule(h.core, 'beta', 'ploomes', { preset: 'daily-03', enabled: true }, clock.now());
    scheduler = new Scheduler(h.core, { companies: () => ['acme', 'no-such-company', 'beta'], clock });
    const seen = record(scheduler);
    scheduler.start();
    // 03:00 in each company's own zone: Tokyo's comes first.
    expect(scheduler.nextRuns()).toEqual([
      { company: 'acme', source: 'ploomes', nextRunAt: '2026-03-11T06:00:00.000Z' },
      { company: 'beta', source: 'ploomes', nextRunAt: '2026-03-10T18:00:00.000Z' },
    ]);
    clock.advanceTo('2026-03-10T18:00:00Z');
    expect(seen.of('run.started').map((r) => r.company)).toEqual(['beta']);
    await scheduler.idle();
    clock.advanceTo('2026-03-11T06:00:00Z');
    expect(seen.of('run.started').map((r) => r.company)).toEqual(['beta', 'acme']);
    await scheduler.idle();
    expect(seen.of('run.finished').map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('refuses a bad custom expression with the pt-BR sentence and keeps the saved schedule', async () => {
    h = await harness({ seed: 17, size: { customers: 10, deals: 20 } });
    setSchedule(h.core, 'acme', 'ploomes', { preset: 'daily-03', enabled: true }, Date.parse('2026-03-10T07:15:00-03:00'));
    expect(() => setSchedule(h!.core, 'acme', 'ploomes', { preset: 'custom', cron: '0 25 * * *', enabled: true })).toThrow(/no campo hora \("25"\), o valor 25 está fora de 0 a 23/);
    expect(() => setSchedule(h!.core, 'acme', 'ploomes', { preset: 'custom', enabled: true })).toThrow(/Informe a expressão cron/);
    expect(() => setSchedule(h!.core, 'acme', 'canopus', { preset: 'daily-03', enabled: true })).toThrow(/não é uma fonte sincronizável/);
    expect(view(h.core)).toMatchObject({ preset: 'daily-03', nextRunAt: '2026-03-11T06:00:00.000Z' });
  });
});
