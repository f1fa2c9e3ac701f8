import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, launchChromium, watchProblems } from '../helpers/e2e';
import type { RealEstateKpis } from '../../src/shared/realestate';
import { createHandlers } from '../../src/main/core/api';
import { NexusCore } from '../../src/main/core/nexusCore';
import { KeychainVault } from '../../src/main/core/secrets/vault';
import { startCvdwSim, type CvdwSim } from '../../src/main/sim/cvdw';
import { startBridge, type BridgeServer } from '../../src/main/testing/bridgeServer';
import { serveRenderer } from '../../src/main/testing/rendererServer';

/**
 * The real-estate sales page in a real Chromium: the BUILT renderer under its strict CSP, the real
 * core through the test bridge, the real keychain and the CVDW simulator. The consultant connects
 * CVDW, syncs from the page, reads KPI cards that must equal `kpi.realestate`, switches period
 * presets, drills down from a bar (on the canvas) and from the keyboard table, and exports Excel.
 */
const ROOT = join(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results/screenshots');
const COMPANY = 'incorporadora-sol';
const TIME_ZONE = 'America/Sao_Paulo';

let browser: Browser;
let sim: CvdwSim;
let core: NexusCore;
let handlers: ReturnType<typeof createHandlers>;
let bridge: BridgeServer;
let app: { url: string; close(): Promise<void> };
let dataDir: string;
const problems: string[] = [];

beforeAll(async () => {
  buildApp();
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'nexus-e2e-re-'));
  // Credentials of a real account (not the simulator's public demo pair), so the card is not in demo mode.
  sim = await startCvdwSim({ seed: 21, size: 'small', rateLimit: false, email: 'vendas@incorporadora-sol.com.br', token: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00' });
  core = new NexusCore({ dataDir, vault: new KeychainVault() });
  handlers = createHandlers(core, { version: 'e2e', mode: 'bridge' });
  bridge = await startBridge(core, handlers);
  app = await serveRenderer(join(ROOT, 'out/renderer'), bridge);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await bridge?.close();
  core?.close();
  await sim?.close();
  await new KeychainVault().delete(`${COMPANY}/cvdw/token`).catch(() => false);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function open(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'pt-BR', timezoneId: TIME_ZONE, acceptDownloads: true });
  await watchProblems(page, problems);
  await page.goto(app.url);
  return page;
}

async function ready(page: Page, testId?: string): Promise<void> {
  if (testId) {
    await page.getByTestId(testId).first().waitFor({ state: 'visible', timeout: 60_000 }).catch(async (err) => {
      await page.screenshot({ path: join(SHOTS, 'e2e-realestate-failure.png') });
      throw err;
    });
  }
  await page.waitForFunction(() => document.documentElement.dataset.appState === 'ready', null, { timeout: 30_000 });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SHOTS, `e2e-re-${name}.png`) });
}

/** Calls the real core the way the renderer does, through the contract's handler. */
async function kpis(range: { from?: string; to?: string }): Promise<RealEstateKpis> {
  return (await handlers['kpi.realestate']({ company: COMPANY, ...range })) as RealEstateKpis;
}

/** Today in the company's zone, computed here independently of the renderer's presets. */
function today(): { day: string; year: number; month: number } {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return { day, year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)) };
}
const pad = (n: number) => String(n).padStart(2, '0');
const firstDay = (year: number, month: number) => `${year}-${pad(month)}-01`;

async function cardValue(page: Page, key: string): Promise<number | null> {
  const raw = await page.getByTestId(`kpi-${key}`).getAttribute('data-value');
  return raw === 'null' ? null : Number(raw);
}

async function expectCards(page: Page, expected: RealEstateKpis): Promise<void> {
  expect(await cardValue(page, 'sales_count')).toBe(expected.sales_count);
  expect(await cardValue(page, 'vgv')).toBe(expected.vgv);
  expect(await cardValue(page, 'avg_ticket')).toBe(expected.avg_ticket);
  expect(await cardValue(page, 'cancellations')).toBe(expected.cancellations.count);
  expect(await cardValue(page, 'commissions')).toBe(expected.commissions.total);
}

