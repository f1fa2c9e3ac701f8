import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findLine } from '../../src/main/core/boleto/boletoLine';
import { startCanopusSim, type CanopusClient, type CanopusPortalAccount, type CanopusSim, type CanopusSimOptions } from '../../src/main/sim/canopus';
import { formatCpfText as fmt, pdfText } from './canopus-http';

// The simulator driven by a real Chromium the way the robot will drive the real portal
// (canopus-portal.md §2.2-2.3): postbacks, dialogs, the print popup and the PDF capture by routing.

const REFERENCE_DAY = '2025-12-03';

let browser: Browser;
let sim: CanopusSim;
const sims: CanopusSim[] = [];

beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  sim = await startSim({});
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(sims.map((s) => s.close()));
});

async function startSim(options: CanopusSimOptions): Promise<CanopusSim> {
  const s = await startCanopusSim({ seed: 21, referenceDay: REFERENCE_DAY, clientsPerPointOfSale: 25, ...options });
  sims.push(s);
  return s;
}

interface Session {
  context: BrowserContext;
  page: Page;
  dialogs: string[];
}

async function open(): Promise<Session> {
  const context = await browser.newContext({ locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });
  return { context, page, dialogs };
}

async function login(s: CanopusSim, { page }: Session, account: CanopusPortalAccount = s.accounts[0]): Promise<void> {
  await page.goto(`${s.url}/frmCorCcCnsLogin.aspx`);
  await page.fill('#edtUsuario', account.user);
  await page.fill('#edtSenha', account.password);
  await Promise.all([page.waitForURL(/frmMain\.aspx/), page.click('#btnLogin')]);
}

/** Atendimento → Busca avançada → criterion F (postback) → formatted CPF → Buscar. */
async function search({ page }: Session, cpf: string): Promise<void> {
  await page.click('#ctl00_img_Atendimento');
  await Promise.all([page.waitForURL(/frmBuscaCota\.aspx/), page.click('#ctl00_Conteudo_btnBuscaAvancada')]);
  await Promise.all([page.waitForLoadState('load'), page.waitForResponse(/frmBuscaCota\.aspx/), page.selectOption('#ctl00_Conteudo_cbxCriterioBusca', 'F')]);
  await page.locator('#ctl00_Conteudo_edtContextoBusca:enabled').fill(cpf);
  await Promise.all([page.waitForResponse(/frmBuscaCota\.aspx/), page.click('#ctl00_Conteudo_btnBuscar')]);
  await page.waitForLoadState('load');
}

/** Picks result `row` (1 = the first real row), opens Emissão de Cobrança and marks the last boleto. */
async function openEmissionAndMark({ page }: Session, row = 1): Promise<string> {
  await Promise.all([page.waitForURL(/frmConAtCnsAtendimento\.aspx/), page.locator('a[id*="grdBuscaAvancada"][id*="lnkID_Documento"]').nth(row).click()]);
  await Promise.all([page.waitForURL(/frmConCoRelBoletoAvulso\.aspx/), page.click('#ctl00_Conteudo_Menu_CONAT_grdMenu_CONAT_ctl05_hlkFormulario')]);
  const buttons = page.locator('[id*="grdBoleto_Avulso"] [id$="imgEmite_Boleto"]');
  await Promise.all([page.waitForResponse(/frmConCoRelBoletoAvulso\.aspx/), buttons.last().click()]);
  await page.locator('tr.GridSelectedRow').waitFor();
  return (await page.locator('tr.GridSelectedRow td').nth(1).textContent()) as string;
}

