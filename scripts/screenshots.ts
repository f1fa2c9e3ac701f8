/**
 * `npx tsx scripts/screenshots.ts [--boletos|--realestate|--support]` (after `npx electron-vite build`): drives
 * the BUILT renderer under its strict CSP in Debian's Chromium, against the real core and the
 * Ploomes, Canopus and CVDW simulators through the test bridge, and saves one PNG per screen state
 * into test-results/screenshots/. `--boletos` shoots only the boleto scenes, `--realestate` only the
 * real-estate ones, `--support` only the Atendimento ones (a Chatwoot database in the local
 * PostgreSQL). Fails on any console error, page error or CSP violation.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createHandlers } from '../src/main/core/api';
import { NexusCore } from '../src/main/core/nexusCore';
import { NO_PACING } from '../src/main/core/robot/portal';
import type { RobotTuning } from '../src/main/core/robot/robotRun';
import { KeychainVault } from '../src/main/core/secrets/vault';
import { startCanopusSim, type CanopusSim } from '../src/main/sim/canopus';
import { dropChatwootDatabase, loadChatwoot } from '../src/main/sim/chatwoot';
import { startCvdwSim } from '../src/main/sim/cvdw';
import { consultantSpreadsheet } from '../src/main/sim/canopus/spreadsheet';
import { startPloomesSim, type PloomesSim } from '../src/main/sim/ploomes';
import { startBridge } from '../src/main/testing/bridgeServer';
import { serveRenderer } from '../src/main/testing/rendererServer';

const ROOT = resolve(__dirname, '..');
// NEXUS_RENDERER_DIR: a renderer built elsewhere (`electron-vite build --outDir …`).
const RENDERER = process.env.NEXUS_RENDERER_DIR ?? join(ROOT, 'out/renderer');
const OUT = join(ROOT, 'test-results/screenshots');
const VIEWPORT = { width: 1366, height: 800 };

interface App {
  url: string;
  core: NexusCore;
  close(): Promise<void>;
}

async function startApp(dataDir: string, robot?: RobotTuning): Promise<App> {
  // Quick retries so the failing-sync scene does not wait a minute of back-off.
  const core = new NexusCore({ dataDir, vault: new KeychainVault(), tuning: { ploomes: { retry: { maxAttempts: 3, baseDelayMs: 300, maxDelayMs: 1000 } } }, robot });
  const bridge = await startBridge(core, createHandlers(core, { version: 'dev', mode: 'bridge' }));
  const server = await serveRenderer(RENDERER, bridge);
  return {
    url: server.url,
    core,
    close: async () => {
      await server.close();
      await bridge.close();
      core.close();
    },
  };
}

/** A port nobody listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

const problems: string[] = [];

async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`[console.${message.type()}] ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`[pageerror] ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`[requestfailed] ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`[http ${response.status()}] ${response.url()}`);
  });
  await page.goto(url);
  return page;
}

async function ready(page: Page, testId?: string): Promise<void> {
  if (testId) await page.getByTestId(testId).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.waitForFunction(() => document.documentElement.dataset.appState === 'ready', null, { timeout: 30_000 });
  // Let chart animations and transitions settle before the picture.
  await page.waitForTimeout(900);
}

async function shot(page: Page, name: string): Promise<void> {
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path });
  console.log(`saved ${path}`);
}

/** The app scrolls inside <main>, not the document. */
async function scrollMain(page: Page, top = 100_000): Promise<void> {
  await page.evaluate((y) => document.querySelector('main')?.scrollTo({ top: y }), top);
  await page.waitForTimeout(300);
}

async function go(page: Page, hash: string, testId: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
  await ready(page, testId);
}

/** Drops a file on the page the way a file manager does: dragenter, dragover, drop with a File in a DataTransfer. */
async function dropFile(page: Page, name: string, bytes: Buffer, { drop = true } = {}): Promise<void> {
  const transfer = await page.evaluateHandle(
    ({ b64, fileName }) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([data], fileName));
      return dt;
    },
    { b64: bytes.toString('base64'), fileName: name },
  );
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
  if (drop) await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
}

async function previewSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="import-preview"]')?.getAttribute('data-refreshing') === 'false', null, { timeout: 30_000 });
  await ready(page);
}

