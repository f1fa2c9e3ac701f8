import type { Db } from '../../db/database';
import { sql } from '../../db/sql';
import { foldText } from '../../../../shared/text';

/**
 * Every sale of the CVDW mirror (cancelled ones included, with their distrato day), resolved once
 * into plain objects: names, pro-soluto, series totals, commission. The dashboard asks for many
 * breakdowns of one period at a time; one pass over an in-memory, day-sorted list answers all of
 * them in a few milliseconds where a GROUP BY per breakdown over 200k reservations would not.
 * Definitions: docs/KPIS.md, "Vendas imobiliárias (CVDW)".
 */
export interface Sale {
  id: number;
  day: string;
  month: string;
  developmentId: number | null;
  development: string | null;
  unitId: number | null;
  unit: string | null;
  brokerId: number | null;
  broker: string | null;
  teamId: number | null;
  team: string | null;
  client: string | null;
  valueCents: number | null;
  tableCents: number | null;
  financingCents: number | null;
  fgtsCents: number | null;
  subsidyCents: number | null;
  downPaymentCents: number | null;
  proSolutoCents: number | null;
  commissionCents: number | null;
  cancelledOn: string | null;
}

/** A unit for VSO: its launch day and the day ranges (a, b] in which a sale of it stood. */
export interface UnitStock {
  id: number;
  developmentId: number | null;
  launch: string | null;
  /** Disjoint, ascending; `to` null = still standing. A day D is covered when from < D ≤ to. */
  standing: Array<{ from: string; to: string | null }>;
}

/** Sales without an id group together under one label, whatever free text they carry. */
export const NO_DEVELOPMENT = 'Sem empreendimento';
export const NO_BROKER = 'Sem corretor';
export const NO_TEAM = 'Sem imobiliária';

/** The developments, brokers or agencies met in the sales; index 0 is the group of sales without one. */
export interface GroupTable {
  ids: Array<number | null>;
  names: string[];
}

/** Day number of the "no distrato" sentinel: after every real day. */
export const NO_DISTRATO = 2 ** 31 - 1;

/**
 * The KPI loop's view of the sales, one typed array per field, same order as `sales`: a pass over
 * 134k sales is then arithmetic on arrays instead of property reads and string comparisons.
 */
export interface SaleColumns {
  /** Days since 1970-01-01. */
  day: Int32Array;
  /** year × 12 + month − 1. */
  month: Int32Array;
  /** Day number of the distrato, NO_DISTRATO when none. */
  cancelled: Int32Array;
  /** Cents; null counts as 0. */
  value: Float64Array;
  table: Float64Array;
  commission: Float64Array;
  proSoluto: Float64Array;
  hasProSoluto: Uint8Array;
  /** Pro-soluto ÷ contract value, and its bucket index (−1: no share). */
  share: Float64Array;
  bucket: Int8Array;
  development: Int32Array;
  broker: Int32Array;
  team: Int32Array;
}

export interface SalesModel {
  /** Sorted by day, then reservation id. */
  sales: Sale[];
  columns: SaleColumns;
  developments: GroupTable;
  brokers: GroupTable;
  teams: GroupTable;
  units: UnitStock[];
  unitIds: Set<number>;
  developmentNames: Map<number, string>;
  unitsByDevelopment: Map<number, number>;
  activeReservations: number;
  /** Memo of derived data that depends only on the model (sort orders, availability by day). */
  memo: Map<string, unknown>;
}

/** A zero date ("0000-00-00") is no date; anything else keeps its day part. */
const day = (column: string) => `NULLIF(substr(${column}, 1, 10), '0000-00-00')`;

const SERIES = sql`SELECT DISTINCT serie FROM cvdw_reservation_conditions WHERE active = 1 AND idreserva IS NOT NULL AND serie IS NOT NULL`;

/**
 * The parts of a sale, each read on its own from a covering index (0006_realestate.ts) as raw
 * arrays and joined in memory by reservation id: measured on 200k reservations, one SQL statement
 * joining them (materialized CTEs, automatic indexes, a sort) took three times as long.
 */
