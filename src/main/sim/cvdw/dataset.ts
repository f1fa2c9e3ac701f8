import { Draws } from '../ploomes/random';
import { AGENCY_NAMES, CITIES, DEV_NAMES, DEV_PREFIXES, FIRST_NAMES, SURNAMES } from './names';
import { DAY, dayStart } from './time';

export type CvdwSimSize = 'small' | 'large' | { reservations: number };

/** Stream identifiers: one per kind of record, so adding a draw to one never shifts another. */
export const S = {
  agency: 101, broker: 102, dev: 103, unit: 104, timeline: 105, reservation: 106, finance: 107,
  commission: 108, ticket: 109, repasse: 110, dirt: 111, lead: 112, block: 113, client: 114,
} as const;

/** What became of a reservation by the reference day. */
export const enum Kind {
  /** Still open on the reference day: the unit is reserved. */
  Pending = 0,
  /** Expired without a sale ("Vencida"). */
  Expired = 1,
  /** Sold and still sold. */
  Sold = 2,
  /** Sold, later cancelled by a distrato. */
  Distrato = 3,
  /** Cancelled right away and removed (soft delete: ativo "N"). */
  Deleted = 4,
}

export const enum UnitStatus { Available = 0, Reserved = 1, Sold = 2, Blocked = 3 }

export interface Agency {
  id: number; name: string; created: number; city: (typeof CITIES)[number]; cnpj: string; sigla: string; active: boolean;
}
export interface Broker {
  id: number; name: string; agency: number; created: number; active: boolean; creci: string; cpf: string; weight: number;
}
export interface Etapa { id: number; name: string; launch: number }
export interface Block { id: number; name: string; etapa: number }
export interface Development {
  id: number; name: string; code: string; city: (typeof CITIES)[number]; tipo: 'Residencial' | 'Loteamento' | 'Comercial';
  etapas: Etapa[]; blocks: Block[]; keys: number; downPaymentName: 'ENTRADA' | 'Ato'; basePrice: number;
}
export interface Typology { tipologia: string; tipo: string; factor: number; area: number; parking: number }

const TYPOLOGIES: Typology[] = [
  { tipologia: 'Studio', tipo: 'Apartamento', factor: 0.55, area: 32, parking: 0 },
  { tipologia: '2 quartos', tipo: 'Apartamento', factor: 0.85, area: 54, parking: 1 },
  { tipologia: '2 quartos (1 suíte)', tipo: 'Apartamento', factor: 1, area: 63, parking: 1 },
  { tipologia: '3 quartos (1 suíte)', tipo: 'Apartamento', factor: 1.3, area: 82, parking: 2 },
  { tipologia: 'Cobertura', tipo: 'Apartamento', factor: 2.1, area: 140, parking: 3 },
];
const LOT: Typology = { tipologia: 'Lote 250 m²', tipo: 'Lote', factor: 0.6, area: 250, parking: 0 };
const HOUSE: Typology = { tipologia: 'Casa 3 quartos', tipo: 'Casa', factor: 1.2, area: 98, parking: 2 };
const ROOM: Typology = { tipologia: 'Sala comercial', tipo: 'Sala comercial', factor: 0.7, area: 38, parking: 1 };
export const ALL_TYPOLOGIES = [...TYPOLOGIES, LOT, HOUSE, ROOM];

/** Growable column of numbers, frozen into a typed array once generation ends. */
class Column {
  private data: number[] = [];
  push(v: number): void {
    this.data.push(v);
  }
  get length(): number {
    return this.data.length;
  }
  get(i: number): number {
    return this.data[i];
  }
  set(i: number, v: number): void {
    this.data[i] = v;
  }
  toFloat(): Float64Array {
    return Float64Array.from(this.data);
  }
  toInt(): Int32Array {
    return Int32Array.from(this.data);
  }
}