/** 6. Boletos: the consultants' spreadsheet, the points of sale and the robot on the Canopus simulator. */
async function boletoScenes(browser: Browser, temp: string, apps: App[], canopus: CanopusSim): Promise<void> {
  const app = await startApp(join(temp, 'boletos'), { timing: NO_PACING, backoffMs: [50, 100, 200], betweenClientsMs: [0, 0], pdfTimeoutMs: 15_000 });
  apps.push(app);
  const slug = 'consorcio';
  app.core.addCompany(slug, 'Consórcio Horizonte');
  app.core.setSourceSettings(slug, 'canopus', { url: canopus.url, download_dir: join(temp, 'Boletos'), browser: 'chromium', demo: '1', pacing: '0' });
  const clients = canopus.clients();
  const broken = { ...clients[3], cpf: '12345678900', name: 'CLIENTE COM CPF ERRADO', cotas: [clients[3].cotas[0]] };
  const sheet = await consultantSpreadsheet([...clients, broken], { format: 'xlsx' });

  const page = await openPage(browser, app.url);
  await ready(page, 'dashboard');
  await go(page, '#/boletos', 'boletos-empty');
  await shot(page, '16-boletos-no-points-of-sale');

  await page.getByTestId('boletos-go-import').click();
  await ready(page, 'consortium-empty');
  await shot(page, '17-clients-consortium-empty');
  await dropFile(page, 'Clientes consórcio - novembro.xlsx', sheet, { drop: false });
  await page.getByTestId('import-drop-overlay').waitFor();
  await page.waitForTimeout(300);
  await shot(page, '18-import-drop-overlay');
  await page.dispatchEvent('main', 'dragleave');
  await dropFile(page, 'Clientes consórcio - novembro.xlsx', sheet);
  await ready(page, 'import-preview');
  await shot(page, '19-import-preview-problem-row');
  await scrollMain(page);
  await shot(page, '19b-import-preview-sample');
  await scrollMain(page, 0);
  // A wrong column: the PV column ignored, every row loses its point of sale.
  await page.getByTestId('import-mapping-3').selectOption('ignore');
  await previewSettled(page);
  await shot(page, '20-import-mapping-wrong');
  await page.getByTestId('import-mapping-3').selectOption('point_of_sale');
  await previewSettled(page);
  await shot(page, '20b-import-mapping-fixed');
  await page.getByTestId('import-confirm').click();
  await ready(page, 'import-result');
  await shot(page, '21-import-done');

  await page.getByTestId('import-go-boletos').click();
  await ready(page, 'pdv-card');
  await shot(page, '22-boletos-idle');
  const [pvA, pvB] = canopus.accounts.map((a) => a.pointOfSale);
  const cardA = page.locator(`[data-testid="pdv-card"][data-code="${pvA}"]`);
  const cardB = page.locator(`[data-testid="pdv-card"][data-code="${pvB}"]`);
  await cardA.getByTestId('pdv-configure').click();
  await page.getByTestId('pdv-user').fill(canopus.accounts[0].user);
  await page.getByTestId('pdv-label').fill('Loja Centro');
  await page.waitForTimeout(300);
  await shot(page, '22b-boletos-configure-dialog');
  await page.getByTestId('pdv-save').click();
  await page.getByTestId('pdv-dialog').waitFor({ state: 'detached' });
  app.core.setPointOfSale(slug, pvB, canopus.accounts[1].user, 'Shopping Norte');
  await page.reload();
  await ready(page, 'pdv-card');

  // A run with every outcome: not found, no boleto, and one client whose boleto keeps coming back wrong.
  const single = canopus.clients(pvA).filter((c) => c.cotas.length === 1);
  canopus.faults = { cpfNotFound: [single[0].cpf], noBoleto: [single[1].cpf], wrongClientPdf: { afterEmissions: 3, count: 3 } };
  await cardA.getByTestId('robot-start').click();
  await page.waitForFunction((code) => document.querySelectorAll(`[data-testid="pdv-card"][data-code="${code}"] [data-testid="robot-row"]`).length >= 3, pvA, { timeout: 120_000 });
  await page.waitForTimeout(500);
  await shot(page, '23-boletos-running');
  await cardA.getByTestId('robot-result').waitFor({ timeout: 180_000 });
  await ready(page, 'robot-result');
  await shot(page, '24-boletos-finished');
  await cardA.locator('[data-testid="robot-row"][data-status="error"]').first().getByTestId('robot-row-toggle').click();
  await ready(page, 'robot-evidence');
  await cardA.locator('[data-testid="robot-row-details"][data-status="error"]').scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector('main')?.scrollBy({ top: 160 }));
  await page.waitForTimeout(300);
  await shot(page, '24b-boletos-error-expanded');

  // The portal asks for the captcha: the run waits for the user.
  canopus.faults = { captchaAfterFailedLogins: 0 };
  await scrollMain(page, 0);
  await cardB.getByTestId('robot-start').click();
  await cardB.getByTestId('robot-waiting').waitFor({ timeout: 60_000 });
  await cardB.scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  await shot(page, '25-boletos-waiting-captcha');
  canopus.faults = {};
  canopus.resetCaptcha();
  await cardB.getByTestId('robot-continue').click();
  await cardB.getByTestId('robot-result').waitFor({ timeout: 180_000 });
  await ready(page, 'robot-history');
  await page.getByTestId('robot-history').scrollIntoViewIfNeeded();
  await page.getByTestId('robot-history-row').first().getByTestId('robot-history-toggle').click();
  await ready(page, 'robot-history-details');
  await scrollMain(page);
  await shot(page, '26-boletos-history-charts');
  const chart = await page.getByTestId('boletos-chart-period').boundingBox();
  if (chart) {
    await page.mouse.move(chart.x + chart.width * 0.5, chart.y + chart.height * 0.6);
    await page.waitForTimeout(500);
    await shot(page, '26b-boletos-chart-tooltip');
  }

  // The narrowest supported window.
  await scrollMain(page, 0);
  await page.setViewportSize({ width: 1024, height: 680 });
  await ready(page, 'pdv-card');
  await shot(page, '26c-boletos-1024');
  await go(page, '#/clientes', 'clients-tab-consortium');
  await page.getByTestId('clients-tab-consortium').click();
  await ready(page, 'consortium-table');
  await shot(page, '26d-clients-consortium-1024');
  await page.setViewportSize(VIEWPORT);

  await go(page, '#/configuracoes', 'settings-canopus-save');
  await page.getByTestId('settings-canopus').scrollIntoViewIfNeeded();
  await shot(page, '27-settings-canopus');
  await page.getByTestId('settings-canopus-retries').fill('9');
  await page.getByTestId('settings-canopus-save').click();
  await page.getByTestId('settings-canopus-error').waitFor();
  await page.getByTestId('settings-canopus-error').scrollIntoViewIfNeeded();
  await shot(page, '27b-settings-canopus-error');
  await page.close();
}

