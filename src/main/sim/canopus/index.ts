import { CanopusDataset, defaultAccounts } from './dataset';
import type { CanopusFaults } from './faults';
import { CANOPUS_REAL_LATENCY, type CanopusClient, type CanopusLatency, type CanopusPortalAccount } from './model';
import { CanopusPortal, type CanopusSimStats } from './portal';
import { startServer } from './server';
import { SessionStore } from './sessions';

// A faithful local copy of the Canopus (Newcon) dealer portal: the WebForms login, the CPF search,
// the session-held cota, "Emissão de Cobrança" and the print popup that serves the boleto PDF
// (../shared/reference/canopus-portal.md §1.5). Plain node:http on 127.0.0.1; no Electron.

export { parseCanopusFaults, type CanopusFaults } from './faults';
export { CANOPUS_REAL_LATENCY } from './model';
export type { CanopusBoleto, CanopusClient, CanopusCota, CanopusLatency, CanopusPortalAccount } from './model';
export type { CanopusSimStats } from './portal';

export interface CanopusSimOptions {
  /** 0 / undefined = a random free port. The server binds 127.0.0.1 only. */
  port?: number;
  /** Same seed (and the same points of sale, size and reference day): the same data. Default 1. */
  seed?: number;
  /** Default ['17308', '20451']. */
  pointsOfSale?: string[];
  /** Default 30. */
  clientsPerPointOfSale?: number;
  /** Default: one per point of sale, user = a 6-digit code, password 'senha-<pv>' (public test data). */
  accounts?: CanopusPortalAccount[];
  /** 'YYYY-MM-DD', the portal's "today" (default: today in São Paulo); due dates fall in its month (a few in the next). */
  referenceDay?: string;
  /** A number scales CANOPUS_REAL_LATENCY (0.1 = 10× faster); 'real' = CANOPUS_REAL_LATENCY; default none. */
  latency?: Partial<CanopusLatency> | 'real' | number;
  faults?: CanopusFaults;
  /** 'cc-only': the frmCorCCCnsLogin.aspx spelling resets the connection (as the real server did in 2026-09). */
  loginPathCasing?: 'both' | 'cc-only';
  /** Adds a required "Ponto de venda" field (#edtPontoVenda) to the login page. */
  pointOfSaleField?: boolean;
}

export interface CanopusSim {
  /** Base URL of the application, e.g. http://127.0.0.1:4321/WWW (login page = `${url}/frmCorCcCnsLogin.aspx`). */
  url: string;
  close(): Promise<void>;
  /** Read on every request: replace it or change its fields at run time. */
  faults: CanopusFaults;
  accounts: CanopusPortalAccount[];
  /** Ground truth as generated (faults such as noBoleto/cpfNotFound are not applied here). */
  clients(pointOfSale?: string): CanopusClient[];
  stats: CanopusSimStats;
  /** Clears the captcha and the count of consecutive failed logins (a person typed the characters). */
  resetCaptcha(): void;
  /** The portal's "today" ('YYYY-MM-DD'). */
  referenceDay: string;
}