const SALES = sql`
  SELECT COALESCE(idreserva, CAST(referencia AS INTEGER)), ${day('data_venda')}, idempreendimento, empreendimento, idunidade,
         bloco, unidade, idcorretor, corretor, idimobiliaria, imobiliaria, cliente, valor_contrato_cents, vgv_tabela_cents,
         valor_financiamento_cents, valor_fgts_cents, valor_subsidio_cents
  FROM cvdw_reservations
  WHERE active = 1 AND data_venda IS NOT NULL AND ${day('data_venda')} IS NOT NULL
  ORDER BY data_venda, idreserva
`;

/** Series totals per reservation, by kind (financing, FGTS, subsidy, down payment). */
const SERIES_TOTALS = sql`
  WITH kinds(serie, kind) AS MATERIALIZED (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(@kinds))
  SELECT c.idreserva,
         SUM(CASE WHEN k.kind = 'financing' THEN COALESCE(c.total_cents, c.valor_cents * COALESCE(c.parcela_quantidade, 1)) END),
         SUM(CASE WHEN k.kind = 'fgts' THEN COALESCE(c.total_cents, c.valor_cents * COALESCE(c.parcela_quantidade, 1)) END),
         SUM(CASE WHEN k.kind = 'subsidy' THEN COALESCE(c.total_cents, c.valor_cents * COALESCE(c.parcela_quantidade, 1)) END),
         SUM(CASE WHEN k.kind = 'down_payment' THEN COALESCE(c.total_cents, c.valor_cents * COALESCE(c.parcela_quantidade, 1)) END)
  FROM cvdw_reservation_conditions c JOIN kinds k ON k.serie = c.serie
  WHERE c.active = 1 AND c.idreserva IS NOT NULL
  GROUP BY c.idreserva
`;

const COMMISSIONS = sql`
  SELECT idreserva, SUM(valor_comissao_cents) FROM cvdw_commissions
  WHERE active = 1 AND idreserva IS NOT NULL AND valor_comissao_cents IS NOT NULL GROUP BY idreserva
`;

const DISTRATOS = sql`
  SELECT idreserva, MIN(COALESCE(${day('situacao_data')}, ${day('data_cad')})) FROM cvdw_cancellations
  WHERE active = 1 AND idreserva IS NOT NULL GROUP BY idreserva
`;

const BROKERS = sql`SELECT idcorretor, MAX(nome), MAX(idimobiliaria), MAX(imobiliaria) FROM cvdw_brokers WHERE idcorretor IS NOT NULL GROUP BY idcorretor`;

const AGENCIES = sql`SELECT idimobiliaria, MAX(nome) FROM cvdw_agencies WHERE idimobiliaria IS NOT NULL GROUP BY idimobiliaria`;

const UNITS = sql`
  SELECT idunidade AS id, MAX(idempreendimento) AS development_id, MIN(${day('liberar_a_partir')}) AS launch
  FROM cvdw_units WHERE active = 1 AND idunidade IS NOT NULL GROUP BY idunidade
`;

/** The development's first reservation day: the launch day of its units without liberar_a_partir. */
const FIRST_RESERVATION = sql`
  SELECT idempreendimento AS id, MIN(${day('data_cad')}) AS day FROM cvdw_reservations
  WHERE idempreendimento IS NOT NULL GROUP BY idempreendimento
`;

/** One unit per development gives its name (units of a development share it). */
const DEVELOPMENT_NAMES = sql`
  SELECT idempreendimento AS id, nome_empreendimento AS name FROM cvdw_units
  WHERE rowid IN (SELECT MAX(rowid) FROM cvdw_units WHERE idempreendimento IS NOT NULL GROUP BY idempreendimento)
`;

type SeriesKind = 'financing' | 'fgts' | 'subsidy' | 'down_payment';

