import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CVDW_SIM_EMAIL, CVDW_SIM_TOKEN, startCvdwSim, type CvdwSim } from '../../src/main/sim/cvdw';
import { call, page } from './cvdw-http';

let sim: CvdwSim;
beforeAll(async () => {
  sim = await startCvdwSim({ seed: 7, referenceDay: '2026-06-30', rateLimit: false });
});
afterAll(async () => {
  await sim.close();
});

const refs = (rows: Array<Record<string, unknown>>) => rows.map((r) => r.referencia);
/** Sort key of a referencia_data: NULL first, then the zero date, then real dates. */
const key = (v: unknown) => (v === null ? '' : String(v));

describe('CVDW simulator protocol', () => {
  it('listens on 127.0.0.1 with the documented demo credentials', () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.email).toBe(CVDW_SIM_EMAIL);
    expect(sim.token).toBe(CVDW_SIM_TOKEN);
    expect(CVDW_SIM_TOKEN).toMatch(/^[0-9a-f]{40}$/);
  });

  it('wraps rows in the paging envelope, registros echoing the requested size and pages rounded up', async () => {
    const total = sim.rows('reservas').length;
    const reply = await page(sim, 'reservas', { pagina: 2, registros_por_pagina: 7 });
    expect(Object.keys(reply.json)).toEqual(['pagina', 'registros', 'total_de_registros', 'total_de_paginas', 'dados']);
    expect(reply.json).toMatchObject({ pagina: 2, registros: 7, total_de_registros: total, total_de_paginas: Math.ceil(total / 7) });
    expect(refs(reply.json.dados)).toEqual(refs(sim.rows('reservas').slice(7, 14)));
    expect(String(reply.headers['content-type'])).toMatch(/^application\/json/);

    // The last page is short but registros still echoes the request.
    const lastPage = Math.ceil(total / 7);
    const last = await page(sim, 'reservas', { pagina: lastPage, registros_por_pagina: 7 });
    expect(last.json.registros).toBe(7);
    expect(last.json.dados).toHaveLength(total - (lastPage - 1) * 7);

    // Beyond the last page: no rows, same totals.
    const beyond = await page(sim, 'reservas', { pagina: lastPage + 3, registros_por_pagina: 7 });
    expect(beyond.json).toEqual({ pagina: lastPage + 3, registros: 7, total_de_registros: total, total_de_paginas: lastPage, dados: [] });
  });

  it('defaults to page 1 of 30 rows and clamps the page size to 500', async () => {
    const plain = await page(sim, 'reservas');
    expect(plain.json.pagina).toBe(1);
    expect(plain.json.registros).toBe(30);
    expect(plain.json.dados).toHaveLength(30);
    expect(refs(plain.json.dados)).toEqual(refs(sim.rows('reservas').slice(0, 30)));
    const big = await page(sim, 'reservas', { registros_por_pagina: 5000 });
    expect(big.json.registros).toBe(500);
    expect(big.json.dados).toHaveLength(500);
    expect(big.json.total_de_paginas).toBe(Math.ceil(sim.rows('reservas').length / 500));
  });

  it('takes the params from a JSON body on the GET as well as from the query string', async () => {
    const viaQuery = await page(sim, 'comissoes', { pagina: 3, registros_por_pagina: 11, a_partir_data_referencia: '2025-01-01' });
    const viaBody = await call(sim, 'comissoes', { body: { pagina: 3, registros_por_pagina: 11, a_partir_data_referencia: '2025-01-01' } });
    expect(viaBody.status).toBe(200);
    expect(viaBody.json).toEqual(viaQuery.json);
    expect(viaBody.json.registros).toBe(11);
    expect(viaBody.json.dados.length).toBe(11);
    // The vendor CLI sends numbers as JSON numbers and strings alike.
    const stringy = await call(sim, 'comissoes', { body: { pagina: '3', registros_por_pagina: '11', a_partir_data_referencia: '2025-01-01' } });
    expect(stringy.json).toEqual(viaQuery.json);
    // Both present: the query string wins, param by param; the body still fills the rest.
    const both = await call(sim, 'comissoes', { query: { pagina: 3 }, body: { pagina: 9, registros_por_pagina: 11, a_partir_data_referencia: '2025-01-01' } });
    expect(both.json).toEqual(viaQuery.json);
    // A body that is not JSON is ignored, as PHP's json_decode would leave no params.
    const garbled = await call(sim, 'comissoes', { rawBody: '{"pagina": 2, registros', query: { registros_por_pagina: 4 } });
    expect(garbled.status).toBe(200);
    expect(garbled.json).toMatchObject({ pagina: 1, registros: 4 });
  });

  it('serves rows ascending by referencia_data with zero and null dates first', async () => {
    const rows = sim.rows('reservas');
    const served = [];
    for (let p = 1; p <= Math.ceil(rows.length / 500); p++) served.push(...(await page(sim, 'reservas', { pagina: p, registros_por_pagina: 500 })).json.dados);
    expect(served).toEqual(rows);
    for (let i = 1; i < served.length; i++) expect(key(served[i - 1].referencia_data) <= key(served[i].referencia_data)).toBe(true);
    // Dirt is on by default: some rows carry the MySQL zero date or NULL, and they come first.
    const zeroOrNull = served.filter((r) => r.referencia_data === null || r.referencia_data === '0000-00-00 00:00:00');
    expect(zeroOrNull.length).toBeGreaterThan(0);
    expect(served.slice(0, zeroOrNull.length)).toEqual(zeroOrNull);
  });

  it('filters by a_partir_data_referencia inclusively, in both accepted formats, and by ate_data_referencia', async () => {
    const rows = sim.rows('vendas');
    const dated = rows.filter((r) => typeof r.referencia_data === 'string' && r.referencia_data !== '0000-00-00 00:00:00');
    const boundary = String(dated[Math.floor(dated.length / 2)].referencia_data);
    const expected = dated.filter((r) => String(r.referencia_data) >= boundary);
    const reply = await page(sim, 'vendas', { a_partir_data_referencia: boundary, registros_por_pagina: 500 });
    expect(reply.json.total_de_registros).toBe(expected.length);
    expect(reply.json.dados[0].referencia_data).toBe(boundary);
    expect(refs(reply.json.dados)).toEqual(refs(expected.slice(0, 500)));

    // A date alone means midnight of that day, as MySQL reads it.
    const day = boundary.slice(0, 10);
    const byDay = await page(sim, 'vendas', { a_partir_data_referencia: day });
    expect(byDay.json.total_de_registros).toBe(dated.filter((r) => String(r.referencia_data) >= `${day} 00:00:00`).length);

    const until = await page(sim, 'vendas', { a_partir_data_referencia: day, ate_data_referencia: `${day} 23:59:59`, registros_por_pagina: 500 });
    const sameDay = dated.filter((r) => String(r.referencia_data).startsWith(day));
    expect(until.json.total_de_registros).toBe(sameDay.length);
    expect(refs(until.json.dados)).toEqual(refs(sameDay));

    const none = await page(sim, 'vendas', { a_partir_data_referencia: '2099-01-01 00:00:00', registros_por_pagina: 5 });
    expect(none.json).toEqual({ pagina: 1, registros: 5, total_de_registros: 0, total_de_paginas: 0, dados: [] });
  });

  it('escapes non-ASCII and slashes as PHP does when dirt is on, and not when it is off', async () => {
    const reply = await page(sim, 'reservas', { registros_por_pagina: 200 });
    expect(reply.text).toMatch(/\\u00[0-9a-f]{2}/);
    expect(reply.text).not.toMatch(/[\u0080-\uffff]/);
    expect(reply.json.dados).toEqual(sim.rows('reservas').slice(0, 200));
    const plain = await startCvdwSim({ size: { reservations: 200 }, referenceDay: '2026-06-30', dirt: false });
    try {
      const text = (await page(plain, 'reservas', { registros_por_pagina: 200 })).text;
      expect(text).toMatch(/[ãéíóúçÁÉ]/);
      expect(text).not.toContain('\\u00');
    } finally {
      await plain.close();
    }
  });

  it('answers 400 with the live error shape to a zero or invalid date', async () => {
    for (const bad of ['0000-00-00 00:00:00', '0000-00-00', '2024-02-30', '18/09/2024', 'ontem']) {
      const reply = await call(sim, 'reservas', { query: { a_partir_data_referencia: bad } });
      expect(reply.status, bad).toBe(400);
      expect(reply.json).toEqual({ error: 'O campo a_partir_data_referencia não é válido', code: 400 });
    }
    const viaBody = await call(sim, 'reservas', { body: { a_partir_data_referencia: '0000-00-00 00:00:00' } });
    expect(viaBody.status).toBe(400);
    const badUntil = await call(sim, 'reservas', { query: { ate_data_referencia: '0000-00-00 00:00:00' } });
    expect(badUntil.json).toEqual({ error: 'O campo ate_data_referencia não é válido', code: 400 });
    const badPage = await call(sim, 'reservas', { query: { pagina: 'x' } });
    expect(badPage.status).toBe(400);
    expect(badPage.json).toEqual({ error: 'O campo pagina deve ser um inteiro.', code: 400 });
  });

  it('answers 401 without the right e-mail and token', async () => {
    const expected = { codigo: 401, mensagem: 'E-mail e/ou token incorreto(s).' };
    for (const auth of [null, { email: sim.email, token: 'f'.repeat(40) }, { email: 'outro@exemplo.com.br', token: sim.token }]) {
      const reply = await call(sim, 'reservas', { auth });
      expect(reply.status).toBe(401);
      expect(reply.json).toEqual(expected);
    }
  });

  it('answers 404 to an unknown path and 405 to anything but GET', async () => {
    expect((await call(sim, 'empreendimentos')).status).toBe(404);
    expect((await call(sim, 'reservas/inexistente')).status).toBe(404);
    expect((await call(sim, 'reservas', { method: 'POST', body: {} })).status).toBe(405);
    // A trailing slash is the same path.
    expect((await call(sim, 'reservas/condicoes/')).status).toBe(200);
  });

  it('serves every endpoint the reference lists for the simulator', async () => {
    for (const path of ['reservas', 'reservas/condicoes', 'vendas', 'distratos', 'comissoes', 'comissoes/pagamentos', 'repasses',
      'atendimentos', 'corretores', 'imobiliarias', 'unidades', 'leads']) {
      const reply = await page(sim, path, { registros_por_pagina: 3 });
      expect(reply.json.total_de_registros, path).toBeGreaterThan(0);
      expect(reply.json.dados.length, path).toBe(3);
      for (const row of reply.json.dados) {
        expect(Object.keys(row).slice(0, 2), path).toEqual(['referencia', 'referencia_data']);
      }
    }
  });
});

