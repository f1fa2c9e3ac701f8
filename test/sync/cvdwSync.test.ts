import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../src/main/core/api';
import { NexusCore } from '../../src/main/core/nexusCore';
import { KeychainVault } from '../../src/main/core/secrets/vault';
import { moment } from '../../src/main/core/sources/cvdw/normalize';
import { STREAMS } from '../../src/main/core/sources/cvdw/records';
import type { ConnectorTuning } from '../../src/main/core/sources/types';
import { CursorStore } from '../../src/main/core/sync/cursorStore';
import { startCvdwSim, type CvdwSim, type CvdwSimOptions } from '../../src/main/sim/cvdw';

const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 };
// History ends in the past, so rows the tests touch ("now") always sort after every generated row.
const REFERENCE_DAY = '2025-06-30';

interface Harness {
  core: NexusCore;
  sim: CvdwSim;
  close(): Promise<void>;
}

let h: Harness | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.close();
  h = null;
});

async function harness(sim: CvdwSimOptions = {}, tuning: ConnectorTuning = { retry: FAST_RETRY, rateLimit: false }, settings: Record<string, string> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nexus-cvdw-'));
  const simulator = await startCvdwSim({ rateLimit: false, referenceDay: REFERENCE_DAY, ...sim });
  const core = new NexusCore({ dataDir, vault: new KeychainVault(), tuning: { cvdw: tuning } });
  core.addCompany('acme', 'Construtora Acme');
  core.setSourceSettings('acme', 'cvdw', { url: simulator.url, email: simulator.email, ...settings });
  return {
    core,
    sim: simulator,
    async close() {
      core.close();
      await simulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const db = (x: Harness) => x.core.company('acme').db;
const all = <T>(x: Harness, sql: string, ...params: unknown[]) => db(x).prepare(sql).all(...params) as T[];
const one = <T>(x: Harness, sql: string, ...params: unknown[]) => db(x).prepare(sql).get(...params) as T;

/** Every mirror table holds exactly the simulator's rows, each with the record as served. */
function expectMirrorEqualsSim(x: Harness, only?: string[]): void {
  for (const stream of STREAMS) {
    if (only && !only.includes(stream.name)) continue;
    const expected = new Map(x.sim.rows(stream.name).map((r) => [String(r.referencia), JSON.stringify(r)]));
    const mirrored = new Map(all<{ referencia: string; raw: string }>(x, `SELECT referencia, raw FROM ${stream.table}`).map((r) => [r.referencia, r.raw]));
    expect(mirrored.size, stream.name).toBe(expected.size);
    for (const [key, raw] of expected) expect(mirrored.get(key), `${stream.name} #${key}`).toBe(raw);
  }
}

/** URLs the connector requested (a request log at the HTTP boundary). */
function recordRequests(): URL[] {
  const urls: URL[] = [];
  const original = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    urls.push(new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url));
    return original(input, init);
  });
  return urls;
}

