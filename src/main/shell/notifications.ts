import { Notification } from 'electron';
import type { NexusCore } from '../core/nexusCore';

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
