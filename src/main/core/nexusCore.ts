import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { CompanyStore, type Company, type CompanyInfo } from './companies/companyStore';
import { TypedEmitter } from './events';
import { UserError } from './errors';
import { JobRunner, type JobHandle } from './jobs/jobRunner';
import { RunRecords } from './jobs/runRecords';
import { log } from './log/logger';
import { registerSecret } from './log/redact';
import { secretAccount, type SecretVault } from './secrets/vault';
import { SourceSettings } from './settings/sourceSettings';
import { sourceById, sources } from './sources/registry';
import type { ConnectorTuning, SourceDefinition } from './sources/types';
import { sourceHealth } from './sync/health';
import { runSync } from './sync/syncEngine';
import { consultantFolder, safeSegment } from './boleto/fileNames';
import { formatPointOfSale } from './boleto/pointOfSale';
import { BoletoStore, requirePointOfSale, type PointOfSaleRow } from './robot/boletoStore';
import { BrowserPool } from './robot/browser';
import { runRobot, type RobotTuning } from './robot/robotRun';
import { canopusSource } from './sources/canopus';
import { canopusSimPassword } from './sources/canopus/constants';
import { importClients, type ImportOptions, type ImportSummary } from './sheets/clientImport';
import type { JobFinished, JobProgress, RunRecord, SourceHealth } from '../../shared/jobs';

const MAX_STAGED_BYTES = 64 * 1024 * 1024;

export interface CoreOptions {
  dataDir: string;
  vault: SecretVault;
  /** Per-source knobs for tests and benchmarks (shorter rate windows, faster retries). */
  tuning?: Record<string, ConnectorTuning>;
  /** Robot knobs for tests and benchmarks (no pacing, short back-off). */
  robot?: RobotTuning;
}

export type CoreEvents = {
  'job.progress': JobProgress;
  'job.finished': JobFinished;
  /** Data of an area changed (a sync wrote rows): dashboards reading it refresh. */
  'data.changed': { company: string; source: string };
  /** A source's schedule was saved: running schedulers re-read their next due time. */
  'schedules.changed': { company: string; source: string };
};

export interface SourceView {
  source: string;
  label: string;
  settings: Array<{ key: string; label: string; description: string; value: string; default: string | null }>;
  /** Secrets are never returned, only whether each one is set (null: the keychain cannot be read). */
  secrets: Array<{ name: string; label: string; description: string; configured: boolean | null }>;
  publicCredentials: boolean;
  keychain: { available: boolean; message: string | null };
}

/**
 * The product's logic behind one object: companies, settings, secrets, jobs, sync and health.
 * The Electron shell, the CLI and the test bridge all drive this same core.
 */
export class NexusCore extends TypedEmitter<CoreEvents> {
  readonly companies: CompanyStore;
  readonly jobs = new JobRunner();
  /** One browser for every robot job of this process; each point of sale gets its own context. */
  readonly browsers = new BrowserPool();

