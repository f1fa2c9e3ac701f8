import { UsageError } from '../../core/errors';
import type { ParsedArgs } from '../args';
import { print, printJson, type CliContext } from '../context';

export async function sourceCommand(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const [action, company, source, ...rest] = args.positionals;
  const core = ctx.core();
  if (!company || !source) throw new UsageError('Uso: nexus source set|show|test <empresa> <fonte> [chave=valor ...]');
  switch (action) {
    case 'set': {
      if (!rest.length) throw new UsageError('Informe ao menos um chave=valor, ex.: nexus source set minha-empresa ploomes url=https://api2.ploomes.com');
      const entries: Record<string, string> = {};
      for (const pair of rest) {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new UsageError(`"${pair}" não está no formato chave=valor.`);
        entries[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
      core.setSourceSettings(company, source, entries);
      print(ctx.io, `Configurações de ${source} salvas para ${company}: ${Object.keys(entries).join(', ')}.`);
      return 0;
    }
    case 'show': {
      const view = await core.sourceView(company, source);
      if (args.flags.has('json')) printJson(ctx.io, view);
      else {
        for (const s of view.settings) print(ctx.io, `${s.key} = ${s.value}`);
        for (const s of view.secrets) print(ctx.io, `${s.name} (segredo): ${s.configured ? 'configurado' : 'não configurado'}`);
      }
      return 0;
    }
    case 'test': {
      print(ctx.io, await core.testConnection(company, source));
      return 0;
    }
    default:
      throw new UsageError('Uso: nexus source set|show|test <empresa> <fonte> …');
  }
}
