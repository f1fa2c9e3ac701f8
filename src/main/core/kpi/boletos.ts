import type { Company } from '../companies/companyStore';
import { sql } from '../db/sql';
import type { BoletoKpis } from '../../../shared/kpi';
import { addDays } from '../time/businessDate';
import { checkRange, type DayRange } from './crm';

/**
 * Each cota counts once per month of work (period), with its latest outcome: a client retried three
 * times is one success, a client with two cotas is two boletos.
 */
const LATEST = sql`
  WITH latest AS (
    SELECT point_of_sale, period, cpf, grupo, cota, status, ended_at,
           ROW_NUMBER() OVER (PARTITION BY point_of_sale, period, cpf, grupo, cota ORDER BY ended_at DESC, rowid DESC) AS n
    FROM boleto_results
  )
  SELECT point_of_sale, period, status, ended_at FROM latest WHERE n = 1
`;

const COUNTS = sql`
  SUM(status = 'success') AS success, SUM(status = 'error') AS errors,
  SUM(status = 'cpf_not_found') AS cpf_not_found, SUM(status = 'no_boleto') AS no_boleto
`;

interface CountRow {
  success: number | null;
  errors: number | null;
  cpf_not_found: number | null;
  no_boleto: number | null;
}

const counts = (r: CountRow | undefined) => ({ success: r?.success ?? 0, errors: r?.errors ?? 0, cpf_not_found: r?.cpf_not_found ?? 0, no_boleto: r?.no_boleto ?? 0 });

/** The boletos area: imported clients, boletos saved, problems per kind, per point of sale, per month, per run. */
export function boletoKpis(company: Company, range: DayRange = {}): BoletoKpis {
  const db = company.db;
  const { from, to } = checkRange(range);
  // Results are filtered by the business day they ended on, in the company's zone.
  const start = from ? new Date(company.calendar.startOfDay(from)).toISOString() : '0000';
  const endDay = to ? new Date(company.calendar.startOfDay(addDays(to, 1))).toISOString() : '9999';
  const inRange = `SELECT * FROM (${LATEST}) WHERE ended_at >= ? AND ended_at < ?`;
  const total = db.prepare(`SELECT ${COUNTS} FROM (${inRange})`).get(start, endDay) as CountRow;
  const clients = (db.prepare('SELECT COUNT(*) AS n FROM (SELECT DISTINCT point_of_sale, cpf FROM consortium_clients)').get() as { n: number }).n;
  const perPv = db
    .prepare(
      sql`
      SELECT pv.code AS point_of_sale,
             (SELECT COUNT(DISTINCT cpf) FROM consortium_clients c WHERE c.point_of_sale = pv.code) AS clients,
             (SELECT MAX(started_at) FROM runs WHERE kind = 'robot' AND source = 'canopus:' || pv.code) AS last_run_at
      FROM (SELECT code FROM points_of_sale UNION SELECT point_of_sale FROM consortium_clients) pv ORDER BY 1`,
    )
    .all() as Array<{ point_of_sale: string; clients: number; last_run_at: string | null }>;
  const perPvCounts = new Map(
    (db.prepare(`SELECT point_of_sale, ${COUNTS} FROM (${inRange}) GROUP BY point_of_sale`).all(start, endDay) as Array<CountRow & { point_of_sale: string }>).map((r) => [
      r.point_of_sale,
      counts(r),
    ]),
  );
  const byPeriod = db.prepare(`SELECT period, ${COUNTS} FROM (${inRange}) GROUP BY period ORDER BY period`).all(start, endDay) as Array<CountRow & { period: string }>;
  const runs = db
    .prepare(
      sql`
      SELECT r.id AS run_id, substr(r.source, 9) AS point_of_sale, r.status, r.started_at, r.ended_at,
             (SELECT SUM(status = 'success') FROM boleto_results b WHERE b.run_id = r.id) AS success,
             (SELECT SUM(status = 'error') FROM boleto_results b WHERE b.run_id = r.id) AS errors,
             (SELECT SUM(status = 'cpf_not_found') FROM boleto_results b WHERE b.run_id = r.id) AS cpf_not_found,
             (SELECT SUM(status = 'no_boleto') FROM boleto_results b WHERE b.run_id = r.id) AS no_boleto,
             (SELECT COUNT(DISTINCT cpf) FROM boleto_results b WHERE b.run_id = r.id) AS clients
      FROM runs r WHERE r.kind = 'robot' AND r.started_at >= ? AND r.started_at < ?
      ORDER BY r.started_at DESC LIMIT 50`,
    )
    .all(start, endDay) as Array<CountRow & { run_id: string; point_of_sale: string; status: string; started_at: string; ended_at: string | null; clients: number }>;
  const last = runs[0] ?? null;
  return {
    area: 'boletos',
    company: company.slug,
    from,
    to,
    clients,
    ...counts(total),
    last_run: last ? { id: last.run_id, point_of_sale: last.point_of_sale, status: last.status, started_at: last.started_at, ended_at: last.ended_at } : null,
    by_point_of_sale: perPv.map((p) => ({ ...p, ...(perPvCounts.get(p.point_of_sale) ?? counts(undefined)) })),
    by_period: byPeriod.map((p) => ({ period: p.period, ...counts(p) })),
    runs: runs.map((r) => {
      const seconds = r.ended_at ? (Date.parse(r.ended_at) - Date.parse(r.started_at)) / 1000 : null;
      return {
        run_id: r.run_id,
        point_of_sale: r.point_of_sale,
        status: r.status,
        started_at: r.started_at,
        ended_at: r.ended_at,
        seconds,
        seconds_per_client: seconds !== null && r.clients ? seconds / r.clients : null,
        ...counts(r),
      };
    }),
  };
}