/** 1–5. Ploomes: first run, sync, dashboard, customers, settings, a failing sync. */
/** 7. Vendas imobiliárias: the CVDW card, the first sync, the dashboard, a drill-down, 1024 wide. */
async function realEstateScenes(browser: Browser, temp: string, apps: App[]): Promise<void> {
  // The simulator's public demo pair: the settings card shows its demo notice.
  const cvdw = await startCvdwSim({ seed: 3, size: 'small', rateLimit: false, latencyMs: 60 });
  const app = await startApp(join(temp, 'realestate'));
  apps.push({
    ...app,
    close: async () => {
      await app.close();
      await cvdw.close();
    },
  });
  const slug = 'incorporadora';
  app.core.addCompany(slug, 'Incorporadora Horizonte');
  const page = await openPage(browser, app.url);
  await ready(page, 'dashboard');
  await go(page, '#/imoveis', 'realestate-empty-connect');
  await shot(page, '25-realestate-not-connected');

  // The simulator's limit is off: the connector's own pacing may use it all.
  app.core.setSourceSettings(slug, 'cvdw', { url: cvdw.url, email: cvdw.email, requests_per_minute: '600' });
  await go(page, '#/configuracoes', 'settings-cvdw');
  await page.getByTestId('settings-cvdw-test').click();
  await page.getByTestId('settings-cvdw-test-result').waitFor();
  await page.getByTestId('settings-cvdw').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await shot(page, '26-settings-cvdw');

  await go(page, '#/imoveis', 'realestate-empty-sync');
  await shot(page, '27-realestate-before-sync');
  await page.getByTestId('realestate-sync-start').click();
  await page.getByTestId('sync-progress').waitFor();
  await page.waitForTimeout(600);
  await shot(page, '28-realestate-syncing');
  await ready(page, 'kpi-sales_count');
  await page.getByTestId('chart-monthly-vgv').locator('canvas').first().waitFor();
  await ready(page);
  await shot(page, '29-realestate-dashboard');
  await scrollMain(page, 700);
  await shot(page, '30-realestate-charts');
  await scrollMain(page, 1300);
  await shot(page, '31-realestate-charts-2');
  await scrollMain(page);
  await shot(page, '32-realestate-sales-table');

  // Drill-down from the development table (the keyboard path), then the chip on the table.
  await scrollMain(page, 700);
  await page.getByTestId('chart-developments-as-table').click();
  await page.waitForTimeout(300);
  await shot(page, '33-realestate-developments-table');
  await page.getByTestId('chart-developments-table').getByTestId('drill-row').first().press('Enter');
  await page.locator('[data-testid="filter-chip"][data-kind="development"]').waitFor();
  await ready(page);
  await page.waitForTimeout(800);
  await shot(page, '34-realestate-drill-development');

  await page.getByTestId('period-year_vs_previous').click();
  await ready(page, 'kpi-sales_count');
  await scrollMain(page, 0);
  await shot(page, '35-realestate-year-vs-previous');
  await page.getByTestId('period-custom').click();
  await ready(page, 'period-from');
  await shot(page, '36-realestate-interval');

  await page.setViewportSize({ width: 1024, height: 680 });
  await page.getByTestId('period-last_12_months').click();
  await ready(page, 'kpi-sales_count');
  await shot(page, '37-realestate-1024');
  await scrollMain(page, 800);
  await shot(page, '38-realestate-1024-charts');
  await scrollMain(page);
  await shot(page, '39-realestate-1024-table');
  await page.close();
}

