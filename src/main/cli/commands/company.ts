import { UsageError } from '../../core/errors';
import { flagValue, type ParsedArgs } from '../args';
import { print, printJson, type CliContext } from '../context';

export async function companyCommand(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const [action, slug] = args.positionals;
  const core = ctx.core();
  switch (action) {
    case 'add': {
      const name = flagValue(args, 'name');
      if (!slug || !name) throw new UsageError('Uso: nexus company add <identificador> --name <nome> [--timezone America/Sao_Paulo]');
      const info = core.addCompany(slug, name, flagValue(args, 'timezone'));
      print(ctx.io, `Empresa "${info.name}" criada (${info.slug}, fuso ${info.timezone}).`);
      return 0;
    }
    case 'list': {
      const list = core.listCompanies();
      if (args.flags.has('json')) printJson(ctx.io, list);
      else if (!list.length) print(ctx.io, 'Nenhuma empresa ainda: crie uma com "nexus company add <identificador> --name <nome>".');
      else for (const c of list) print(ctx.io, `${c.slug}\t${c.name}\t${c.timezone}`);
      return 0;
    }
    case 'remove': {
      if (!slug) throw new UsageError('Uso: nexus company remove <identificador> --yes');
      if (!args.flags.has('yes')) throw new UsageError(`Excluir "${slug}" apaga todos os dados locais e credenciais dela; confirme com --yes.`);
      await core.removeCompany(slug);
      print(ctx.io, `Empresa "${slug}" excluída com seus dados locais e credenciais.`);
      return 0;
    }
    default:
      throw new UsageError('Uso: nexus company add|list|remove …');
  }
}