async function tableTotal(page: Page): Promise<number> {
  await page.waitForFunction(() => document.querySelector('[data-testid="sales-table"]')?.getAttribute('data-loading') === 'false', null, { timeout: 30_000 });
  await ready(page);
  return Number(await page.getByTestId('sales-table').getAttribute('data-total'));
}

/**
 * Finds the VGV bars on the chart's canvas by their colour (the accent, #4f46e5), below the legend,
 * and returns the centre of the tallest one in page coordinates.
 */
async function tallestBar(page: Page, testId: string): Promise<{ x: number; y: number }> {
  const found = await page.getByTestId(testId).locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    const { width, height } = canvas;
    const pixels = ctx.getImageData(0, 0, width, height).data;
    const top = 36;
    const columns: number[] = [];
    for (let x = 0; x < width; x++) {
      let count = 0;
      for (let y = top; y < height; y++) {
        const i = (y * width + x) * 4;
        if (Math.abs(pixels[i] - 79) < 6 && Math.abs(pixels[i + 1] - 70) < 6 && Math.abs(pixels[i + 2] - 229) < 6) count++;
      }
      columns.push(count);
    }
    let best = { x: -1, count: 0 };
    for (let x = 0; x < width; x++) if (columns[x] > best.count) best = { x, count: columns[x] };
    if (best.x < 0) return null;
    let left = best.x;
    let right = best.x;
    while (left > 0 && columns[left - 1] > 0) left--;
    while (right < width - 1 && columns[right + 1] > 0) right++;
    const rect = canvas.getBoundingClientRect();
    let bottom = height - 1;
    const mid = Math.round((left + right) / 2);
    while (bottom > top) {
      const i = (bottom * width + mid) * 4;
      if (Math.abs(pixels[i] - 79) < 6 && Math.abs(pixels[i + 1] - 70) < 6 && Math.abs(pixels[i + 2] - 229) < 6) break;
      bottom--;
    }
    return { x: rect.left + ((left + right) / 2) * (rect.width / width), y: rect.top + (bottom - 4) * (rect.height / height) };
  });
  if (!found) throw new Error(`no bar drawn on ${testId}`);
  return found;
}

