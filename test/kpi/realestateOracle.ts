/**
 * An independent, deliberately naive computation of the realestate KPIs from CVDW rows as the API
 * serves them (the simulator's raw rows, or hand-made rows in the same shape), straight from the
 * definitions in docs/KPIS.md: no shared code with src/main/core/kpi/realestate*, no SQL, no
 * interval merging, no binary search — loops over every unit, sale and day that matter.
 */
import { expect } from 'vitest';
import type { RealEstateKpis } from '../../src/shared/realestate';

export type ApiRow = Record<string, unknown>;

export interface ApiData {
  reservas: ApiRow[];
  condicoes: ApiRow[];
  distratos: ApiRow[];
  comissoes: ApiRow[];
  unidades: ApiRow[];
  corretores: ApiRow[];
  imobiliarias: ApiRow[];
}

export const num = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : Number(v));
export const cents = (v: unknown): number | null => {
  const n = num(v);
  return n === null ? null : Math.round(n * 100);
};
export const day = (v: unknown): string | null => {
  if (v === null || v === undefined || v === '') return null;
  const s = String(v);
  if (s.startsWith('0000')) return null;
  const br = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(s);
  return br ? `${br[3]}-${br[2]}-${br[1]}` : s.slice(0, 10);
};
export const decode = (v: unknown): string | null =>
  v === null || v === undefined
    ? null
    : String(v)
        .replace(/&#0*39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
const isActive = (row: ApiRow) => row.ativo === undefined || row.ativo === 'S';
const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

export interface OracleSale {
  id: number;
  day: string;
  developmentId: number | null;
  development: string | null;
  unitId: number | null;
  unit: string | null;
  brokerId: number | null;
  broker: string | null;
  teamId: number | null;
  team: string | null;
  client: string | null;
  value: number | null;
  table: number | null;
  financing: number | null;
  fgts: number | null;
  subsidy: number | null;
  downPayment: number | null;
  proSoluto: number | null;
  commission: number | null;
  cancelledOn: string | null;
}

export interface OracleUnit {
  id: number;
  developmentId: number | null;
  launch: string | null;
}

export function prepare(data: ApiData): { sales: OracleSale[]; units: OracleUnit[] } {
  const brokers = new Map<number, ApiRow>();
  for (const b of data.corretores) brokers.set(num(b.idcorretor)!, b);
  const agencies = new Map<number, string | null>();
  for (const a of data.imobiliarias) agencies.set(num(a.idimobiliaria)!, decode(a.nome));
  const devNames = new Map<number, string>();
  for (const u of data.unidades) if (num(u.idempreendimento) !== null && u.nome_empreendimento) devNames.set(num(u.idempreendimento)!, decode(u.nome_empreendimento)!);
  for (const r of data.reservas) if (num(r.idempreendimento) !== null && r.empreendimento && !devNames.has(num(r.idempreendimento)!)) devNames.set(num(r.idempreendimento)!, decode(r.empreendimento)!);

  const series = (id: number, test: (name: string) => boolean): number | null => {
    let total: number | null = null;
    for (const c of data.condicoes) {
      if (!isActive(c) || num(c.idreserva) !== id || !test(fold(String(c.serie ?? '')))) continue;
      total = (total ?? 0) + cents(c.valor)! * (num(c.parcela_quantidade) ?? 1);
    }
    return total;
  };
  const commissionOf = new Map<number, number>();
  for (const c of data.comissoes) {
    if (!isActive(c) || cents(c.valor_comissao) === null) continue;
    commissionOf.set(num(c.idreserva)!, (commissionOf.get(num(c.idreserva)!) ?? 0) + cents(c.valor_comissao)!);
  }
  const distratoOf = new Map<number, string>();
  for (const d of data.distratos) {
    if (!isActive(d)) continue;
    const when = day(d.situacao_data) ?? day(d.data_cad);
    const id = num(d.idreserva)!;
    if (when && (!distratoOf.has(id) || when < distratoOf.get(id)!)) distratoOf.set(id, when);
  }

  const sales: OracleSale[] = [];
  for (const r of data.reservas) {
    const saleDay = day(r.data_venda);
    if (!isActive(r) || !saleDay) continue;
    const id = num(r.idreserva)!;
    const brokerId = num(r.idcorretor);
    const broker = brokerId === null ? undefined : brokers.get(brokerId);
    const teamId = num(r.idimobiliaria) ?? (broker ? num(broker.idimobiliaria) : null);
    const value = cents(r.valor_contrato);
    const financing = cents(r.valor_financiamento) ?? series(id, (n) => n.includes('financiamento'));
    const fgts = cents(r.valor_fgts) ?? series(id, (n) => n.includes('fgts'));
    const subsidy = cents(r.valor_subsidio) ?? series(id, (n) => n.includes('subsidio'));
    const devId = num(r.idempreendimento);
    const block = decode(r.bloco);
    const unitName = decode(r.unidade);
    sales.push({
      id,
      day: saleDay,
      developmentId: devId,
      development: (devId !== null ? devNames.get(devId) : null) ?? decode(r.empreendimento),
      unitId: num(r.idunidade),
      unit: block && unitName ? `${block} / ${unitName}` : (unitName ?? block),
      brokerId,
      broker: decode(broker?.nome) ?? decode(r.corretor),
      teamId,
      team: (teamId !== null ? agencies.get(teamId) : null) ?? (num(r.idimobiliaria) !== null ? decode(r.imobiliaria) : (decode(broker?.imobiliaria) ?? decode(r.imobiliaria))),
      client: decode(r.cliente),
      value,
      table: cents(r.vgv_tabela),
      financing,
      fgts,
      subsidy,
      downPayment: series(id, (n) => n === 'entrada' || n === 'ato' || n.startsWith('entrada ') || n.startsWith('ato ')),
      proSoluto: value === null ? null : Math.max(0, value - (financing ?? 0) - (fgts ?? 0) - (subsidy ?? 0)),
      commission: commissionOf.get(id) ?? null,
      cancelledOn: distratoOf.get(id) ?? null,
    });
  }

  const firstReservation = new Map<number, string>();
  for (const r of data.reservas) {
    const dev = num(r.idempreendimento);
    const cad = day(r.data_cad);
    if (dev !== null && cad && (!firstReservation.has(dev) || cad < firstReservation.get(dev)!)) firstReservation.set(dev, cad);
  }
  const units: OracleUnit[] = [];
  const seen = new Set<number>();
  for (const u of data.unidades) {
    const id = num(u.idunidade);
    if (id === null || seen.has(id) || !isActive(u)) continue;
    seen.add(id);
    const dev = num(u.idempreendimento);
    units.push({ id, developmentId: dev, launch: day(u.liberar_a_partir) ?? (dev !== null ? (firstReservation.get(dev) ?? null) : null) });
  }
  return { sales, units };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
export function nextDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}
function monthEnd(month: string): string {
  let d = `${month}-28`;
  while (nextDay(d).slice(0, 7) === month) d = nextDay(d);
  return d;
}
function monthList(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  while (`${pad(y, 4)}-${pad(m)}` <= to) {
    out.push(`${pad(y, 4)}-${pad(m)}`);
    m++;
    if (m === 13) {
      y++;
      m = 1;
    }
  }
  return out;
}
/** One year earlier; a month's last day maps to that month's last day (Feb 28 2025 → Feb 29 2024). */
export function minusYear(d: string): string {
  const month = `${pad(Number(d.slice(0, 4)) - 1, 4)}${d.slice(4, 7)}`;
  if (d === monthEnd(d.slice(0, 7))) return monthEnd(month);
  return `${month}${d.slice(7)}`;
}

/** Standing as of `asOf` (null: no end → any distrato cancels). */
const stands = (s: OracleSale, asOf: string | null) => s.cancelledOn === null || (asOf !== null && s.cancelledOn > asOf);

export interface Expected {
  sales_count: number;
  vgv_cents: number;
  cancelled: { count: number; cents: number };
  by_month: Array<{ month: string; count: number; cents: number }>;
  yoy: Array<{ month: string; current: number; previous: number; current_count: number; previous_count: number }>;
  by_development: Map<number | null, { count: number; cents: number }>;
  by_broker: Map<number | null, { name: string; count: number; cents: number; commission: number }>;
  by_team: Map<number | null, { count: number; cents: number; commission: number }>;
  vso: Array<{ month: string; sold: number; available: number; launched: number; vso: number | null }>;
  pro_soluto_cents: number;
  avg_share: number | null;
  buckets: number[];
  commission_cents: number;
  units_available: Map<number, number>;
}

export function expected(prep: { sales: OracleSale[]; units: OracleUnit[] }, from: string | null, givenTo: string | null, today: string, basis: 'contrato' | 'tabela' = 'contrato'): Expected {
  const { sales, units } = prep;
  const to = from && !givenTo ? today : givenTo;
  const days = sales.map((s) => s.day).sort();
  const start = from ?? days[0] ?? null;
  const end = to ?? days[days.length - 1] ?? null;
  const valueOf = (s: OracleSale) => (basis === 'tabela' ? s.table : s.value) ?? 0;
  const months = start && end ? monthList(start.slice(0, 7), end.slice(0, 7)) : [];
  const inside = (s: OracleSale, a: string | null, b: string | null) => a !== null && b !== null && s.day >= a && s.day <= b;

  const e: Expected = {
    sales_count: 0,
    vgv_cents: 0,
    cancelled: { count: 0, cents: 0 },
    by_month: [],
    yoy: [],
    by_development: new Map(),
    by_broker: new Map(),
    by_team: new Map(),
    vso: [],
    pro_soluto_cents: 0,
    avg_share: null,
    buckets: [0, 0, 0, 0, 0],
    commission_cents: 0,
    units_available: new Map(),
  };
  let shareSum = 0;
  let shares = 0;
  for (const s of sales) {
    if (!inside(s, start, end)) continue;
    if (!stands(s, to)) {
      e.cancelled.count++;
      e.cancelled.cents += valueOf(s);
      continue;
    }
    e.sales_count++;
    e.vgv_cents += valueOf(s);
    e.commission_cents += s.commission ?? 0;
    const dev = e.by_development.get(s.developmentId) ?? { count: 0, cents: 0 };
    dev.count++;
    dev.cents += valueOf(s);
    e.by_development.set(s.developmentId, dev);
    const br = e.by_broker.get(s.brokerId) ?? { name: s.brokerId === null ? 'Sem corretor' : s.broker!, count: 0, cents: 0, commission: 0 };
    br.count++;
    br.cents += valueOf(s);
    br.commission += s.commission ?? 0;
    e.by_broker.set(s.brokerId, br);
    const tm = e.by_team.get(s.teamId) ?? { count: 0, cents: 0, commission: 0 };
    tm.count++;
    tm.cents += valueOf(s);
    tm.commission += s.commission ?? 0;
    e.by_team.set(s.teamId, tm);
    if (s.proSoluto !== null) {
      e.pro_soluto_cents += s.proSoluto;
      if (s.value !== null && s.value > 0) {
        const share = s.proSoluto / s.value;
        shareSum += share;
        shares++;
        e.buckets[share < 0.1 ? 0 : share < 0.2 ? 1 : share < 0.3 ? 2 : share < 0.5 ? 3 : 4]++;
      }
    }
  }
  e.avg_share = shares ? shareSum / shares : null;

  const prevStart = start && minusYear(start);
  const prevEnd = end && minusYear(end);
  const prevAsOf = to && minusYear(to);
  for (const month of months) {
    const cur = sales.filter((s) => s.day.slice(0, 7) === month && inside(s, start, end) && stands(s, to));
    const prevMonth = `${pad(Number(month.slice(0, 4)) - 1, 4)}${month.slice(4)}`;
    const prev = sales.filter((s) => s.day.slice(0, 7) === prevMonth && inside(s, prevStart, prevEnd) && stands(s, prevAsOf));
    const sum = (list: OracleSale[]) => list.reduce((t, s) => t + valueOf(s), 0);
    e.by_month.push({ month, count: cur.length, cents: sum(cur) });
    e.yoy.push({ month, current: sum(cur), previous: sum(prev), current_count: cur.length, previous_count: prev.length });
  }

  // VSO: every unit, every month, straight from the definition.
  const unitIds = new Set(units.map((u) => u.id));
  const salesOfUnit = new Map<number, OracleSale[]>();
  for (const s of sales) if (s.unitId !== null) salesOfUnit.set(s.unitId, [...(salesOfUnit.get(s.unitId) ?? []), s]);
  const standingOn = (u: OracleUnit, d: string) => (salesOfUnit.get(u.id) ?? []).some((s) => s.day < d && (s.cancelledOn === null || s.cancelledOn >= d));
  for (const month of months) {
    const first = `${month}-01`;
    const last = monthEnd(month);
    let available = 0;
    let launched = 0;
    for (const u of units) {
      if (u.launch !== null && u.launch < first && !standingOn(u, first)) available++;
      if (u.launch !== null && u.launch >= first && u.launch <= last) launched++;
    }
    const sold = new Set<number>();
    for (const s of sales) {
      if (s.unitId !== null && unitIds.has(s.unitId) && s.day >= first && s.day <= last && (s.cancelledOn === null || s.cancelledOn > last)) sold.add(s.unitId);
    }
    const offer = available + launched;
    e.vso.push({ month, sold: sold.size, available, launched, vso: offer ? sold.size / offer : null });
  }

  const tomorrow = nextDay(today);
  for (const u of units) {
    if (u.developmentId === null) continue;
    if (u.launch !== null && u.launch < tomorrow && !standingOn(u, tomorrow)) e.units_available.set(u.developmentId, (e.units_available.get(u.developmentId) ?? 0) + 1);
  }
  return e;
}

/** The sales table's rows for a filter, independently: filter, then sort (ties by reservation). */
export function expectedRows(
  sales: OracleSale[],
  filter: { from?: string; to?: string; month?: string; developmentId?: number; brokerId?: number; teamId?: number; search?: string },
  today: string,
): OracleSale[] {
  const to = filter.to ?? (filter.from ? today : null);
  const term = fold(filter.search?.trim() ?? '');
  return sales.filter(
    (s) =>
      (!filter.from || s.day >= filter.from) &&
      (!to || s.day <= to) &&
      (!filter.month || s.day.slice(0, 7) === filter.month) &&
      stands(s, to) &&
      (filter.developmentId === undefined || s.developmentId === filter.developmentId) &&
      (filter.brokerId === undefined || s.brokerId === filter.brokerId) &&
      (filter.teamId === undefined || s.teamId === filter.teamId) &&
      (!term || fold(`${s.client ?? ''} ${s.unit ?? ''} ${s.broker ?? ''}`).includes(term)),
  );
}

const reais = (c: number) => c / 100;

/** Everything the oracle computes, compared field by field with the KPI payload. */
export function expectOracle(
  k: RealEstateKpis,
  prep: { sales: OracleSale[]; units: OracleUnit[] },
  today: string,
  from: string | null,
  to: string | null,
  basis: 'contrato' | 'tabela' = 'contrato',
): void {
  const e = expected(prep, from, to, today, basis);
  expect(k.sales_count).toBe(e.sales_count);
  expect(k.vgv).toBeCloseTo(reais(e.vgv_cents), 2);
  expect(k.cancellations.count).toBe(e.cancelled.count);
  expect(k.cancellations.vgv).toBeCloseTo(reais(e.cancelled.cents), 2);
  expect(k.by_month).toEqual(e.by_month.map((m) => ({ month: m.month, sales_count: m.count, vgv: reais(m.cents) })));
  expect(k.yoy).toEqual(e.yoy.map((y) => ({ ...y, current: reais(y.current), previous: reais(y.previous) })));
  expect(k.vso_by_month).toEqual(e.vso);
  expect(new Map(k.by_development.filter((d) => d.sales_count > 0).map((d) => [d.development_id, { count: d.sales_count, cents: Math.round(d.vgv * 100) }]))).toEqual(e.by_development);
  for (const d of k.by_development) if (d.development_id !== null) expect(d.units_available).toBe(e.units_available.get(d.development_id) ?? 0);
  for (const [id, n] of e.units_available) if (n > 0) expect(k.by_development.find((d) => d.development_id === id)?.units_available).toBe(n);
  expect(new Map(k.by_broker.map((b) => [b.broker_id, { name: b.broker, count: b.sales_count, cents: Math.round(b.vgv * 100), commission: Math.round(b.commission * 100) }]))).toEqual(e.by_broker);
  expect(new Map(k.by_team.map((t) => [t.team_id, { count: t.sales_count, cents: Math.round(t.vgv * 100), commission: Math.round(t.commission * 100) }]))).toEqual(e.by_team);
  expect(k.pro_soluto.total).toBeCloseTo(reais(e.pro_soluto_cents), 2);
  if (e.avg_share === null) expect(k.pro_soluto.avg_share).toBeNull();
  else expect(k.pro_soluto.avg_share).toBeCloseTo(e.avg_share, 10);
  expect(k.pro_soluto.buckets.map((b) => b.sales_count)).toEqual(e.buckets);
  expect(k.commissions.total).toBeCloseTo(reais(e.commission_cents), 2);
}

