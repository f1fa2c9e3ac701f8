import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/core/db/database';
import { exportSales, realEstateKpis, salesPage } from '../../src/main/core/kpi/realestate';
import { NexusCore } from '../../src/main/core/nexusCore';
import { KeychainVault } from '../../src/main/core/secrets/vault';
import { nexus } from '../helpers/cli';
import { cents, day, decode, expectedRows, expectOracle, num, prepare, type ApiData, type ApiRow } from './realestateOracle';

/**
 * Hand-made CVDW rows for the edge cases of docs/KPIS.md, written into the mirror the way the
 * connector stores them. Figures are checked twice: by hand (numbers worked out in the comments)
 * and against the naive oracle over the same rows.
 */
const TODAY = '2025-06-15';

const res = (r: ApiRow): ApiRow => ({ ativo: 'S', data_cad: '2025-01-01 09:00:00', idempreendimento: 10, empreendimento: 'Residencial Aurora', bloco: 'Bloco A', ...r });

const DATA: ApiData = {
  imobiliarias: [
    { ativo: 'S', idimobiliaria: 3, nome: 'Imob Norte' },
    { ativo: 'S', idimobiliaria: 4, nome: 'Imob Sul &amp; Cia' },
  ],
  corretores: [
    { ativo: 'S', idcorretor: 7, nome: 'Ana Souza', idimobiliaria: 3, imobiliaria: 'Imob Norte' },
    { ativo: 'S', idcorretor: 8, nome: 'Bruno Lima', idimobiliaria: 4, imobiliaria: 'Imob Sul &amp; Cia' },
  ],
  unidades: [
    ...[101, 102, 103].map((id) => ({ idunidade: id, idempreendimento: 10, nome_empreendimento: 'Residencial Aurora', liberar_a_partir: '01/01/2025' })),
    { idunidade: 104, idempreendimento: 10, nome_empreendimento: 'Residencial Aurora', liberar_a_partir: '2025-03-15' },
    // No liberar_a_partir: launched with the development's first reservation (R16, 2024-02-20).
    { idunidade: 105, idempreendimento: 10, nome_empreendimento: 'Residencial Aurora', liberar_a_partir: null },
    // Development 20: launched with its first reservation (R11, 2025-05-02).
    { idunidade: 201, idempreendimento: 20, nome_empreendimento: 'Parque Sul', liberar_a_partir: null },
    { idunidade: 202, idempreendimento: 20, nome_empreendimento: 'Parque Sul', liberar_a_partir: null },
    // Development 30: no launch day and no reservation: never on offer.
    { idunidade: 301, idempreendimento: 30, nome_empreendimento: 'Vila Nova', liberar_a_partir: null },
  ],
  reservas: [
    // Unit 101: sold, cancelled by a distrato on 10/02, resold on 05/03.
    res({ idreserva: 1, data_cad: '2024-12-20 10:00:00', data_venda: '2025-01-15 10:00:00', idunidade: 101, unidade: '101', valor_contrato: 300000, vgv_tabela: 310000, valor_financiamento: 200000, valor_fgts: 10000, valor_subsidio: 0, idcorretor: 7, corretor: 'Ana Souza', idimobiliaria: 3, imobiliaria: 'Imob Norte', cliente: 'JOÃO DA SILVA' }),
    // Null financing and FGTS: financing from the FINANCIAMENTO series (2 × 100.000), FGTS none.
    res({ idreserva: 2, data_cad: '2025-03-01 09:00:00', data_venda: '2025-03-05 00:00:00', idunidade: 101, unidade: '101', valor_contrato: 320000, vgv_tabela: 330000, valor_financiamento: null, valor_fgts: null, valor_subsidio: 0, idcorretor: 8, corretor: 'Bruno Lima', idimobiliaria: 4, imobiliaria: 'Imob Sul &amp; Cia', cliente: 'MARIA JOSÉ' }),
    // First day of March; pro-soluto exactly 10 % (bucket 10–20 %).
    res({ idreserva: 3, data_venda: '2025-03-01 08:00:00', idunidade: 102, unidade: '102', valor_contrato: 250000, vgv_tabela: 250000, valor_financiamento: 225000, valor_fgts: 0, valor_subsidio: 0, idcorretor: 7, corretor: 'Ana Souza', idimobiliaria: 3, imobiliaria: 'Imob Norte', cliente: 'PEDRO ÁLVARES' }),
    // Last day of March; distrato on 05/04 (the next period), dated by data_cad only.
    res({ idreserva: 4, data_venda: '2025-03-31 18:00:00', idunidade: 103, unidade: '103', valor_contrato: 400000, vgv_tabela: 380000, valor_financiamento: 100000, valor_fgts: 0, valor_subsidio: 0, idcorretor: 9, corretor: 'Carlos Avulso', idimobiliaria: null, imobiliaria: null, cliente: 'CARLA DIAS' }),
    // Sold on 28/02, before the unit's launch (15/03).
    res({ idreserva: 5, data_venda: '2025-02-28 12:00:00', idunidade: 104, unidade: '104', valor_contrato: 200000, vgv_tabela: 200000, valor_financiamento: 190000, valor_fgts: 0, valor_subsidio: 0, idcorretor: 8, corretor: 'Bruno Lima', idimobiliaria: 4, imobiliaria: 'Imob Sul &amp; Cia', cliente: 'LUÍS GAMA' }),
    res({ idreserva: 6, data_venda: '2025-04-01 10:00:00', idunidade: 105, unidade: '105', valor_contrato: 150000, vgv_tabela: 150000, valor_financiamento: 0, valor_fgts: 0, valor_subsidio: 0, idcorretor: 7, corretor: 'Ana Souza', idimobiliaria: 3, imobiliaria: 'Imob Norte', cliente: 'BEATRIZ ROCHA' }),
    // Soft-deleted at the source: never a sale.
    res({ ativo: 'N', idreserva: 7, data_venda: '2025-03-10 10:00:00', idunidade: 104, unidade: '104', valor_contrato: 999999, idcorretor: 7, corretor: 'Ana Souza', idimobiliaria: 3, cliente: 'APAGADO' }),
    // Zero sale date: not a sale.
    res({ idreserva: 8, data_cad: '2024-11-30 08:00:00', data_venda: '0000-00-00 00:00:00', idunidade: 103, unidade: '103', valor_contrato: 777777, idcorretor: 7, cliente: 'SEM DATA' }),
    // A sale with no development, unit, broker or contract value.
    { ativo: 'S', idreserva: 10, data_cad: '2025-03-19 10:00:00', data_venda: '2025-03-20 10:00:00', valor_contrato: null, vgv_tabela: 100000, cliente: 'AVULSO' },
    // Development 20; its distrato has no date at all and is ignored.
    res({ idreserva: 11, data_cad: '2025-05-02 10:00:00', data_venda: '2025-05-10 10:00:00', idempreendimento: 20, empreendimento: 'Parque Sul', idunidade: 202, unidade: '202', valor_contrato: 500000, vgv_tabela: 500000, valor_financiamento: 400000, valor_fgts: 0, valor_subsidio: 20000, idcorretor: 8, corretor: 'Bruno Lima', idimobiliaria: 4, cliente: 'ANA PAULA' }),
    // A year earlier (no unit): R13 and R14 count for March 2024 as of 31/03/2024, R15 does not.
    res({ idreserva: 13, data_cad: '2024-03-01 10:00:00', data_venda: '2024-03-10', valor_contrato: 100000, vgv_tabela: 100000, valor_financiamento: 0, valor_fgts: 0, valor_subsidio: 0, idcorretor: 7, idimobiliaria: 3 }),
    res({ idreserva: 14, data_cad: '2024-03-01 10:00:00', data_venda: '2024-03-20', valor_contrato: 50000, vgv_tabela: 50000, valor_financiamento: 0, valor_fgts: 0, valor_subsidio: 0, idcorretor: 7, idimobiliaria: 3 }),
    res({ idreserva: 15, data_cad: '2024-03-01 10:00:00', data_venda: '2024-03-25', valor_contrato: 70000, vgv_tabela: 70000, valor_financiamento: 0, valor_fgts: 0, valor_subsidio: 0, idcorretor: 7, idimobiliaria: 3 }),
    // 29 February 2024: compares with February 2025 (1–28).
    res({ idreserva: 16, data_cad: '2024-02-20 10:00:00', data_venda: '2024-02-29', valor_contrato: 80000, vgv_tabela: 80000, valor_financiamento: 0, valor_fgts: 0, valor_subsidio: 0, idcorretor: 8, idimobiliaria: 4 }),
  ],
  condicoes: [
    { ativo: 'S', idreservascondicoes: 1, idreserva: 2, serie: 'FINANCIAMENTO', parcela_quantidade: 2, valor: 100000 },
    { ativo: 'S', idreservascondicoes: 2, idreserva: 2, serie: 'ENTRADA', parcela_quantidade: 1, valor: 50000 },
    { ativo: 'S', idreservascondicoes: 3, idreserva: 2, serie: 'PARCELAS MENSAIS', parcela_quantidade: 10, valor: 7000 },
    { ativo: 'S', idreservascondicoes: 4, idreserva: 3, serie: 'Ato', parcela_quantidade: 1, valor: 25000 },
    // Ignored: the reservation has its own valor_financiamento.
    { ativo: 'S', idreservascondicoes: 5, idreserva: 4, serie: 'FINANCIAMENTO', parcela_quantidade: 1, valor: 999999 },
    { ativo: 'N', idreservascondicoes: 6, idreserva: 2, serie: 'FGTS', parcela_quantidade: 1, valor: 30000 },
  ],
  distratos: [
    { ativo: 'S', idreserva: 1, situacao_data: '2025-02-10 00:00:00', data_cad: '2025-02-01 10:00:00' },
    { ativo: 'S', idreserva: 4, situacao_data: null, data_cad: '2025-04-05 09:00:00' },
    { ativo: 'S', idreserva: 11, situacao_data: null, data_cad: '0000-00-00 00:00:00' },
    // Soft-deleted distrato: R3 stands.
    { ativo: 'N', idreserva: 3, situacao_data: '2025-03-15 00:00:00', data_cad: '2025-03-15 00:00:00' },
    { ativo: 'S', idreserva: 14, situacao_data: '2025-01-10', data_cad: '2025-01-05 10:00:00' },
    { ativo: 'S', idreserva: 15, situacao_data: '2024-03-28', data_cad: '2024-03-27 10:00:00' },
  ],
  comissoes: [
    { ativo: 'S', idcomissao: 1, idreserva: 1, valor_comissao: 15000 },
    { ativo: 'S', idcomissao: 2, idreserva: 2, valor_comissao: 16000 },
    { ativo: 'S', idcomissao: 3, idreserva: 2, valor_comissao: 3200 },
    { ativo: 'S', idcomissao: 4, idreserva: 3, valor_comissao: 12500 },
    { ativo: 'N', idcomissao: 5, idreserva: 3, valor_comissao: 99999 },
    { ativo: 'S', idcomissao: 6, idreserva: 4, valor_comissao: 20000 },
    { ativo: 'S', idcomissao: 7, idreserva: 6, valor_comissao: 7500 },
  ],
};

