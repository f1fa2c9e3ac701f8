import { UsageError } from '../../core/errors';
import { formatDateTime } from '../../../shared/format';
import { flagValue, intFlag, type ParsedArgs } from '../args';
import { print, printJson, type CliContext } from '../context';
import { summarise } from './sync';

const STATUS: Record<string, string> = {
  running: 'em andamento',
  succeeded: 'concluída',
  failed: 'FALHOU',
  cancelled: 'cancelada',
  interrupted: 'interrompida',
};

export async function runsCommand(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const [company] = args.positionals;
  if (!company) throw new UsageError('Uso: nexus runs <empresa> [--source <fonte>] [--limit N] [--json]');
  const core = ctx.core();
  const runs = core.runs(company, { source: flagValue(args, 'source'), limit: intFlag(args, 'limit', 1, 500) ?? 20 });
  if (args.flags.has('json')) {
    printJson(ctx.io, { runs, health: core.health(company) });
    return 0;
  }
  for (const h of core.health(company)) {
    if (h.state === 'failing') print(ctx.io, `ATENÇÃO: ${h.label} falhando desde ${formatDateTime(h.failingSince)} (${h.consecutiveFailures}x): ${h.lastError?.message ?? ''}`);
  }
  if (!runs.length) print(ctx.io, `Nenhuma execução registrada para ${company}: rode "nexus sync ${company}".`);
  for (const r of runs) {
    print(ctx.io, `${formatDateTime(r.startedAt)}  ${r.title}  ${STATUS[r.status] ?? r.status}  ${summarise(r.counts)}${r.error ? `\n    ${r.error.message}` : ''}`);
  }
  return 0;
}