  constructor(private readonly options: CoreOptions) {
    super();
    this.companies = new CompanyStore(options.dataDir);
    log.setDirectory(join(options.dataDir, 'logs'));
    this.jobs.on('progress', (p) => this.emit('job.progress', p));
    this.jobs.on('finished', (f) => this.emit('job.finished', f));
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  company(slug: string): Company {
    return this.companies.get(slug);
  }

  listCompanies(): CompanyInfo[] {
    return this.companies.list();
  }

  addCompany(slug: string, name: string, timezone?: string): CompanyInfo {
    return this.companies.add(slug, name, timezone).info();
  }

  /** Removes the company's file and every keychain entry it owns. */
  async removeCompany(slug: string): Promise<void> {
    this.company(slug);
    if (this.jobs.active(slug).length) {
      throw new UserError(`Há execuções em andamento para "${slug}"; cancele-as antes de excluir a empresa.`, 'job-already-running');
    }
    for (const account of await this.options.vault.accounts(`${slug}/`)) await this.options.vault.delete(account);
    this.companies.remove(slug);
  }

  async sourceView(slug: string, sourceId: string): Promise<SourceView> {
    const company = this.company(slug);
    const source = sourceById(sourceId);
    const values = new SourceSettings(company.db).get(source);
    const publicCredentials = source.usesPublicCredentials(values);
    const secrets: SourceView['secrets'] = [];
    let keychain: SourceView['keychain'] = { available: true, message: null };
    for (const spec of source.secrets) {
      let configured: boolean | null = true;
      if (!publicCredentials) {
        try {
          configured = (await this.options.vault.get(secretAccount(slug, source.id, spec.name))) !== null;
        } catch (err) {
          // Settings stay usable without a keychain; only the secret's state is unknown.
          configured = null;
          keychain = { available: false, message: err instanceof UserError ? err.message : String(err) };
        }
      }
      secrets.push({ name: spec.name, label: spec.label, description: spec.description, configured });
    }
    return {
      source: source.id,
      label: source.label,
      settings: source.settings.map((s) => ({ key: s.key, label: s.label, description: s.description, value: values[s.key] ?? '', default: s.default ?? null })),
      secrets,
      publicCredentials,
      keychain,
    };
  }

  setSourceSettings(slug: string, sourceId: string, entries: Record<string, string>): Record<string, string> {
    return new SourceSettings(this.company(slug).db).set(sourceById(sourceId), entries);
  }

  async setSecret(slug: string, sourceId: string, name: string, value: string): Promise<void> {
    this.company(slug);
    const source = sourceById(sourceId);
    const canonical = this.secretName(source, name);
    const multiline = source.secrets.some((s) => s.name === canonical && s.multiline);
    const trimmed = multiline ? `${value.replace(/\r\n/g, '\n').trim()}\n` : value.trim();
    if (!trimmed.trim()) throw new UserError(`Valor vazio para o segredo ${source.id}.${name}: nada foi salvo.`, 'empty-secret');
    if (!multiline && /[\r\n]/.test(trimmed)) throw new UserError(`O segredo ${source.id}.${name} tem quebras de linha: cole só o valor, numa linha.`, 'bad-secret');
    await this.options.vault.set(secretAccount(slug, source.id, canonical), trimmed);
  }

  async deleteSecret(slug: string, sourceId: string, name: string): Promise<boolean> {
    this.company(slug);
    const source = sourceById(sourceId);
    return this.options.vault.delete(secretAccount(slug, source.id, this.secretName(source, name)));
  }

  /** Reads a secret for core work (never for the renderer or the CLI output). */
  async readSecret(slug: string, sourceId: string, name: string): Promise<string | null> {
    const source = sourceById(sourceId);
    const value = await this.options.vault.get(secretAccount(slug, source.id, this.secretName(source, name)));
    if (value) registerSecret(value);
    return value;
  }

  private secretName(source: SourceDefinition, name: string): string {
    if (source.secrets.some((s) => s.name === name)) return name;
    const canonical = source.secretName?.(name) ?? null;
    if (canonical) return canonical;
    throw new UserError(
      `Segredo desconhecido para ${source.label}: "${name}". Segredos aceitos: ${[...source.secrets.map((s) => s.name), ...(source.secretName ? ['pdv-<código do ponto de venda>'] : [])].join(', ')}.`,
      'unknown-secret',
    );
  }

  async testConnection(slug: string, sourceId: string, signal?: AbortSignal): Promise<string> {
    const connector = await this.connector(this.company(slug), sourceById(sourceId));
    return connector.testConnection(signal);
  }

  /** Starts a sync job for one source; progress and the end arrive as events. */
  startSync(slug: string, sourceId: string, options: { full?: boolean; scheduled?: boolean } = {}): JobHandle {
    const company = this.company(slug);
    const source = sourceById(sourceId);
    if (!source.create) {
      throw new UserError(`${source.label} não é uma fonte sincronizável; veja "nexus help" para o comando certo.`, 'not-a-sync-source');
    }
    const handle = this.jobs.start(company, { kind: 'sync', source: source.id, title: `Sincronização ${source.label}${options.full ? ' (completa)' : ''}${options.scheduled ? ' (agendada)' : ''}` }, async (ctx) => {
      const connector = await this.connector(company, source);
      try {
        await runSync(company, connector, ctx, { full: options.full ?? false });
      } finally {
        for (const bad of connector.invalidRecords ?? []) {
          ctx.count('invalid_records');
          ctx.item(`${source.id}.${bad.stream} #${String(bad.id)}`, 'invalid', `Registro ignorado: ${bad.problem}`);
        }
      }
    });
    handle.done.then(
      () => this.emit('data.changed', { company: slug, source: source.id }),
      () => undefined,
    );
    return handle;
  }

  pointsOfSale(slug: string): Array<PointOfSaleRow & { lastRun: RunRecord | null }> {
    const company = this.company(slug);
    const records = new RunRecords(company.db);
    records.reconcileInterrupted();
    return new BoletoStore(company.db).pointsOfSale().map((pv) => ({ ...pv, lastRun: records.list({ kind: 'robot', source: `canopus:${pv.code}`, limit: 1 })[0] ?? null }));
  }

  setPointOfSale(slug: string, code: string, portalUser: string, label: string | null = null): PointOfSaleRow {
    return new BoletoStore(this.company(slug).db).setPointOfSale(code, portalUser, label);
  }

  /** Whether each point of sale's portal password is in the keychain (null: keychain unreadable). */
  async pointOfSalePasswords(slug: string): Promise<Record<string, boolean | null>> {
    const company = this.company(slug);
    const settings = new SourceSettings(company.db).get(canopusSource);
    const demo = canopusSource.usesPublicCredentials(settings);
    const out: Record<string, boolean | null> = {};
    for (const pv of new BoletoStore(company.db).pointsOfSale()) {
      if (demo) out[pv.code] = true;
      else {
        try {
          out[pv.code] = (await this.options.vault.get(secretAccount(slug, 'canopus', `pdv-${pv.code}`))) !== null;
        } catch {
          out[pv.code] = null;
        }
      }
    }
    return out;
  }

  /** The folder boletos are saved in (a consultant's subfolder when given), as configured. */
  boletoFolder(slug: string, consultant?: string): string {
    const settings = new SourceSettings(this.company(slug).db).get(canopusSource);
    return consultant ? join(settings.download_dir, consultantFolder(consultant)) : settings.download_dir;
  }

  /**
   * Starts the boleto robot for one point of sale: one job per point of sale, so several run in
   * parallel (each with its own browser context and portal session) and each can be cancelled.
   */
  startRobot(slug: string, code: string, options: { today?: string } = {}): JobHandle {
    const company = this.company(slug);
    const pv = requirePointOfSale(code);
    const label = formatPointOfSale(pv);
    const store = new BoletoStore(company.db);
    const record = store.pointOfSale(pv);
    return this.jobs.start(company, { kind: 'robot', source: `canopus:${pv}`, title: `Boletos do PV ${label}` }, async (ctx) => {
      if (!record?.portalUser) {
        throw new UserError(`O ponto de venda ${label} não tem usuário do portal: configure com "nexus pdv set ${slug} ${pv} user=<usuário>" ou em Boletos.`, 'missing-portal-user');
      }
      const settings = new SourceSettings(company.db).get(canopusSource);
      const password = canopusSource.usesPublicCredentials(settings) ? canopusSimPassword(pv) : await this.readSecret(slug, 'canopus', `pdv-${pv}`);
      if (!password) {
        throw new UserError(`A senha do portal do PV ${label} não está configurada: salve-a em Boletos > Pontos de venda (ou "nexus secret set ${slug} canopus pdv-${pv}").`, 'missing-credentials');
      }
      await runRobot(ctx, {
        company,
        pointOfSale: pv,
        portalUser: record.portalUser,
        password,
        settings,
        pool: this.browsers,
        evidenceDir: join(this.options.dataDir, 'robot', ctx.jobId),
        today: options.today ?? company.calendar.dayOf(Date.now()),
        tuning: this.options.robot,
      });
    });
  }

  /**
   * Keeps a spreadsheet the user dropped (bytes, never a path from the renderer) in the data folder,
   * so preview and import read the same file. Returns the id to refer to it.
   */
  stageImport(slug: string, fileName: string, bytes: Buffer): string {
    this.company(slug);
    const extension = extname(fileName).toLowerCase();
    if (!['.xlsx', '.csv'].includes(extension)) {
      throw new UserError(`"${basename(fileName)}" não é uma planilha aceita: use um arquivo .xlsx (Excel) ou .csv.`, 'sheet-unsupported-type');
    }
    if (bytes.length > MAX_STAGED_BYTES) {
      throw new UserError(`A planilha "${basename(fileName)}" tem mais de ${MAX_STAGED_BYTES / 1024 / 1024} MB; divida-a em arquivos menores.`, 'sheet-too-large');
    }
    const id = randomUUID();
    const dir = join(this.options.dataDir, 'imports', slug, id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, safeSegment(basename(fileName), `planilha${extension}`)), bytes);
    return id;
  }

