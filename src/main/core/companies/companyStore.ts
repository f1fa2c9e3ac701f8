import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db/database';
import { companyMigrations } from '../db/migrations';
import { UserError } from '../errors';
import { BusinessCalendar, DEFAULT_TIMEZONE, isValidTimeZone } from '../time/businessDate';

export const COMPANY_SLUG = /^[a-z0-9][a-z0-9-]{0,39}$/;

export interface CompanyInfo {
  slug: string;
  name: string;
  timezone: string;
  createdAt: string;
}

/** One tenant: its own SQLite file, settings and keychain entries. */
export class Company {
  readonly calendar: BusinessCalendar;

  constructor(
    readonly slug: string,
    readonly db: Db,
  ) {
    this.calendar = new BusinessCalendar(this.info().timezone);
  }

  info(): CompanyInfo {
    const row = this.db.prepare('SELECT slug, name, timezone, created_at AS createdAt FROM company WHERE id = 1').get() as CompanyInfo | undefined;
    if (!row) throw new UserError(`O arquivo da empresa "${this.slug}" está incompleto (sem registro da empresa); remova-o e crie a empresa de novo.`, 'company-corrupt');
    return row;
  }
}

export function assertSlug(slug: string): void {
  if (!COMPANY_SLUG.test(slug)) {
    throw new UserError(
      `Identificador de empresa inválido: "${slug}". Use de 1 a 40 letras minúsculas, números ou hífens, começando por letra ou número (ex.: "minha-empresa").`,
      'bad-company-slug',
    );
  }
}

/** The companies under a data directory: `<dataDir>/companies/<slug>.sqlite`, opened on demand. */
export class CompanyStore {
  private readonly open = new Map<string, Company>();
  readonly companiesDir: string;

  constructor(readonly dataDir: string) {
    this.companiesDir = join(dataDir, 'companies');
    mkdirSync(this.companiesDir, { recursive: true });
  }

  fileOf(slug: string): string {
    assertSlug(slug);
    return join(this.companiesDir, `${slug}.sqlite`);
  }

  exists(slug: string): boolean {
    return COMPANY_SLUG.test(slug) && existsSync(this.fileOf(slug));
  }

  slugs(): string[] {
    // The folder may have been removed behind our back (a user cleaning up): start empty again.
    mkdirSync(this.companiesDir, { recursive: true });
    return readdirSync(this.companiesDir)
      .filter((f) => f.endsWith('.sqlite'))
      .map((f) => f.slice(0, -'.sqlite'.length))
      .filter((slug) => COMPANY_SLUG.test(slug))
      .sort();
  }

  list(): CompanyInfo[] {
    return this.slugs().map((slug) => this.get(slug).info());
  }

  add(slug: string, name: string, timezone: string = DEFAULT_TIMEZONE): Company {
    assertSlug(slug);
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 120) {
      throw new UserError('Nome da empresa vazio ou longo demais: informe de 1 a 120 caracteres.', 'bad-company-name');
    }
    if (!isValidTimeZone(timezone)) {
      throw new UserError(`Fuso horário desconhecido: "${timezone}". Use um nome IANA como America/Sao_Paulo.`, 'bad-timezone');
    }
    if (this.exists(slug)) {
      throw new UserError(`A empresa "${slug}" já existe; escolha outro identificador ou use a existente.`, 'company-exists');
    }
    const db = openDatabase(this.fileOf(slug), companyMigrations);
    db.prepare('INSERT INTO company (id, slug, name, timezone, created_at) VALUES (1, ?, ?, ?, ?)').run(slug, trimmed, timezone, new Date().toISOString());
    const company = new Company(slug, db);
    this.open.set(slug, company);
    return company;
  }

  get(slug: string): Company {
    assertSlug(slug);
    const cached = this.open.get(slug);
    if (cached) return cached;
    if (!existsSync(this.fileOf(slug))) {
      throw new UserError(`Empresa "${slug}" não encontrada; crie-a com "nexus company add ${slug} --name <nome>" ou escolha outra.`, 'company-not-found');
    }
    const company = new Company(slug, openDatabase(this.fileOf(slug), companyMigrations));
    this.open.set(slug, company);
    return company;
  }

  rename(slug: string, name: string): CompanyInfo {
    const company = this.get(slug);
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 120) {
      throw new UserError('Nome da empresa vazio ou longo demais: informe de 1 a 120 caracteres.', 'bad-company-name');
    }
    company.db.prepare('UPDATE company SET name = ? WHERE id = 1').run(trimmed);
    return company.info();
  }

  /** Deletes the company's file (and its WAL). Keychain entries are removed by the caller. */
  remove(slug: string): void {
    const file = this.fileOf(slug);
    this.open.get(slug)?.db.close();
    this.open.delete(slug);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }

  closeAll(): void {
    for (const company of this.open.values()) company.db.close();
    this.open.clear();
  }
}
