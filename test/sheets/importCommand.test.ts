import { describe, expect, it } from 'vitest';
import { importCommand } from '../../src/main/cli/commands/import';
import type { CliContext } from '../../src/main/cli/context';
import { UsageError } from '../../src/main/core/errors';
import { NexusCore } from '../../src/main/core/nexusCore';
import { KeychainVault } from '../../src/main/core/secrets/vault';
import { tempDir } from '../helpers/tmp';
import { consultantSheet, writeBytes } from './sheetFiles';

/** The command run in-process, the way main.ts runs it, with stdout and stderr captured. */
function cli() {
  const dataDir = tempDir();
  const out = { stdout: '', stderr: '' };
  const stream = (key: 'stdout' | 'stderr') =>
    ({
      isTTY: false,
      write: (chunk: string) => {
        out[key] += chunk;
        return true;
      },
    }) as unknown as NodeJS.WriteStream;
  const core = new NexusCore({ dataDir, vault: new KeychainVault() });
  core.addCompany('acme', 'ACME Consórcios');
  const ctx: CliContext = { io: { stdout: stream('stdout'), stderr: stream('stderr'), stdin: process.stdin }, dataDir, core: () => core };
  const run = (...argv: string[]) => {
    out.stdout = '';
    out.stderr = '';
    const flags = new Map<string, string | true>();
    const positionals: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      if (argv[i] === '--pdv' || argv[i] === '--sheet') flags.set(argv[i].slice(2), argv[++i]);
      else if (argv[i].startsWith('--')) flags.set(argv[i].slice(2), true);
      else positionals.push(argv[i]);
    }
    return importCommand(ctx, { positionals, flags });
  };
  return { core, out, run };
}

describe('nexus import', () => {
  it('--preview lists the problems by line and writes nothing', async () => {
    const { core, out, run } = cli();
    const file = await consultantSheet();
    expect(await run('acme', file, '--preview')).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toBe('Prévia de clientes-pv17308.xlsx, planilha "Clientes" — cabeçalho na linha 12');
    expect(lines).toContain(`  D   ${'CPF'.padEnd(15)}  → CPF`);
    expect(lines).toContain('Linhas: 11 · válidas: 6 · ignoradas: 5');
    expect(lines).toContain('Comparado com o que já está salvo: 6 novos, 0 atualizados, 0 sem mudança');
    expect(lines).toContain('  linha 21: CPF inválido 123.456.789-00 (coluna CPF)');
    expect(lines).toContain('  linha 13: PV 17.308 · 012.345.678-90 · MARIA APARECIDA DOS SANTOS · grupo 1234 cota 56 · consultor ANA');
    expect(lines.at(-1)).toBe('Prévia apenas: nada foi gravado.');
    expect(core.company('acme').db.prepare('SELECT COUNT(*) AS n FROM consortium_clients').get()).toEqual({ n: 0 });
    expect(core.runs('acme')).toEqual([]);
  });

  it('imports as a job with a run record, prints why rows were ignored, then the summary', async () => {
    const { core, out, run } = cli();
    const file = await consultantSheet();
    expect(await run('acme', file)).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines).toEqual([
      'linha 13: duplicado na linha 24',
      'linha 19: CPF em notação científica (1,23457E+10): a planilha perdeu dígitos; formate a coluna como texto e digite o CPF de novo (coluna CPF)',
      'linha 21: CPF inválido 123.456.789-00 (coluna CPF)',
      'linha 22: nome vazio (coluna Nome do Cliente)',
      'linha 23: sem ponto de venda (coluna Ponto de Venda)',
      'Importação concluída: 6 novos, 0 atualizados, 0 sem mudança, 5 ignorados (veja os motivos acima)',
    ]);
    expect(out.stderr).toContain('Gravando');
    const [record] = core.runs('acme');
    expect(record).toMatchObject({ kind: 'import', status: 'succeeded', counts: { 'import.new': 6, 'import.ignored': 5 } });
    expect(core.runItems('acme', record.id)[1]).toMatchObject({ item: 'linha 19', status: 'ignored' });

    expect(await run('acme', file, '--json')).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ new: 0, updated: 0, unchanged: 6, ignored: 5, totalRows: 11 });
  });

  it('uses --pdv for sheets without a point of sale and says nothing is ignored when nothing is', async () => {
    const { out, run } = cli();
    const file = writeBytes(tempDir(), 'sem-pv.csv', 'Nome;CPF\r\nANA;529.982.247-25\r\n');
    expect(await run('acme', file, '--pdv', '17.308')).toBe(0);
    expect(out.stdout.trim()).toBe('Importação concluída: 1 novos, 0 atualizados, 0 sem mudança, 0 ignorados');
  });

  it('exits 1 with one sentence on a file it cannot read, and refuses bad usage', async () => {
    const { out, run } = cli();
    const dir = tempDir();
    expect(await run('acme', writeBytes(dir, 'protegida.xlsx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)])))).toBe(1);
    expect(out.stderr).toBe('A planilha "protegida.xlsx" está protegida por senha: salve uma cópia sem senha e importe a cópia.\n');
    expect(out.stdout).toBe('');
    await expect(run('acme')).rejects.toBeInstanceOf(UsageError);
    await expect(run('acme', 'a.csv', 'b.csv')).rejects.toBeInstanceOf(UsageError);
    await expect(run('acme', 'a.csv', '--pdv', 'PV-1')).rejects.toThrow(new UsageError('Ponto de venda inválido: "PV-1"; informe o código só com números, como 17308 ou 17.308.'));
  });
});
