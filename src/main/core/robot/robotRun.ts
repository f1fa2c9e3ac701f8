import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { verifyBoletoPdf } from '../boleto/boletoCheck';
import { formatCpf } from '../boleto/cpf';
import { boletoFileName, consultantFolder } from '../boleto/fileNames';
import { monthOfDay } from '../boleto/months';
import { formatPointOfSale } from '../boleto/pointOfSale';
import type { Company } from '../companies/companyStore';
import { UserError } from '../errors';
import type { JobContext } from '../jobs/jobRunner';
import { log } from '../log/logger';
import { sleep } from '../sync/sleep';
import { BoletoStore, type BoletoResult, type BoletoStatus, type RobotClient } from './boletoStore';
import type { BrowserChoice, BrowserPool } from './browser';
import { CanopusPortal, HUMAN_TIMING, NO_PACING, type BoletoRow, type CotaLink, type PortalTiming } from './portal';
import { PortalError } from './robotErrors';

export interface RobotTuning {
  timing?: PortalTiming;
  /** Waits before retry 1, 2, 3… of a client after a passing error. */
  backoffMs?: number[];
  betweenClientsMs?: [number, number];
  pdfTimeoutMs?: number;
}

export interface RobotRunInput {
  company: Company;
  pointOfSale: string;
  portalUser: string;
  password: string;
  settings: Record<string, string>;
  pool: BrowserPool;
  /** Where evidence (screenshots, HTML) of failed clients goes. */
  evidenceDir: string;
  today: string;
  tuning?: RobotTuning;
}

export interface RobotSummary {
  clients: number;
  skipped: number;
  success: number;
  errors: number;
  cpfNotFound: number;
  noBoleto: number;
}

interface CotaOutcome {
  cota: CotaLink | null;
  status: BoletoStatus;
  message: string | null;
  file?: string;
  sha256?: string;
  month?: string;
  dueDate?: string;
  valueCents?: number;
  line?: string;
}

const DEFAULT_BACKOFF = [2000, 5000, 10000];

interface ClientState {
  finished: Map<string, CotaOutcome>;
  /** The cota being worked on, to name it if the client ends in error. */
  current: CotaLink | null;
}

/** The boleto to emit: the one due in the run's month; else the next one due; else the last. */
export function rowToEmit(rows: BoletoRow[], period: string, today: string): BoletoRow {
  return rows.find((r) => r.dueDate.startsWith(period)) ?? rows.find((r) => r.dueDate >= today) ?? rows[rows.length - 1];
}