/** 8. Atendimento: the Chatwoot card, the first sync, every tab, a scope, a transcript. */
async function supportScenes(browser: Browser, temp: string, apps: App[]): Promise<void> {
  const url = `postgres://postgres@127.0.0.1:5432/nexus_shots_cw_${process.pid}`;
  await loadChatwoot(url, { conversations: 1500, seed: 5 });
  const app = await startApp(join(temp, 'support'));
  apps.push({
    ...app,
    close: async () => {
      await app.close();
      await dropChatwootDatabase(url);
    },
  });
  const slug = 'atendimento';
  app.core.addCompany(slug, 'Atende Sol');
  const page = await openPage(browser, app.url);
  await ready(page, 'dashboard');
  await go(page, '#/atendimento', 'support-empty-connect');
  await shot(page, '40-support-not-connected');

  app.core.setSourceSettings(slug, 'chatwoot', { url, account_id: '1' });
  await go(page, '#/configuracoes', 'settings-chatwoot');
  await page.getByTestId('settings-chatwoot-test').click();
  await page.getByTestId('settings-chatwoot-test-result').waitFor();
  await page.getByTestId('settings-chatwoot-ssh-toggle').check();
  await page.getByTestId('settings-chatwoot').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await shot(page, '41-settings-chatwoot');

  await go(page, '#/atendimento', 'support-empty-sync');
  await shot(page, '42-support-before-sync');
  await page.getByTestId('support-sync-start').click();
  await page.getByTestId('kpi-conversations_count').or(page.getByTestId('support-sync-error')).first().waitFor({ timeout: 120_000 });
  await ready(page, 'kpi-conversations_count');
  await shot(page, '43-support-executive');
  await scrollMain(page, 700);
  await shot(page, '44-support-executive-ai');
  const tabs = ['operational', 'quality', 'segments', 'temporal', 'conversations'];
  for (const [i, tab] of tabs.entries()) {
    await scrollMain(page, 0);
    await page.getByTestId(`support-tab-${tab}`).click();
    await ready(page, `support-panel-${tab}`);
    await shot(page, `${45 + i * 2}-support-${tab}`);
    await scrollMain(page, 800);
    await shot(page, `${46 + i * 2}-support-${tab}-more`);
  }
  await scrollMain(page, 0);
  await page.getByTestId('conversation-row').first().click();
  await ready(page, 'transcript');
  await shot(page, '55-support-transcript');
  await page.keyboard.press('Escape');
  await page.getByTestId('support-tab-segments').click();
  await ready(page, 'segment-agents');
  await page.getByTestId('segment-agents').getByTestId('segment-row').first().click();
  await ready(page, 'support-scope-chip');
  await shot(page, '56-support-agent-scope');
  await page.setViewportSize({ width: 1024, height: 680 });
  await page.getByTestId('period-last_3_months').click();
  await ready(page, 'kpi-conversations_count');
  await shot(page, '57-support-1024');
  await page.close();
}

