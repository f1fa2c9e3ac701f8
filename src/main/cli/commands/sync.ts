import { UsageError } from '../../core/errors';
import type { NexusCore } from '../../core/nexusCore';
import { SourceSettings } from '../../core/settings/sourceSettings';
import { sources } from '../../core/sources/registry';
import { formatInteger } from '../../../shared/format';
import type { Counts } from '../../../shared/jobs';
import type { ParsedArgs } from '../args';
import type { CliContext, CliIo } from '../context';
import { ProgressPrinter } from '../progressBar';

/** Sources whose settings were ever saved for the company: what a bare `nexus sync <company>` runs. */
function configuredSources(core: NexusCore, company: string): string[] {
  const settings = new SourceSettings(core.company(company).db);
  return sources.filter((s) => s.create && Object.keys(settings.saved(s.id)).length > 0).map((s) => s.id);
}

export function summarise(counts: Counts): string {
  const total = (suffix: string) => Object.entries(counts).filter(([k]) => k.endsWith(suffix)).reduce((sum, [, v]) => sum + v, 0);
  const parts = [
    `${formatInteger(total('.inserted') + total('.new'))} novos`,
    `${formatInteger(total('.updated'))} atualizados`,
    `${formatInteger(total('.unchanged'))} sem mudança`,
    `${formatInteger(total('.deleted'))} removidos`,
  ];
  if (counts.invalid_records) parts.push(`${formatInteger(counts.invalid_records)} inválidos ignorados (veja "nexus runs")`);
  return parts.join(', ');
}

/** Runs one sync job with progress on stderr; Ctrl+C cancels it cleanly. Returns true on success. */
export async function syncWithProgress(core: NexusCore, io: CliIo, company: string, source: string, full: boolean): Promise<boolean> {
  const printer = new ProgressPrinter(io.stderr);
  const handle = core.startSync(company, source, { full });
  const off = core.on('job.progress', (p) => {
    if (p.jobId === handle.jobId) printer.update(p);
  });
  const onSignal = () => core.cancelJob(handle.jobId);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const outcome = await handle.done;
    printer.end();
    const label = sources.find((s) => s.id === source)?.label ?? source;
    if (outcome.status === 'succeeded') {
      io.stderr.write(`${label}: sincronização concluída — ${summarise(outcome.counts)}.\n`);
      return true;
    }
    io.stderr.write(`${label}: ${outcome.error?.message ?? 'a sincronização não terminou.'}\n`);
    return false;
  } finally {
    off();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export async function syncCommand(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const [company, ...requested] = args.positionals;
  if (!company) throw new UsageError('Uso: nexus sync <empresa> [<fonte> ...] [--full]');
  const core = ctx.core();
  const list = requested.length ? requested : configuredSources(core, company);
  if (!list.length) {
    throw new UsageError(`Nenhuma fonte configurada para "${company}": configure uma com "nexus source set ${company} ploomes url=…" e "nexus secret set ${company} ploomes key".`);
  }
  let ok = true;
  for (const source of list) ok = (await syncWithProgress(core, ctx.io, company, source, args.flags.has('full'))) && ok;
  return ok ? 0 : 1;
}