const dateTime = (v: unknown) => (v === null || v === undefined || String(v).startsWith('0000') ? null : String(v));
const active = (r: ApiRow) => (r.ativo === 'N' ? 0 : 1);

/** The connector's storage conventions (0004_cvdw.ts): cents, YYYY-MM-DD days, zero dates as NULL, entities decoded. */
function writeMirror(db: Db, data: ApiData): void {
  const insert = (table: string, row: Record<string, unknown>) => {
    const cols = Object.keys(row);
    db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  };
  db.transaction(() => {
    for (const a of data.imobiliarias) insert('cvdw_agencies', { referencia: String(a.idimobiliaria), active: active(a), idimobiliaria: num(a.idimobiliaria), nome: decode(a.nome), raw: JSON.stringify(a) });
    for (const b of data.corretores) insert('cvdw_brokers', { referencia: String(b.idcorretor), active: active(b), idcorretor: num(b.idcorretor), idimobiliaria: num(b.idimobiliaria), nome: decode(b.nome), imobiliaria: decode(b.imobiliaria), raw: JSON.stringify(b) });
    for (const u of data.unidades) {
      insert('cvdw_units', { referencia: String(u.idunidade), active: 1, idunidade: num(u.idunidade), idempreendimento: num(u.idempreendimento), nome_empreendimento: decode(u.nome_empreendimento), liberar_a_partir: day(u.liberar_a_partir), raw: JSON.stringify(u) });
    }
    for (const r of data.reservas) {
      insert('cvdw_reservations', {
        referencia: String(r.idreserva), active: active(r), idreserva: num(r.idreserva), data_cad: dateTime(r.data_cad), data_venda: day(r.data_venda),
        idempreendimento: num(r.idempreendimento), empreendimento: decode(r.empreendimento), bloco: decode(r.bloco), unidade: decode(r.unidade), idunidade: num(r.idunidade),
        cliente: decode(r.cliente), idcorretor: num(r.idcorretor), corretor: decode(r.corretor), idimobiliaria: num(r.idimobiliaria), imobiliaria: decode(r.imobiliaria),
        valor_contrato_cents: cents(r.valor_contrato), vgv_tabela_cents: cents(r.vgv_tabela), valor_financiamento_cents: cents(r.valor_financiamento),
        valor_fgts_cents: cents(r.valor_fgts), valor_subsidio_cents: cents(r.valor_subsidio), raw: JSON.stringify(r),
      });
    }
    for (const c of data.condicoes) {
      insert('cvdw_reservation_conditions', {
        referencia: String(c.idreservascondicoes), active: active(c), idreservascondicoes: num(c.idreservascondicoes), idreserva: num(c.idreserva), serie: c.serie,
        parcela_quantidade: num(c.parcela_quantidade), valor_cents: cents(c.valor), total_cents: cents(c.valor)! * num(c.parcela_quantidade)!, raw: JSON.stringify(c),
      });
    }
    data.distratos.forEach((d, i) => insert('cvdw_cancellations', { referencia: `d${i}`, active: active(d), idreserva: num(d.idreserva), situacao_data: day(d.situacao_data), data_cad: dateTime(d.data_cad), raw: JSON.stringify(d) }));
    for (const c of data.comissoes) insert('cvdw_commissions', { referencia: String(c.idcomissao), active: active(c), idcomissao: num(c.idcomissao), idreserva: num(c.idreserva), valor_comissao_cents: cents(c.valor_comissao), raw: JSON.stringify(c) });
  })();
}

