import { UsageError, UserError } from '../../core/errors';
import type { NexusCore } from '../../core/nexusCore';
import { Scheduler } from '../../core/schedule/scheduler';
import { listSchedules, setSchedule } from '../../core/schedule/schedules';
import { formatDateTime } from '../../../shared/format';
import { SCHEDULE_PRESETS } from '../../../shared/schedulePresets';
import type { ScheduleInput, ScheduleView } from '../../../shared/schedules';
import type { ParsedArgs } from '../args';
import { print, printJson, type CliContext, type CliIo } from '../context';
import { summarise } from './sync';

const USAGE = `Uso:
  nexus schedule <empresa> [--once]                                   roda o agendador (--once: só o que está vencido agora)
  nexus schedule <empresa> list [--json]
  nexus schedule <empresa> set <fonte> <${SCHEDULE_PRESETS.map((p) => p.id).join('|')}|"expressão cron"|off|on>`;

const STATUS: Record<string, string> = {
  running: 'em andamento',
  succeeded: 'concluída',
  failed: 'FALHOU',
  cancelled: 'cancelada',
  interrupted: 'interrompida',
};

export async function scheduleCommand(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const [company, action, ...rest] = args.positionals;
  if (!company) throw new UsageError(USAGE);
  const core = ctx.core();
  core.company(company);
  if (action === 'list') return listCommand(core, ctx.io, company, args.flags.has('json'));
  if (action === 'set') return setCommand(core, ctx.io, company, rest);
  if (action !== undefined) throw new UsageError(`Ação desconhecida para schedule: "${action}".\n${USAGE}`);
  return args.flags.has('once') ? runOnce(core, ctx.io, company) : runWorker(core, ctx.io, company);
}

function describe(view: ScheduleView): string {
  if (!view.cron) return 'sem agendamento';
  const preset = SCHEDULE_PRESETS.find((p) => p.id === view.preset);
  const what = preset ? `${preset.label} (${view.cron})` : `personalizado: ${view.cron}`;
  return view.enabled ? what : `${what} — DESLIGADO`;
}

function nextLine(view: ScheduleView): string {
  return view.nextRunAt ? `próxima execução: ${formatDateTime(view.nextRunAt, view.timezone)}` : 'sem próxima execução';
}

function listCommand(core: NexusCore, io: CliIo, company: string, json: boolean): number {
  const views = listSchedules(core, company);
  if (json) {
    printJson(io, views);
    return 0;
  }
  print(io, `Agendamentos de ${company} (horários de ${views[0]?.timezone ?? core.company(company).calendar.timeZone}):`);
  for (const view of views) {
    const last = view.lastRunAt ? ` · última: ${formatDateTime(view.lastRunAt, view.timezone)} ${STATUS[view.lastStatus ?? ''] ?? view.lastStatus ?? ''}`.trimEnd() : '';
    print(io, `  ${view.label} (${view.source}): ${describe(view)}${view.cron ? ` · ${nextLine(view)}` : ''}${last}`);
  }
  return 0;
}

function setCommand(core: NexusCore, io: CliIo, company: string, rest: string[]): number {
  const [source, ...words] = rest;
  const value = words.join(' ').trim();
  if (!source || !value) throw new UsageError(USAGE);
  const current = listSchedules(core, company).find((s) => s.source === source);
  let input: ScheduleInput;
  if (value === 'off' || value === 'on') {
    if (!current?.cron || !current.preset) {
      throw new UserError(`${current?.label ?? source} ainda não tem agendamento para ${value === 'off' ? 'desligar' : 'ligar'}; defina um com "nexus schedule ${company} set ${source} every-4h-06-22" (ou outro modelo ou expressão cron).`, 'no-schedule');
    }
    input = { preset: current.preset, cron: current.cron, enabled: value === 'on' };
  } else if (SCHEDULE_PRESETS.some((p) => p.id === value)) {
    input = { preset: value as ScheduleInput['preset'], enabled: true };
  } else if (/^[a-z]+(-[a-z0-9]+)*$/.test(value) && !value.includes(' ')) {
    throw new UsageError(`Agendamento desconhecido: "${value}". Use um modelo (${SCHEDULE_PRESETS.map((p) => p.id).join(', ')}), uma expressão cron entre aspas ("0 3 * * *"), off ou on.`);
  } else {
    input = { preset: 'custom', cron: value, enabled: true };
  }
  const view = setSchedule(core, company, source, input);
  print(io, `${view.label}: ${describe(view)} · ${nextLine(view)} (${view.timezone}).`);
  return 0;
}