async function ploomesScenes(browser: Browser, temp: string, apps: App[], sim: PloomesSim): Promise<void> {
  // 1. First run: no company at all.
  const empty = await startApp(join(temp, 'empty'));
  apps.push(empty);
  const welcome = await openPage(browser, empty.url);
  await ready(welcome, 'welcome');
  await shot(welcome, '01-welcome');
  await welcome.getByTestId('company-name').fill('Comercial Silva Ltda.');
  await welcome.getByTestId('company-create').click();
  await ready(welcome, 'dashboard-empty-connect');
  await shot(welcome, '02-dashboard-not-configured');
  await welcome.getByTestId('dashboard-open-settings').click();
  await ready(welcome, 'settings-about');
  await shot(welcome, '02b-settings-new-company');
  await welcome.getByTestId('company-new').click();
  await welcome.getByTestId('company-slug').fill('Inválido!');
  await welcome.getByTestId('company-name').fill('Outra empresa');
  await welcome.getByTestId('company-create').click();
  await welcome.getByTestId('company-error').waitFor();
  await shot(welcome, '03-new-company-error');
  await welcome.keyboard.press('Escape');
  await welcome.close();

  // 2. The demo company on the simulator.
  const demo = await startApp(join(temp, 'demo'));
  apps.push(demo);
  demo.core.addCompany('demo', 'Empresa Demonstração');
  demo.core.setSourceSettings('demo', 'ploomes', { url: sim.url, demo: '1' });
  const page = await openPage(browser, demo.url);
  await ready(page, 'dashboard-empty-sync');
  await shot(page, '04-dashboard-before-sync');

  // The first sync, started from the dashboard's empty state.
  await page.getByTestId('dashboard-sync-start').click();
  await page.getByTestId('sync-progress').waitFor();
  await page.waitForTimeout(700);
  await shot(page, '04b-dashboard-first-sync');
  // A reload in the middle: the sync page finds the running job through jobs.active.
  await page.reload();
  await ready(page, 'dashboard');
  await go(page, '#/sincronizacao', 'sync-start');
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="sync-progress"]');
    return el !== null && Number(el.getAttribute('data-done')) > 0 && el.getAttribute('data-total') !== '';
  }, null, { timeout: 60_000 });
  await page.waitForTimeout(1000);
  await shot(page, '05-sync-running');
  await page.getByTestId('sync-result').waitFor({ timeout: 180_000 });
  await ready(page);
  await shot(page, '06-sync-done');
  await page.getByTestId('sync-full').click();
  await page.getByTestId('sync-full-dialog').waitFor();
  await page.waitForTimeout(200);
  await shot(page, '06b-sync-full-confirm');
  await page.keyboard.press('Escape');
  await page.getByTestId('sync-full-dialog').waitFor({ state: 'detached' });

  // A full sync, confirmed and then cancelled half-way.
  await page.getByTestId('sync-full').click();
  await page.getByTestId('sync-full-confirm').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="sync-progress"]')?.getAttribute('data-done')) > 0, null, { timeout: 60_000 });
  await page.getByTestId('sync-cancel').click();
  await page.locator('[data-testid="sync-result"][data-status="cancelled"]').waitFor({ timeout: 60_000 });
  await ready(page);
  await shot(page, '06c-sync-cancelled');


  await go(page, '#/painel', 'kpi-revenue');
  await shot(page, '07-dashboard-all-history');
  const byYear = await page.getByTestId('chart-by-year').boundingBox();
  if (byYear) {
    await page.mouse.move(byYear.x + byYear.width * 0.5, byYear.y + byYear.height * 0.6);
    await page.waitForTimeout(500);
    await shot(page, '07a-dashboard-tooltip');
  }
  await scrollMain(page);
  await shot(page, '07b-dashboard-all-history-bottom');
  await scrollMain(page, 0);
  await page.getByTestId('period-select').selectOption('this_year');
  await ready(page, 'kpi-revenue');
  await shot(page, '08-dashboard-this-year');
  await page.getByTestId('period-select').selectOption('last_year');
  await ready(page, 'kpi-revenue');
  await shot(page, '08b-dashboard-last-year');
  await page.getByTestId('period-select').selectOption('custom');
  await ready(page, 'period-from');
  await page.getByTestId('period-from').fill('01012024');
  await ready(page, 'kpi-revenue');
  await page.getByTestId('period-to').fill('2024-06-30');
  await page.getByTestId('period-to').blur();
  await ready(page, 'kpi-revenue');
  await shot(page, '09-dashboard-custom');
  await page.getByTestId('period-select').selectOption('all');
  await ready(page, 'kpi-revenue');

  await go(page, '#/clientes', 'customers-table');
  await shot(page, '10-customers');
  await scrollMain(page);
  await shot(page, '10b-customers-pagination');
  await scrollMain(page, 0);
  await page.getByTestId('customers-search').fill('a');
  await ready(page, 'customers-table');
  await page.getByTestId('customers-search').fill('');
  await ready(page, 'customers-table');
  // Keyboard: a focused row opens with Enter.
  await page.getByTestId('customer-row').first().focus();
  await page.keyboard.press('Enter');
  await ready(page, 'customer-detail');
  await page.getByTestId('customer-price-chart').waitFor();
  await ready(page);
  await shot(page, '11-customer-detail');
  await scrollMain(page);
  await shot(page, '11b-customer-detail-bottom');

  await go(page, '#/configuracoes', 'settings-save');
  await page.getByTestId('settings-test').click();
  await page.getByTestId('settings-test-result').waitFor({ timeout: 30_000 });
  await shot(page, '12-settings');
  await page.getByTestId('settings-ploomes-url').fill('ftp://exemplo.com.br');
  await page.getByTestId('settings-save').click();
  await page.getByTestId('settings-error').waitFor();
  await shot(page, '12b-settings-validation-error');

  // 3. A sync that keeps failing: the source points at a closed port.
  demo.core.setSourceSettings('demo', 'ploomes', { url: `http://127.0.0.1:${await closedPort()}` });
  await go(page, '#/sincronizacao', 'sync-start');
  await page.getByTestId('sync-start').click();
  await page.locator('[data-testid="sync-result"][data-status="failed"]').waitFor({ timeout: 120_000 });
  await page.getByTestId('health-banner').waitFor({ timeout: 30_000 });
  await ready(page);
  await shot(page, '13-sync-failed');
  await go(page, '#/painel', 'health-banner');
  await ready(page, 'kpi-revenue');
  await shot(page, '14-health-banner');

  // 4. The narrowest supported window.
  await page.setViewportSize({ width: 1024, height: 680 });
  await ready(page, 'kpi-revenue');
  await shot(page, '15-dashboard-1024');
  await page.close();
}