let dataDir: string;
let core: NexusCore;
const company = () => core.company('acme');
const prep = prepare(DATA);

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'nexus-realestate-'));
  core = new NexusCore({ dataDir, vault: new KeychainVault() });
  core.addCompany('acme', 'ACME Incorporações');
  writeMirror(company().db, DATA);
});
afterAll(() => {
  core.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('realestate KPIs on hand-made edge cases', () => {
  it('count March as of 31/03: first and last day in, the distrato of 05/04 not yet', () => {
    const k = realEstateKpis(company(), { from: '2025-03-01', to: '2025-03-31' }, 'contrato', TODAY);
    // R2 320.000 + R3 250.000 + R4 400.000 + R10 (no value) = 970.000 in 4 sales.
    expect(k).toMatchObject({ from: '2025-03-01', to: '2025-03-31', sales_count: 4, vgv: 970000, avg_ticket: 242500, cancellations: { count: 0, vgv: 0 } });
    expect(k.by_month).toEqual([{ month: '2025-03', sales_count: 4, vgv: 970000 }]);
    // March 2024 as of 31/03/2024: R13 + R14 (its distrato came in 2025); R15 was cancelled on 28/03/2024.
    expect(k.yoy).toEqual([{ month: '2025-03', current: 970000, previous: 150000, current_count: 4, previous_count: 2 }]);
    expect(k.by_broker.map((b) => [b.broker_id, b.broker, b.team, b.sales_count, b.vgv, b.commission])).toEqual([
      [9, 'Carlos Avulso', null, 1, 400000, 20000],
      [8, 'Bruno Lima', 'Imob Sul & Cia', 1, 320000, 19200],
      [7, 'Ana Souza', 'Imob Norte', 1, 250000, 12500],
      [null, 'Sem corretor', null, 1, 0, 0],
    ]);
    expect(k.by_team.map((t) => [t.team_id, t.team, t.sales_count, t.vgv])).toEqual([
      [null, 'Sem imobiliária', 2, 400000],
      [4, 'Imob Sul & Cia', 1, 320000],
      [3, 'Imob Norte', 1, 250000],
    ]);
    expect(k.commissions.total).toBe(51700);
    expect(k.commissions.top.map((t) => t.broker)).toEqual(['Carlos Avulso', 'Bruno Lima', 'Ana Souza', 'Sem corretor']);
    // Pro-soluto: R2 320.000 − 200.000 (series) = 120.000 (37,5 %); R3 25.000 (exactly 10 %); R4 300.000 (75 %); R10 none.
    expect(k.pro_soluto.total).toBe(445000);
    expect(k.pro_soluto.avg_share).toBeCloseTo((0.375 + 0.1 + 0.75) / 3, 12);
    expect(k.pro_soluto.buckets.map((b) => [b.label, b.sales_count, b.total])).toEqual([
      ['0–10 %', 0, 0],
      ['10–20 %', 1, 25000],
      ['20–30 %', 0, 0],
      ['30–50 %', 1, 120000],
      ['≥ 50 %', 1, 300000],
    ]);
    // Development 10 has 5 units, 1 available today (103, free again after its distrato); 20 has 201.
    expect(k.by_development.map((d) => [d.development_id, d.development, d.sales_count, d.vgv, d.units, d.units_available])).toEqual([
      [10, 'Residencial Aurora', 3, 970000, 5, 1],
      [20, 'Parque Sul', 0, 0, 2, 1],
      [null, 'Sem empreendimento', 1, 0, 0, 0],
    ]);
    expectOracle(k, prep, TODAY, '2025-03-01', '2025-03-31');
  });

  it('take a sale out of every period that ends on or after its distrato', () => {
    const k = realEstateKpis(company(), { from: '2025-03-01', to: '2025-04-30' }, 'contrato', TODAY);
    // R4 (31/03) was cancelled on 05/04 ≤ 30/04: out, and reported as a cancellation.
    expect(k).toMatchObject({ sales_count: 4, vgv: 720000, cancellations: { count: 1, vgv: 400000 } });
    expect(k.by_month).toEqual([
      { month: '2025-03', sales_count: 3, vgv: 570000 },
      { month: '2025-04', sales_count: 1, vgv: 150000 },
    ]);
    expectOracle(k, prep, TODAY, '2025-03-01', '2025-04-30');
  });

  it('compute VSO month by month with launches, a resale after a distrato and a sale before launch', () => {
    const k = realEstateKpis(company(), { from: '2025-01-01', to: '2025-05-31' }, 'contrato', TODAY);
    expect(k.vso_by_month).toEqual([
      // 105 on offer since 2024; 101–103 launched 01/01; 101 sold 15/01 (cancelled only in February).
      { month: '2025-01', sold: 1, available: 1, launched: 3, vso: 0.25 },
      // 101 still held on 01/02 (its distrato is on 10/02); 104 sold before its launch.
      { month: '2025-02', sold: 1, available: 3, launched: 0, vso: 1 / 3 },
      // 101 free again on 01/03 and resold; 102 sold on the 1st, 103 on the 31st; 104 launched.
      { month: '2025-03', sold: 3, available: 4, launched: 1, vso: 0.6 },
      // 103 held on 01/04 (its distrato is on 05/04): only 105 is left, sold on 01/04.
      { month: '2025-04', sold: 1, available: 1, launched: 0, vso: 1 },
      // 103 free again; 201 and 202 launched with development 20's first reservation; 202 sold.
      { month: '2025-05', sold: 1, available: 1, launched: 2, vso: 1 / 3 },
    ]);
    expectOracle(k, prep, TODAY, '2025-01-01', '2025-05-31');
  });

  it('give null VSO when nothing is on offer', () => {
    const k = realEstateKpis(company(), { from: '2023-01-01', to: '2023-02-28' }, 'contrato', TODAY);
    expect(k.vso_by_month).toEqual([
      { month: '2023-01', sold: 0, available: 0, launched: 0, vso: null },
      { month: '2023-02', sold: 0, available: 0, launched: 0, vso: null },
    ]);
    expect(k.sales_count).toBe(0);
    expect(k.avg_ticket).toBeNull();
    expect(k.pro_soluto.avg_share).toBeNull();
  });

  it('compare February 2025 (1–28) with February 2024 (1–29)', () => {
    const k = realEstateKpis(company(), { from: '2025-02-01', to: '2025-02-28' }, 'contrato', TODAY);
    expect(k.yoy).toEqual([{ month: '2025-02', current: 200000, previous: 80000, current_count: 1, previous_count: 1 }]);
    expectOracle(k, prep, TODAY, '2025-02-01', '2025-02-28');
    // previous of each month equals by_month of the period shifted one year back.
    const shifted = realEstateKpis(company(), { from: '2024-02-01', to: '2024-02-29' }, 'contrato', TODAY);
    expect(shifted.by_month).toEqual([{ month: '2024-02', sales_count: 1, vgv: 80000 }]);
  });

  it('cover the whole history when no period is given, every distrato counting', () => {
    const k = realEstateKpis(company(), {}, 'contrato', TODAY);
    // R2, R3, R5, R6, R10, R11, R13, R16 stand; R1, R4, R14, R15 were cancelled.
    expect(k).toMatchObject({ from: null, to: null, sales_count: 8, vgv: 1600000, cancellations: { count: 4, vgv: 820000 } });
    expect(k.by_month[0].month).toBe('2024-02');
    expect(k.by_month[k.by_month.length - 1].month).toBe('2025-05');
    expect(k.by_month).toHaveLength(16);
    expect(k.mirror).toEqual({ reservations: 13, units: 8, first_day: '2024-02-29', last_day: '2025-05-10' });
    expectOracle(k, prep, TODAY, null, null);
  });

  it('run a period with only a start to today', () => {
    const k = realEstateKpis(company(), { from: '2025-04-01' }, 'contrato', TODAY);
    expect(k.to).toBe(TODAY);
    expect(k.by_month.map((m) => m.month)).toEqual(['2025-04', '2025-05', '2025-06']);
    expectOracle(k, prep, TODAY, '2025-04-01', null);
  });

  it('use the price-table value with basis "tabela"', () => {
    const k = realEstateKpis(company(), { from: '2025-03-01', to: '2025-03-31' }, 'tabela', TODAY);
    // 330.000 + 250.000 + 380.000 + 100.000
    expect(k).toMatchObject({ vgv_basis: 'tabela', sales_count: 4, vgv: 1060000 });
    expectOracle(k, prep, TODAY, '2025-03-01', '2025-03-31', 'tabela');
  });

  it('reject bad dates and inverted periods with a clear message', () => {
    expect(() => realEstateKpis(company(), { from: '2025-02-30' }, 'contrato', TODAY)).toThrow(/Data inválida em --from: "2025-02-30"/);
    expect(() => realEstateKpis(company(), { from: '2025-05-01', to: '2025-04-01' }, 'contrato', TODAY)).toThrow(/Período invertido/);
    expect(() => salesPage(company(), { filter: { month: '2025-13' } }, TODAY)).toThrow(/Mês inválido/);
  });

  it('see a new distrato written to the mirror on the next read', () => {
    const db = company().db;
    const before = realEstateKpis(company(), { from: '2025-04-01', to: '2025-04-30' }, 'contrato', TODAY);
    expect(before.sales_count).toBe(1);
    db.prepare("INSERT INTO cvdw_cancellations (referencia, active, idreserva, situacao_data, raw) VALUES ('tmp', 1, 6, '2025-04-20', '{}')").run();
    try {
      const after = realEstateKpis(company(), { from: '2025-04-01', to: '2025-04-30' }, 'contrato', TODAY);
      expect(after).toMatchObject({ sales_count: 0, cancellations: { count: 1, vgv: 150000 } });
    } finally {
      db.prepare("DELETE FROM cvdw_cancellations WHERE referencia = 'tmp'").run();
    }
    expect(realEstateKpis(company(), { from: '2025-04-01', to: '2025-04-30' }, 'contrato', TODAY).sales_count).toBe(1);
  });

  it('see a write made by another connection (a sync in another process) on the next read', () => {
    const other = new Database(join(dataDir, 'companies', 'acme.sqlite'));
    try {
      expect(realEstateKpis(company(), { from: '2025-04-01', to: '2025-04-30' }, 'contrato', TODAY).sales_count).toBe(1);
      other.prepare("INSERT INTO cvdw_cancellations (referencia, active, idreserva, situacao_data, raw) VALUES ('tmp2', 1, 6, '2025-04-20', '{}')").run();
      expect(realEstateKpis(company(), { from: '2025-04-01', to: '2025-04-30' }, 'contrato', TODAY).sales_count).toBe(0);
      other.prepare("DELETE FROM cvdw_cancellations WHERE referencia = 'tmp2'").run();
      expect(realEstateKpis(company(), { from: '2025-04-01', to: '2025-04-30' }, 'contrato', TODAY).sales_count).toBe(1);
    } finally {
      other.close();
    }
  });

  it('ignore zero dates written raw into the mirror', () => {
    const db = company().db;
    db.prepare("INSERT INTO cvdw_reservations (referencia, active, idreserva, data_venda, valor_contrato_cents, raw) VALUES ('z1', 1, 9001, '0000-00-00', 100, '{}')").run();
    db.prepare("INSERT INTO cvdw_cancellations (referencia, active, idreserva, situacao_data, data_cad, raw) VALUES ('z2', 1, 6, '0000-00-00', '0000-00-00 00:00:00', '{}')").run();
    try {
      const k = realEstateKpis(company(), {}, 'contrato', TODAY);
      expect(k.sales_count).toBe(8);
      expect(k.mirror.first_day).toBe('2024-02-29');
    } finally {
      db.prepare("DELETE FROM cvdw_reservations WHERE referencia = 'z1'").run();
      db.prepare("DELETE FROM cvdw_cancellations WHERE referencia = 'z2'").run();
    }
  });
});

describe('realestate sales table', () => {
  it('list the sales of a period as of its end, newest first, with every column', () => {
    const page = salesPage(company(), { filter: { from: '2025-03-01', to: '2025-03-31' } }, TODAY);
    expect(page.total).toBe(4);
    expect(page.rows.map((r) => r.reservation_id)).toEqual([4, 10, 2, 3]);
    expect(page.sums).toEqual({ value: 970000, commission: 51700, pro_soluto: 445000 });
    expect(page.rows[2]).toEqual({
      reservation_id: 2,
      sale_date: '2025-03-05',
      development_id: 10,
      development: 'Residencial Aurora',
      unit: 'Bloco A / 101',
      broker_id: 8,
      broker: 'Bruno Lima',
      team_id: 4,
      team: 'Imob Sul & Cia',
      client: 'MARIA JOSÉ',
      value: 320000,
      table_value: 330000,
      financing: 200000,
      fgts: null,
      subsidy: 0,
      down_payment: 50000,
      pro_soluto: 120000,
      commission: 19200,
      cancelled_on: null,
    });
    // R4 still counts as of 31/03 and shows its later distrato.
    expect(page.rows[0]).toMatchObject({ reservation_id: 4, cancelled_on: '2025-04-05', team: null, down_payment: null });
    expect(page.rows[1]).toMatchObject({ reservation_id: 10, development: null, unit: null, broker: null, value: null, pro_soluto: null, commission: null });
  });

  it('drill down by month, development, broker, agency and a search without accents', () => {
    const ids = (filter: Parameters<typeof salesPage>[1]['filter']) => salesPage(company(), { filter, sort: 'sale_date', direction: 'asc' }, TODAY).rows.map((r) => r.reservation_id);
    expect(ids({ from: '2025-01-01', to: '2025-04-30', month: '2025-03' })).toEqual([3, 2, 10]);
    expect(ids({ month: '2025-03' })).toEqual([3, 2, 10]);
    expect(ids({ from: '2025-01-01', to: '2025-03-31', developmentId: 10 })).toEqual([5, 3, 2, 4]);
    expect(ids({ brokerId: 7 })).toEqual([13, 3, 6]);
    expect(ids({ teamId: 4 })).toEqual([16, 5, 2, 11]);
    expect(ids({ search: 'jose' })).toEqual([2]);
    expect(ids({ search: 'BRUNO' })).toEqual([16, 5, 2, 11]);
    expect(ids({ search: 'a / 10' })).toEqual([5, 3, 2, 6]);
    // Every filter agrees with the oracle.
    for (const filter of [{ from: '2025-01-01', to: '2025-04-30', month: '2025-03' }, { teamId: 3 }, { search: 'ana' }, { from: '2025-02-01' }]) {
      expect(ids(filter)).toEqual(expectedRows(prep.sales, filter, TODAY).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.id - b.id)).map((s) => s.id));
    }
  });

  it('sort by any column both ways, nulls first ascending, ties by reservation, and page', () => {
    const all = (sort: NonNullable<Parameters<typeof salesPage>[1]['sort']>, direction: 'asc' | 'desc') => salesPage(company(), { sort, direction, limit: 500 }, TODAY).rows;
    expect(all('value', 'asc').map((r) => r.value)).toEqual([null, 80000, 100000, 150000, 200000, 250000, 320000, 500000]);
    expect(all('value', 'desc').map((r) => r.reservation_id)).toEqual([11, 2, 3, 5, 6, 13, 16, 10]);
    expect(all('client', 'asc').map((r) => r.client)).toEqual([null, null, 'ANA PAULA', 'AVULSO', 'BEATRIZ ROCHA', 'LUÍS GAMA', 'MARIA JOSÉ', 'PEDRO ÁLVARES']);
    expect(all('commission', 'desc')[0]).toMatchObject({ reservation_id: 2, commission: 19200 });
    expect(all('broker', 'asc').map((r) => r.broker)).toEqual([null, 'Ana Souza', 'Ana Souza', 'Ana Souza', 'Bruno Lima', 'Bruno Lima', 'Bruno Lima', 'Bruno Lima']);
    const page = salesPage(company(), { sort: 'value', direction: 'desc', limit: 3, offset: 2 }, TODAY);
    expect(page.total).toBe(8);
    expect(page.rows.map((r) => r.reservation_id)).toEqual([3, 5, 6]);
    expect(page.sums.value).toBe(1600000);
  });

  it('export the filtered table to Excel with pt-BR headers, real dates, R$ formats and totals', async () => {
    const out = await exportSales(company(), { filter: { from: '2025-03-01', to: '2025-03-31' } }, TODAY);
    expect(out.fileName).toBe('vendas-acme-2025-03-01-2025-03-31.xlsx');
    expect(out.rows).toBe(4);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(out.content, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Vendas')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined, 'Reserva', 'Data da venda', 'Empreendimento', 'Unidade', 'Corretor', 'Imobiliária', 'Cliente', 'Valor do contrato', 'Valor de tabela',
      'Financiamento', 'FGTS', 'Subsídio', 'Entrada', 'Pro-soluto', 'Comissão', 'Distrato em',
    ]);
    expect(sheet.rowCount).toBe(6);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:P5');
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe(4);
    expect(first.getCell(2).value).toEqual(new Date('2025-03-31T00:00:00Z'));
    expect(first.getCell(2).numFmt).toBe('dd/mm/yyyy');
    expect(first.getCell(8).value).toBe(400000);
    expect(first.getCell(8).numFmt).toContain('"R$"');
    expect(first.getCell(16).value).toEqual(new Date('2025-04-05T00:00:00Z'));
    expect(sheet.getRow(3).getCell(8).value).toBeNull();
    const totals = sheet.getRow(6);
    expect(totals.getCell(1).value).toBe('Total');
    expect(totals.getCell(8).value).toEqual({ formula: 'SUBTOTAL(109,H2:H5)', result: 970000 });
    expect(totals.getCell(14).value).toEqual({ formula: 'SUBTOTAL(109,N2:N5)', result: 445000 });
    expect(totals.getCell(15).value).toEqual({ formula: 'SUBTOTAL(109,O2:O5)', result: 51700 });
  });

  it('name the export after a month drill-down and an open period', async () => {
    expect((await exportSales(company(), { filter: { from: '2025-01-01', to: '2025-06-30', month: '2025-02' } }, TODAY)).fileName).toBe('vendas-acme-2025-02-01-2025-02-28.xlsx');
    expect((await exportSales(company(), {}, TODAY)).fileName).toBe('vendas-acme-inicio-hoje.xlsx');
  });
});