describe('Vendas imobiliárias in Chromium', () => {
  it('connects CVDW, syncs, matches kpi.realestate, follows period presets, drills down and exports Excel', async () => {
    core.addCompany(COMPANY, 'Incorporadora Sol');
    const page = await open();

    // Not connected: the page says what to do.
    await ready(page, 'nav-realestate');
    await page.getByTestId('nav-realestate').click();
    await ready(page, 'realestate-empty-connect');
    expect(await page.getByTestId('realestate-empty-connect').innerText()).toContain('Conecte o CVDW em Configurações e sincronize');
    await shot(page, '01-not-connected');

    // Settings: address, e-mail and token (into the real keychain), then the connection test.
    await page.getByTestId('realestate-open-settings').click();
    await ready(page, 'settings-cvdw-url');
    await page.getByTestId('settings-cvdw-url').fill(sim.url);
    await page.getByTestId('settings-cvdw-email').fill(sim.email);
    await page.getByTestId('settings-cvdw-token').fill(sim.token);
    // The simulator's limit is off: the connector may pace at the highest budget the card accepts.
    await page.getByTestId('settings-cvdw-requests-per-minute').fill('600');
    await page.getByTestId('settings-cvdw-save').click();
    await expect.poll(() => page.getByTestId('settings-cvdw-token-status').getAttribute('data-configured')).toBe('true');
    expect(await new KeychainVault().get(`${COMPANY}/cvdw/token`)).toBe(sim.token);
    await page.getByTestId('settings-cvdw-test').click();
    await page.getByTestId('settings-cvdw-test-result').waitFor();
    expect(await page.getByTestId('settings-cvdw-test-result').getAttribute('data-ok')).toBe('true');
    await page.getByTestId('settings-cvdw').scrollIntoViewIfNeeded();
    await shot(page, '02-settings');
    await page.reload();
    await ready(page, 'settings-cvdw-token');
    expect(await page.getByTestId('settings-cvdw-token').inputValue()).toBe('');
    expect(await page.content()).not.toContain(sim.token);

    // Sync from the page's empty state, with live progress.
    await page.getByTestId('nav-realestate').click();
    await ready(page, 'realestate-empty-sync');
    await page.getByTestId('realestate-sync-start').click();
    await page.getByTestId('sync-progress').waitFor();
    await shot(page, '03-syncing');
    await ready(page, 'kpi-sales_count');

    // Default preset, "Últimos 12 meses": from the first day of the month 11 months ago to today.
    const { day, year, month } = today();
    const last12 = { from: month === 12 ? firstDay(year, 1) : firstDay(year - 1, month + 1), to: day };
    const expected12 = await kpis(last12);
    expect(expected12.sales_count).toBeGreaterThan(0);
    await expectCards(page, expected12);
    expect(await page.getByTestId('kpi-vgv').innerText()).toMatch(/^R\$ [\d.]+,\d{2}$/);
    expect(await page.getByTestId('period-range').innerText()).toContain(`${last12.from.slice(8, 10)}/${last12.from.slice(5, 7)}/${last12.from.slice(0, 4)}`);
    // The table behind the cards holds exactly the period's sales, with the same sums.
    expect(await tableTotal(page)).toBe(expected12.sales_count);
    expect(Number(await page.getByTestId('sales-total-value').getAttribute('data-value'))).toBeCloseTo(expected12.vgv, 2);
    await page.getByTestId('chart-monthly-vgv').locator('canvas').first().waitFor();
    await shot(page, '04-dashboard');

    // "Este ano vs anterior": the year to date; the numbers follow.
    const thisYear = { from: `${year}-01-01`, to: day };
    const expectedYear = await kpis(thisYear);
    await page.getByTestId('period-year_vs_previous').click();
    await ready(page, 'kpi-sales_count');
    await expect.poll(() => cardValue(page, 'sales_count')).toBe(expectedYear.sales_count);
    await expectCards(page, expectedYear);
    expect(await tableTotal(page)).toBe(expectedYear.sales_count);

    // "Este mês".
    const thisMonth = { from: firstDay(year, month), to: day };
    const expectedMonth = await kpis(thisMonth);
    // The presets must differ on this data, or the checks above could not tell them apart.
    expect(new Set([expected12.sales_count, expectedYear.sales_count, expectedMonth.sales_count]).size).toBe(3);
    await page.getByTestId('period-this_month').click();
    await expect.poll(() => cardValue(page, 'sales_count')).toBe(expectedMonth.sales_count);
    await ready(page, 'kpi-sales_count');
    await expectCards(page, expectedMonth);

    // "Intervalo": two typed dates.
    const interval = { from: `${year - 1}-03-01`, to: `${year - 1}-05-31` };
    const expectedInterval = await kpis(interval);
    await page.getByTestId('period-custom').click();
    await page.getByTestId('period-from').fill('01/03/' + String(year - 1));
    await page.getByTestId('period-to').fill('31/05/' + String(year - 1));
    await expect.poll(() => cardValue(page, 'sales_count')).toBe(expectedInterval.sales_count);
    await ready(page, 'kpi-sales_count');
    await expectCards(page, expectedInterval);

    // Back to 12 months; click the tallest VGV bar on the canvas: the table shows that month's sales.
    await page.getByTestId('period-last_12_months').click();
    await expect.poll(() => cardValue(page, 'sales_count')).toBe(expected12.sales_count);
    await ready(page, 'kpi-sales_count');
    await page.getByTestId('chart-monthly-vgv').scrollIntoViewIfNeeded();
    await page.waitForTimeout(900);
    const bar = await tallestBar(page, 'chart-monthly-vgv');
    await page.mouse.click(bar.x, bar.y);
    const chip = page.locator('[data-testid="filter-chip"][data-kind="month"]');
    await chip.waitFor();
    const drilledMonth = await chip.getAttribute('data-value');
    const topMonth = [...expected12.yoy].sort((a, b) => b.current - a.current)[0];
    expect(drilledMonth).toBe(topMonth.month);
    const monthRow = expected12.by_month.find((m) => m.month === drilledMonth);
    expect(await tableTotal(page)).toBe(monthRow?.sales_count);
    expect(Number(await page.getByTestId('sales-total-value').getAttribute('data-value'))).toBeCloseTo(monthRow?.vgv ?? NaN, 2);
    await shot(page, '05-drill-month');

    // Export the drilled rows: the file has the table's rows, in the table's order.
    const firstRow = page.getByTestId('sale-row').first();
    await firstRow.waitFor();
    const firstId = Number(await firstRow.getAttribute('data-reservation-id'));
    const firstValue = Number(await firstRow.getAttribute('data-value'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('sales-export').click()]);
    const file = join(dataDir, download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.getByTestId('sales-export-result').waitFor();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toContain('Valor do contrato');
    const dataRows: ExcelJS.Row[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(1).value !== 'Total') dataRows.push(row);
    });
    expect(dataRows.length).toBe(monthRow?.sales_count);
    const valueColumn = headers.indexOf('Valor do contrato') + 1;
    expect(Number(dataRows[0].getCell(1).value)).toBe(firstId);
    expect(Number(dataRows[0].getCell(valueColumn).value)).toBeCloseTo(firstValue, 2);

    // Removing the chip brings back every sale of the period.
    await chip.getByTestId('filter-chip-remove').click();
    await expect.poll(() => tableTotal(page)).toBe(expected12.sales_count);

    // Virtual scrolling: only the rows in view are in the DOM, and the end of the list is fetched
    // on demand (past the first page of 200) when the user gets there.
    expect(expected12.sales_count).toBeGreaterThan(400);
    expect(await page.getByTestId('sale-row').count()).toBeLessThan(80);
    await page.getByTestId('sales-scroll').evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    const lastRow = page.locator(`[data-testid="sale-row"][aria-rowindex="${expected12.sales_count + 1}"]`);
    await lastRow.waitFor();
    const coreLast = (await handlers['realestate.sales']({ company: COMPANY, filter: last12, sort: 'sale_date', direction: 'desc', offset: expected12.sales_count - 1, limit: 1 })) as { rows: Array<{ reservation_id: number }> };
    expect(Number(await lastRow.getAttribute('data-reservation-id'))).toBe(coreLast.rows[0].reservation_id);
    expect(await page.getByTestId('sale-row').count()).toBeLessThan(80);
    await page.getByTestId('sales-scroll').evaluate((el) => {
      el.scrollTop = 0;
    });

    // Keyboard drill-down: the development chart as a table, Enter on its first row.
    await page.getByTestId('chart-developments-as-table').click();
    const devRow = page.getByTestId('chart-developments-table').getByTestId('drill-row').first();
    await devRow.focus();
    await page.keyboard.press('Enter');
    const devChip = page.locator('[data-testid="filter-chip"][data-kind="development"]');
    await devChip.waitFor();
    const development = [...expected12.by_development].sort((a, b) => b.vgv - a.vgv)[0];
    expect(Number(await devChip.getAttribute('data-value'))).toBe(development.development_id);
    expect(await tableTotal(page)).toBe(development.sales_count);
    await shot(page, '06-drill-development');

    // Sorting by a header click: value, largest first.
    await page.getByTestId('sales-sort-value').click();
    await tableTotal(page);
    const values = await page.getByTestId('sale-row').evaluateAll((rows) => rows.slice(0, 20).map((r) => Number(r.getAttribute('data-value'))));
    expect(values.length).toBeGreaterThan(1);
    expect(values).toEqual([...values].sort((a, b) => b - a));

    expect(problems).toEqual([]);
  }, 600_000);
});
