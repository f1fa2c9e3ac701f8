import { encodeBoleto, mod10 } from '../../core/boleto/boletoLine';
import { cpfCheckDigits } from '../../core/boleto/cpf';
import { personName } from '../ploomes/names';
import { Draws } from '../ploomes/random';
import type { CanopusBoleto, CanopusClient, CanopusCota, CanopusPortalAccount } from './model';

// Deterministic consortium data: the same seed, points of sale, size and reference day always give
// the same clients, cotas, boletos and accounts. Every draw comes from its own (stream, index) so
// changing one part never shifts another.

const Stream = { pointOfSale: 101, consultant: 102, client: 103, group: 104, account: 105, selection: 106 } as const;

/** Where a point of sale's boletos are paid into: the administradora's collection account. */
export interface CollectionAccount {
  bank: '237' | '341';
  bankName: string;
  agency: string;
  account: string;
  carteira: string;
}

/** Everything printed on a boleto that is not in CanopusBoleto. */
export interface BoletoSlip {
  client: CanopusClient;
  cota: CanopusCota;
  boleto: CanopusBoleto;
  collection: CollectionAccount;
  formattedLine: string;
  barcode: string;
  /** As printed: '09/30510123012-P' (Bradesco) or '109/51123012-7' (Itaú). */
  nossoNumero: string;
  documentNumber: string;
  beneficiaryCode: string;
}

interface Group {
  code: string;
  plan: number;
  /** The installment number due in the reference month. */
  currentParcela: number;
  dueDay: number;
  minCents: number;
  maxCents: number;
}

export interface DatasetOptions {
  seed: number;
  pointsOfSale: string[];
  clientsPerPointOfSale: number;
  referenceDay: string;
}

const PLANS = [60, 72, 80, 100, 120, 150, 180, 200];
const DUE_DAYS = [5, 10, 15, 20, 25];
const CONNECTED_SURNAMES: Record<string, string> = { Santos: 'dos', Silva: 'da', Costa: 'da', Rocha: 'da', Conceição: 'da', Assunção: 'da' };

export class CanopusDataset {
  readonly referenceDay: string;
  private readonly byPointOfSale = new Map<string, CanopusClient[]>();
  private readonly byCpf = new Map<string, CanopusClient>();
  private readonly collections = new Map<string, CollectionAccount>();
  private readonly slips = new Map<string, BoletoSlip>();

  constructor(readonly options: DatasetOptions) {
    this.referenceDay = options.referenceDay;
    const usedCpfs = new Set<string>();
    const usedGroups = new Set<string>();
    options.pointsOfSale.forEach((pointOfSale, p) => {
      const collection = collectionAccount(new Draws(options.seed, Stream.pointOfSale, p), p);
      this.collections.set(pointOfSale, collection);
      const clients = this.pointOfSaleClients(pointOfSale, p, usedCpfs, usedGroups);
      this.byPointOfSale.set(pointOfSale, clients);
      for (const client of clients) this.byCpf.set(client.cpf, client);
    });
  }

  clients(pointOfSale?: string): CanopusClient[] {
    if (pointOfSale !== undefined) return this.byPointOfSale.get(pointOfSale) ?? [];
    return [...this.byPointOfSale.values()].flat();
  }

  client(cpf: string): CanopusClient | undefined {
    return this.byCpf.get(cpf);
  }

  /** The printed details of one boleto of one cota. */
  slip(client: CanopusClient, cota: CanopusCota, boleto: CanopusBoleto): BoletoSlip {
    const key = `${client.cpf}|${cota.grupo}|${cota.cota}|${boleto.parcela}`;
    let slip = this.slips.get(key);
    if (!slip) {
      slip = buildSlip(client, cota, boleto, this.collections.get(client.pointOfSale) as CollectionAccount);
      this.slips.set(key, slip);
    }
    return slip;
  }

