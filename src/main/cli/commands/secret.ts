import { UsageError } from '../../core/errors';
import type { ParsedArgs } from '../args';
import { print, type CliContext, type CliIo } from '../context';

/** Reads a secret from stdin: piped text (trailing newline dropped) or typed at a prompt without echo. */
async function readSecret(io: CliIo, label: string): Promise<string> {
  if (io.stdin.isTTY) {
    io.stderr.write(`${label} (não aparece ao digitar): `);
    io.stdin.setRawMode(true);
    io.stdin.resume();
    return new Promise((resolve, reject) => {
      let value = '';
      const onData = (chunk: Buffer) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            finish();
            resolve(value);
            return;
          }
          if (ch === '\u0003') {
            finish();
            reject(new UsageError('Cancelado; nada foi salvo.'));
            return;
          }
          value = ch === '\u007f' ? value.slice(0, -1) : value + ch;
        }
      };
      const finish = () => {
        io.stdin.off('data', onData);
        io.stdin.setRawMode(false);
        io.stdin.pause();
        io.stderr.write('\n');
      };
      io.stdin.on('data', onData);
    });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function secretCommand(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const [action, company, source, name] = args.positionals;
  if (!company || !source || !name) throw new UsageError('Uso: nexus secret set|delete <empresa> <fonte> <nome>   (o valor é lido da entrada padrão)');
  const core = ctx.core();
  switch (action) {
    case 'set': {
      core.company(company);
      const value = await readSecret(ctx.io, `Valor de ${source}.${name}`);
      await core.setSecret(company, source, name, value);
      print(ctx.io, `Segredo ${source}.${name} de ${company} salvo no cofre de senhas do sistema.`);
      return 0;
    }
    case 'delete': {
      const removed = await core.deleteSecret(company, source, name);
      print(ctx.io, removed ? `Segredo ${source}.${name} de ${company} removido.` : `Não havia segredo ${source}.${name} para ${company}.`);
      return 0;
    }
    default:
      throw new UsageError('Uso: nexus secret set|delete <empresa> <fonte> <nome>');
  }
}