describe('nexus kpi <company> realestate', () => {
  it('print the KPIs as JSON with the documented field names, and a pt-BR summary', () => {
    const run = nexus(['--data-dir', dataDir, 'kpi', 'acme', 'realestate', '--from', '2025-03-01', '--to', '2025-03-31', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const k = JSON.parse(run.stdout);
    expect(k).toMatchObject({ area: 'realestate', sales_count: 4, vgv: 970000, avg_ticket: 242500 });
    expect(Object.keys(k.by_month[0])).toEqual(['month', 'sales_count', 'vgv']);
    expect(Object.keys(k.by_development[0])).toEqual(expect.arrayContaining(['development', 'sales_count', 'vgv']));
    expect(Object.keys(k.by_broker[0])).toEqual(expect.arrayContaining(['broker', 'sales_count', 'vgv', 'commission']));
    expect(Object.keys(k.vso_by_month[0])).toEqual(expect.arrayContaining(['month', 'sold', 'available', 'vso']));
    expect(Object.keys(k.yoy[0])).toEqual(expect.arrayContaining(['month', 'current', 'previous']));
    const text = nexus(['--data-dir', dataDir, 'kpi', 'acme', 'realestate', '--from', '2025-03-01', '--to', '2025-03-31']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Vendas imobiliárias — acme (de 01/03/2025 a 31/03/2025)');
    expect(text.stdout).toMatch(/VGV \(contrato\):\s+R\$ 970\.000,00/);
    expect(text.stdout).toMatch(/Ticket médio:\s+R\$ 242\.500,00/);
  });
});