describe('CVDW sync against the simulator', () => {
  it('mirrors every endpoint, then fetches only what changed from the inclusive boundary, without duplicates', async () => {
    h = await harness({ seed: 5 });
    const first = await h.core.startSync('acme', 'cvdw').done;
    expect(first.error).toBeNull();
    expect(first.status).toBe('succeeded');
    expectMirrorEqualsSim(h);
    expect(first.counts['cvdw.reservas.inserted']).toBe(h.sim.rows('reservas').length);

    // The boundary rows: those at the greatest non-zero referencia_data of the first scan.
    const dates = h.sim.rows('reservas').map((r) => moment(r.referencia_data)).filter((d): d is string => d !== null);
    const max = dates.reduce((a, b) => (a > b ? a : b));
    const boundary = dates.filter((d) => d === max).length;

    const reservas = h.sim.rows('reservas');
    const changed = [reservas[10], reservas[500], reservas[2000]].map((r) => r.referencia as string | number);
    h.sim.touch('reservas', changed, { situacao: 'Distrato', data_cancelamento: '2025-07-01' });
    const before = h.sim.stats.requests;

    const second = await h.core.startSync('acme', 'cvdw').done;
    expect(second.status).toBe('succeeded');
    expect(second.counts['cvdw.reservas.updated']).toBe(3);
    expect(second.counts['cvdw.reservas.inserted']).toBeUndefined();
    expect(second.counts['cvdw.reservas.unchanged']).toBe(boundary);
    // One request per endpoint: nothing but the boundary and the changes came back.
    expect(h.sim.stats.requests - before).toBe(STREAMS.length);
    expectMirrorEqualsSim(h);
    const { n, uniq } = one<{ n: number; uniq: number }>(h, 'SELECT COUNT(*) AS n, COUNT(DISTINCT idreserva) AS uniq FROM cvdw_reservations');
    expect(uniq).toBe(n);
    expect(one(h, 'SELECT situacao, data_cancelamento FROM cvdw_reservations WHERE referencia = ?', String(changed[1]))).toEqual({ situacao: 'Distrato', data_cancelamento: '2025-07-01' });
  });

  it('maps every kind of dirt the API sends', async () => {
    h = await harness({ seed: 2 });
    expect((await h.core.startSync('acme', 'cvdw').done).status).toBe('succeeded');
    const x = h;
    const mirrorRow = (table: string, referencia: unknown) => one<Record<string, unknown>>(x, `SELECT * FROM ${table} WHERE referencia = ?`, String(referencia));
    const reservas = h.sim.rows('reservas');
    const unidades = h.sim.rows('unidades');
    const pick = (rows: Record<string, unknown>[], test: (r: Record<string, unknown>) => boolean, what: string) => {
      const found = rows.filter(test);
      expect(found.length, `the simulator serves ${what}`).toBeGreaterThan(0);
      return found;
    };

    for (const r of pick(reservas, (r) => r.referencia_data === '0000-00-00 00:00:00', 'zero referencia_data')) expect(mirrorRow('cvdw_reservations', r.referencia).referencia_data).toBeNull();
    for (const r of pick(reservas, (r) => r.referencia_data === null, 'null referencia_data')) expect(mirrorRow('cvdw_reservations', r.referencia).referencia_data).toBeNull();
    for (const r of pick(reservas, (r) => typeof r.idcorretor === 'string', 'ids as strings')) expect(mirrorRow('cvdw_reservations', r.referencia).idcorretor).toBe(Number(r.idcorretor));
    for (const r of pick(reservas, (r) => typeof r.idcorretor === 'number', 'ids as numbers')) expect(mirrorRow('cvdw_reservations', r.referencia).idcorretor).toBe(r.idcorretor);
    for (const [value, expected] of [['Sim', 1], ['S', 1], ['Não', 0], ['N', 0]] as const) {
      for (const r of pick(reservas, (r) => r.aprovada === value, `aprovada "${value}"`)) expect(mirrorRow('cvdw_reservations', r.referencia).aprovada).toBe(expected);
    }
    for (const r of pick(reservas, (r) => /&amp;|&#0?39;/.test(String(r.imobiliaria) + String(r.cliente) + String(r.empreendimento)), 'HTML entities')) {
      const row = mirrorRow('cvdw_reservations', r.referencia);
      for (const field of ['imobiliaria', 'cliente', 'empreendimento']) {
        expect(row[field]).not.toMatch(/&amp;|&#0?39;/);
        if (typeof r[field] === 'string') expect(row[field]).toBe((r[field] as string).replace(/&amp;/g, '&').replace(/&#0?39;/g, "'").trim());
      }
    }
    for (const r of pick(h.sim.rows('vendas'), (r) => typeof r.idlead === 'string' && r.idlead.includes(', '), 'comma-space id lists')) {
      expect(mirrorRow('cvdw_sales', r.referencia).idlead).toBe((r.idlead as string).replace(/\s+/g, ''));
    }
    for (const u of pick(unidades, (u) => typeof u.liberar_a_partir === 'string' && /^\d{2}\/\d{2}\/\d{4}$/.test(u.liberar_a_partir), 'dd/mm/yyyy dates')) {
      const [d, m, y] = (u.liberar_a_partir as string).split('/');
      expect(mirrorRow('cvdw_units', u.referencia).liberar_a_partir).toBe(`${y}-${m}-${d}`);
    }
    for (const u of pick(unidades, (u) => typeof u.valor === 'string' && typeof u.area_privativa === 'string', 'numbers as text')) {
      const row = mirrorRow('cvdw_units', u.referencia);
      expect(row.valor_cents).toBe(Math.round(Number(u.valor) * 100));
      expect(row.area_privativa).toBe(Number(u.area_privativa));
    }
    for (const u of pick(unidades, (u) => typeof u.referencia === 'number', 'integer referencia')) expect(mirrorRow('cvdw_units', u.referencia).referencia).toBe(String(u.referencia));
    for (const r of pick(h.sim.rows('atendimentos'), (r) => r.ativo === 'N', 'soft-deleted rows')) expect(mirrorRow('cvdw_service_tickets', r.referencia).active).toBe(0);
    // Money lands as exact centavos.
    for (const r of reservas.slice(0, 200)) {
      if (typeof r.valor_contrato === 'number') expect(mirrorRow('cvdw_reservations', r.referencia).valor_contrato_cents).toBe(Math.round(r.valor_contrato * 100));
    }
  });

  it('uses the whole request budget without a single 429 (20 per 2 s, ≥ 30 requests)', async () => {
    const limit = { max: 20, windowMs: 2000 };
    h = await harness({ seed: 1, rateLimit: limit }, { retry: FAST_RETRY, rateLimit: limit });
    const started = Date.now();
    const outcome = await h.core.startSync('acme', 'cvdw').done;
    const elapsed = Date.now() - started;
    expect(outcome.status).toBe('succeeded');
    expect(h.sim.stats.requests).toBeGreaterThanOrEqual(30);
    expect(h.sim.stats.rejected429).toBe(0);
    // Used fully: some window held the whole budget, and the run waited only for the windows it needed.
    expect(h.sim.stats.maxInWindow).toBe(20);
    const windows = Math.ceil(h.sim.stats.requests / limit.max) - 1;
    expect(elapsed).toBeGreaterThanOrEqual(windows * limit.windowMs);
    expectMirrorEqualsSim(h);
  });

  it('waits out a 429 block when the server allows less than configured, without failing', async () => {
    h = await harness({ seed: 1, rateLimit: { max: 8, windowMs: 1500 } }, { retry: FAST_RETRY, rateLimit: { max: 20, windowMs: 1500 } });
    const outcome = await h.core.startSync('acme', 'cvdw', {}).done;
    expect(outcome.error).toBeNull();
    expect(outcome.status).toBe('succeeded');
    expect(h.sim.stats.rejected429).toBeGreaterThan(0);
    expectMirrorEqualsSim(h);
  });

  it('says in one sentence that the e-mail or token was refused (401)', async () => {
    h = await harness({ email: 'integracao@construtora.com.br', token: 'f'.repeat(40) }, undefined, { email: 'integracao@construtora.com.br' });
    await h.core.setSecret('acme', 'cvdw', 'token', '0'.repeat(40));
    const refused = await h.core.startSync('acme', 'cvdw').done;
    expect(refused.status).toBe('failed');
    expect(refused.error?.code).toBe('unauthorized');
    expect(refused.error?.message).toMatch(/^E-mail ou token do CVDW recusado \(401\): gere um novo token em CV CRM > Configurações > API\/Integrações/);
    expect(h.sim.stats.requests).toBe(1);

    await h.core.setSecret('acme', 'cvdw', 'token', 'f'.repeat(40));
    const accepted = await h.core.startSync('acme', 'cvdw').done;
    expect(accepted.status).toBe('succeeded');
    await h.core.deleteSecret('acme', 'cvdw', 'token');
  });

  it('says the CVDW API is not enabled (405) and what to ask CVCRM support, without retrying', async () => {
    h = await harness({ faults: { notEnabled405: true } });
    const outcome = await h.core.startSync('acme', 'cvdw').done;
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.code).toBe('cvdw-not-enabled');
    expect(outcome.error?.message).toBe(
      `A API do CVDW não está habilitada para esta conta (405 em /unidades): peça ao suporte do CVCRM para habilitar o módulo CVDW (API do data warehouse) para o e-mail ${h.sim.email}.`,
    );
    expect(h.sim.stats.requests).toBe(1);
    await expect(h.core.testConnection('acme', 'cvdw')).rejects.toMatchObject({ code: 'cvdw-not-enabled' });
  });

  it('never sends a zero date as the cursor, in full, incremental or periodic full runs', async () => {
    h = await harness({ seed: 3 });
    const urls = recordRequests();
    expect((await h.core.startSync('acme', 'cvdw').done).status).toBe('succeeded');
    // The data has zero-date rows: they are in the mirror, reached by the unfiltered first scan.
    const zeroRows = h.sim.rows('comissoes').filter((r) => r.referencia_data === '0000-00-00 00:00:00' || r.referencia_data === null);
    expect(zeroRows.length).toBeGreaterThan(0);
    h.sim.touch('comissoes', [zeroRows[0].referencia as string]);
    expect((await h.core.startSync('acme', 'cvdw').done).status).toBe('succeeded');
    const fullFrom = urls.length;
    expect((await h.core.startSync('acme', 'cvdw', { full: true }).done).status).toBe('succeeded');
    expectMirrorEqualsSim(h);

    const filters = urls.map((u) => u.searchParams.get('a_partir_data_referencia')).filter((v): v is string => v !== null);
    expect(filters.length).toBeGreaterThan(STREAMS.length);
    for (const value of filters) {
      expect(value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      expect(moment(value)).toBe(value);
    }
    for (const u of urls) expect(u.searchParams.get('registros_por_pagina')).toBe('500');
    // The --full run starts every endpoint unfiltered again.
    const unfiltered = urls.slice(fullFrom).filter((u) => !u.searchParams.has('a_partir_data_referencia'));
    expect(new Set(unfiltered.map((u) => u.pathname)).size).toBe(STREAMS.length);
  });

  it('runs an unfiltered scan again when the last full load is older than the configured days', async () => {
    h = await harness({ seed: 3 }, undefined, { full_every_days: '7' });
    expect((await h.core.startSync('acme', 'cvdw').done).status).toBe('succeeded');
    const cursors = new CursorStore(db(h));
    const urls = recordRequests();
    expect((await h.core.startSync('acme', 'cvdw').done).status).toBe('succeeded');
    expect(urls.every((u) => u.searchParams.has('a_partir_data_referencia'))).toBe(true);

    const saved = cursors.load<{ lastFullAt: string }>('cvdw', 'comissoes')!;
    cursors.save('cvdw', 'comissoes', { ...saved, lastFullAt: new Date(Date.now() - 8 * 86_400_000).toISOString() });
    urls.length = 0;
    const outcome = await h.core.startSync('acme', 'cvdw').done;
    expect(outcome.status).toBe('succeeded');
    const unfiltered = urls.filter((u) => !u.searchParams.has('a_partir_data_referencia')).map((u) => u.pathname);
    expect(unfiltered).toEqual(['/api/v1/cvdw/comissoes']);
    expect(outcome.counts['cvdw.comissoes.unchanged']).toBeGreaterThanOrEqual(h.sim.rows('comissoes').length);
    expect(cursors.load<{ lastFullAt: string }>('cvdw', 'comissoes')!.lastFullAt > saved.lastFullAt).toBe(true);
  });

  it('does not lose rows updated while a scan pages (they jump to the end of the ordering)', async () => {
    h = await harness({ seed: 8 });
    const sim = h.sim;
    const initial = sim.rows('reservas');
    expect(initial.length).toBeGreaterThan(2000);
    const early = [initial[3], initial[499], initial[700]].map((r) => r.referencia as string | number);
    const late = initial[2500].referencia as string | number;
    // Before the scan's 3rd request to /reservas (whatever page it asks for), rows already read and
    // one not yet read change. Each hook re-arms itself, so every page request is counted.
    let requests = 0;
    const everyRequest = (page: number) =>
      sim.onPage('reservas', page, () => {
        if (++requests === 3) sim.touch('reservas', [...early, late], { situacao: 'Alterada no meio da leitura' });
        everyRequest(page);
      });
    for (let page = 1; page <= 10; page++) everyRequest(page);

    const outcome = await h.core.startSync('acme', 'cvdw', {}).done;
    expect(outcome.status).toBe('succeeded');
    expect(requests).toBeGreaterThanOrEqual(3);
    expectMirrorEqualsSim(h, ['reservas']);
    for (const ref of [...early, late]) {
      expect(one(h, 'SELECT situacao FROM cvdw_reservations WHERE referencia = ?', String(ref))).toEqual({ situacao: 'Alterada no meio da leitura' });
    }
  });

  it('keeps a soft-deleted row with active = 0', async () => {
    h = await harness({ seed: 4 });
    expect((await h.core.startSync('acme', 'cvdw').done).status).toBe('succeeded');
    const target = h.sim.rows('reservas').find((r) => r.ativo === 'S')!;
    h.sim.softDelete('reservas', target.referencia as string);
    const outcome = await h.core.startSync('acme', 'cvdw').done;
    expect(outcome.status).toBe('succeeded');
    expect(outcome.counts['cvdw.reservas.updated']).toBe(1);
    expect(one(h, 'SELECT active FROM cvdw_reservations WHERE referencia = ?', String(target.referencia))).toEqual({ active: 0 });
    expect(one<{ n: number }>(h, 'SELECT COUNT(*) AS n FROM cvdw_reservations').n).toBe(h.sim.rows('reservas').length);
  });

  it('retries HTML error pages and says so clearly when they do not stop', async () => {
    h = await harness({ seed: 6, faults: { html5xx: { every: 3, status: 502 } } });
    const outcome = await h.core.startSync('acme', 'cvdw').done;
    expect(outcome.status).toBe('succeeded');
    expectMirrorEqualsSim(h);

    h.sim.setFaults({ html5xx: { every: 1, status: 500 } });
    const failing = await h.core.startSync('acme', 'cvdw').done;
    expect(failing.status).toBe('failed');
    expect(failing.error?.code).toBe('server-error');
    expect(failing.error?.message).toBe(
      'O CVDW respondeu com uma página de erro (HTTP 500) 4 vezes seguidas em /unidades: o servidor do CV CRM está instável; tente de novo mais tarde — o que já foi salvo continua salvo.',
    );
  });

  it('treats 204 "no data" as an empty page', async () => {
    h = await harness({ seed: 6, faults: { emptyAs204: true } });
    expect((await h.core.startSync('acme', 'cvdw').done).status).toBe('succeeded');
    const second = await h.core.startSync('acme', 'cvdw').done;
    expect(second.status).toBe('succeeded');
    expectMirrorEqualsSim(h);
  });

  it('works through the app\'s generic settings, sync and health handlers', async () => {
    h = await harness({ seed: 1 });
    const handlers = createHandlers(h.core, { version: 'test', mode: 'bridge' });
    const view = await handlers['sources.get']({ company: 'acme', source: 'cvdw' });
    expect(view.settings.map((s) => s.key)).toEqual(['url', 'email', 'requests_per_minute', 'full_every_days']);
    expect(view.publicCredentials).toBe(true);
    expect(view.secrets).toEqual([expect.objectContaining({ name: 'token', configured: true })]);
    const finished = new Promise((resolve) => h!.core.on('job.finished', resolve));
    const { jobId } = await handlers['sync.start']({ company: 'acme', source: 'cvdw', full: false });
    expect(await finished).toMatchObject({ jobId, status: 'succeeded' });
    const health = (await handlers['health.get']({ company: 'acme' })).find((s) => s.source === 'cvdw');
    expect(health).toMatchObject({ state: 'ok', label: 'CVDW' });
    const runs = await handlers['runs.list']({ company: 'acme', source: 'cvdw' });
    expect(runs[0]).toMatchObject({ status: 'succeeded', title: 'Sincronização CVDW' });
  });

  it('tests the connection with one cheap request', async () => {
    h = await harness({ seed: 1 });
    await expect(h.core.testConnection('acme', 'cvdw')).resolves.toMatch(/^Conexão com o CVDW funcionando \(\d+ imobiliárias na conta de demo@exemplo\.com\.br\)\.$/);
    expect(h.sim.stats.requests).toBe(1);
  });
});
