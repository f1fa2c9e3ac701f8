import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, launchChromium, watchProblems } from '../helpers/e2e';
import { createHandlers } from '../../src/main/core/api';
import { NexusCore } from '../../src/main/core/nexusCore';
import { listSchedules } from '../../src/main/core/schedule/schedules';
import { KeychainVault } from '../../src/main/core/secrets/vault';
import { startPloomesSim, type PloomesSim } from '../../src/main/sim/ploomes';
import { startBridge, type BridgeServer } from '../../src/main/testing/bridgeServer';
import { serveRenderer } from '../../src/main/testing/rendererServer';
import { formatDateTime } from '../../src/shared/format';

/**
 * Schedules in a real Chromium: the BUILT renderer under its strict CSP, the real core through the
 * test bridge. A user sets a preset on the Sincronização page with the keyboard and sees the next
 * run time the core computed; a bad cron expression is refused under its field.
 */
const ROOT = join(__dirname, '../..');
const SHOTS = join(ROOT, 'test-results/screenshots');

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
  dataDir = mkdtempSync(join(tmpdir(), 'nexus-e2e-schedule-'));
  sim = await startPloomesSim({ seed: 5, size: { customers: 30, deals: 200 }, rateLimit: false });
  core = new NexusCore({ dataDir, vault: new KeychainVault() });
  core.addCompany('comercial-silva', 'Comercial Silva');
  core.setSourceSettings('comercial-silva', 'ploomes', { url: sim.url, demo: '1' });
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
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function open(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  await watchProblems(page, problems);
  await page.goto(app.url);
  return page;
}

async function ready(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).first().waitFor({ state: 'visible', timeout: 30_000 }).catch(async (err) => {
    await page.screenshot({ path: join(SHOTS, 'e2e-schedule-failure.png') });
    throw err;
  });
  await page.waitForFunction(() => document.documentElement.dataset.appState === 'ready', null, { timeout: 30_000 });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, `e2e-${name}.png`), fullPage: true });
}

const ploomesSchedule = () => listSchedules(core, 'comercial-silva').find((s) => s.source === 'ploomes')!;

describe('schedules in Chromium', () => {
  it('sets a preset with the keyboard and shows the next run time; refuses a bad cron expression', async () => {
    const page = await open();
    await ready(page, 'nav-sync');
    await page.getByTestId('nav-sync').click();
    await ready(page, 'schedule-ploomes');
    const next = page.getByTestId('schedule-ploomes-next');
    expect(await next.innerText()).toBe('Sem agendamento: escolha a frequência e salve.');

    // Keyboard only: choose the preset, Tab to the on/off box, Tab to Save, Enter.
    const preset = page.getByTestId('schedule-ploomes-preset');
    await preset.focus();
    await preset.selectOption('every-4h-06-22');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('schedule-ploomes-enabled');
    expect(await page.getByTestId('schedule-ploomes-enabled').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('schedule-ploomes-save');
    await page.keyboard.press('Enter');
    await page.getByTestId('schedule-ploomes-saved').waitFor();

    const saved = ploomesSchedule();
    expect(saved).toMatchObject({ preset: 'every-4h-06-22', cron: '0 6-22/4 * * *', enabled: true });
    expect(Date.parse(saved.nextRunAt!)).toBeGreaterThan(Date.now());
    await expect.poll(() => next.getAttribute('data-next-run')).toBe(saved.nextRunAt);
    const text = await next.innerText();
    expect(text).toBe(`Próxima execução: ${formatDateTime(saved.nextRunAt, 'America/Sao_Paulo')}`);
    expect(text).toMatch(/^Próxima execução: \d{2}\/\d{2}\/\d{4} (06|10|14|18|22):00$/);
    expect(await page.getByTestId('schedule-ploomes-state').getAttribute('data-enabled')).toBe('true');
    await shot(page, 'schedule-01-preset');

    // A custom expression: a bad one is explained under its field, and nothing changes.
    await preset.selectOption('custom');
    const cron = page.getByTestId('schedule-ploomes-cron');
    await cron.fill('0 25 * * *');
    await page.getByTestId('schedule-ploomes-save').click();
    const error = page.getByTestId('schedule-ploomes-cron-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/^Expressão cron inválida "0 25 \* \* \*": no campo hora \("25"\), o valor 25 está fora de 0 a 23; ex\.:/);
    expect(await cron.getAttribute('aria-invalid')).toBe('true');
    expect(await cron.getAttribute('aria-describedby')).toContain('schedule-ploomes-cron-error');
    expect(ploomesSchedule()).toMatchObject({ preset: 'every-4h-06-22', nextRunAt: saved.nextRunAt });
    await shot(page, 'schedule-02-bad-cron');

    await cron.fill('30 3 * * 1-5');
    await cron.press('Enter');
    await expect.poll(() => next.innerText()).toMatch(/^Próxima execução: \d{2}\/\d{2}\/\d{4} 03:30$/);
    expect(await error.count()).toBe(0);
    expect(ploomesSchedule()).toMatchObject({ preset: 'custom', cron: '30 3 * * 1-5', enabled: true });
    const weekday = new Date(Date.parse(ploomesSchedule().nextRunAt!) - 3 * 3_600_000).getUTCDay();
    expect(weekday).toBeGreaterThanOrEqual(1);
    expect(weekday).toBeLessThanOrEqual(5);

    // Off: kept, but no next run.
    await page.getByTestId('schedule-ploomes-enabled').press('Space');
    await page.getByTestId('schedule-ploomes-save').click();
    await expect.poll(() => next.innerText()).toBe('Agendamento desligado: nenhuma execução automática.');
    expect(ploomesSchedule()).toMatchObject({ cron: '30 3 * * 1-5', enabled: false, nextRunAt: null });

    // After a reload the page shows what the core has.
    await page.reload();
    await ready(page, 'schedule-ploomes');
    expect(await page.getByTestId('schedule-ploomes-preset').inputValue()).toBe('custom');
    expect(await page.getByTestId('schedule-ploomes-cron').inputValue()).toBe('30 3 * * 1-5');
    expect(await page.getByTestId('schedule-ploomes-enabled').isChecked()).toBe(false);
    await shot(page, 'schedule-03-off');

    expect(problems).toEqual([]);
  }, 180_000);
});
