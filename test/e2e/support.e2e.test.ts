import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, launchChromium, ROOT, watchProblems } from '../helpers/e2e';
import { chatwootDatabase } from '../helpers/chatwoot';
import type { ConversationDetail, ConversationPage, SupportKpis, SupportQuery } from '../../src/shared/support';
import { createHandlers } from '../../src/main/core/api';
import { NexusCore } from '../../src/main/core/nexusCore';
import { KeychainVault } from '../../src/main/core/secrets/vault';
import { startBridge, type BridgeServer } from '../../src/main/testing/bridgeServer';
import { serveRenderer } from '../../src/main/testing/rendererServer';

/**
 * The Atendimento page in a real Chromium: the BUILT renderer under its strict CSP, the real core
 * through the test bridge, and a real Chatwoot database in PostgreSQL. The manager syncs from the
 * page, reads cards that must equal `kpi.support`, walks every tab by mouse and keyboard, changes the
 * period and business hours, narrows the page to one agent, reads a transcript and exports a table.
 */
const SHOTS = join(ROOT, 'test-results/screenshots');
const COMPANY = 'atende-sol';
const TIME_ZONE = 'America/Sao_Paulo';
const DAY_MS = 86_400_000;
// The data ends at today's UTC midnight, so the page's presets (which end today) cover it.
const END = new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS);
const TABS = ['executive', 'operational', 'quality', 'segments', 'temporal', 'conversations'];

let browser: Browser;
let database: { url: string; drop(): Promise<void> };
let core: NexusCore;
let handlers: ReturnType<typeof createHandlers>;
let bridge: BridgeServer;
let app: { url: string; close(): Promise<void> };
let dataDir: string;
const problems: string[] = [];

beforeAll(async () => {
  buildApp();
  mkdirSync(SHOTS, { recursive: true });
  database = await chatwootDatabase({ conversations: 1500, seed: 5, end: END });
  dataDir = mkdtempSync(join(tmpdir(), 'nexus-e2e-support-'));
  core = new NexusCore({ dataDir, vault: new KeychainVault() });
  handlers = createHandlers(core, { version: 'e2e', mode: 'bridge' });
  bridge = await startBridge(core, handlers);
  app = await serveRenderer(join(ROOT, 'out/renderer'), bridge);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await bridge?.close();
  core?.close();
  await database?.drop();
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
    await page.getByTestId(testId).first().waitFor({ state: 'visible', timeout: 120_000 }).catch(async (err) => {
      await page.screenshot({ path: join(SHOTS, 'e2e-support-failure.png') });
      throw err;
    });
  }
  await page.waitForFunction(() => document.documentElement.dataset.appState === 'ready', null, { timeout: 30_000 });
}

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(SHOTS, `e2e-support-${name}.png`) });
}

async function kpis(query: SupportQuery): Promise<SupportKpis> {
  return (await handlers['kpi.support']({ company: COMPANY, ...query })) as SupportKpis;
}

/** Days in the company's zone, computed here independently of the renderer's presets. */
function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
function daysBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
}

async function cardValue(page: Page, key: string): Promise<number | null> {
  const raw = await page.getByTestId(`kpi-${key}`).getAttribute('data-value');
  return raw === 'null' ? null : Number(raw);
}

async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.appState === 'ready', null, { timeout: 30_000 });
}