  stagedFile(slug: string, stageId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(stageId)) throw new UserError('Planilha não encontrada; solte o arquivo de novo.', 'stage-not-found');
    const dir = join(this.options.dataDir, 'imports', slug, stageId);
    const file = existsSync(dir) ? readdirSync(dir)[0] : undefined;
    if (!file) throw new UserError('Planilha não encontrada; solte o arquivo de novo.', 'stage-not-found');
    return join(dir, file);
  }

  /**
   * Imports the consultants' spreadsheet as a job (progress, cancel, run record). All rows are
   * written in one transaction at the end, so a cancel or a crash writes nothing.
   */
  startImport(slug: string, file: string, options: ImportOptions = {}): JobHandle & { summary: Promise<ImportSummary | null> } {
    const company = this.company(slug);
    let summary: ImportSummary | null = null;
    const handle = this.jobs.start(
      company,
      { kind: 'import', source: null, title: `Importação de clientes (${basename(file)})`, cancelMessage: 'Importação cancelada; nada foi gravado.' },
      async (ctx) => {
        summary = await importClients(company, file, options, ctx);
      },
    );
    handle.done.then(
      (outcome) => {
        if (outcome.status === 'succeeded') this.emit('data.changed', { company: slug, source: 'import' });
      },
      () => undefined,
    );
    return { ...handle, summary: handle.done.then(() => summary) };
  }

  /** A job waiting for the user (e.g. after a captcha) goes on. */
  continueJob(jobId: string): boolean {
    return this.jobs.continue(jobId);
  }

  cancelJob(jobId: string): boolean {
    return this.jobs.cancel(jobId);
  }

  runs(slug: string, options: { source?: string; limit?: number } = {}): RunRecord[] {
    const records = new RunRecords(this.company(slug).db);
    records.reconcileInterrupted();
    return records.list(options);
  }

  runItems(slug: string, runId: string) {
    return new RunRecords(this.company(slug).db).items(runId);
  }

  health(slug: string): SourceHealth[] {
    const company = this.company(slug);
    new RunRecords(company.db).reconcileInterrupted();
    const settings = new SourceSettings(company.db);
    return sources.filter((source) => source.create).map((source) => {
      const saved = settings.saved(source.id);
      return sourceHealth(company.db, source.id, source.label, Object.keys(saved).length > 0);
    });
  }

  close(): void {
    this.jobs.cancelAll();
    this.companies.closeAll();
  }

  private async connector(company: Company, source: SourceDefinition) {
    const settings = new SourceSettings(company.db).get(source);
    const secrets: Record<string, string | null> = {};
    if (!source.usesPublicCredentials(settings)) {
      for (const spec of source.secrets) {
        const value = await this.options.vault.get(secretAccount(company.slug, source.id, spec.name));
        if (value) registerSecret(value);
        secrets[spec.name] = value;
      }
    }
    if (!source.create) throw new UserError(`${source.label} não é uma fonte sincronizável.`, 'not-a-sync-source');
    return source.create({ settings, secrets, calendar: company.calendar, tuning: this.options.tuning?.[source.id] });
  }
}