/** The robot's primary capture (§2.2): route the print page, keep the body that starts with %PDF-. */
async function emitAndCapture({ context, page }: Session): Promise<Buffer> {
  let resolve: (pdf: Buffer) => void = () => {};
  const captured = new Promise<Buffer>((r) => (resolve = r));
  await context.route(/frmConCmImpressao\.aspx/i, async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    if (body.subarray(0, 5).toString('latin1') === '%PDF-') resolve(body);
    await route.fulfill({ response }).catch(() => undefined);
  });
  try {
    await page.click('#ctl00_Conteudo_btnEmitir');
    return await captured;
  } finally {
    await context.unroute(/frmConCmImpressao\.aspx/i);
  }
}

const withBoleto = (s: CanopusSim, skip = 0) => s.clients('17308').filter((c) => c.inPortal && c.cotas[0].boletos.length)[skip] as CanopusClient;

describe('Canopus simulator in Chromium', () => {
  it('runs the robot path for two clients in one session and captures each inline PDF by routing', async () => {
    const session = await open();
    await login(sim, session);
    const several = sim.clients('17308').find((c) => c.inPortal && c.cotas.length >= 2 && c.cotas[1].boletos.length) as CanopusClient;
    for (const [client, row] of [[withBoleto(sim, 0), 1], [several, 2]] as const) {
      await search(session, fmt(client.cpf));
      expect(await session.page.locator('a[id*="grdBuscaAvancada"][id*="lnkID_Documento"]').count()).toBe(client.cotas.length + 1);
      expect(await session.page.locator('a[id*="grdBuscaAvancada"][id*="lnkID_Documento"]').first().textContent()).toBe('');
      const cota = client.cotas[row - 1];
      const due = await openEmissionAndMark(session, row);
      const last = cota.boletos[cota.boletos.length - 1];
      expect(due).toBe(last.dueDate.split('-').reverse().join('/'));
      const popup = session.page.waitForEvent('popup');
      const pdf = await emitAndCapture(session);
      expect((await popup).url()).toMatch(/frmConCmImpressao\.aspx\?applicationKey=[0-9A-F]{32}/);
      const text = await pdfText(pdf);
      expect(text).toContain(fmt(client.cpf));
      expect(text).toContain(client.name);
      expect(findLine(text)).toBe(last.line);
      // The opener's follow-up postback (btnVerificaPopUp) lands back on the emission page.
      await session.page.locator('#ctl00_Conteudo_lblMensagem', { hasText: 'Cobrança emitida.' }).waitFor();
      for (const other of session.context.pages().slice(1)) await other.close();
    }
    expect(sim.stats.maxConcurrentSessionsPerUser).toBe(1);
    await session.context.close();
  });

  it('shows validation as alert() dialogs', async () => {
    const session = await open();
    await login(sim, session);
    await search(session, fmt(withBoleto(sim, 1).cpf));
    await Promise.all([session.page.waitForURL(/frmConAtCnsAtendimento/), session.page.locator('a[id$="lnkID_Documento"]').nth(1).click()]);
    await Promise.all([session.page.waitForURL(/frmConCoRelBoletoAvulso/), session.page.click('#ctl00_Conteudo_Menu_CONAT_grdMenu_CONAT_ctl05_hlkFormulario')]);
    await Promise.all([session.page.waitForResponse(/frmConCoRelBoletoAvulso/), session.page.click('#ctl00_Conteudo_btnEmitir')]);
    await session.page.waitForLoadState('load');
    await expect.poll(() => session.dialogs).toEqual(['Selecione a cobrança a ser emitida.']);

    await session.page.goto(`${sim.url}/frmCorCcCnsLogin.aspx`);
    await session.page.fill('#edtUsuario', sim.accounts[0].user);
    await session.page.fill('#edtSenha', 'errada');
    await Promise.all([session.page.waitForResponse(/frmCorCcCnsLogin/), session.page.click('#btnLogin')]);
    await expect.poll(() => session.dialogs.at(-1)).toBe('Usuário ou senha inválidos.');
    await expect(session.page.locator('#lblMensagem').textContent()).resolves.toBe('Usuário ou senha inválidos.');
    await session.context.close();
  });

  it('attachment: the download fires on the popup after the HTML step, on the opener after a 302; routing gets the PDF either way', async () => {
    for (const [printRedirect, where] of [['html', 'popup'], ['302', 'opener']] as const) {
      const s = await startSim({ faults: { pdfDisposition: 'attachment', printRedirect } });
      const session = await open();
      await login(s, session);
      const client = withBoleto(s, 2);
      await search(session, fmt(client.cpf));
      await openEmissionAndMark(session);
      const downloads: { where: string; name: string }[] = [];
      session.page.on('download', (d) => downloads.push({ where: 'opener', name: d.suggestedFilename() }));
      session.context.on('page', (p) => p.on('download', (d) => downloads.push({ where: 'popup', name: d.suggestedFilename() })));
      const pdf = await emitAndCapture(session);
      expect(await pdfText(pdf)).toContain(fmt(client.cpf));
      await expect.poll(() => downloads).toEqual([{ where, name: 'Boleto.pdf' }]);
      await session.context.close();
    }
  });

  it('popupClosesAfterMs: the popup closes itself while the PDF is on its way; routing still gets it', async () => {
    const s = await startSim({ faults: { popupClosesAfterMs: 50 }, latency: { pdf: 600 } });
    const session = await open();
    await login(s, session);
    const client = withBoleto(s, 3);
    await search(session, fmt(client.cpf));
    await openEmissionAndMark(session);
    const events: string[] = [];
    const popup = session.page.waitForEvent('popup').then((p) => p.on('close', () => events.push('popup closed')));
    const pdf = await emitAndCapture(session);
    events.push('pdf captured');
    await popup;
    expect(events).toEqual(['popup closed', 'pdf captured']);
    expect(await pdfText(pdf)).toContain(fmt(client.cpf));
    expect(s.stats.pdfsServed).toBe(1);
    await session.context.close();
  });

  it('captchaWhenAssetsNotLoaded: blocking CSS and images brings the captcha; a normal browser logs in', async () => {
    const s = await startSim({ faults: { captchaWhenAssetsNotLoaded: true } });
    const blocked = await open();
    await blocked.context.route(/\.(css|png)$/, (route) => route.abort());
    await blocked.page.goto(`${s.url}/frmCorCcCnsLogin.aspx`);
    await blocked.page.fill('#edtUsuario', s.accounts[0].user);
    await blocked.page.fill('#edtSenha', s.accounts[0].password);
    await Promise.all([blocked.page.waitForResponse(/frmCorCcCnsLogin/), blocked.page.click('#btnLogin')]);
    await blocked.page.getByText('Confirme os caracteres de segurança').first().waitFor();
    expect(blocked.page.url()).toMatch(/frmCorCcCnsLogin/);
    await blocked.context.close();

    s.resetCaptcha();
    const normal = await open();
    await login(s, normal);
    expect(normal.page.url()).toMatch(/frmMain\.aspx/);
    await normal.context.close();
  });

  it('cc-only: the CCC spelling fails to load, the Cc spelling works', async () => {
    const s = await startSim({ loginPathCasing: 'cc-only' });
    const session = await open();
    await expect(session.page.goto(`${s.url}/frmCorCCCnsLogin.aspx`)).rejects.toThrow(/ERR_(CONNECTION_RESET|EMPTY_RESPONSE|CONNECTION_CLOSED)/);
    const fresh = { ...session, page: await session.context.newPage() };
    await login(s, fresh);
    await session.context.close();
  });

  it('a second login of the same credential sends the first browser back to the login page', async () => {
    const s = await startSim({});
    const first = await open();
    const second = await open();
    await login(s, first);
    await login(s, second);
    await first.page.click('#ctl00_img_Atendimento');
    await first.page.waitForURL(/frmCorCcCnsLogin\.aspx/);
    await first.page.getByText('entrou no sistema em outra estação').waitFor();
    await first.context.close();
    await second.context.close();
  });
});