export function reservationTarget(size: CvdwSimSize): number {
  if (size === 'small') return 3000;
  if (size === 'large') return 200_000;
  if (!Number.isInteger(size.reservations) || size.reservations < 1) {
    throw new Error(`size.reservations must be a positive integer, got ${String(size.reservations)}.`);
  }
  return size.reservations;
}

const expo = (d: Draws, mean: number) => -Math.log(1 - d.unit()) * mean;
/** An instant during office hours (08:00–19:00) of the day containing t, never before t's day. */
const officeTime = (t: number, d: Draws) => dayStart(t) + 8 * 3600 + d.int(0, 11 * 3600 - 1);

export function personName(d: Draws): { name: string; female: boolean } {
  const f = d.int(0, FIRST_NAMES.length - 1);
  return { name: `${FIRST_NAMES[f]} ${d.pick(SURNAMES)} ${d.pick(SURNAMES)}`, female: f < 20 };
}

export function digits(d: Draws, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(d.int(0, 9));
  return s;
}

/**
 * The whole tenant as compact columns. Everything is a pure function of the seed, the size and the
 * reference day; rows are built from these columns only when served.
 */
export class CvdwDataset {
  readonly agencies: Agency[] = [];
  readonly brokers: Broker[] = [];
  readonly devs: Development[] = [];
  /** Global etapa / block lists (ids are positions + offsets). */
  readonly etapas: Array<Etapa & { dev: number }> = [];
  readonly blocks: Array<Block & { dev: number }> = [];

  // Units.
  readonly unitCount: number;
  readonly unitDev: Int32Array;
  readonly unitBlock: Int32Array;
  readonly unitFloor: Int32Array;
  readonly unitPos: Int32Array;
  readonly unitTypology: Int32Array;
  /** Table price at launch, centavos. */
  readonly unitPrice: Float64Array;
  readonly unitStatus: Int32Array;
  /** When the current status began (wall-clock seconds). */
  readonly unitSince: Float64Array;
  /** Reservation index holding the unit (reserved or sold), or -1. */
  readonly unitHolder: Int32Array;

  // Reservations, in idreserva order (= creation order).
  readonly resCount: number;
  readonly resUnit: Int32Array;
  readonly resCad: Float64Array;
  readonly resExpiry: Float64Array;
  /** 0 when never sold. */
  readonly resSale: Float64Array;
  /** Distrato, expiry or deletion instant; 0 when none. */
  readonly resEnd: Float64Array;
  readonly resKind: Int32Array;
  readonly resBroker: Int32Array;
  /** valor_contrato in centavos. */
  readonly resValue: Float64Array;
  /** Table price of the unit at reservation time, centavos. */
  readonly resTablePrice: Float64Array;
  /** Reservation indexes of the sales (Sold and Distrato), ascending. */
  readonly sales: Int32Array;
  readonly distratos: Int32Array;

  readonly historyStart: number;
  private readonly brokerCumulative: Float64Array;