/** Series names are tenant-configured ("FINANCIAMENTO", "Financiamento Bancário", "Ato", "ENTRADA"…). */
export function seriesKind(serie: string): SeriesKind | null {
  const name = foldText(serie);
  if (/\bfgts\b/.test(name)) return 'fgts';
  if (/\bsubsidio\b/.test(name)) return 'subsidy';
  if (/\bfinanciamento\b/.test(name)) return 'financing';
  if (/\b(entrada|ato)\b/.test(name)) return 'down_payment';
  return null;
}

export function unitLabel(block: string | null, unit: string | null): string | null {
  if (block && unit) return `${block} / ${unit}`;
  return unit ?? block ?? null;
}

type Cell = string | number | null;
type Parts = Map<number, Cell[]>;

/** Raw rows keyed by their first column (a reservation, broker or agency id). */
function keyed(db: Db, query: string, params: Record<string, unknown> = {}): Parts {
  const parts: Parts = new Map();
  for (const row of db.prepare(query).raw(true).all(params) as Cell[][]) parts.set(row[0] as number, row);
  return parts;
}

function readSales(db: Db, kinds: Array<[string, SeriesKind]>, developmentNames: Map<number, string>): Sale[] {
  const series = keyed(db, SERIES_TOTALS, { kinds: JSON.stringify(kinds) });
  const commissions = keyed(db, COMMISSIONS);
  const distratos = keyed(db, DISTRATOS);
  const brokers = keyed(db, BROKERS);
  const agencies = keyed(db, AGENCIES);
  const rows = db.prepare(SALES).raw(true).all() as Cell[][];
  const sales = rows.map((r): Sale => {
    const id = r[0] as number;
    const dayOf = r[1] as string;
    const developmentId = r[2] as number | null;
    const developmentText = r[3] as string | null;
    const unitId = r[4] as number | null;
    const brokerId = r[7] as number | null;
    const brokerText = r[8] as string | null;
    const agencyId = r[9] as number | null;
    const agencyText = r[10] as string | null;
    const value = r[12] as number | null;
    const s = series.get(id);
    const broker = brokerId === null ? undefined : brokers.get(brokerId);
    const teamId = (agencyId ?? broker?.[2] ?? null) as number | null;
    const agencyName = teamId === null ? undefined : agencies.get(teamId)?.[1];
    const financing = (r[14] ?? s?.[1] ?? null) as number | null;
    const fgts = (r[15] ?? s?.[2] ?? null) as number | null;
    const subsidy = (r[16] ?? s?.[3] ?? null) as number | null;
    const unit = unitLabel(r[5] as string | null, r[6] as string | null);
    const brokerName = ((broker?.[1] as string | null | undefined) ?? brokerText ?? null) as string | null;
    return {
      id,
      day: dayOf,
      month: dayOf.slice(0, 7),
      developmentId,
      development: (developmentId !== null ? developmentNames.get(developmentId) : undefined) ?? developmentText,
      unitId,
      unit,
      brokerId,
      broker: brokerName,
      teamId,
      team: ((agencyName ?? (agencyId !== null ? agencyText : (broker?.[3] ?? agencyText))) ?? null) as string | null,
      client: r[11] as string | null,
      valueCents: value,
      tableCents: r[13] as number | null,
      financingCents: financing,
      fgtsCents: fgts,
      subsidyCents: subsidy,
      downPaymentCents: (s?.[4] ?? null) as number | null,
      proSolutoCents: value === null ? null : Math.max(0, value - (financing ?? 0) - (fgts ?? 0) - (subsidy ?? 0)),
      commissionCents: (commissions.get(id)?.[1] ?? null) as number | null,
      cancelledOn: (distratos.get(id)?.[1] ?? null) as string | null,
    };
  });
  // The index gives (data_venda, idreserva) order; a reservation keyed by its referencia may not follow it.
  for (let i = 1; i < sales.length; i++) {
    if (sales[i - 1].day > sales[i].day || (sales[i - 1].day === sales[i].day && sales[i - 1].id > sales[i].id)) {
      return sales.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.id - b.id));
    }
  }
  return sales;
}