describe('CVDW simulator faults', () => {
  let faulty: CvdwSim;
  beforeAll(async () => {
    faulty = await startCvdwSim({ seed: 7, size: { reservations: 300 }, referenceDay: '2026-06-30', rateLimit: false });
  });
  afterAll(async () => {
    await faulty.close();
  });

  it('answers 405 on every endpoint while the API is not enabled, and recovers when it is', async () => {
    faulty.setFaults({ notEnabled405: true });
    for (const path of ['reservas', 'vendas', 'unidades', 'nao-existe']) {
      const reply = await call(faulty, path);
      expect(reply.status, path).toBe(405);
      expect(reply.json.codigo).toBe(405);
    }
    // Credentials are still checked first.
    expect((await call(faulty, 'reservas', { auth: null })).status).toBe(401);
    faulty.setFaults({});
    expect((await call(faulty, 'reservas')).status).toBe(200);
  });

  it('answers 204 with no body to an empty result when told to, and the 200 envelope otherwise', async () => {
    faulty.setFaults({ emptyAs204: true });
    const empty = await call(faulty, 'reservas', { query: { a_partir_data_referencia: '2099-01-01' } });
    expect(empty.status).toBe(204);
    expect(empty.text).toBe('');
    expect((await call(faulty, 'reservas', { query: { pagina: 999 } })).status).toBe(204);
    expect((await call(faulty, 'reservas')).status).toBe(200);
    faulty.setFaults({});
    const plain = await call(faulty, 'reservas', { query: { a_partir_data_referencia: '2099-01-01' } });
    expect(plain.status).toBe(200);
    expect(plain.json.dados).toEqual([]);
  });

  it('serves an HTML error page on every Nth request', async () => {
    faulty.setFaults({ html5xx: { every: 3, status: 502 } });
    const start = faulty.stats.requests;
    const statuses: number[] = [];
    const bodies: string[] = [];
    for (let i = 0; i < 9; i++) {
      const reply = await call(faulty, 'vendas');
      statuses.push(reply.status);
      if (reply.status !== 200) {
        expect(String(reply.headers['content-type'])).toMatch(/^text\/html/);
        bodies.push(reply.text);
      }
    }
    const expected = Array.from({ length: 9 }, (_, i) => ((start + i + 1) % 3 === 0 ? 502 : 200));
    expect(statuses).toEqual(expected);
    expect(bodies).toHaveLength(3);
    expect(bodies[0]).toContain('Ocorreu um erro ao tentar executar essa ação');
    faulty.setFaults({ html5xx: { every: 1 } });
    expect((await call(faulty, 'vendas')).status).toBe(500);
    faulty.setFaults({});
  });

  it('delays responses by slowMs and latencyMs', async () => {
    faulty.setFaults({ slowMs: 400 });
    const t0 = Date.now();
    expect((await call(faulty, 'vendas')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
    faulty.setFaults({});
    const slow = await startCvdwSim({ size: { reservations: 50 }, referenceDay: '2026-06-30', latencyMs: 250 });
    try {
      const t1 = Date.now();
      expect((await call(slow, 'vendas')).status).toBe(200);
      expect(Date.now() - t1).toBeGreaterThanOrEqual(240);
    } finally {
      await slow.close();
    }
  });

  it('counts requests per full path', async () => {
    const before = faulty.stats.byPath['/api/v1/cvdw/distratos'] ?? 0;
    const requests = faulty.stats.requests;
    await call(faulty, 'distratos');
    await call(faulty, 'distratos/', { query: { pagina: 2 } });
    await call(faulty, 'reservas/condicoes');
    expect(faulty.stats.byPath['/api/v1/cvdw/distratos']).toBe(before + 2);
    expect(faulty.stats.byPath['/api/v1/cvdw/reservas/condicoes']).toBeGreaterThanOrEqual(1);
    expect(faulty.stats.requests).toBe(requests + 3);
  });
});
