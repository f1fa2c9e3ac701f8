import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCvdwSim, type CvdwSim } from '../../src/main/sim/cvdw';
import { page } from './cvdw-http';

let sim: CvdwSim;
let buildMs = 0;
beforeAll(async () => {
  const t0 = Date.now();
  sim = await startCvdwSim({ size: 'large', referenceDay: '2026-06-30', rateLimit: false });
  buildMs = Date.now() - t0;
}, 120_000);
afterAll(async () => {
  await sim.close();
});

describe('CVDW simulator, large size', () => {
  it('builds at least 200,000 reservations in reasonable time and serves them in pages of 500', async () => {
    // Loose bound on purpose: this guards against accidental quadratic generation, not a timing target.
    expect(buildMs).toBeLessThan(60_000);
    const first = await page(sim, 'reservas', { registros_por_pagina: 500 });
    expect(first.json.total_de_registros).toBeGreaterThanOrEqual(200_000);
    expect(first.json.total_de_paginas).toBe(Math.ceil(first.json.total_de_registros / 500));
    expect(first.json.dados).toHaveLength(500);
    const last = await page(sim, 'reservas', { registros_por_pagina: 500, pagina: first.json.total_de_paginas });
    expect(last.json.dados.length).toBeGreaterThan(0);
    const lastRow = last.json.dados.at(-1);
    expect(String(lastRow.referencia_data) <= '2026-06-30 23:59:59').toBe(true);
  });

  it('filters incrementally over the large tables with consistent totals', async () => {
    const all = await page(sim, 'vendas', { registros_por_pagina: 1 });
    const recent = await page(sim, 'vendas', { a_partir_data_referencia: '2026-01-01', registros_por_pagina: 500 });
    const older = await page(sim, 'vendas', { ate_data_referencia: '2025-12-31 23:59:59', registros_por_pagina: 1 });
    expect(all.json.total_de_registros).toBeGreaterThan(100_000);
    expect(recent.json.total_de_registros).toBeGreaterThan(0);
    // Vendas rows have real sale dates unless dirt zeroed or nulled them; NULL rows match neither bound.
    expect(recent.json.total_de_registros + older.json.total_de_registros).toBeLessThanOrEqual(all.json.total_de_registros);
    expect(recent.json.total_de_registros + older.json.total_de_registros).toBeGreaterThan(all.json.total_de_registros * 0.99);
    for (const row of recent.json.dados) expect(String(row.referencia_data) >= '2026-01-01 00:00:00').toBe(true);
    const units = await page(sim, 'unidades', { registros_por_pagina: 1 });
    expect(units.json.total_de_registros).toBeGreaterThan(100_000);
  });
});
