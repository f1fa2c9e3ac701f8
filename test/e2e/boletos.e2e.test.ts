import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchProblems } from '../helpers/e2e';
import { createHandlers, type Handlers } from '../../src/main/core/api';
import { NexusCore } from '../../src/main/core/nexusCore';
import { NO_PACING } from '../../src/main/core/robot/portal';
import { KeychainVault } from '../../src/main/core/secrets/vault';
import { startCanopusSim, type CanopusClient, type CanopusSim } from '../../src/main/sim/canopus';
import { consultantSpreadsheet } from '../../src/main/sim/canopus/spreadsheet';
import { startBridge, type BridgeServer } from '../../src/main/testing/bridgeServer';
import { serveRenderer } from '../../src/main/testing/rendererServer';

/**
 * The boleto slice in a real Chromium: the BUILT renderer under its strict CSP, the real core through
 * the test bridge, and the Canopus portal simulator driven by the real robot (another Chromium).
 * A back-office user drops the consultants' spreadsheet on Clientes, fixes a column, imports it,
 * configures a point of sale and downloads its boletos while the table fills in live — and every
 * number on screen must equal what the core reports.
 */
const ROOT = join(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results/screenshots');
const SLUG = 'consorcio-silva';

let browser: Browser;
let sim: CanopusSim;
let core: NexusCore;
let handlers: Handlers;
let bridge: BridgeServer;
let app: { url: string; close(): Promise<void> };
let dataDir: string;
let buildDir: string;
let downloads: string;
let spreadsheet: Buffer;
let badClient: CanopusClient;
const problems: string[] = [];

beforeAll(async () => {
  // A private output folder: other suites (and people) may build into out/ at the same time.
  buildDir = mkdtempSync(join(tmpdir(), 'nexus-e2e-build-'));
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', buildDir], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'nexus-e2e-boletos-'));
  downloads = join(dataDir, 'Boletos');
  sim = await startCanopusSim({ seed: 7, clientsPerPointOfSale: 6 });
  const clients = sim.clients();
  // One row the import must refuse: a CPF with wrong check digits.
  badClient = { ...clients[0], cpf: '12345678900', name: 'CLIENTE COM CPF ERRADO', cotas: [clients[0].cotas[0]] };
  spreadsheet = await consultantSpreadsheet([...clients, badClient], { format: 'xlsx' });
  core = new NexusCore({
    dataDir,
    vault: new KeychainVault(),
    robot: { timing: NO_PACING, backoffMs: [50, 100, 200], betweenClientsMs: [0, 0], pdfTimeoutMs: 15_000 },
  });
  core.addCompany(SLUG, 'Consórcio Silva');
  core.setSourceSettings(SLUG, 'canopus', { url: sim.url, download_dir: downloads, browser: 'chromium', demo: '1', pacing: '0' });
  handlers = createHandlers(core, { version: 'e2e', mode: 'bridge' });
  bridge = await startBridge(core, handlers);
  app = await serveRenderer(join(buildDir, 'renderer'), bridge);
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await bridge?.close();
  core?.close();
  await sim?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  if (buildDir) rmSync(buildDir, { recursive: true, force: true });
});

async function open(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  await watchProblems(page, problems);
  await page.goto(app.url);
  return page;
}

async function ready(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).first().waitFor({ state: 'visible', timeout: 30_000 }).catch(async (err) => {
    await page.screenshot({ path: join(SHOTS, 'e2e-boletos-failure.png') });
    throw err;
  });
  await page.waitForFunction(() => document.documentElement.dataset.appState === 'ready', null, { timeout: 30_000 });
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SHOTS, `e2e-boletos-${name}.png`), fullPage });
}

/** The app scrolls inside <main>, not the document. */
async function scrollTo(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().scrollIntoViewIfNeeded();
  await page.waitForTimeout(200);
}

const attr = async (page: Page, testId: string, name: string) => page.getByTestId(testId).first().getAttribute(name);
const counts = async (page: Page, testId: string) => ({
  new: Number(await attr(page, testId, 'data-new')),
  updated: Number(await attr(page, testId, 'data-updated')),
  unchanged: Number(await attr(page, testId, 'data-unchanged')),
  ignored: Number(await attr(page, testId, 'data-ignored')),
});