  constructor(
    readonly seed: number,
    size: CvdwSimSize,
    /** Wall-clock seconds of 23:59:59 of the reference day: no generated instant is later. */
    readonly end: number,
  ) {
    const target = reservationTarget(size);
    this.historyStart = dayStart(end) - 4 * 365 * DAY;
    this.makeAgenciesAndBrokers(target);
    let total = 0;
    const cumulative = new Float64Array(this.brokers.length);
    for (let i = 0; i < this.brokers.length; i++) cumulative[i] = (total += this.brokers[i].weight);
    this.brokerCumulative = cumulative;

    const u = { dev: new Column(), block: new Column(), floor: new Column(), pos: new Column(), typ: new Column(), price: new Column(), status: new Column(), since: new Column(), holder: new Column() };
    const r = { unit: new Column(), cad: new Column(), expiry: new Column(), sale: new Column(), end: new Column(), kind: new Column(), broker: new Column(), value: new Column(), table: new Column() };
    for (let d = 0; r.unit.length < target; d++) {
      if (d > 1_000_000) throw new Error('CVDW simulator: could not place the requested number of reservations.');
      const dev = this.makeDevelopment(d);
      for (const block of dev.blocks) {
        const etapa = dev.etapas.find((e) => e.id === block.etapa)!;
        const blockIndex = block.id - 5000;
        const draws = new Draws(seed, S.block, blockIndex);
        const flat = dev.tipo === 'Loteamento';
        const levels = flat ? 1 : draws.int(4, 12);
        const perLevel = flat ? draws.int(10, 30) : draws.int(2, 6);
        for (let level = 1; level <= levels; level++) {
          for (let pos = 1; pos <= perLevel; pos++) {
            const unit = u.dev.length;
            const ud = new Draws(seed, S.unit, unit);
            const typ = dev.tipo === 'Loteamento' ? ALL_TYPOLOGIES.indexOf(pos % 3 === 0 ? HOUSE : LOT)
              : dev.tipo === 'Comercial' ? ALL_TYPOLOGIES.indexOf(ROOM)
              : level === levels && pos <= 2 && levels > 6 ? ALL_TYPOLOGIES.indexOf(TYPOLOGIES[4]) : ud.int(0, 3);
            const price = Math.round(dev.basePrice * ALL_TYPOLOGIES[typ].factor * (1 + level * 0.01) * (0.97 + ud.unit() * 0.06) / 100) * 100;
            u.dev.push(d); u.block.push(blockIndex); u.floor.push(level); u.pos.push(pos);
            u.typ.push(typ); u.price.push(price);
            const blocked = ud.chance(0.02);
            let status = blocked ? UnitStatus.Blocked : UnitStatus.Available;
            let since = blocked ? officeTime(etapa.launch + ud.int(0, 400) * DAY, ud) : etapa.launch;
            let holder = -1;
            if (since > end) since = etapa.launch;
            if (!blocked) {
              const t = this.timeline(unit, etapa.launch, price, target, r);
              status = t.status; since = t.since; holder = t.holder;
            }
            u.status.push(status); u.since.push(since); u.holder.push(holder);
          }
        }
      }
    }

    // idreserva follows creation order, as an auto-increment would.
    const n = r.unit.length;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => r.cad.get(a) - r.cad.get(b) || a - b);
    const rank = new Int32Array(n);
    order.forEach((old, i) => (rank[old] = i));
    const pick = (c: Column) => Float64Array.from(order, (old) => c.get(old));
    this.resCount = n;
    this.resUnit = Int32Array.from(order, (old) => r.unit.get(old));
    this.resCad = pick(r.cad);
    this.resExpiry = pick(r.expiry);
    this.resSale = pick(r.sale);
    this.resEnd = pick(r.end);
    this.resKind = Int32Array.from(order, (old) => r.kind.get(old));
    this.resBroker = Int32Array.from(order, (old) => r.broker.get(old));
    this.resValue = pick(r.value);
    this.resTablePrice = pick(r.table);

    this.unitCount = u.dev.length;
    this.unitDev = u.dev.toInt();
    this.unitBlock = u.block.toInt();
    this.unitFloor = u.floor.toInt();
    this.unitPos = u.pos.toInt();
    this.unitTypology = u.typ.toInt();
    this.unitPrice = u.price.toFloat();
    this.unitStatus = u.status.toInt();
    this.unitSince = u.since.toFloat();
    this.unitHolder = Int32Array.from(u.holder.toInt(), (h) => (h < 0 ? -1 : rank[h]));

