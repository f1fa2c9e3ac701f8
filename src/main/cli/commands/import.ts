import { resolve } from 'node:path';
import { formatCpf } from '../../core/boleto/cpf';
import { formatPointOfSale, normalizePointOfSale } from '../../core/boleto/pointOfSale';
import { UsageError } from '../../core/errors';
import { FIELD_LABELS } from '../../core/sheets/clientColumns';
import { previewImport, type ImportOptions, type ImportPreview, type ImportSummary } from '../../core/sheets/clientImport';
import type { RowProblem } from '../../core/sheets/clientRow';
import { sheetErrors } from '../../core/sheets/sheetErrors';
import { formatInteger } from '../../../shared/format';
import { flagValue, type ParsedArgs } from '../args';
import { print, printJson, type CliContext } from '../context';
import { ProgressPrinter } from '../progressBar';

const USAGE = 'Uso: nexus import <empresa> <arquivo.xlsx|csv> [--pdv CÓDIGO] [--sheet NOME] [--preview] [--json]';

/**
 * `nexus import <company> <file>`: imports the consultants' spreadsheet of consortium clients as
 * an import job (progress on stderr, Ctrl+C cancels with nothing written, a run record kept).
 * `--preview` checks the file against the stored clients and writes nothing.
 */
export async function importCommand(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const [slug, file, ...extra] = args.positionals;
  if (!slug || !file || extra.length) throw new UsageError(USAGE);
  const pdv = flagValue(args, 'pdv');
  if (pdv !== undefined && !normalizePointOfSale(pdv)) throw new UsageError(sheetErrors.badPointOfSale(pdv).message);
  const options: ImportOptions = { defaultPointOfSale: pdv, sheet: flagValue(args, 'sheet') };
  const path = resolve(file);
  const core = ctx.core();
  const company = core.company(slug);

  if (args.flags.has('preview')) {
    const preview = await previewImport(company, path, options);
    if (args.flags.has('json')) printJson(ctx.io, preview);
    else print(ctx.io, previewText(preview));
    return 0;
  }

  const printer = new ProgressPrinter(ctx.io.stderr);
  const handle = core.startImport(slug, path, options);
  const off = core.on('job.progress', (p) => {
    if (p.jobId === handle.jobId) printer.update(p);
  });
  const onSignal = () => core.cancelJob(handle.jobId);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const outcome = await handle.done;
    printer.end();
    const done = await handle.summary;
    if (outcome.status !== 'succeeded' || !done) {
      ctx.io.stderr.write(`${outcome.error?.message ?? sheetErrors.cancelled().message}\n`);
      return 1;
    }
    if (args.flags.has('json')) {
      printJson(ctx.io, done);
    } else {
      const lines = problemLines(done.problems, done.ignored);
      lines.push(summaryLine(done));
      print(ctx.io, lines.join('\n'));
    }
    return 0;
  } finally {
    off();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export function summaryLine(s: ImportSummary): string {
  const ignored = `${formatInteger(s.ignored)} ignorados${s.ignored ? ' (veja os motivos acima)' : ''}`;
  return `Importação concluída: ${formatInteger(s.new)} novos, ${formatInteger(s.updated)} atualizados, ${formatInteger(s.unchanged)} sem mudança, ${ignored}`;
}

function problemLines(problems: RowProblem[], total: number): string[] {
  const lines = problems.map((p) => `linha ${p.row}: ${p.message}${p.column ? ` (coluna ${p.column})` : ''}`);
  if (total > problems.length) lines.push(`… e mais ${formatInteger(total - problems.length)} linhas ignoradas`);
  return lines;
}

export function previewText(p: ImportPreview): string {
  const where = p.sheet === null ? p.fileName : `${p.fileName}, planilha "${p.sheet}"`;
  const lines = [`Prévia de ${where} — cabeçalho na linha ${p.headerRow}`, 'Colunas:'];
  const width = Math.max(...p.columns.map((c) => c.header.length), 6);
  for (const c of p.columns) {
    const target = c.field ? `→ ${FIELD_LABELS[c.field]}` : c.header ? '(guardada em "extra")' : '(sem cabeçalho; guardada em "extra")';
    lines.push(`  ${c.letter.padEnd(3)} ${(c.header || '—').padEnd(width)}  ${target}`);
  }
  lines.push(
    `Linhas: ${formatInteger(p.rows)} · válidas: ${formatInteger(p.valid)} · ignoradas: ${formatInteger(p.counts.ignored)}`,
    `Comparado com o que já está salvo: ${formatInteger(p.counts.new)} novos, ${formatInteger(p.counts.updated)} atualizados, ${formatInteger(p.counts.unchanged)} sem mudança`,
  );
  if (p.problems.length) lines.push('Linhas ignoradas:', ...problemLines(p.problems, p.counts.ignored).map((l) => `  ${l}`));
  if (p.sample.length) {
    lines.push('Amostra:');
    for (const r of p.sample) {
      const cota = r.grupo || r.cota ? ` · grupo ${r.grupo || '—'} cota ${r.cota || '—'}` : '';
      const consultant = r.consultant ? ` · consultor ${r.consultant}` : '';
      lines.push(`  linha ${r.row}: PV ${formatPointOfSale(r.point_of_sale)} · ${formatCpf(r.cpf)} · ${r.name}${cota}${consultant}`);
    }
  }
  lines.push('Prévia apenas: nada foi gravado.');
  return lines.join('\n');
}