/** Lines on stderr for every start and end, for a server's log. */
function logEvents(scheduler: Scheduler, io: CliIo, timezone: string): { failures: () => number } {
  let failures = 0;
  const stamp = () => `[${formatDateTime(new Date().toISOString(), timezone)}]`;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, timezone) : '—');
  scheduler.on('run.started', (r) => io.stderr.write(`${stamp()} ${r.label}: sincronização agendada iniciada (prevista para ${when(r.dueAt)}).\n`));
  scheduler.on('run.finished', (r) => {
    if (r.status === 'succeeded') io.stderr.write(`${stamp()} ${r.label}: sincronização agendada concluída — próxima execução: ${when(r.nextRunAt)}.\n`);
    else if (r.status === 'cancelled') io.stderr.write(`${stamp()} ${r.label}: sincronização agendada cancelada; o que já foi salvo continua salvo e a próxima continua de onde parou.\n`);
  });
  scheduler.on('run.failed', (r) => {
    failures++;
    io.stderr.write(`${stamp()} ${r.label}: sincronização agendada FALHOU: ${r.error.message}\n`);
  });
  scheduler.on('run.skipped', (r) =>
    io.stderr.write(`${stamp()} ${r.label}: horário de ${when(r.dueAt)} pulado (${r.reason}) — próxima execução: ${when(r.nextRunAt)}.\n`),
  );
  return { failures: () => failures };
}

function printNextRuns(core: NexusCore, io: CliIo, company: string): void {
  const enabled = listSchedules(core, company).filter((s) => s.enabled);
  if (!enabled.length) {
    io.stderr.write(`Nenhum agendamento ligado para ${company}; defina um com "nexus schedule ${company} set <fonte> every-4h-06-22".\n`);
    return;
  }
  for (const view of enabled) io.stderr.write(`  ${view.label}: ${describe(view)} · ${nextLine(view)}\n`);
}

async function runOnce(core: NexusCore, io: CliIo, company: string): Promise<number> {
  const timezone = core.company(company).calendar.timeZone;
  const scheduler = new Scheduler(core, { companies: () => [company] });
  const log = logEvents(scheduler, io, timezone);
  let started = 0;
  scheduler.on('run.started', () => started++);
  scheduler.on('run.finished', (r) => {
    const run = core.runs(company, { source: r.source, limit: 5 }).find((x) => x.id === r.jobId);
    if (run && r.status === 'succeeded') io.stderr.write(`  ${summarise(run.counts)}.\n`);
  });
  await scheduler.runDueOnce();
  if (!started && !log.failures()) {
    io.stderr.write(`Nada vencido agora para ${company}.\n`);
    printNextRuns(core, io, company);
  }
  return log.failures() ? 1 : 0;
}

/** The long-running worker: runs until SIGINT/SIGTERM, then lets a running sync stop cleanly. */
async function runWorker(core: NexusCore, io: CliIo, company: string): Promise<number> {
  const timezone = core.company(company).calendar.timeZone;
  const scheduler = new Scheduler(core, { companies: () => [company] });
  logEvents(scheduler, io, timezone);
  io.stderr.write(`Agendador de ${company} rodando (horários de ${timezone}); Ctrl+C para encerrar.\n`);
  printNextRuns(core, io, company);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (name: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(name);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    scheduler.start();
  });
  const running = scheduler.active().length;
  io.stderr.write(`${signal} recebido: encerrando${running ? ' — a sincronização em andamento para e guarda o que já baixou' : ''}.\n`);
  await scheduler.stop({ cancelRunning: true });
  io.stderr.write('Agendador encerrado.\n');
  return 0;
}