  private pointOfSaleClients(pointOfSale: string, p: number, usedCpfs: Set<string>, usedGroups: Set<string>): CanopusClient[] {
    const { seed, clientsPerPointOfSale: n } = this.options;
    const setup = new Draws(seed, Stream.consultant, p);
    const consultants: string[] = [];
    const consultantCount = setup.int(3, 5);
    while (consultants.length < consultantCount) {
      const name = personName(setup).full;
      if (!consultants.includes(name)) consultants.push(name);
    }
    const consultantWeights = consultants.map(() => 1 + setup.int(0, 3));
    const groups = this.groups(p, Math.max(3, Math.min(12, Math.ceil(n / 6))), usedGroups);
    const usedCotas = new Map<string, Set<string>>(groups.map((g) => [g.code, new Set()]));

    // ~5% of the clients are missing from the portal and another ~5% have nothing open.
    const order = shuffled(n, new Draws(seed, Stream.selection, p));
    const special = n >= 10 ? Math.max(1, Math.round(n * 0.05)) : 0;
    const notInPortal = new Set(order.slice(0, special));
    const nothingOpen = new Set(order.slice(special, 2 * special));

    const names = new Set<string>();
    const clients: CanopusClient[] = [];
    for (let i = 0; i < n; i++) {
      const d = new Draws(seed, Stream.client, p * 1_000_000 + i);
      let name = clientName(d);
      while (names.has(name)) name = clientName(d);
      names.add(name);
      const cpf = uniqueCpf(d, i, usedCpfs);
      const consultant = d.weighted(consultants, consultantWeights);
      const cotaCount = d.weighted([1, 2, 3], [80, 15, 5]);
      const cotas: CanopusCota[] = [];
      for (let c = 0; c < cotaCount; c++) {
        const group = d.pick(groups);
        const taken = usedCotas.get(group.code) as Set<string>;
        let number = String(d.int(1, 999)).padStart(4, '0');
        while (taken.has(number)) number = String(d.int(1, 999)).padStart(4, '0');
        taken.add(number);
        const boletos = nothingOpen.has(i) ? [] : this.openBoletos(d, pointOfSale, group, number);
        cotas.push({ grupo: group.code, cota: number, boletos });
      }
      clients.push({ cpf, name, consultant, pointOfSale, cotas, inPortal: !notInPortal.has(i) });
    }
    return clients;
  }

  /** Groups of a point of sale: distinct codes everywhere, distinct last two digits within the point of sale. */
  private groups(p: number, count: number, used: Set<string>): Group[] {
    const d = new Draws(this.options.seed, Stream.group, p);
    const groups: Group[] = [];
    const endings = new Set<string>();
    while (groups.length < count) {
      const code = String(d.int(1000, 9999));
      if (used.has(code) || (endings.has(code.slice(2)) && endings.size < 100)) continue;
      used.add(code);
      endings.add(code.slice(2));
      const plan = d.pick(PLANS);
      const realEstate = plan >= 150;
      groups.push({
        code,
        plan,
        currentParcela: d.int(1, plan - 2),
        dueDay: d.pick(DUE_DAYS),
        minCents: realEstate ? 90_000 : 15_000,
        maxCents: realEstate ? 350_000 : 180_000,
      });
    }
    return groups;
  }

  /** One or two open installments, due in the reference month (a few in the next one), oldest first. */
  private openBoletos(d: Draws, pointOfSale: string, group: Group, cota: string): CanopusBoleto[] {
    const valueCents = d.int(group.minCents, group.maxCents);
    const two = d.chance(0.2);
    const monthShift = two ? 0 : d.chance(0.1) ? 1 : 0;
    const first = group.currentParcela + monthShift;
    const collection = this.collections.get(pointOfSale) as CollectionAccount;
    const boletos: CanopusBoleto[] = [];
    for (let k = 0; k < (two ? 2 : 1); k++) {
      const dueDate = addMonths(this.referenceDay, monthShift + k, group.dueDay);
      const parcela = `${String(first + k).padStart(3, '0')}/${String(group.plan).padStart(3, '0')}`;
      const freeField = campoLivre(collection, group.code, cota, first + k);
      const { line } = encodeBoleto({ bank: collection.bank, freeField, dueDate, valueCents });
      boletos.push({ dueDate, valueCents, line, parcela, competencia: `${dueDate.slice(5, 7)}/${dueDate.slice(0, 4)}` });
    }
    return boletos;
  }
}

export function defaultAccounts(seed: number, pointsOfSale: string[]): CanopusPortalAccount[] {
  const users = new Set<string>();
  return pointsOfSale.map((pointOfSale, p) => {
    const d = new Draws(seed, Stream.account, p);
    let user = String(d.int(100_000, 999_999));
    while (users.has(user)) user = String(d.int(100_000, 999_999));
    users.add(user);
    return { user, password: `senha-${pointOfSale}`, pointOfSale };
  });
}

