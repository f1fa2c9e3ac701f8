import { UsageError } from '../../core/errors';
import { formatPointOfSale, normalizePointOfSale } from '../../core/boleto/pointOfSale';
import { parseCanopusFaults, startCanopusSim } from '../../sim/canopus';
import { chatwootTarget, loadChatwoot } from '../../sim/chatwoot';
import { parseCvdwFaults, startCvdwSim, type CvdwSimSize } from '../../sim/cvdw';
import { parsePloomesFaults, ploomesDataEndOfDay, PLOOMES_SIM_DEMO_KEY, startPloomesSim, type PloomesSimSize } from '../../sim/ploomes';
import { flagValue, intFlag, type ParsedArgs } from '../args';
import { print, type CliContext } from '../context';

const SIMULATORS = ['cvdw', 'ploomes', 'canopus', 'chatwoot'];

function sizeFlag(args: ParsedArgs): PloomesSimSize {
  const raw = flagValue(args, 'size') ?? 'small';
  if (raw === 'small' || raw === 'large') return raw;
  const custom = /^(\d+)x(\d+)$/.exec(raw);
  if (custom) return { customers: Number(custom[1]), deals: Number(custom[2]) };
  throw new UsageError(`--size deve ser small, large ou <clientes>x<negócios> (ex.: 300x30000); recebido "${raw}".`);
}

/** "120/60" = 120 requests per 60 s; "off" disables the limit. */
function rateLimitFlag(args: ParsedArgs): { max: number; windowMs: number } | false | undefined {
  const raw = flagValue(args, 'rate-limit');
  if (raw === undefined) return undefined;
  if (raw === 'off') return false;
  const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(raw);
  if (!m || Number(m[1]) < 1) throw new UsageError(`--rate-limit deve ser <requisições>/<segundos> (ex.: 120/60) ou off; recebido "${raw}".`);
  return { max: Number(m[1]), windowMs: Number(m[2]) * 1000 };
}

/** --data-end AAAA-MM-DD: the data ends at 23:59:59.999 of that day in São Paulo. */
function dataEndFlag(args: ParsedArgs): Date | undefined {
  const raw = flagValue(args, 'data-end');
  if (raw === undefined) return undefined;
  try {
    return ploomesDataEndOfDay(raw);
  } catch {
    throw new UsageError(`--data-end deve ser uma data AAAA-MM-DD (fim desse dia, horário de São Paulo); recebido "${raw}".`);
  }
}

/** `nexus sim canopus`: the dealer portal, its accounts printed for the user. */
async function canopusSim(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const faultSpec = flagValue(args, 'faults');
  let faults;
  try {
    faults = faultSpec ? parseCanopusFaults(faultSpec) : undefined;
  } catch (err) {
    throw new UsageError(`--faults inválido: ${(err as Error).message}`);
  }
  const latencyFlag = flagValue(args, 'latency');
  const latency = latencyFlag === undefined ? undefined : latencyFlag === 'real' ? 'real' : Number(latencyFlag);
  if (typeof latency === 'number' && !(latency >= 0)) throw new UsageError('--latency deve ser "real" ou um fator ≥ 0 (0.1 = 10× mais rápido que o portal real).');
  const pdvs = flagValue(args, 'pdvs')?.split(',').map((c) => {
    const pv = normalizePointOfSale(c);
    if (!pv) throw new UsageError(`Ponto de venda inválido em --pdvs: "${c}".`);
    return pv;
  });
  const sim = await startCanopusSim({
    port: intFlag(args, 'port', 0, 65535),
    seed: intFlag(args, 'seed', 0, 2 ** 31 - 1),
    pointsOfSale: pdvs,
    clientsPerPointOfSale: intFlag(args, 'clients', 0, 20_000),
    latency,
    faults,
  });
  print(ctx.io, `Simulador do portal Canopus em ${sim.url} (login: ${sim.url}/frmCorCcCnsLogin.aspx). Ctrl+C encerra.`);
  for (const account of sim.accounts) print(ctx.io, `  PV ${formatPointOfSale(account.pointOfSale)}: usuário ${account.user}, senha ${account.password}`);
  await untilStopped();
  await sim.close();
  return 0;
}

