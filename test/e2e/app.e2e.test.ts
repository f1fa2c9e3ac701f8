import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, launchChromium, watchProblems } from '../helpers/e2e';
import { createHandlers } from '../../src/main/core/api';
import { NexusCore } from '../../src/main/core/nexusCore';
import { KeychainVault } from '../../src/main/core/secrets/vault';
import { startPloomesSim, type PloomesSim } from '../../src/main/sim/ploomes';
import { startBridge, type BridgeServer } from '../../src/main/testing/bridgeServer';
import { serveRenderer } from '../../src/main/testing/rendererServer';
import { nexusAsync } from '../helpers/cli';

/**
 * The whole slice in a real Chromium: the BUILT renderer under its strict CSP, the real core through
 * the test bridge, the real keychain, and the Ploomes simulator. A consultant creates the company,
 * enters the URL and key, tests the connection, syncs with live progress, and reads the dashboard —
 * whose numbers must equal `nexus kpi … --json`.
 */
const ROOT = join(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results/screenshots');
const KEY = 'e2e-user-key-7f3a9c';

let browser: Browser;
let sim: PloomesSim;
let core: NexusCore;
let bridge: BridgeServer;
let app: { url: string; close(): Promise<void> };
let dataDir: string;
const problems: string[] = [];

beforeAll(async () => {
  buildApp();
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'nexus-e2e-'));
  sim = await startPloomesSim({ seed: 5, size: { customers: 300, deals: 12_000 }, userKeys: [KEY], latencyMs: { min: 40, max: 60 }, rateLimit: false });
  core = new NexusCore({ dataDir, vault: new KeychainVault() });
  bridge = await startBridge(core, createHandlers(core, { version: 'e2e', mode: 'bridge' }));
  app = await serveRenderer(join(ROOT, 'out/renderer'), bridge);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await bridge?.close();
  core?.close();
  await sim?.close();
  for (const account of ['comercial-silva/ploomes/key']) await new KeychainVault().delete(account).catch(() => false);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function open(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  await watchProblems(page, problems);
  await page.goto(app.url);
  return page;
}

async function ready(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).first().waitFor({ state: 'visible', timeout: 30_000 }).catch(async (err) => {
    await page.screenshot({ path: join(SHOTS, 'e2e-failure.png') });
    throw err;
  });
  await page.waitForFunction(() => document.documentElement.dataset.appState === 'ready', null, { timeout: 30_000 });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SHOTS, `e2e-${name}.png`) });
}

