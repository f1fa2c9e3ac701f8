import { UsageError, UserError } from '../core/errors';
import { toJobError } from '../core/jobs/jobErrors';
import { parseArgs, flagValue, type ParsedArgs } from './args';
import { createContext, print, type CliContext } from './context';
import { companyCommand } from './commands/company';
import { demoCommand } from './commands/demo';
import { importCommand } from './commands/import';
import { kpiCommand } from './commands/kpi';
import { pdvCommand } from './commands/pdv';
import { robotCommand } from './commands/robot';
import { runsCommand } from './commands/runs';
import { secretCommand } from './commands/secret';
import { simCommand } from './commands/sim';
import { sourceCommand } from './commands/source';
import { syncCommand } from './commands/sync';
import { scheduleCommand } from './commands/schedule';

const HELP = `nexus — Nexus Desktop na linha de comando

  nexus [--data-dir DIR] company add <slug> --name <nome> [--timezone America/Sao_Paulo]
  nexus [--data-dir DIR] company list [--json] | company remove <slug> --yes
  nexus [--data-dir DIR] source set <empresa> <fonte> chave=valor ...   configurações (não secretas)
  nexus [--data-dir DIR] source show|test <empresa> <fonte> [--json]
  nexus [--data-dir DIR] secret set|delete <empresa> <fonte> <nome>      valor lido da entrada padrão
  nexus [--data-dir DIR] sync <empresa> [<fonte> ...] [--full]          progresso na saída de erro
  nexus [--data-dir DIR] kpi <empresa> <área> [--from D] [--to D] [--json]
  nexus [--data-dir DIR] runs <empresa> [--source S] [--limit N] [--json]
  nexus [--data-dir DIR] import <empresa> <arquivo.xlsx|csv> [--pdv CÓDIGO] [--sheet NOME] [--preview] [--json]
  nexus [--data-dir DIR] pdv set <empresa> <código> user=<usuário do portal> [label=<nome>] | pdv list <empresa> [--json]
  nexus [--data-dir DIR] robot <empresa> --pdv <código>[,<código>…] [--concurrency N]
  nexus [--data-dir DIR] schedule <empresa> [--once]                    agendador sem janela (servidor); --once: só o vencido
  nexus [--data-dir DIR] schedule <empresa> list [--json] | set <fonte> <every-4h-06-22|daily-03|every-6h|"cron"|off|on>
  nexus sim canopus [--port N] [--seed N] [--pdvs 17308,20451] [--clients N] [--latency real|<fator>] [--faults …]
  nexus sim ploomes [--port N] [--seed N] [--size small|large|CxN] [--data-end D] [--latency MS] [--rate-limit N/S|off] [--faults …]
  nexus sim cvdw [--port N] [--seed N] [--size small|large|N] [--data-end D] [--latency MS] [--rate-limit N/S|off] [--dirt on|off] [--faults 405,204,html5xx,slow]
  nexus sim chatwoot --pg <url postgres> [--conversations N] [--seed N] [--replace]   carrega um banco Chatwoot simulado e sai
  nexus demo [--data-dir DIR]                                            tudo em simuladores locais, sem contas

Fontes: ploomes, canopus (cvdw, chatwoot, woocommerce em breve). Áreas: crm, boletos.
Pasta de dados: --data-dir, ou NEXUS_DATA_DIR, ou a pasta do aplicativo.
Saída: 0 sucesso, 1 tarefa falhou, 2 uso incorreto.`;

const VALUE_FLAGS = new Set(['data-dir', 'name', 'timezone', 'from', 'to', 'port', 'seed', 'size', 'data-end', 'faults', 'latency', 'rate-limit', 'source', 'limit', 'pdv', 'sheet', 'concurrency', 'pdvs', 'clients', 'dirt', 'pg', 'conversations']);
const BOOLEAN_FLAGS = new Set(['json', 'full', 'yes', 'help', 'preview', 'once', 'replace']);

type Command = (ctx: CliContext, args: ParsedArgs) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  company: companyCommand,
  source: sourceCommand,
  secret: secretCommand,
  sync: syncCommand,
  schedule: scheduleCommand,
  kpi: kpiCommand,
  runs: runsCommand,
  import: importCommand,
  pdv: pdvCommand,
  robot: robotCommand,
  sim: simCommand,
  demo: (ctx) => demoCommand(ctx),
};

export async function main(argv: string[], io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }): Promise<number> {
  let ctx: ReturnType<typeof createContext> | null = null;
  try {
    const args = parseArgs(argv, VALUE_FLAGS, BOOLEAN_FLAGS);
    const [name, ...rest] = args.positionals;
    if (!name || name === 'help' || args.flags.has('help')) {
      print(io, HELP);
      return name || args.flags.has('help') ? 0 : 2;
    }
    const command = COMMANDS[name];
    if (!command) throw new UsageError(`Comando desconhecido: "${name}". Veja "nexus help".`);
    ctx = createContext(flagValue(args, 'data-dir'), io);
    return await command(ctx, { positionals: rest, flags: args.flags });
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`${err.message}\n`);
      return 2;
    }
    const message = err instanceof UserError ? err.message : toJobError(err).message;
    io.stderr.write(`${message}\n`);
    return 1;
  } finally {
    ctx?.close();
  }
}
