import type { Db } from '../db/database';
import { sql } from '../db/sql';
import { UserError } from '../errors';
import { normalizePointOfSale } from '../boleto/pointOfSale';

export type BoletoStatus = 'success' | 'error' | 'cpf_not_found' | 'no_boleto';
export const FINAL_STATUSES: readonly BoletoStatus[] = ['success', 'cpf_not_found', 'no_boleto'];

export interface PointOfSaleRow {
  code: string;
  portalUser: string;
  label: string | null;
  clients: number;
}

export interface RobotClient {
  cpf: string;
  name: string;
  consultant: string;
}

export interface BoletoResult {
  runId: string;
  pointOfSale: string;
  period: string;
  cpf: string;
  grupo: string;
  cota: string;
  clientName: string;
  consultant: string;
  status: BoletoStatus;
  month: string | null;
  dueDate: string | null;
  valueCents: number | null;
  line: string | null;
  file: string | null;
  sha256: string | null;
  message: string | null;
  screenshot: string | null;
  html: string | null;
  attempts: number;
  startedAt: string;
  endedAt: string;
}

export function requirePointOfSale(code: string): string {
  const normalized = normalizePointOfSale(code);
  if (!normalized) throw new UserError(`Código de ponto de venda inválido: "${code}". Use só números, como 17308 ou 17.308.`, 'bad-point-of-sale');
  return normalized;
}

/** Points of sale, their consortium clients and the robot's results, in the company's database. */
export class BoletoStore {
  constructor(private readonly db: Db) {}

  setPointOfSale(code: string, portalUser: string, label: string | null = null): PointOfSaleRow {
    const pv = requirePointOfSale(code);
    const user = portalUser.trim();
    if (!user) throw new UserError(`Informe o usuário do portal para o ponto de venda ${code} (user=<usuário>).`, 'missing-portal-user');
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO points_of_sale (code, portal_user, label, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (code) DO UPDATE SET portal_user = excluded.portal_user, label = COALESCE(excluded.label, points_of_sale.label), updated_at = excluded.updated_at`,
      )
      .run(pv, user, label, now, now);
    return this.pointOfSale(pv)!;
  }

  pointOfSale(code: string): PointOfSaleRow | null {
    return this.pointsOfSale().find((p) => p.code === code) ?? null;
  }

  /** Configured points of sale, plus the ones that only appear in imported clients (no user yet). */
  pointsOfSale(): PointOfSaleRow[] {
    return (
      this.db
        .prepare(
          sql`
          SELECT code, portal_user AS portalUser, label,
                 (SELECT COUNT(DISTINCT cpf) FROM consortium_clients c WHERE c.point_of_sale = p.code) AS clients
          FROM points_of_sale p
          UNION ALL
          SELECT point_of_sale, '', NULL, COUNT(DISTINCT cpf) FROM consortium_clients
          WHERE point_of_sale NOT IN (SELECT code FROM points_of_sale)
          GROUP BY point_of_sale
          ORDER BY 1`,
        )
        .all() as PointOfSaleRow[]
    ).map((r) => ({ ...r, code: String(r.code) }));
  }

  /** The clients of a point of sale, one per CPF (name and consultant from the first row of the sheet). */
  clients(code: string): RobotClient[] {
    return this.db
      .prepare(
        // With a single MIN() SQLite takes the other columns from that same (first imported) row.
        `SELECT cpf, name, consultant, MIN(id) AS first FROM consortium_clients WHERE point_of_sale = ?
         GROUP BY cpf ORDER BY name COLLATE NOCASE, cpf`,
      )
      .all(code)
      .map((r) => {
        const { cpf, name, consultant } = r as RobotClient;
        return { cpf, name, consultant };
      });
  }

  /**
   * CPFs already finished in this period: every cota's latest result is final (saved, not found,
   * no boleto). A re-run of the same month skips them.
   */
  finishedCpfs(code: string, period: string): Set<string> {
    const rows = this.db
      .prepare(
        sql`
        SELECT cpf, MIN(status IN ('success', 'cpf_not_found', 'no_boleto')) AS final FROM (
          SELECT cpf, grupo, cota, status, ROW_NUMBER() OVER (PARTITION BY cpf, grupo, cota ORDER BY ended_at DESC, rowid DESC) AS n
          FROM boleto_results WHERE point_of_sale = ? AND period = ?
        ) WHERE n = 1 GROUP BY cpf`,
      )
      .all(code, period) as Array<{ cpf: string; final: number }>;
    return new Set(rows.filter((r) => r.final === 1).map((r) => r.cpf));
  }

  /** The imported clients, searchable by name or CPF digits, one row per cota. */
  listClients(options: { pointOfSale?: string; search?: string; limit?: number; offset?: number } = {}): {
    total: number;
    rows: Array<{ id: number; point_of_sale: string; cpf: string; grupo: string; cota: string; name: string; consultant: string; situacao: string | null; phone: string | null; email: string | null }>;
  } {
    const where: string[] = [];
    const params: Record<string, unknown> = {};
    if (options.pointOfSale) {
      where.push('point_of_sale = @pv');
      params.pv = requirePointOfSale(options.pointOfSale);
    }
    const search = options.search?.trim();
    if (search) {
      const digits = search.replace(/\D/g, '');
      where.push(digits.length >= 3 && /^[\d.\-\s]+$/.test(search) ? 'cpf LIKE @digits' : 'fold_text(name) LIKE @like');
      params.digits = `%${digits}%`;
      params.like = `%${search.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase()}%`;
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM consortium_clients ${clause}`).get(params) as { n: number }).n;
    const rows = this.db
      .prepare(
        `SELECT id, point_of_sale, cpf, grupo, cota, name, consultant, situacao, phone, email FROM consortium_clients ${clause}
         ORDER BY name COLLATE NOCASE, cpf, grupo, cota LIMIT @limit OFFSET @offset`,
      )
      .all({ ...params, limit: options.limit ?? 50, offset: options.offset ?? 0 }) as ReturnType<BoletoStore['listClients']>['rows'];
    return { total, rows };
  }

  saveResults(results: BoletoResult[]): void {
    const insert = this.db.prepare(
      sql`INSERT OR REPLACE INTO boleto_results (run_id, point_of_sale, period, cpf, grupo, cota, client_name, consultant, status, month, due_date,
            value_cents, line, file, sha256, message, screenshot, html, attempts, started_at, ended_at)
          VALUES (@runId, @pointOfSale, @period, @cpf, @grupo, @cota, @clientName, @consultant, @status, @month, @dueDate,
            @valueCents, @line, @file, @sha256, @message, @screenshot, @html, @attempts, @startedAt, @endedAt)`,
    );
    this.db.transaction(() => {
      for (const r of results) insert.run(r);
    })();
  }

  results(runId: string): BoletoResult[] {
    return this.db
      .prepare(
        sql`SELECT run_id AS runId, point_of_sale AS pointOfSale, period, cpf, grupo, cota, client_name AS clientName, consultant, status, month,
              due_date AS dueDate, value_cents AS valueCents, line, file, sha256, message, screenshot, html, attempts, started_at AS startedAt, ended_at AS endedAt
            FROM boleto_results WHERE run_id = ? ORDER BY started_at, cpf, grupo, cota`,
      )
      .all(runId) as BoletoResult[];
  }
}
