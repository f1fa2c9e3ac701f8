import { UsageError } from '../../core/errors';
import { formatPointOfSale } from '../../core/boleto/pointOfSale';
import type { ParsedArgs } from '../args';
import { print, printJson, type CliContext } from '../context';

export async function pdvCommand(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const [action, company, code, ...pairs] = args.positionals;
  const core = ctx.core();
  switch (action) {
    case 'set': {
      if (!company || !code) throw new UsageError('Uso: nexus pdv set <empresa> <código> user=<usuário do portal> [label=<nome>]');
      const values: Record<string, string> = {};
      for (const pair of pairs) {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new UsageError(`"${pair}" não está no formato chave=valor.`);
        const key = pair.slice(0, eq);
        if (key !== 'user' && key !== 'label') throw new UsageError(`Chave desconhecida para ponto de venda: "${key}". Chaves aceitas: user, label.`);
        values[key] = pair.slice(eq + 1);
      }
      if (!values.user) throw new UsageError('Informe o usuário do portal: nexus pdv set <empresa> <código> user=<usuário>');
      const pv = core.setPointOfSale(company, code, values.user, values.label ?? null);
      print(ctx.io, `Ponto de venda ${formatPointOfSale(pv.code)} salvo (usuário ${pv.portalUser}). Senha: "nexus secret set ${company} canopus pdv-${pv.code}".`);
      return 0;
    }
    case 'list': {
      if (!company) throw new UsageError('Uso: nexus pdv list <empresa> [--json]');
      const list = core.pointsOfSale(company);
      if (args.flags.has('json')) printJson(ctx.io, list);
      else if (!list.length) print(ctx.io, `Nenhum ponto de venda: importe a planilha ("nexus import ${company} <arquivo>") ou use "nexus pdv set".`);
      else for (const p of list) print(ctx.io, `${formatPointOfSale(p.code)}\t${p.portalUser || '(sem usuário)'}\t${p.clients} clientes\t${p.lastRun ? `${p.lastRun.status} em ${p.lastRun.startedAt}` : 'nunca executado'}`);
      return 0;
    }
    default:
      throw new UsageError('Uso: nexus pdv set|list <empresa> …');
  }
}