/** `nexus sim cvdw`: the CVCRM data-warehouse API, its e-mail and token printed for the user. */
async function cvdwSim(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const rawSize = flagValue(args, 'size') ?? 'small';
  let size: CvdwSimSize;
  if (rawSize === 'small' || rawSize === 'large') size = rawSize;
  else if (/^\d+$/.test(rawSize) && Number(rawSize) >= 1) size = { reservations: Number(rawSize) };
  else throw new UsageError(`--size deve ser small, large ou o número de reservas (ex.: 50000); recebido "${rawSize}".`);
  const faultSpec = flagValue(args, 'faults');
  let faults;
  try {
    faults = faultSpec ? parseCvdwFaults(faultSpec) : undefined;
  } catch (err) {
    throw new UsageError(`--faults inválido: ${(err as Error).message}`);
  }
  const referenceDay = flagValue(args, 'data-end');
  if (referenceDay !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(referenceDay)) {
    throw new UsageError(`--data-end deve ser uma data AAAA-MM-DD (último dia do histórico); recebido "${referenceDay}".`);
  }
  const dirt = flagValue(args, 'dirt');
  if (dirt !== undefined && dirt !== 'on' && dirt !== 'off') throw new UsageError(`--dirt deve ser on ou off; recebido "${dirt}".`);
  const sim = await startCvdwSim({
    port: intFlag(args, 'port', 0, 65535),
    seed: intFlag(args, 'seed', 0, 2 ** 31 - 1),
    size,
    referenceDay,
    dirt: dirt === undefined ? undefined : dirt === 'on',
    latencyMs: intFlag(args, 'latency', 0, 120_000),
    rateLimit: rateLimitFlag(args),
    faults,
  });
  print(ctx.io, `Simulador CVDW em ${sim.url} (endpoints em ${sim.url}/api/v1/cvdw/…). Ctrl+C encerra.`);
  print(ctx.io, `  e-mail: ${sim.email}`);
  print(ctx.io, `  token:  ${sim.token}`);
  await untilStopped();
  await sim.close();
  return 0;
}

/** `nexus sim chatwoot`: loads a generated Chatwoot database into PostgreSQL and exits (a loader, not a server). */
async function chatwootSim(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const pgUrl = flagValue(args, 'pg');
  if (!pgUrl) throw new UsageError('Uso: nexus sim chatwoot --pg postgres://usuário@host:porta/banco [--conversations N] [--seed S] [--replace]');
  const target = chatwootTarget(pgUrl);
  const conversations = intFlag(args, 'conversations', 0, 5_000_000) ?? 10_000;
  const result = await loadChatwoot(pgUrl, { conversations, seed: intFlag(args, 'seed', 0, 2 ** 31 - 1) ?? 1, replace: args.flags.get('replace') === true });
  const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
  print(ctx.io, `Banco Chatwoot "${target.database}" carregado em ${result.seconds.toFixed(1).replace('.', ',')} s (${total.toLocaleString('pt-BR')} linhas; dados até ${result.end.toISOString()}):`);
  for (const [table, count] of Object.entries(result.counts)) print(ctx.io, `  ${table}: ${count.toLocaleString('pt-BR')}`);
  return 0;
}

function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export async function simCommand(ctx: CliContext, args: ParsedArgs): Promise<number> {
  const [system] = args.positionals;
  if (!system || !SIMULATORS.includes(system)) throw new UsageError(`Uso: nexus sim <${SIMULATORS.join('|')}> [--port N] [--seed N] [--size small|large] [--data-end AAAA-MM-DD] [--faults …]`);
  if (system === 'canopus') return canopusSim(ctx, args);
  if (system === 'cvdw') return cvdwSim(ctx, args);
  if (system === 'chatwoot') return chatwootSim(ctx, args);
  if (system !== 'ploomes') throw new UsageError(`O simulador "${system}" ainda não está disponível nesta versão; disponíveis: ploomes, canopus.`);
  const latency = intFlag(args, 'latency', 0, 120_000);
  const faultSpec = flagValue(args, 'faults');
  let faults;
  try {
    faults = faultSpec ? parsePloomesFaults(faultSpec) : undefined;
  } catch (err) {
    throw new UsageError(`--faults inválido: ${(err as Error).message}`);
  }
  const dataEnd = dataEndFlag(args);
  const sim = await startPloomesSim({
    dataEnd,
    port: intFlag(args, 'port', 0, 65535),
    seed: intFlag(args, 'seed', 0, 2 ** 31 - 1),
    size: sizeFlag(args),
    latencyMs: latency,
    rateLimit: rateLimitFlag(args),
    faults,
  });
  print(ctx.io, `Simulador Ploomes em ${sim.url} (User-Key: ${PLOOMES_SIM_DEMO_KEY}). Ctrl+C encerra.`);
  await untilStopped();
  await sim.close();
  return 0;
}