/** Merges the (sale day, distrato day] ranges of one unit's sales. */
function standingRanges(sales: Sale[]): UnitStock['standing'] {
  const ranges = sales
    .filter((s) => s.cancelledOn === null || s.cancelledOn > s.day)
    .map((s) => ({ from: s.day, to: s.cancelledOn }))
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: UnitStock['standing'] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && (last.to === null || range.from <= last.to)) {
      if (last.to !== null && (range.to === null || range.to > last.to)) last.to = range.to;
    } else {
      merged.push({ ...range });
    }
  }
  return merged;
}

export function buildSalesModel(db: Db): SalesModel {
  const kinds: Array<[string, SeriesKind]> = [];
  for (const { serie } of db.prepare(SERIES).all() as Array<{ serie: string }>) {
    const kind = seriesKind(serie);
    if (kind) kinds.push([serie, kind]);
  }
  const developmentNames = new Map<number, string>();
  for (const { id, name } of db.prepare(DEVELOPMENT_NAMES).all() as Array<{ id: number; name: string | null }>) {
    if (name) developmentNames.set(id, name);
  }
  const sales = readSales(db, kinds, developmentNames);

  const firstReservation = new Map<number, string>();
  for (const { id, day: first } of db.prepare(FIRST_RESERVATION).all() as Array<{ id: number; day: string | null }>) {
    if (first) firstReservation.set(id, first);
  }
  const salesByUnit = new Map<number, Sale[]>();
  for (const sale of sales) {
    if (sale.unitId === null) continue;
    const list = salesByUnit.get(sale.unitId);
    if (list) list.push(sale);
    else salesByUnit.set(sale.unitId, [sale]);
  }
  const unitsByDevelopment = new Map<number, number>();
  const units = (db.prepare(UNITS).all() as Array<{ id: number; development_id: number | null; launch: string | null }>).map((u): UnitStock => {
    if (u.development_id !== null) unitsByDevelopment.set(u.development_id, (unitsByDevelopment.get(u.development_id) ?? 0) + 1);
    return {
      id: u.id,
      developmentId: u.development_id,
      launch: u.launch ?? (u.development_id !== null ? (firstReservation.get(u.development_id) ?? null) : null),
      standing: standingRanges(salesByUnit.get(u.id) ?? []),
    };
  });
  const activeReservations = (db.prepare('SELECT COUNT(*) AS n FROM cvdw_reservations WHERE active = 1').get() as { n: number }).n;
  const developments = groupTable(sales, (s) => s.developmentId, (s) => s.development, NO_DEVELOPMENT, 'Empreendimento', developmentNames);
  const brokers = groupTable(sales, (s) => s.brokerId, (s) => s.broker, NO_BROKER, 'Corretor');
  const teams = groupTable(sales, (s) => s.teamId, (s) => s.team, NO_TEAM, 'Imobiliária');
  return {
    sales,
    columns: columnsOf(sales, developments, brokers, teams),
    developments,
    brokers,
    teams,
    units,
    unitIds: new Set(units.map((u) => u.id)),
    developmentNames,
    unitsByDevelopment,
    activeReservations,
    memo: new Map(),
  };
}

export function dayNumber(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;
}