describe('Atendimento in Chromium', () => {
  it('syncs Chatwoot, matches kpi.support across periods, business hours and scope, opens a transcript and exports Excel', async () => {
    core.addCompany(COMPANY, 'Atende Sol', TIME_ZONE);
    await handlers['sources.set']({ company: COMPANY, source: 'chatwoot', settings: { url: database.url, account_id: '1' } });
    const page = await open();

    // Configured, never synced: the page offers the first sync.
    await ready(page, 'nav-support');
    await page.getByTestId('nav-support').click();
    await ready(page, 'support-empty-sync');
    await shot(page, '01-before-sync');
    await page.getByTestId('support-sync-start').click();
    await ready(page, 'kpi-conversations_count');
    await settled(page);

    // Default preset "Últimos 30 dias": today and the 29 days before, in the company's zone.
    const last30 = { from: daysBefore(today(), 29), to: today() };
    const expected30 = await kpis(last30);
    expect(expected30.conversations_count).toBeGreaterThan(0);
    expect(await cardValue(page, 'conversations_count')).toBe(expected30.conversations_count);
    expect(await cardValue(page, 'resolutions_count')).toBe(expected30.resolutions_count);
    expect(await cardValue(page, 'avg_first_response_time')).toBe(expected30.avg_first_response_time);
    expect(await page.getByTestId('kpi-conversations_count').innerText()).toBe(expected30.conversations_count.toLocaleString('pt-BR'));
    expect(await page.getByTestId('support-last-sync').innerText()).toContain('sincronizado em');
    await page.getByTestId('chart-support-volume').locator('canvas').first().waitFor();
    await shot(page, '02-executive');
    await page.getByTestId('support-ai').scrollIntoViewIfNeeded();
    await shot(page, '03-executive-ai');

    // Every tab by click.
    for (const tab of TABS) {
      await page.getByTestId(`support-tab-${tab}`).click();
      await ready(page, `support-panel-${tab}`);
      expect(await page.getByTestId(`support-tab-${tab}`).getAttribute('aria-selected')).toBe('true');
      await page.evaluate(() => document.querySelector('main')?.scrollTo({ top: 0 }));
      await shot(page, `04-tab-${tab}`);
    }
    // … and by keyboard: from the last tab, Home, then ArrowRight through all of them and around.
    await page.getByTestId('support-tab-conversations').focus();
    await page.keyboard.press('Home');
    await ready(page, 'support-panel-executive');
    for (const tab of [...TABS.slice(1), TABS[0]]) {
      await page.keyboard.press('ArrowRight');
      await ready(page, `support-panel-${tab}`);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(`support-tab-${tab}`);
    }
    await page.keyboard.press('ArrowLeft');
    await ready(page, 'support-panel-conversations');
    await page.keyboard.press('ArrowRight');
    await ready(page, 'support-panel-executive');

    // "Últimos 7 dias": the numbers follow the core.
    const last7 = { from: daysBefore(today(), 6), to: today() };
    const expected7 = await kpis(last7);
    expect(expected7.conversations_count).not.toBe(expected30.conversations_count);
    await page.getByTestId('period-last_7').click();
    await expect.poll(() => cardValue(page, 'conversations_count')).toBe(expected7.conversations_count);
    await settled(page);
    expect(await cardValue(page, 'incoming_messages_count')).toBe(expected7.incoming_messages_count);
    expect(await cardValue(page, 'avg_resolution_time')).toBe(expected7.avg_resolution_time);

    // "Personalizado": two typed dates.
    const custom = { from: daysBefore(today(), 90), to: daysBefore(today(), 61) };
    const expectedCustom = await kpis(custom);
    await page.getByTestId('period-custom').click();
    const br = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
    await page.getByTestId('period-from').fill(br(custom.from));
    await page.getByTestId('period-to').fill(br(custom.to));
    await expect.poll(() => cardValue(page, 'conversations_count')).toBe(expectedCustom.conversations_count);
    await settled(page);

    // Back to 30 days, with business hours: the times are the core's business-hour times.
    await page.getByTestId('period-last_30').click();
    await expect.poll(() => cardValue(page, 'conversations_count')).toBe(expected30.conversations_count);
    const business = await kpis({ ...last30, businessHours: true });
    expect(business.avg_first_response_time).not.toBe(expected30.avg_first_response_time);
    await page.getByTestId('support-business-hours').check();
    await expect.poll(() => cardValue(page, 'avg_first_response_time')).toBe(business.avg_first_response_time);
    await settled(page);
    expect(await cardValue(page, 'avg_resolution_time')).toBe(business.avg_resolution_time);
    expect(await page.getByTestId('period-range').innerText()).toContain('horário comercial');
    await page.getByTestId('support-business-hours').uncheck();
    await expect.poll(() => cardValue(page, 'avg_first_response_time')).toBe(expected30.avg_first_response_time);
    await settled(page);

    // Segments: the agents table equals the core's, and its Excel export equals the screen.
    await page.getByTestId('support-tab-segments').click();
    await ready(page, 'segment-agents');
    const agentRows = page.getByTestId('segment-agents').getByTestId('segment-row');
    const screenAgents = await agentRows.evaluateAll((rows) => rows.map((r) => ({ name: r.querySelector('td')?.firstChild?.textContent ?? '', conversations: Number(r.getAttribute('data-conversations')) })));
    expect(screenAgents).toEqual(expected30.by_agent.map((a) => ({ name: a.name, conversations: a.conversations_count })));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-agents-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^atendimento-agents-.*\.xlsx$/);
    const file = join(dataDir, download.suggestedFilename());
    await download.saveAs(file);
    await page.getByTestId('export-agents-result').waitFor();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 2)).toEqual(['Agente', 'Conversas']);
    const fileAgents: Array<{ name: string; conversations: number }> = [];
    sheet.eachRow((row, n) => {
      if (n > 1) fileAgents.push({ name: String(row.getCell(1).value), conversations: Number(row.getCell(2).value) });
    });
    expect(fileAgents).toEqual(screenAgents);
    await shot(page, '05-segments-export');

    // Click the busiest agent: the chip appears, and the whole page is on that agent.
    const agent = [...expected30.by_agent].filter((a) => a.conversations_count > 0).sort((a, b) => b.conversations_count - a.conversations_count)[0];
    await page.getByTestId('segment-agents').locator(`[data-testid="segment-row"][data-key="${agent.agent_id}"]`).click();
    await ready(page, 'support-scope-chip');
    expect(await page.getByTestId('support-scope-chip').innerText()).toContain(`Agente: ${agent.name}`);
    const scoped = await kpis({ ...last30, scope: { kind: 'agent', id: agent.agent_id } });
    expect(scoped.conversations_count).toBeLessThan(expected30.conversations_count);
    await expect.poll(() => cardValue(page, 'conversations_count')).toBe(scoped.conversations_count);
    await settled(page);
    expect(await cardValue(page, 'avg_first_response_time')).toBe(scoped.avg_first_response_time);
    await shot(page, '06-agent-scope');
    // The keyboard way to another scope: Enter on the first inbox row.
    await page.getByTestId('support-tab-segments').click();
    await ready(page, 'segment-inboxes');
    const inboxRow = page.getByTestId('segment-inboxes').getByTestId('segment-row').first();
    const inboxId = Number(await inboxRow.getAttribute('data-key'));
    await inboxRow.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('support-scope-chip').getAttribute('data-kind')).toBe('inbox');
    const byInbox = await kpis({ ...last30, scope: { kind: 'inbox', id: inboxId } });
    await expect.poll(() => cardValue(page, 'conversations_count')).toBe(byInbox.conversations_count);
    await page.getByTestId('support-scope-remove').click();
    await expect.poll(() => cardValue(page, 'conversations_count')).toBe(expected30.conversations_count);
    await settled(page);

    // Conversations: find one with a first response by its number, open its transcript.
    const list = (await handlers['support.conversations']({ company: COMPANY, ...last30, limit: 200, offset: 0 })) as ConversationPage;
    const target = list.rows.find((c) => c.first_response_seconds !== null && c.messages_count >= 3);
    if (!target) throw new Error('no conversation with a first response in the last 30 days');
    const detail = (await handlers['support.conversation']({ company: COMPANY, id: target.id })) as ConversationDetail;
    await page.getByTestId('support-tab-conversations').click();
    await ready(page, 'conversation-row');
    expect(Number(await page.getByTestId('conversations-count').getAttribute('data-total'))).toBe(list.total);
    await page.getByTestId('conversations-search').fill(`#${target.display_id}`);
    await expect.poll(() => page.getByTestId('conversations-count').getAttribute('data-total')).toBe('1');
    await settled(page);
    await page.getByTestId('conversation-row').first().click();
    await ready(page, 'transcript');
    expect(await page.getByTestId('transcript-message').count()).toBe(detail.messages.length);
    const marks = await page.getByTestId('transcript-mark').allInnerTexts();
    expect(marks.some((m) => m.startsWith('1ª resposta'))).toBe(true);
    expect(marks).toEqual(detail.messages.flatMap((m) => m.marks));
    expect(await page.getByTestId('conversation-facts').innerText()).toContain(target.status_label);
    await shot(page, '07-transcript');
    await page.keyboard.press('Escape');
    await page.getByTestId('conversation-dialog').waitFor({ state: 'detached' });

    expect(problems).toEqual([]);
  }, 600_000);
});