describe('the app in Chromium', () => {
  it('configures Ploomes, syncs with live progress and shows the same numbers as the CLI', async () => {
    const page = await open();

    // First run: create the company.
    await ready(page, 'welcome');
    await shot(page, '01-welcome');
    await page.getByTestId('company-name').fill('Comercial Silva');
    await expect.poll(() => page.getByTestId('company-slug').inputValue()).toBe('comercial-silva');
    await page.getByTestId('company-create').click();
    await ready(page, 'dashboard-empty-connect');
    await shot(page, '02-dashboard-empty');

    // Settings: URL and key (into the real keychain), then test the connection.
    await page.getByTestId('dashboard-open-settings').click();
    await ready(page, 'settings-ploomes-url');
    await page.getByTestId('settings-ploomes-url').fill(sim.url);
    await page.getByTestId('settings-ploomes-key').fill(KEY);
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('settings-key-status').getAttribute('data-configured')).toBe('true');
    expect(await new KeychainVault().get('comercial-silva/ploomes/key')).toBe(KEY);
    await page.getByTestId('settings-test').click();
    await page.getByTestId('settings-test-result').waitFor();
    expect(await page.getByTestId('settings-test-result').getAttribute('data-ok')).toBe('true');
    await shot(page, '03-settings');
    // The key never comes back to the renderer.
    await page.reload();
    await ready(page, 'settings-ploomes-key');
    expect(await page.getByTestId('settings-ploomes-key').inputValue()).toBe('');
    expect(await page.content()).not.toContain(KEY);

    // Sync: the bar advances and finishes.
    await page.getByTestId('nav-sync').click();
    await ready(page, 'sync-start');
    await page.getByTestId('sync-start').click();
    const progress = page.getByTestId('sync-progress');
    await progress.waitFor();
    const seen: number[] = [];
    let totalSeen = false;
    for (let i = 0; i < 400 && !(await page.getByTestId('sync-result').count()); i++) {
      if (await progress.count()) {
        const done = Number(await progress.getAttribute('data-done').catch(() => null));
        const total = await progress.getAttribute('data-total').catch(() => null);
        if (Number.isFinite(done) && done > 0) seen.push(done);
        if (total && Number(total) > 0) totalSeen = true;
        if (seen.length === 3) await shot(page, '04-sync-running');
      }
      await page.waitForTimeout(50);
    }
    await page.getByTestId('sync-result').waitFor();
    expect(await page.getByTestId('sync-result').getAttribute('data-status')).toBe('succeeded');
    const distinct = [...new Set(seen)];
    expect(distinct.length).toBeGreaterThanOrEqual(3);
    expect(distinct).toEqual([...distinct].sort((a, b) => a - b));
    expect(totalSeen).toBe(true);
    await page.getByTestId('run-row').first().waitFor();
    expect(await page.getByTestId('run-row').first().getAttribute('data-status')).toBe('succeeded');
    await shot(page, '05-sync-done');

    // Dashboard equals `nexus kpi --json` run on the same data.
    await page.getByTestId('nav-dashboard').click();
    await ready(page, 'kpi-deals_won');
    await page.getByTestId('chart-by-year').locator('canvas').first().waitFor();
    await shot(page, '06-dashboard');
    // A chart tooltip (ECharts writes inline style attributes) must live with the CSP.
    const chart = await page.getByTestId('chart-by-month').boundingBox();
    await page.mouse.move(chart!.x + chart!.width / 2, chart!.y + chart!.height / 2);
    await page.waitForTimeout(500);
    const cli = await nexusAsync(['--data-dir', dataDir, 'kpi', 'comercial-silva', 'crm', '--json']);
    expect(cli.code).toBe(0);
    const kpis = JSON.parse(cli.stdout);
    expect(kpis.deals_won).toBe([...sim.deals()].filter((d) => d.StatusId === 2).length);
    const value = async (key: string) => page.getByTestId(`kpi-${key}`).getAttribute('data-value');
    expect(Number(await value('deals_won'))).toBe(kpis.deals_won);
    expect(Number(await value('revenue'))).toBe(kpis.revenue);
    expect(Number(await value('avg_deal_value'))).toBe(kpis.avg_deal_value);
    expect(Number(await value('customers_with_purchase'))).toBe(kpis.customers_with_purchase);
    expect(Number(await value('win_rate'))).toBeCloseTo(kpis.win_rate, 10);
    expect(Number(await value('open_deals'))).toBe(kpis.open_deals.count);
    const rows = page.getByTestId('top-customer-row');
    expect(await rows.count()).toBe(kpis.top_customers.length);
    for (let i = 0; i < kpis.top_customers.length; i++) {
      expect(Number(await rows.nth(i).getAttribute('data-customer-id'))).toBe(kpis.top_customers[i].customer_id);
      expect(Number(await rows.nth(i).getAttribute('data-revenue'))).toBe(kpis.top_customers[i].revenue);
    }
    // pt-BR money on the card.
    expect(await page.getByTestId('kpi-revenue').innerText()).toMatch(/^R\$ [\d.]+,\d{2}$/);

    // Customers: search and drill down.
    await page.getByTestId('nav-customers').click();
    await ready(page, 'customers-table');
    const topName: string = kpis.top_customers[0].name;
    await page.getByTestId('customers-search').fill(topName.slice(0, 8));
    await expect.poll(async () => page.getByTestId('customer-row').first().getAttribute('data-customer-id'), { timeout: 10_000 }).toBe(String(kpis.top_customers[0].customer_id));
    await shot(page, '07-customers');
    await page.getByTestId('customer-row').first().click();
    await ready(page, 'customer-detail');
    expect(await page.getByTestId('deal-row').count()).toBeGreaterThan(0);
    await shot(page, '08-customer-detail');

    expect(problems).toEqual([]);
  }, 240_000);

  it('shows a failing sync loudly, with since when and what to do', async () => {
    sim.faults.forbiddenAfterRequests = 0;
    const page = await open();
    await ready(page, 'dashboard');
    await page.getByTestId('nav-sync').click();
    await ready(page, 'sync-start');
    await page.getByTestId('sync-start').click();
    await page.getByTestId('sync-result').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('sync-result').getAttribute('data-status')).toBe('failed');
    const banner = page.getByTestId('health-banner');
    await banner.waitFor();
    const text = await banner.innerText();
    expect(text).toMatch(/Sincronização do Ploomes falhando desde \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(text).toContain('Chave de API do Ploomes recusada (403)');
    await shot(page, '09-health-banner');
    sim.faults.forbiddenAfterRequests = undefined;
    expect(problems).toEqual([]);
  }, 120_000);
});