export function monthNumber(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

/** A group's name: the known name, else the text on its latest sale (sales are sorted by day). */
function groupTable(
  sales: Sale[],
  idOf: (s: Sale) => number | null,
  textOf: (s: Sale) => string | null,
  none: string,
  kind: string,
  known?: Map<number, string>,
): GroupTable {
  const names = new Map<number, string | null>();
  for (const sale of sales) {
    const id = idOf(sale);
    if (id !== null) names.set(id, textOf(sale) ?? names.get(id) ?? null);
  }
  const table: GroupTable = { ids: [null], names: [none] };
  for (const [id, text] of names) {
    table.ids.push(id);
    table.names.push(known?.get(id) ?? text ?? `${kind} ${id}`);
  }
  return table;
}

function columnsOf(sales: Sale[], developments: GroupTable, brokers: GroupTable, teams: GroupTable): SaleColumns {
  const n = sales.length;
  const indexOf = (table: GroupTable) => new Map(table.ids.map((id, i) => [id, i]));
  const dev = indexOf(developments);
  const broker = indexOf(brokers);
  const team = indexOf(teams);
  const c: SaleColumns = {
    day: new Int32Array(n),
    month: new Int32Array(n),
    cancelled: new Int32Array(n),
    value: new Float64Array(n),
    table: new Float64Array(n),
    commission: new Float64Array(n),
    proSoluto: new Float64Array(n),
    hasProSoluto: new Uint8Array(n),
    share: new Float64Array(n),
    bucket: new Int8Array(n),
    development: new Int32Array(n),
    broker: new Int32Array(n),
    team: new Int32Array(n),
  };
  sales.forEach((s, i) => {
    c.day[i] = dayNumber(s.day);
    c.month[i] = monthNumber(s.month);
    c.cancelled[i] = s.cancelledOn === null ? NO_DISTRATO : dayNumber(s.cancelledOn);
    c.value[i] = s.valueCents ?? 0;
    c.table[i] = s.tableCents ?? 0;
    c.commission[i] = s.commissionCents ?? 0;
    c.proSoluto[i] = s.proSolutoCents ?? 0;
    c.hasProSoluto[i] = s.proSolutoCents === null ? 0 : 1;
    const shared = s.proSolutoCents !== null && s.valueCents !== null && s.valueCents > 0;
    c.share[i] = shared ? s.proSolutoCents! / s.valueCents! : 0;
    c.bucket[i] = shared ? proSolutoBucket(s.proSolutoCents!, s.valueCents!) : -1;
    c.development[i] = dev.get(s.developmentId)!;
    c.broker[i] = broker.get(s.brokerId)!;
    c.team[i] = team.get(s.teamId)!;
  });
  return c;
}

/** Pro-soluto share buckets: lower bound in, upper bound out, compared exactly in integers. */
export const PRO_SOLUTO_BUCKETS = [
  { label: '0–10 %', min_share: 0, max_share: 0.1 as number | null, tenths: 1 },
  { label: '10–20 %', min_share: 0.1, max_share: 0.2, tenths: 2 },
  { label: '20–30 %', min_share: 0.2, max_share: 0.3, tenths: 3 },
  { label: '30–50 %', min_share: 0.3, max_share: 0.5, tenths: 5 },
  { label: '≥ 50 %', min_share: 0.5, max_share: null, tenths: 0 },
];

export function proSolutoBucket(proSoluto: number, value: number): number {
  for (let i = 0; i < PRO_SOLUTO_BUCKETS.length - 1; i++) {
    if (proSoluto * 10 < value * PRO_SOLUTO_BUCKETS[i].tenths) return i;
  }
  return PRO_SOLUTO_BUCKETS.length - 1;
}

const cache = new WeakMap<Db, { stamp: string; model: SalesModel }>();

/**
 * Any committed write (another connection's, seen through data_version, or this connection's,
 * counted by total_changes) makes the next read rebuild the model, so KPIs never lag the mirror.
 */
function stampOf(db: Db): string {
  const version = db.pragma('data_version', { simple: true }) as number;
  const changes = (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  return `${version}:${changes}`;
}

export function salesModel(db: Db): SalesModel {
  const stamp = stampOf(db);
  const cached = cache.get(db);
  if (cached && cached.stamp === stamp) return cached.model;
  const model = buildSalesModel(db);
  cache.set(db, { stamp, model });
  return model;
}

/** Index of the first sale whose day is ≥ `day` (sales are sorted by day). */
export function firstSaleOnOrAfter(sales: Sale[], target: string): number {
  let lo = 0;
  let hi = sales.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sales[mid].day < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index just past the last sale whose day is ≤ `day`. */
export function pastLastSaleOn(sales: Sale[], target: string): number {
  let lo = 0;
  let hi = sales.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sales[mid].day <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A sale of a period ending on `asOf` (null: no end) unless a distrato dated on or before it took it out. */
export function standsAsOf(sale: Sale, asOf: string | null): boolean {
  return sale.cancelledOn === null || (asOf !== null && sale.cancelledOn > asOf);
}
