import { afterEach, describe, expect, it } from 'vitest';
import { startCvdwSim, type CvdwSim } from '../../src/main/sim/cvdw';
import { page, scan } from './cvdw-http';

let sim: CvdwSim | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

const open = () => startCvdwSim({ seed: 3, size: { reservations: 1200 }, referenceDay: '2026-06-30', rateLimit: false });

describe('CVDW simulator changes at run time', () => {
  it('soft-deletes: the row keeps coming back with ativo "N" and a newer referencia_data', async () => {
    sim = await open();
    const before = sim.rows('comissoes');
    const victim = before[10];
    const maxBefore = before.map((r) => String(r.referencia_data ?? '')).sort().at(-1)!;
    sim.softDelete('comissoes', victim.referencia as string);
    const after = await scan(sim, 'comissoes');
    expect(after).toHaveLength(before.length);
    const moved = after.at(-1)!;
    expect(moved.referencia).toBe(victim.referencia);
    expect(moved.ativo).toBe('N');
    expect(String(moved.referencia_data) > maxBefore).toBe(true);
    expect({ ...moved, ativo: victim.ativo, referencia_data: victim.referencia_data }).toEqual(victim);
    // An incremental read from the last cursor sees it.
    const incremental = await page(sim, 'comissoes', { a_partir_data_referencia: maxBefore, registros_por_pagina: 500 });
    expect(incremental.json.dados.map((r: Record<string, unknown>) => r.referencia)).toContain(victim.referencia);
    expect(sim.rows('comissoes').at(-1)).toEqual(moved);
  });

  it('touch moves rows to the end with their changes, accepting string or numeric referencias', async () => {
    sim = await open();
    const before = sim.rows('reservas');
    const a = before[5];
    const b = before[6];
    sim.touch('reservas', [String(a.referencia), Number(b.referencia)], { situacao: 'Contrato de Compra e Venda Gerado' });
    const after = sim.rows('reservas');
    expect(after.slice(-2).map((r) => r.referencia)).toEqual([a.referencia, b.referencia]);
    expect(after.at(-1)!.situacao).toBe('Contrato de Compra e Venda Gerado');
    expect(String(after.at(-1)!.referencia_data) > String(after.at(-2)!.referencia_data)).toBe(true);
    expect(String(after.at(-2)!.referencia_data) > String(after.at(-3)!.referencia_data)).toBe(true);
    expect(() => sim!.touch('reservas', ['nao-existe'])).toThrow(/referencia/);
    expect(() => sim!.touch('nada', ['1'])).toThrow(/endpoint/);
  });

  it('onPage runs once, before that page is served: a row updated mid-scan moves past the cursor', async () => {
    sim = await open();
    const before = sim.rows('reservas');
    const early = before[3]; // on page 1 of a 100-row scan
    let calls = 0;
    sim.onPage('reservas', 2, () => {
      calls++;
      sim!.touch('reservas', [early.referencia as string]);
    });
    const p1 = await page(sim, 'reservas', { pagina: 1, registros_por_pagina: 100 });
    expect(calls).toBe(0);
    const p2 = await page(sim, 'reservas', { pagina: 2, registros_por_pagina: 100 });
    expect(calls).toBe(1);
    // The moved row vacated a slot on page 1, so page 2 starts one row later than it would have:
    // the offset scan skips before[100], exactly the hazard the connector must survive.
    expect(p1.json.dados[3].referencia).toBe(early.referencia);
    expect(p2.json.dados[0].referencia).toBe(before[101].referencia);
    const lastPage = p2.json.total_de_paginas;
    const tail = await page(sim, 'reservas', { pagina: lastPage, registros_por_pagina: 100 });
    expect(tail.json.dados.at(-1).referencia).toBe(early.referencia);
    await page(sim, 'reservas', { pagina: 2, registros_por_pagina: 100 });
    expect(calls).toBe(1);
  });
});