function collectionAccount(d: Draws, p: number): CollectionAccount {
  const bradesco = p % 2 === 0;
  return {
    bank: bradesco ? '237' : '341',
    bankName: bradesco ? 'Banco Bradesco S.A.' : 'Itaú Unibanco S.A.',
    agency: String(d.int(1000, 9999)),
    account: bradesco ? String(d.int(1, 9_999_999)).padStart(7, '0') : String(d.int(10_000, 99_999)),
    carteira: bradesco ? '09' : '109',
  };
}

/**
 * The 25 bank-specific digits. Bradesco: agência 4, carteira 2, nosso número 11 (grupo 4, cota 4,
 * parcela 3), conta 7, zero. Itaú: carteira 3, nosso número 8 (grupo's last 2, cota's last 3,
 * parcela 3), DAC, agência 4, conta 5, DAC, 000.
 */
function campoLivre(c: CollectionAccount, grupo: string, cota: string, parcela: number): string {
  const n = nossoNumeroDigits(c, grupo, cota, parcela);
  if (c.bank === '237') return `${c.agency}${c.carteira}${n}${c.account}0`;
  return `${c.carteira}${n}${mod10(c.agency + c.account + c.carteira + n)}${c.agency}${c.account}${mod10(c.agency + c.account)}000`;
}

function nossoNumeroDigits(c: CollectionAccount, grupo: string, cota: string, parcela: number): string {
  const p = String(parcela).padStart(3, '0');
  return c.bank === '237' ? `${grupo}${cota}${p}` : `${grupo.slice(-2)}${cota.slice(-3)}${p}`;
}

/** Bradesco's nosso número check digit: módulo 11 with weights 2–7 over carteira + nosso número; 1 → 'P'. */
function bradescoCheck(digits: string): string {
  let sum = 0;
  let weight = 2;
  for (let i = digits.length - 1; i >= 0; i--) {
    sum += Number(digits[i]) * weight;
    weight = weight === 7 ? 2 : weight + 1;
  }
  const r = sum % 11;
  return r === 0 ? '0' : r === 1 ? 'P' : String(11 - r);
}

function buildSlip(client: CanopusClient, cota: CanopusCota, boleto: CanopusBoleto, collection: CollectionAccount): BoletoSlip {
  const parcela = Number(boleto.parcela.slice(0, 3));
  const n = nossoNumeroDigits(collection, cota.grupo, cota.cota, parcela);
  const { barcode, formattedLine } = encodeBoleto({
    bank: collection.bank,
    freeField: campoLivre(collection, cota.grupo, cota.cota, parcela),
    dueDate: boleto.dueDate,
    valueCents: boleto.valueCents,
  });
  const bradesco = collection.bank === '237';
  return {
    client,
    cota,
    boleto,
    collection,
    formattedLine,
    barcode,
    nossoNumero: bradesco
      ? `${collection.carteira}/${n}-${bradescoCheck(collection.carteira + n)}`
      : `${collection.carteira}/${n}-${mod10(collection.agency + collection.account + collection.carteira + n)}`,
    documentNumber: `${cota.grupo}${cota.cota}${boleto.parcela.slice(0, 3)}`,
    beneficiaryCode: bradesco
      ? `${collection.agency}-${mod10(collection.agency)} / ${collection.account}-${mod10(collection.account)}`
      : `${collection.agency} / ${collection.account}-${mod10(collection.agency + collection.account)}`,
  };
}

/** Upper case, with the "da"/"dos" that Brazilian surnames often carry. */
function clientName(d: Draws): string {
  const words = personName(d).full.split(' ');
  const last = words.pop() as string;
  const connector = CONNECTED_SURNAMES[last];
  if (connector && d.chance(0.5)) words.push(connector);
  words.push(last);
  return words.join(' ').toLocaleUpperCase('pt-BR');
}

/** Valid, unique, never all-equal; some start with one or two zeros (spreadsheets drop them). */
function uniqueCpf(d: Draws, index: number, used: Set<string>): string {
  for (;;) {
    const base = d.digits(9);
    if (index % 9 === 4) base[0] = 0;
    if (index % 27 === 13) base[1] = 0;
    const nine = base.join('');
    const cpf = nine + cpfCheckDigits(nine);
    if (/^(\d)\1{10}$/.test(cpf) || used.has(cpf)) continue;
    used.add(cpf);
    return cpf;
  }
}

function shuffled(n: number, d: Draws): number[] {
  const items = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = d.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** 'YYYY-MM-DD' → the given day of the month `months` later. */
function addMonths(day: string, months: number, dayOfMonth: number): string {
  const total = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 + months;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}