/** Waits until the preview answered the last change. */
async function previewSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-testid="import-preview"]')?.getAttribute('data-refreshing') === 'false', null, { timeout: 30_000 });
  await page.waitForFunction(() => document.documentElement.dataset.appState === 'ready', null, { timeout: 30_000 });
}

function card(page: Page, code: string) {
  return page.locator(`[data-testid="pdv-card"][data-code="${code}"]`);
}

describe('boletos in Chromium', { timeout: 180_000 }, () => {
  it('imports the consultants’ spreadsheet by drag-and-drop, with a fixed column, and lists what the core stored', async () => {
    const page = await open();
    await ready(page, 'dashboard');
    await page.getByTestId('nav-customers').click();
    await ready(page, 'clients-tab-crm');
    expect(await page.getByTestId('clients-tab-crm').getAttribute('aria-selected')).toBe('true');

    // The consortium tab starts empty and says what to do.
    await page.getByTestId('clients-tab-consortium').click();
    await ready(page, 'consortium-empty');
    await shot(page, '01-consortium-empty');
    await page.getByTestId('clients-tab-crm').click();
    await ready(page, 'clients-tab-crm');

    // Keyboard path, wrong file type: one clear sentence.
    await page.getByTestId('import-file-input').setInputFiles({ name: 'anotacoes.txt', mimeType: 'text/plain', buffer: Buffer.from('não é planilha') });
    await ready(page, 'import-error');
    expect(await page.getByTestId('clients-tab-consortium').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('import-error').innerText()).toMatch(/não é uma planilha aceita.*\.xlsx.*\.csv/);
    await shot(page, '02-import-wrong-type');

    // A real drop anywhere on the page, from the CRM tab: a File in a DataTransfer, dragenter/dragover/drop.
    await page.getByTestId('clients-tab-crm').click();
    await ready(page, 'clients-tab-crm');
    const transfer = await page.evaluateHandle(
      ({ b64, name }) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
        return dt;
      },
      { b64: spreadsheet.toString('base64'), name: 'clientes-consorcio.xlsx' },
    );
    await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
    await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer });
    await page.getByTestId('import-drop-overlay').waitFor();
    await shot(page, '03-drop-overlay');
    await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
    await page.getByTestId('import-drop-overlay').waitFor({ state: 'detached' });
    await ready(page, 'import-preview');
    expect(await page.getByTestId('clients-tab-consortium').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('import-error').count()).toBe(0);

    const cotas = sim.clients().reduce((n, c) => n + c.cotas.length, 0);
    const initial = await counts(page, 'import-counts');
    expect(initial).toEqual({ new: cotas, updated: 0, unchanged: 0, ignored: 1 });
    expect(await page.getByTestId('import-meta').innerText()).toMatch(/clientes-consorcio\.xlsx.*planilha “Clientes”.*cabeçalho na linha 12/s);
    const problemsList = page.getByTestId('import-problems');
    expect(await problemsList.innerText()).toMatch(/linha \d+ \(CPF\): CPF inválido 123\.456\.789-00/);
    expect(await page.getByTestId('import-mapping-2').inputValue()).toBe('cpf');
    expect(await page.getByTestId('import-mapping-3').inputValue()).toBe('point_of_sale');
    expect(await page.getByTestId('import-default-pdv').count()).toBe(0);
    await shot(page, '04-import-preview');

    // Fix the mapping: without the PV column every row lacks a point of sale…
    await page.getByTestId('import-mapping-3').selectOption('ignore');
    await previewSettled(page);
    expect(await counts(page, 'import-counts')).toEqual({ new: 0, updated: 0, unchanged: 0, ignored: cotas + 1 });
    expect(await problemsList.innerText()).toContain('sem ponto de venda');
    await page.getByTestId('import-default-pdv').waitFor();
    await shot(page, '05-import-mapping-pv-ignored');
    // …a default point of sale brings them back…
    await page.getByTestId('import-default-pdv').fill('17.308');
    await expect.poll(async () => (await counts(page, 'import-counts')).new, { timeout: 10_000 }).toBe(cotas);
    await previewSettled(page);
    // …and the column itself is mapped again.
    await page.getByTestId('import-mapping-3').selectOption('point_of_sale');
    await previewSettled(page);
    expect(await counts(page, 'import-counts')).toEqual(initial);
    // Swapping "Situação" onto the notes column frees the old one.
    await page.getByTestId('import-mapping-9').selectOption('situacao');
    await previewSettled(page);
    expect(await page.getByTestId('import-mapping-6').inputValue()).toBe('ignore');
    await page.getByTestId('import-mapping-6').selectOption('situacao');
    await previewSettled(page);
    expect(await page.getByTestId('import-mapping-9').inputValue()).toBe('ignore');
    // Leaving the CPF column out is refused with a sentence, and import is blocked until fixed.
    await page.getByTestId('import-mapping-2').selectOption('ignore');
    await previewSettled(page);
    await page.getByTestId('import-mapping-error').waitFor();
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
    await page.getByTestId('import-mapping-2').selectOption('cpf');
    await previewSettled(page);
    expect(await page.getByTestId('import-mapping-error').count()).toBe(0);
    expect(await counts(page, 'import-counts')).toEqual(initial);
    await shot(page, '06-import-mapping-fixed');

    // The import is quick; an observer records that its progress bar was on screen.
    await page.evaluate(() => {
      const seen = document.documentElement;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="import-progress"]')) seen.dataset.importProgressSeen = '1';
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByTestId('import-confirm').click();
    await ready(page, 'import-result');
    expect(await page.evaluate(() => document.documentElement.dataset.importProgressSeen)).toBe('1');
    const result = await counts(page, 'import-result');
    expect(result).toEqual(initial);
    const stored = await handlers['clients.list']({ company: SLUG, limit: 500 });
    expect(stored.total).toBe(result.new);
    expect(stored.rows.some((r) => r.cpf === badClient.cpf)).toBe(false);
    await page.locator(`[data-testid="consortium-table"][data-total="${stored.total}"]`).waitFor();
    expect(await page.getByTestId('consortium-row').count()).toBe(Math.min(50, stored.total));
    await shot(page, '07-import-done');

    // Search and filter by point of sale.
    const [pvA] = sim.accounts.map((a) => a.pointOfSale);
    await page.getByTestId('consortium-pdv').selectOption(pvA);
    await ready(page, 'consortium-table');
    const inA = (await handlers['clients.list']({ company: SLUG, pointOfSale: pvA })).total;
    await page.locator(`[data-testid="consortium-table"][data-total="${inA}"]`).waitFor();
    const someone = sim.clients(pvA)[0];
    await page.getByTestId('consortium-search').fill(someone.name.split(' ')[0]);
    await expect.poll(async () => page.getByTestId('consortium-row').first().getAttribute('data-cpf'), { timeout: 10_000 }).toBe(someone.cpf);
    await ready(page, 'consortium-table');
    await shot(page, '08-consortium-list');

    expect(problems).toEqual([]);
  }, 180_000);

  it('configures a point of sale and downloads its boletos with live progress, the same counts as the core, and the PDFs on disk', async () => {
    const [pvA, pvB] = sim.accounts.map((a) => a.pointOfSale);
    const clientsA = [...sim.clients(pvA)].sort((a, b) => a.name.localeCompare(b.name, 'pt-BR'));
    const single = clientsA.filter((c) => c.cotas.length === 1);
    const notFound = single[single.length - 1];
    const noBoleto = single[single.length - 2];
    // One client's boleto comes back as another payer's three times in a row: an error with a screenshot.
    sim.faults = { cpfNotFound: [notFound.cpf], noBoleto: [noBoleto.cpf], wrongClientPdf: { afterEmissions: 1, count: 3 } };

    const page = await open();
    await ready(page, 'dashboard');
    await page.getByTestId('nav-boletos').click();
    await ready(page, 'pdv-card');
    expect(await page.getByTestId('pdv-card').count()).toBe(2);
    const a = card(page, pvA);
    expect(await a.getByTestId('robot-start').isDisabled()).toBe(true);
    expect(await a.getByTestId('robot-start-hint').innerText()).toContain('Configure o usuário e a senha do portal');
    expect(await a.innerText()).toContain(`PV ${pvA.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`);
    await shot(page, '09-boletos-idle');

    // The portal user, through the dialog (demo mode: the simulator's public password).
    await a.getByTestId('pdv-configure').click();
    await page.getByTestId('pdv-dialog').waitFor();
    expect(await page.getByTestId('pdv-password').inputValue()).toBe('');
    expect(await page.getByTestId('pdv-password').getAttribute('type')).toBe('password');
    await page.getByTestId('pdv-user').fill(sim.accounts[0].user);
    await page.getByTestId('pdv-label').fill('Loja Centro');
    await shot(page, '10-pdv-dialog');
    await page.getByTestId('pdv-save').click();
    await page.getByTestId('pdv-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => a.getByTestId('pdv-portal-user').innerText()).toBe(sim.accounts[0].user);
    await ready(page, 'pdv-card');
    expect(await a.getByTestId('robot-start').isDisabled()).toBe(false);
    expect((await handlers['pdv.list']({ company: SLUG })).find((p) => p.code === pvA)).toMatchObject({ portalUser: sim.accounts[0].user, label: 'Loja Centro' });

    // One click: the bar advances and the table fills in, client by client.
    await a.getByTestId('robot-start').click();
    await a.getByTestId('robot-live').waitFor();
    const doneSeen: number[] = [];
    const rowsSeen: number[] = [];
    let totalSeen = false;
    let runningShot = false;
    for (let i = 0; i < 1200 && !(await a.getByTestId('robot-result').count()); i++) {
      const live = a.getByTestId('robot-live');
      if (await live.count()) {
        const done = Number(await live.getAttribute('data-done').catch(() => null));
        const total = await live.getAttribute('data-total').catch(() => null);
        if (Number.isFinite(done)) doneSeen.push(done);
        if (total && Number(total) === clientsA.length) totalSeen = true;
      }
      rowsSeen.push(await a.getByTestId('robot-row').count());
      if (!runningShot && rowsSeen[rowsSeen.length - 1] >= 2 && (await live.count())) {
        runningShot = true;
        await page.screenshot({ path: join(SHOTS, 'e2e-boletos-11-running.png') });
      }
      await page.waitForTimeout(50);
    }
    await ready(page, 'robot-result');
    expect(await a.getByTestId('robot-result').getAttribute('data-status')).toBe('succeeded');
    const distinctDone = [...new Set(doneSeen)];
    expect(distinctDone.length).toBeGreaterThanOrEqual(3);
    expect(distinctDone).toEqual([...distinctDone].sort((x, y) => x - y));
    expect(totalSeen).toBe(true);
    const distinctRows = [...new Set(rowsSeen)];
    expect(distinctRows.length).toBeGreaterThanOrEqual(3);
    expect(distinctRows).toEqual([...distinctRows].sort((x, y) => x - y));

    // The table equals the core's results, the page's totals equal kpi.boletos, and the PDFs exist.
    const runId = await a.getByTestId('robot-results').getAttribute('data-run-id');
    const results = await handlers['robot.results']({ company: SLUG, runId: runId! });
    await expect.poll(() => a.getByTestId('robot-row').count()).toBe(results.length);
    for (const r of results) {
      const row = a.locator(`[data-testid="robot-row"][data-cpf="${r.cpf}"][data-grupo="${r.grupo}"][data-cota="${r.cota}"]`);
      expect(await row.getAttribute('data-status'), `${r.client_name} ${r.grupo}/${r.cota}`).toBe(r.status);
    }
    const byStatus = (s: string) => results.filter((r) => r.status === s).length;
    expect(byStatus('cpf_not_found')).toBe(1);
    expect(byStatus('no_boleto')).toBe(1);
    expect(byStatus('error')).toBeGreaterThanOrEqual(1);
    expect(byStatus('success')).toBeGreaterThanOrEqual(3);
    const kpis = await handlers['kpi.boletos']({ company: SLUG });
    expect({ success: kpis.success, errors: kpis.errors, cpf_not_found: kpis.cpf_not_found, no_boleto: kpis.no_boleto }).toEqual({
      success: byStatus('success'),
      errors: byStatus('error'),
      cpf_not_found: byStatus('cpf_not_found'),
      no_boleto: byStatus('no_boleto'),
    });
    await ready(page, 'kpi-boletos-success');
    for (const key of ['success', 'errors', 'cpf_not_found', 'no_boleto', 'clients'] as const) {
      await expect.poll(() => attr(page, `kpi-boletos-${key}`, 'data-value'), { timeout: 10_000 }).toBe(String(kpis[key]));
    }
    for (const r of results.filter((x) => x.status === 'success')) {
      const file = join(core.boletoFolder(SLUG, r.consultant), r.file_name!);
      expect(existsSync(file), file).toBe(true);
    }
    expect(await a.getByTestId('robot-result').innerText()).toMatch(new RegExp(`Concluído em .*: ${byStatus('success')} boletos salvos`));
    await shot(page, '12-finished');

    // An error row opens to its message and the portal screenshot; a not-found row says why.
    const errorRow = a.locator('[data-testid="robot-row"][data-status="error"]').first();
    await errorRow.getByTestId('robot-row-toggle').click();
    await a.getByTestId('robot-evidence').waitFor();
    await ready(page, 'robot-evidence');
    expect(await a.getByTestId('robot-row-message').first().innerText()).toMatch(/outro pagador/);
    const shotSrc = await a.getByTestId('robot-evidence').locator('img').getAttribute('src');
    expect(shotSrc).toMatch(/^data:image\/png;base64,/);
    await errorRow.scrollIntoViewIfNeeded();
    await shot(page, '13-error-expanded');
    await a.locator(`[data-testid="robot-row"][data-status="cpf_not_found"]`).getByTestId('robot-row-toggle').click();
    const notFoundDetails = a.locator('[data-testid="robot-row-details"][data-status="cpf_not_found"]');
    await notFoundDetails.waitFor();
    expect(await notFoundDetails.getAttribute('data-cpf')).toBe(notFound.cpf);
    expect(await notFoundDetails.innerText()).toMatch(/não encontrou este CPF/);

    // Folders: the test bridge cannot open a file manager and says so.
    await a.locator('[data-testid="open-folder"]').first().click();
    await a.getByTestId('open-folder-message').waitFor();
    expect(await a.getByTestId('open-folder-message').innerText()).toContain('Abrir pastas só funciona no aplicativo instalado.');
    await page.locator('[data-testid="open-folder"][data-consultant=""]').click();
    await page.locator('[data-testid="open-folder-message"]').first().waitFor();
    expect(await page.locator('[data-testid="open-folder-message"]').first().innerText()).toContain(downloads);

    // History (the run log) and charts.
    await scrollTo(page, '[data-testid="robot-history"]');
    const history = page.getByTestId('robot-history-row');
    await expect.poll(() => history.count()).toBe(1);
    expect(await history.first().getAttribute('data-run-id')).toBe(runId);
    await history.first().getByTestId('robot-history-toggle').click();
    await page.getByTestId('robot-history-details').waitFor();
    await ready(page, 'robot-history-details');
    expect(await page.getByTestId('robot-history-details').getByTestId('robot-row').count()).toBe(results.length);
    await page.getByTestId('boletos-chart-period').locator('canvas').first().waitFor();
    await page.getByTestId('boletos-chart-speed').locator('canvas').first().waitFor();
    await scrollTo(page, '[data-testid="boletos-chart-speed"]');
    await shot(page, '14-history-charts');

    // The other point of sale meets a captcha: the run waits for the user, who continues it.
    const b = card(page, pvB);
    await b.scrollIntoViewIfNeeded();
    await b.getByTestId('pdv-configure').click();
    await page.getByTestId('pdv-user').fill(sim.accounts[1].user);
    await page.getByTestId('pdv-save').click();
    await page.getByTestId('pdv-dialog').waitFor({ state: 'detached' });
    await ready(page, 'pdv-card');
    sim.faults = { captchaAfterFailedLogins: 0 };
    await b.getByTestId('robot-start').click();
    await b.getByTestId('robot-waiting').waitFor({ timeout: 60_000 });
    expect(await b.getByTestId('robot-waiting').innerText()).toMatch(/captcha/);
    // Meanwhile the first point of sale runs again, in its own card (only the client in error is
    // retried); the portal asks it for the captcha too.
    await a.scrollIntoViewIfNeeded();
    await a.getByTestId('robot-start').click();
    await a.getByTestId('robot-waiting').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('robot-live').count()).toBe(2);
    await b.scrollIntoViewIfNeeded();
    await shot(page, '15-waiting-captcha');
    sim.faults = {};
    sim.resetCaptcha();
    await b.getByTestId('robot-continue').click();
    await a.getByTestId('robot-continue').click();
    await b.getByTestId('robot-result').waitFor({ timeout: 60_000 });
    expect(await b.getByTestId('robot-result').getAttribute('data-status')).toBe('succeeded');
    await a.getByTestId('robot-result').waitFor({ timeout: 60_000 });
    expect(await a.getByTestId('robot-result').getAttribute('data-status')).toBe('succeeded');
    const retried = new Set(results.filter((r) => r.status === 'error').map((r) => r.cpf));
    const retriedCotas = sim.clients(pvA).filter((c) => retried.has(c.cpf)).reduce((n, c) => n + c.cotas.length, 0);
    await expect.poll(() => a.getByTestId('robot-row').count()).toBe(retriedCotas);
    expect(await a.locator('[data-testid="robot-row"][data-status="success"]').count()).toBe(retriedCotas);
    expect(await b.locator('[data-testid="robot-row"][data-status="success"]').count()).toBeGreaterThan(0);
    await ready(page, 'robot-history');
    await expect.poll(() => page.getByTestId('robot-history-row').count()).toBe(3);
    await shot(page, '16-both-finished');

    expect(problems).toEqual([]);
  }, 240_000);

  it('edits the Canopus settings beside the Ploomes ones', async () => {
    const page = await open();
    await ready(page, 'dashboard');
    await page.getByTestId('nav-settings').click();
    await ready(page, 'settings-canopus-save');
    expect(await page.getByTestId('settings-canopus-url').inputValue()).toBe(sim.url);
    expect(await page.getByTestId('settings-canopus-download-dir').inputValue()).toBe(downloads);
    expect(await page.getByTestId('settings-canopus-browser').inputValue()).toBe('chromium');
    expect(await page.getByTestId('settings-canopus-pacing').isChecked()).toBe(false);
    expect(await page.getByTestId('settings-canopus-headless').isChecked()).toBe(true);
    await page.getByTestId('settings-canopus-retries').fill('3');
    await page.getByTestId('settings-canopus-month-from').selectOption('competencia');
    await page.getByTestId('settings-canopus-save').click();
    await page.getByTestId('settings-canopus-saved').waitFor();
    const view = await handlers['sources.get']({ company: SLUG, source: 'canopus' });
    const value = (key: string) => view.settings.find((s) => s.key === key)?.value;
    expect(value('retries')).toBe('3');
    expect(value('month_from')).toBe('competencia');
    expect(value('url')).toBe(sim.url);
    await shot(page, '17-settings-canopus');
    // A bad value is refused with the core's sentence.
    await page.getByTestId('settings-canopus-retries').fill('9');
    await page.getByTestId('settings-canopus-save').click();
    await page.getByTestId('settings-canopus-error').waitFor();
    expect(value('retries')).toBe('3');
    expect(problems).toEqual([]);
  }, 60_000);
});