export async function startCanopusSim(options: CanopusSimOptions = {}): Promise<CanopusSim> {
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}.`);
  const pointsOfSale = options.pointsOfSale ?? ['17308', '20451'];
  if (pointsOfSale.length === 0) throw new Error('pointsOfSale must name at least one point of sale.');
  for (const pv of pointsOfSale) {
    if (!/^[1-9]\d{0,8}$/.test(pv)) throw new Error(`a point of sale is written as digits without dots or leading zeros (e.g. '17308'), got '${pv}'.`);
  }
  if (new Set(pointsOfSale).size !== pointsOfSale.length) throw new Error(`pointsOfSale has duplicates: ${pointsOfSale.join(', ')}.`);
  const clientsPerPointOfSale = options.clientsPerPointOfSale ?? 30;
  if (!Number.isInteger(clientsPerPointOfSale) || clientsPerPointOfSale < 0 || clientsPerPointOfSale > 20_000) {
    throw new Error(`clientsPerPointOfSale must be an integer from 0 to 20000, got ${clientsPerPointOfSale}.`);
  }
  const referenceDay = options.referenceDay ?? todayInSaoPaulo();
  checkReferenceDay(referenceDay);
  const accounts = options.accounts ?? defaultAccounts(seed, pointsOfSale);
  checkAccounts(accounts, pointsOfSale);
  const latency = resolveLatency(options.latency);
  const loginPathCasing = options.loginPathCasing ?? 'both';
  if (loginPathCasing !== 'both' && loginPathCasing !== 'cc-only') throw new Error(`loginPathCasing must be 'both' or 'cc-only', got '${String(loginPathCasing)}'.`);

  let faults: CanopusFaults = options.faults ?? {};
  const dataset = new CanopusDataset({ seed, pointsOfSale, clientsPerPointOfSale, referenceDay });
  for (const client of dataset.clients()) deepFreeze(client);
  const sessions = new SessionStore(() => (faults.sessionExpiresAfterMinutes === undefined ? undefined : faults.sessionExpiresAfterMinutes * 60_000));
  const portal = new CanopusPortal({
    dataset,
    accounts,
    sessions,
    faults: () => faults,
    loginPathCasing,
    pointOfSaleField: options.pointOfSaleField ?? false,
  });
  const server = await startServer(portal, latency, options.port ?? 0);

  return {
    url: `${server.url}/WWW`,
    close: () => server.close(),
    get faults() {
      return faults;
    },
    set faults(next: CanopusFaults) {
      faults = next;
    },
    accounts,
    clients: (pointOfSale) => dataset.clients(pointOfSale),
    stats: portal.stats,
    resetCaptcha: () => portal.resetCaptcha(),
    referenceDay,
  };
}

function resolveLatency(latency: CanopusSimOptions['latency']): CanopusLatency {
  const none: CanopusLatency = { login: 0, search: 0, clientPage: 0, emissionPage: 0, emit: 0, print: 0, pdf: 0 };
  if (latency === undefined) return none;
  if (latency === 'real') return { ...CANOPUS_REAL_LATENCY };
  if (typeof latency === 'number') {
    if (!Number.isFinite(latency) || latency < 0) throw new Error(`latency as a number is a scale factor >= 0 (0.1 = 10× faster than the real portal), got ${latency}.`);
    const scaled = { ...none };
    for (const step of Object.keys(none) as (keyof CanopusLatency)[]) scaled[step] = Math.round(CANOPUS_REAL_LATENCY[step] * latency);
    return scaled;
  }
  if (typeof latency !== 'object' || latency === null) throw new Error(`latency must be a number, 'real' or milliseconds per step, got ${String(latency)}.`);
  const result = { ...none };
  for (const [step, ms] of Object.entries(latency)) {
    if (!(step in none)) throw new Error(`unknown latency step '${step}'; steps are ${Object.keys(none).join(', ')}.`);
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new Error(`latency.${step} must be milliseconds >= 0, got ${String(ms)}.`);
    result[step as keyof CanopusLatency] = ms;
  }
  return result;
}

function checkReferenceDay(day: string): void {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !date || date.toISOString().slice(0, 10) !== day) throw new Error(`referenceDay must be a date as YYYY-MM-DD, got '${day}'.`);
  // Due dates (up to a month later) must fit the boleto due-date factor (2000-07-03 … 2049-10-13).
  if (day < '2001-01-01' || day > '2049-08-31') throw new Error(`referenceDay must be between 2001-01-01 and 2049-08-31, got '${day}'.`);
}

function checkAccounts(accounts: CanopusPortalAccount[], pointsOfSale: string[]): void {
  const users = new Set<string>();
  for (const a of accounts) {
    if (!a.user || !a.password) throw new Error(`every account needs a user and a password (got user '${a.user}').`);
    if (!pointsOfSale.includes(a.pointOfSale)) throw new Error(`account '${a.user}' belongs to point of sale '${a.pointOfSale}', which is not in pointsOfSale (${pointsOfSale.join(', ')}).`);
    const key = a.user.replace(/^0+(?=\d)/, '');
    if (users.has(key)) throw new Error(`two accounts share the user '${a.user}'.`);
    users.add(key);
  }
}

function todayInSaoPaulo(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Sao_Paulo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