function writeAtomically(file: string, bytes: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.partial`;
  writeFileSync(temp, bytes);
  renameSync(temp, file);
}

/**
 * One robot run for one point of sale: log in once, then for every imported client not finished
 * this month search by CPF, open each cota's "Emissão de Cobrança", emit, capture and verify the PDF,
 * and save `<root>/<Consultor>/<NOME>_<MES>.pdf`. Results are written per client as they happen, so
 * a kill loses at most the client in flight and a re-run continues where this one stopped.
 */
export async function runRobot(ctx: JobContext, input: RobotRunInput): Promise<RobotSummary> {
  const store = new BoletoStore(input.company.db);
  const pv = input.pointOfSale;
  const label = formatPointOfSale(pv);
  const period = input.today.slice(0, 7);
  const clients = store.clients(pv);
  if (!clients.length) {
    throw new UserError(`Nenhum cliente importado para o ponto de venda ${label}: importe a planilha dos consultores em Clientes (ou "nexus import").`, 'no-clients');
  }
  const finished = store.finishedCpfs(pv, period);
  const todo = clients.filter((c) => !finished.has(c.cpf));
  const summary: RobotSummary = { clients: clients.length, skipped: clients.length - todo.length, success: 0, errors: 0, cpfNotFound: 0, noBoleto: 0 };
  if (summary.skipped) ctx.count('boletos.skipped', summary.skipped);
  const pacing = input.settings.pacing !== '0';
  const timing = input.tuning?.timing ?? (pacing ? HUMAN_TIMING : NO_PACING);
  const betweenClients = input.tuning?.betweenClientsMs ?? (pacing ? [2000, 4000] : [0, 0]);
  const backoff = input.tuning?.backoffMs ?? DEFAULT_BACKOFF;
  const retries = Number(input.settings.retries ?? '2');
  const downloadDir = input.settings.download_dir;
  const progress = (done: number, message: string | null = null) =>
    ctx.progress({ phase: `Boletos do PV ${label}`, done, total: todo.length, unit: 'clientes', message });
  progress(0, summary.skipped ? `${summary.skipped} clientes já concluídos neste mês` : null);
  if (!todo.length) return summary;

  const choice: BrowserChoice = { browser: input.settings.browser || 'auto', executablePath: input.settings.executable_path || '', headless: input.settings.headless !== '0' };
  const browser = await input.pool.acquire(choice);
  let context: BrowserContext | null = null;
  let portal: CanopusPortal | null = null;
  const openPortal = async () => {
    await context?.close().catch(() => undefined);
    context = await browser.newContext({ locale: 'pt-BR', timezoneId: 'America/Sao_Paulo', acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(20_000);
    context.setDefaultNavigationTimeout(60_000);
    portal = new CanopusPortal(context, input.settings.url.replace(/\/+$/, ''), { user: input.portalUser, password: input.password, pointOfSale: pv }, timing, ctx.signal);
    await login();
  };
  const login = async () => {
    for (;;) {
      try {
        await portal!.login();
        return;
      } catch (err) {
        if (err instanceof PortalError && err.kind === 'captcha') {
          await ctx.waitForUser(
            `O portal pediu os caracteres de segurança (captcha) no login do PV ${label}. O robô não resolve captchas: entre no portal uma vez pelo navegador com este usuário para liberar o acesso e depois clique em Continuar.`,
          );
          continue;
        }
        if (err instanceof PortalError && err.kind === 'login-refused') {
          throw new UserError(`O portal recusou o login do PV ${label} (${err.message}): confira o usuário e a senha em Boletos > Pontos de venda.`, 'portal-login-refused');
        }
        throw err;
      }
    }
  };

  try {
    await openPortal();
    let done = 0;
    for (const client of todo) {
      ctx.signal.throwIfAborted();
      const started = new Date().toISOString();
      // Cotas finished by an earlier attempt are not emitted again when the client is retried.
      const state: ClientState = { finished: new Map(), current: null };
      let outcomes: CotaOutcome[] = [];
      let attempts = 0;
      for (;;) {
        attempts++;
        try {
          outcomes = await processClient(portal!, client, state);
          break;
        } catch (err) {
          ctx.signal.throwIfAborted();
          if (err instanceof UserError) throw err;
          // Anything else the browser throws (a timeout, an interrupted navigation, a closed page)
          // is treated as passing: the retry budget bounds it.
          const portalError = err instanceof PortalError ? err : new PortalError((err as Error).message.split('\n')[0], 'unexpected-page');
          if (portalError.kind === 'captcha') {
            await login();
            continue;
          }
          if (portalError.kind === 'login-refused') throw err;
          if (!portalError.retryable || attempts > retries) {
            const message = portalError.message;
            outcomes = [...state.finished.values(), { cota: state.current, status: 'error', message }];
            break;
          }
          log.warn('robot retry', { pointOfSale: pv, cpf: formatCpf(client.cpf), attempt: attempts, reason: (err as Error).message });
          await sleep(backoff[Math.min(attempts - 1, backoff.length - 1)] ?? 0, ctx.signal);
          if (portalError.kind === 'session-expired' || portalError.kind === 'unexpected-page') await login();
        }
      }

      const results: BoletoResult[] = [];
      for (const outcome of outcomes) {
        let screenshot: string | null = null;
        let html: string | null = null;
        if (outcome.status === 'error') {
          const evidence = await portal!.evidence();
          const base = join(input.evidenceDir, `${client.cpf}${outcome.cota ? `-${outcome.cota.grupo}-${outcome.cota.cota}` : ''}`);
          mkdirSync(input.evidenceDir, { recursive: true });
          if (evidence.png) writeFileSync((screenshot = `${base}.png`), evidence.png);
          if (evidence.html) writeFileSync((html = `${base}.html`), evidence.html);
        }
        results.push({
          runId: ctx.jobId,
          pointOfSale: pv,
          period,
          cpf: client.cpf,
          grupo: outcome.cota?.grupo ?? '',
          cota: outcome.cota?.cota ?? '',
          clientName: client.name,
          consultant: client.consultant,
          status: outcome.status,
          month: outcome.month ?? null,
          dueDate: outcome.dueDate ?? null,
          valueCents: outcome.valueCents ?? null,
          line: outcome.line ?? null,
          file: outcome.file ?? null,
          sha256: outcome.sha256 ?? null,
          message: outcome.message,
          screenshot,
          html,
          attempts,
          startedAt: started,
          endedAt: new Date().toISOString(),
        });
        const key = { success: 'success', error: 'errors', cpf_not_found: 'cpfNotFound', no_boleto: 'noBoleto' } as const;
        summary[key[outcome.status]]++;
        ctx.count(`boletos.${outcome.status}`);
        ctx.item(
          `${formatCpf(client.cpf)} ${client.name}${outcome.cota && outcomes.length > 1 ? ` (grupo ${outcome.cota.grupo}, cota ${outcome.cota.cota})` : ''}`,
          outcome.status,
          outcome.message ?? outcome.file ?? null,
        );
      }
      store.saveResults(results);
      progress(++done, `${client.name}: ${outcomes.map((o) => STATUS_TEXT[o.status]).join(', ')}`);
      if (done < todo.length && betweenClients[1] > 0) await sleep(betweenClients[0] + Math.random() * (betweenClients[1] - betweenClients[0]), ctx.signal);
    }
    return summary;
  } finally {
    await (portal as CanopusPortal | null)?.close();
    await (context as BrowserContext | null)?.close().catch(() => undefined);
    await input.pool.release();
  }

  /**
   * The boleto's file is already there and checks out for this client and due date (an earlier run
   * whose record was lost, a copy put back): it is not emitted again.
   */
  async function alreadySaved(client: RobotClient, cota: CotaLink, severalCotas: boolean, row: BoletoRow): Promise<CotaOutcome | null> {
    if (input.settings.month_from === 'competencia') return null;
    const file = join(downloadDir, consultantFolder(client.consultant), boletoFileName(client.name, monthOfDay(row.dueDate), severalCotas ? cota : null));
    if (!existsSync(file)) return null;
    const bytes = readFileSync(file);
    const verdict = await verifyBoletoPdf(bytes, { cpf: client.cpf, gridDueDate: row.dueDate, today: input.today, monthFrom: 'vencimento' });
    if (!verdict.ok) return null;
    return {
      cota,
      status: 'success',
      message: 'já estava salvo e conferido; não foi emitido de novo',
      file,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      month: verdict.boleto.month,
      dueDate: verdict.boleto.dueDate,
      valueCents: verdict.boleto.valueCents,
      line: verdict.boleto.line,
    };
  }

  async function processClient(session: CanopusPortal, client: RobotClient, state: ClientState): Promise<CotaOutcome[]> {
    state.current = null;
    const cotas = await session.search(client.cpf);
    if (!cotas.length) return [{ cota: null, status: 'cpf_not_found', message: 'CPF não encontrado no portal para este ponto de venda' }];
    let searched = true;
    for (const cota of cotas) {
      const key = `${cota.grupo}/${cota.cota}`;
      if (state.finished.has(key)) continue;
      state.current = cota;
      if (!searched) await session.search(client.cpf);
      searched = false;
      const rows = await session.openEmission(cota);
      if (!rows.length) {
        state.finished.set(key, { cota, status: 'no_boleto', message: 'nenhuma cobrança em aberto para esta cota' });
        continue;
      }
      const row = rowToEmit(rows, period, input.today);
      const kept = await alreadySaved(client, cota, cotas.length > 1, row);
      if (kept) {
        state.finished.set(key, kept);
        continue;
      }
      const pdf = await session.emit(row, input.tuning?.pdfTimeoutMs ?? 60_000);
      const verdict = await verifyBoletoPdf(pdf, {
        cpf: client.cpf,
        gridDueDate: row.dueDate,
        today: input.today,
        monthFrom: input.settings.month_from === 'competencia' ? 'competencia' : 'vencimento',
      });
      if (!verdict.ok) {
        if (/outro pagador/.test(verdict.problem)) {
          // A foreign boleto means the server session was confused: start a fresh session and retry.
          throw new PortalError(verdict.problem, 'session-expired');
        }
        state.finished.set(key, { cota, status: 'error', message: `boleto recusado na conferência: ${verdict.problem}` });
        continue;
      }
      const { boleto } = verdict;
      const file = join(downloadDir, consultantFolder(client.consultant), boletoFileName(client.name, boleto.month, cotas.length > 1 ? cota : null));
      const sha256 = createHash('sha256').update(pdf).digest('hex');
      const existing = existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null;
      if (existing !== sha256) writeAtomically(file, pdf);
      state.finished.set(key, {
        cota,
        status: 'success',
        message: existing === sha256 ? 'já estava salvo (arquivo idêntico)' : existing ? 'substituiu um arquivo anterior diferente' : null,
        file,
        sha256,
        month: boleto.month,
        dueDate: boleto.dueDate,
        valueCents: boleto.valueCents,
        line: boleto.line,
      });
    }
    state.current = null;
    return [...state.finished.values()];
  }
}

const STATUS_TEXT: Record<BoletoStatus, string> = {
  success: 'boleto salvo',
  error: 'erro',
  cpf_not_found: 'CPF não encontrado',
  no_boleto: 'sem boleto',
};
