import { createInterface } from 'node:readline';
import { UsageError } from '../../core/errors';
import type { JobHandle } from '../../core/jobs/jobRunner';
import { formatPointOfSale, normalizePointOfSale } from '../../core/boleto/pointOfSale';
import { formatInteger } from '../../../shared/format';
import { flagValue, intFlag, type ParsedArgs } from '../args';
import type { CliContext } from '../context';
import { describe } from '../progressBar';

/**
 * `nexus robot <company> --pdv <code>[,<code>…] [--concurrency N]`: one job per point of sale, up to
 * N at a time (each with its own portal session). Progress lines on stderr. A captcha pauses the
 * run: on a terminal, Enter continues; elsewhere the run is cancelled with what to do.
 */
export async function robotCommand(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const [company] = args.positionals;
  const raw = flagValue(args, 'pdv');
  if (!company || !raw) throw new UsageError('Uso: nexus robot <empresa> --pdv <código>[,<código>…] [--concurrency N]');
  const codes = raw.split(',').map((c) => {
    const pv = normalizePointOfSale(c);
    if (!pv) throw new UsageError(`Código de ponto de venda inválido: "${c}".`);
    return pv;
  });
  const concurrency = intFlag(args, 'concurrency', 1, 8) ?? 1;
  const core = ctx.core();
  core.company(company);
  const io = ctx.io;
  const interactive = Boolean(io.stdin.isTTY);
  let lastLine = 0;
  const off = core.on('job.progress', (p) => {
    if (p.kind !== 'robot' || p.company !== company) return;
    if (p.waitingForUser) {
      io.stderr.write(`\n${p.title}: ${p.message}\n`);
      if (interactive) {
        io.stderr.write('Pressione Enter para continuar (Ctrl+C cancela)… ');
        const rl = createInterface({ input: io.stdin });
        rl.once('line', () => {
          rl.close();
          core.continueJob(p.jobId);
        });
      } else {
        io.stderr.write('Sem terminal para responder: a execução foi cancelada; rode de novo depois de liberar o acesso (ela continua de onde parou).\n');
        core.cancelJob(p.jobId);
      }
      return;
    }
    const now = Date.now();
    if (now - lastLine > 2000 || p.done === p.total) {
      lastLine = now;
      io.stderr.write(`${p.title} · ${describe(p)}\n`);
    }
  });
  const handles: JobHandle[] = [];
  const onSignal = () => handles.forEach((h) => core.cancelJob(h.jobId));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let ok = true;
  try {
    const queue = [...codes];
    const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let code = queue.shift(); code; code = queue.shift()) {
        const handle = core.startRobot(company, code);
        handles.push(handle);
        const outcome = await handle.done;
        const c = outcome.counts;
        const line = `PV ${formatPointOfSale(code)}: ${formatInteger(c['boletos.success'] ?? 0)} boletos salvos, ${formatInteger(c['boletos.error'] ?? 0)} erros, ${formatInteger(c['boletos.cpf_not_found'] ?? 0)} CPFs não encontrados, ${formatInteger(c['boletos.no_boleto'] ?? 0)} sem boleto, ${formatInteger(c['boletos.skipped'] ?? 0)} já feitos`;
        if (outcome.status === 'succeeded') io.stderr.write(`${line}.\n`);
        else {
          ok = false;
          io.stderr.write(`${line}. ${outcome.error?.message ?? ''}\n`);
        }
      }
    });
    await Promise.all(workers);
  } finally {
    off();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return ok ? 0 : 1;
}
