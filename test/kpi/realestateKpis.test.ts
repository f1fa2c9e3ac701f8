import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSales, realEstateKpis, salesPage } from '../../src/main/core/kpi/realestate';
import { NexusCore } from '../../src/main/core/nexusCore';
import { KeychainVault } from '../../src/main/core/secrets/vault';
import { startCvdwSim, type CvdwSim } from '../../src/main/sim/cvdw';
import { expectedRows, expectOracle, prepare, type OracleSale } from './realestateOracle';

/**
 * The realestate KPIs over the small simulator dataset synced through the real connector, checked
 * against the naive oracle computed from the simulator's own rows (with its dirt: zero dates,
 * ids as text, dd/mm/yyyy launch days, HTML entities).
 */
const REFERENCE_DAY = '2025-06-30';

let sim: CvdwSim;
let core: NexusCore;
let dataDir: string;
let prep: ReturnType<typeof prepare>;
const company = () => core.company('acme');

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'nexus-realestate-sim-'));
  sim = await startCvdwSim({ seed: 11, size: 'small', rateLimit: false, referenceDay: REFERENCE_DAY });
  core = new NexusCore({ dataDir, vault: new KeychainVault(), tuning: { cvdw: { retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 }, rateLimit: false } } });
  core.addCompany('acme', 'Construtora Acme');
  core.setSourceSettings('acme', 'cvdw', { url: sim.url, email: sim.email });
  const outcome = await core.startSync('acme', 'cvdw').done;
  if (outcome.status !== 'succeeded') throw new Error(outcome.error?.message ?? outcome.status);
  prep = prepare({
    reservas: sim.rows('reservas'),
    condicoes: sim.rows('reservas/condicoes'),
    distratos: sim.rows('distratos'),
    comissoes: sim.rows('comissoes'),
    unidades: sim.rows('unidades'),
    corretores: sim.rows('corretores'),
    imobiliarias: sim.rows('imobiliarias'),
  });
}, 120_000);
afterAll(async () => {
  core?.close();
  await sim?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const byDate = (a: OracleSale, b: OracleSale) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.id - b.id);

describe('realestate KPIs over the simulator', () => {
  it('has the cases that matter in the data: distratos, resold units, several years', () => {
    const cancelled = prep.sales.filter((s) => s.cancelledOn !== null);
    expect(prep.sales.length).toBeGreaterThan(500);
    expect(cancelled.length).toBeGreaterThan(20);
    const perUnit = new Map<number, number>();
    for (const s of prep.sales) if (s.unitId !== null) perUnit.set(s.unitId, (perUnit.get(s.unitId) ?? 0) + 1);
    expect([...perUnit.values()].some((n) => n > 1)).toBe(true);
    expect(new Set(prep.sales.map((s) => s.day.slice(0, 4))).size).toBeGreaterThanOrEqual(3);
    expect(prep.units.length).toBeGreaterThan(500);
  });

  it('match the oracle over the whole history', () => {
    const k = realEstateKpis(company(), {}, 'contrato', REFERENCE_DAY);
    expect(k.sales_count).toBeGreaterThan(0);
    expectOracle(k, prep, REFERENCE_DAY, null, null);
  });

  it.each([
    ['the last 12 months', '2024-07-01', '2025-06-30'],
    ['2024 against 2023', '2024-01-01', '2024-12-31'],
    ['one month', '2025-03-01', '2025-03-31'],
    ['an odd range across months', '2024-02-10', '2024-05-17'],
    ['a leap February', '2024-02-01', '2024-02-29'],
  ])('match the oracle for %s, VSO and YoY included', (_name, from, to) => {
    const k = realEstateKpis(company(), { from, to }, 'contrato', REFERENCE_DAY);
    expect(k.sales_count).toBeGreaterThan(0);
    expectOracle(k, prep, REFERENCE_DAY, from, to);
    expect(k.yoy.some((y) => y.previous > 0)).toBe(true);
    expect(k.vso_by_month.some((v) => v.vso !== null && v.vso > 0)).toBe(true);
  });

  it('match the oracle with the price-table basis and a period with only a start', () => {
    expectOracle(realEstateKpis(company(), { from: '2024-01-01', to: '2024-12-31' }, 'tabela', REFERENCE_DAY), prep, REFERENCE_DAY, '2024-01-01', '2024-12-31', 'tabela');
    expectOracle(realEstateKpis(company(), { from: '2025-01-01' }, 'contrato', REFERENCE_DAY), prep, REFERENCE_DAY, '2025-01-01', null);
  });

  it('page, filter and sum the sales table like the oracle', () => {
    const devId = prep.sales[0].developmentId!;
    const brokerId = prep.sales[prep.sales.length - 1].brokerId!;
    const client = prep.sales.find((s) => s.client && s.cancelledOn === null)!.client!;
    for (const filter of [{ from: '2024-07-01', to: '2025-06-30' }, { from: '2024-01-01', to: '2024-12-31', month: '2024-06' }, { developmentId: devId }, { brokerId }, { search: client.split(' ')[0].toLowerCase() }]) {
      const rows = expectedRows(prep.sales, filter, REFERENCE_DAY).sort(byDate).reverse();
      const page = salesPage(company(), { filter, limit: 100 }, REFERENCE_DAY);
      expect(page.total).toBe(rows.length);
      expect(page.rows.map((r) => r.reservation_id)).toEqual(rows.slice(0, 100).map((s) => s.id));
      expect(Math.round(page.sums.value * 100)).toBe(rows.reduce((t, s) => t + (s.value ?? 0), 0));
      expect(Math.round(page.sums.commission * 100)).toBe(rows.reduce((t, s) => t + (s.commission ?? 0), 0));
      expect(Math.round(page.sums.pro_soluto * 100)).toBe(rows.reduce((t, s) => t + (s.proSoluto ?? 0), 0));
    }
    const rows = expectedRows(prep.sales, {}, REFERENCE_DAY);
    const second = salesPage(company(), { sort: 'value', direction: 'desc', limit: 50, offset: 50 }, REFERENCE_DAY);
    const byValue = [...rows].sort((a, b) => (b.value ?? -1) - (a.value ?? -1) || b.id - a.id);
    expect(second.rows.map((r) => r.reservation_id)).toEqual(byValue.slice(50, 100).map((s) => s.id));
    const one = salesPage(company(), { filter: { search: String(rows[0].client) }, limit: 500 }, REFERENCE_DAY).rows.find((r) => r.reservation_id === rows[0].id)!;
    const s = rows[0];
    const money = (c: number | null) => (c === null ? null : c / 100);
    expect(one).toEqual({
      reservation_id: s.id, sale_date: s.day, development_id: s.developmentId, development: s.development, unit: s.unit, broker_id: s.brokerId, broker: s.broker,
      team_id: s.teamId, team: s.team, client: s.client, value: money(s.value), table_value: money(s.table), financing: money(s.financing), fgts: money(s.fgts),
      subsidy: money(s.subsidy), down_payment: money(s.downPayment), pro_soluto: money(s.proSoluto), commission: money(s.commission), cancelled_on: s.cancelledOn,
    });
  });

  it('export the last 12 months to Excel with every row and the right totals', async () => {
    const filter = { from: '2024-07-01', to: '2025-06-30' };
    const rows = expectedRows(prep.sales, filter, REFERENCE_DAY).sort(byDate).reverse();
    const out = await exportSales(company(), { filter }, REFERENCE_DAY);
    expect(out.rows).toBe(rows.length);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(out.content, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Vendas')!;
    expect(sheet.rowCount).toBe(rows.length + 2);
    const ids: number[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1 && n < rows.length + 2) ids.push(row.getCell(1).value as number);
    });
    expect(ids).toEqual(rows.map((s) => s.id));
    const totals = sheet.getRow(rows.length + 2);
    const result = (col: number) => Math.round(((totals.getCell(col).value as { result: number }).result) * 100);
    expect(result(8)).toBe(rows.reduce((t, s) => t + (s.value ?? 0), 0));
    expect(result(13)).toBe(rows.reduce((t, s) => t + (s.downPayment ?? 0), 0));
    expect(result(15)).toBe(rows.reduce((t, s) => t + (s.commission ?? 0), 0));
  });
});