    const sales: number[] = [];
    const distratos: number[] = [];
    for (let i = 0; i < n; i++) {
      if (this.resKind[i] === Kind.Sold || this.resKind[i] === Kind.Distrato) sales.push(i);
      if (this.resKind[i] === Kind.Distrato) distratos.push(i);
    }
    this.sales = Int32Array.from(sales);
    this.distratos = Int32Array.from(distratos);
  }

  /**
   * One unit's life from its launch to the reference day: reservations one after another, never two
   * at a time, each ending expired, deleted, or sold (and a sale possibly undone by a distrato,
   * after which the unit is for sale again).
   */
  private timeline(
    unit: number, launch: number, price: number, target: number,
    r: Record<'unit' | 'cad' | 'expiry' | 'sale' | 'end' | 'kind' | 'broker' | 'value' | 'table', Column>,
  ): { status: UnitStatus; since: number; holder: number } {
    const d = new Draws(this.seed, S.timeline, unit);
    let free = launch;
    let t = launch + expo(d, 260) * DAY;
    for (;;) {
      t = officeTime(t, d);
      if (t < free) t = free + 3600;
      if (t > this.end || r.unit.length >= target) return { status: UnitStatus.Available, since: free, holder: -1 };
      const idx = r.unit.length;
      const months = Math.max(0, (t - launch) / (30 * DAY));
      const table = Math.round(price * (1 + 0.005 * months) / 100) * 100;
      const value = Math.round(table * (0.92 + d.unit() * 0.1));
      const expiry = t + d.int(2, 7) * DAY;
      r.unit.push(unit); r.cad.push(t); r.expiry.push(expiry); r.broker.push(this.pickBroker(d)); r.value.push(value); r.table.push(table);
      const roll = d.unit();
      let kind: Kind;
      let sale = 0;
      let endAt = 0;
      if (roll < 0.04) {
        kind = Kind.Deleted;
        endAt = Math.min(this.end, t + d.int(1, 72) * 3600);
      } else if (roll < 0.32) {
        kind = expiry > this.end ? Kind.Pending : Kind.Expired;
        endAt = kind === Kind.Expired ? expiry : 0;
      } else {
        sale = dayStart(t) + d.int(0, 25) * DAY;
        if (sale > this.end) {
          kind = Kind.Pending;
          sale = 0;
        } else if (d.chance(0.1)) {
          const at = officeTime(sale + d.int(30, 540) * DAY, d);
          kind = at <= this.end ? Kind.Distrato : Kind.Sold;
          if (kind === Kind.Distrato) endAt = at;
        } else kind = Kind.Sold;
      }
      r.sale.push(sale); r.end.push(endAt); r.kind.push(kind);
      if (kind === Kind.Pending) return { status: UnitStatus.Reserved, since: t, holder: idx };
      if (kind === Kind.Sold) return { status: UnitStatus.Sold, since: sale, holder: idx };
      free = endAt;
      t = free + expo(d, kind === Kind.Distrato ? 90 : 45) * DAY;
    }
  }

  private pickBroker(d: Draws): number {
    const c = this.brokerCumulative;
    const x = d.unit() * c[c.length - 1];
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private makeAgenciesAndBrokers(target: number): void {
    const agencyCount = Math.max(AGENCY_NAMES.length, Math.round(target / 2000));
    const brokerCount = Math.max(40, Math.round(target / 50));
    for (let a = 0; a < agencyCount; a++) {
      const d = new Draws(this.seed, S.agency, a);
      const name = a < AGENCY_NAMES.length ? AGENCY_NAMES[a] : `${d.pick(SURNAMES)} & ${d.pick(SURNAMES)} Imóveis ${a + 1}`;
      this.agencies.push({
        id: 10 + a, name, created: this.historyStart - d.int(30, 900) * DAY + d.int(8, 18) * 3600,
        city: d.pick(CITIES), cnpj: digits(d, 8) + '0001' + digits(d, 2), sigla: name.replace(/[^A-ZÁ-Ú]/g, '').slice(0, 4) || `IM${a}`,
        active: a === 0 || !d.chance(0.05),
      });
    }
    for (let b = 0; b < brokerCount; b++) {
      const d = new Draws(this.seed, S.broker, b);
      const agency = b < agencyCount ? b : d.int(0, agencyCount - 1);
      this.brokers.push({
        id: 200 + b, name: personName(d).name.toUpperCase(), agency,
        created: this.agencies[agency].created + d.int(1, 1200) * DAY,
        active: !d.chance(0.06), creci: `${digits(d, 5)}-F`, cpf: digits(d, 11),
        // A few brokers sell most: a heavy-tailed productivity.
        weight: 0.2 + Math.pow(d.unit(), 3) * 5,
      });
    }
    for (const broker of this.brokers) if (broker.created > this.end) broker.created = this.historyStart;
  }

  private makeDevelopment(index: number): Development {
    const d = new Draws(this.seed, S.dev, index);
    const roll = d.unit();
    const tipo = roll < 0.8 ? 'Residencial' : roll < 0.93 ? 'Loteamento' : 'Comercial';
    const city = d.pick(CITIES);
    const name = `${tipo === 'Loteamento' ? 'Loteamento' : tipo === 'Comercial' ? 'Centro Empresarial' : d.pick(DEV_PREFIXES)} ${d.pick(DEV_NAMES)}${index >= 24 ? ` ${Math.floor(index / 24) + 1}` : ''}`;
    const firstLaunch = officeTime(this.historyStart - 200 * DAY + d.int(0, 4 * 365 + 150) * DAY, d);
    const etapaCount = d.int(1, 3);
    const etapas: Etapa[] = [];
    const blocks: Block[] = [];
    let launch = firstLaunch;
    for (let e = 0; e < etapaCount; e++) {
      if (e > 0) launch = officeTime(launch + d.int(150, 500) * DAY, d);
      if (launch > this.end - 5 * DAY) break;
      const etapa = { id: 1000 + this.etapas.length, name: etapaCount === 1 ? 'Única' : `Etapa ${e + 1}`, launch };
      etapas.push(etapa);
      this.etapas.push({ ...etapa, dev: index });
      const blockCount = tipo === 'Residencial' ? d.int(1, 4) : d.int(1, 2);
      for (let b = 0; b < blockCount; b++) {
        const blockName = tipo === 'Loteamento' ? `Quadra ${String.fromCharCode(65 + e)}${b + 1}` : tipo === 'Comercial' ? `Torre ${b + 1}` : `Bloco ${String.fromCharCode(65 + blocks.length)}`;
        const block = { id: 5000 + this.blocks.length, name: blockName, etapa: etapa.id };
        blocks.push(block);
        this.blocks.push({ ...block, dev: index });
      }
    }
    const basePrice = (tipo === 'Comercial' ? 300_000 : 180_000 + d.int(0, 520) * 1000) * 100;
    const dev: Development = {
      id: 500 + index, name, code: `EMP${String(index + 1).padStart(3, '0')}`, city, tipo, etapas, blocks,
      keys: dayStart(firstLaunch) + d.int(540, 1100) * DAY, downPaymentName: d.chance(0.5) ? 'ENTRADA' : 'Ato', basePrice,
    };
    this.devs.push(dev);
    return dev;
  }

  typology(unit: number): Typology {
    return ALL_TYPOLOGIES[this.unitTypology[unit]];
  }

  etapaOfUnit(unit: number): Etapa {
    const block = this.blocks[this.unitBlock[unit]];
    return this.devs[this.unitDev[unit]].etapas.find((e) => e.id === block.etapa)!;
  }

  /** Unit label as sales teams write it: floor + position ("1203"), or the lot number. */
  unitName(unit: number): string {
    const dev = this.devs[this.unitDev[unit]];
    if (dev.tipo === 'Loteamento') return `Lote ${String(this.unitPos[unit]).padStart(2, '0')}`;
    return `${this.unitFloor[unit]}${String(this.unitPos[unit]).padStart(2, '0')}`;
  }

  idunidade(unit: number): number {
    return 1 + unit;
  }

  idreserva(res: number): number {
    return 1001 + res;
  }
}