async function main(): Promise<void> {
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error(`${RENDERER} is missing: run \`npx electron-vite build\` first.`);
  mkdirSync(OUT, { recursive: true });
  const temp = mkdtempSync(join(tmpdir(), 'nexus-shots-'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--lang=pt-BR', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const sim = await startPloomesSim({ seed: 1, size: 'small', latencyMs: { min: 300, max: 600 } });
  const canopus = await startCanopusSim({ seed: 11, clientsPerPointOfSale: 8, latency: 0.05 });
  const apps: App[] = [];
  try {
    // `--boletos` shoots only the boleto scenes, `--realestate` only the real-estate ones, `--support` only Atendimento.
    const only = ['--boletos', '--realestate', '--support'].find((flag) => process.argv.includes(flag));
    if (!only) await ploomesScenes(browser, temp, apps, sim);
    if (!only || only === '--boletos') await boletoScenes(browser, temp, apps, canopus);
    if (!only || only === '--realestate') await realEstateScenes(browser, temp, apps);
    if (!only || only === '--support') await supportScenes(browser, temp, apps);
  } finally {
    await browser.close();
    for (const app of apps) await app.close();
    await sim.close();
    await canopus.close();
    rmSync(temp, { recursive: true, force: true });
  }

  const unexpected = problems.filter((p) => !p.includes('/__bridge/'));
  if (unexpected.length) {
    console.error(`\n${unexpected.length} problem(s) in the browser:\n${unexpected.join('\n')}`);
    process.exit(1);
  }
  console.log('\nNo console errors, page errors or CSP violations.');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  if (problems.length) console.error(`\nBrowser problems so far:\n${problems.join('\n')}`);
  process.exit(1);
});
