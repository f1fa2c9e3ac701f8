import { Notification } from 'electron';
import type { NexusCore } from '../core/nexusCore';
import type { Scheduler } from '../core/schedule/scheduler';

/** A desktop notification when a boleto run ends (consultants start it and go do something else). */
export function notifyRobotRuns(core: NexusCore): void {
  core.on('job.finished', (job) => {
    if (job.kind !== 'robot' || !Notification.isSupported()) return;
    const saved = job.counts['boletos.success'] ?? 0;
    const errors = job.counts['boletos.error'] ?? 0;
    const body =
      job.status === 'succeeded'
        ? `${saved} boleto(s) salvo(s)${errors ? `, ${errors} com erro` : ''}.`
        : job.status === 'cancelled'
          ? 'Execução cancelada; o que já foi baixado continua salvo.'
          : (job.error?.message ?? 'A execução não terminou.');
    new Notification({ title: job.title, body }).show();
  });
}

/**
 * A desktop notification when a scheduled sync fails: nobody is watching when it runs at 03:00,
 * and a sync failing silently for months is what the old cron scripts did.
 */
export function notifyScheduledFailures(core: NexusCore, scheduler: Scheduler): void {
  scheduler.on('run.failed', (run) => {
    if (!Notification.isSupported()) return;
    let company = run.company;
    try {
      company = core.company(run.company).info().name;
    } catch {
      // The company was removed meanwhile: its slug still says which one it was.
    }
    new Notification({ title: `Sincronização agendada falhou — ${run.label} (${company})`, body: run.error.message }).show();
  });
}
