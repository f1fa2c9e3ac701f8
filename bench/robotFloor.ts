import { chromium, type Route } from 'playwright-core';
import { formatCpf } from '../src/main/core/boleto/cpf';
import type { CanopusSim } from '../src/main/sim/canopus';

/**
 * The floor any Playwright client pays on this machine: the same portal pages, clicked as fast as
 * the browser allows, with no checks, no verification, no files and no bookkeeping. The robot is
 * measured against it to tell its own overhead from the browser's.
 */
export async function bareFlow(sim: CanopusSim, pointOfSale: string): Promise<{ wallMs: number; portalMs: number; boletos: number }> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  const page = await context.newPage();
  const nav = async (action: () => Promise<unknown>) => {
    const loaded = page.waitForEvent('domcontentloaded');
    await action();
    await loaded;
  };
  const account = sim.accounts.find((a) => a.pointOfSale === pointOfSale)!;
  const latencyBefore = sim.stats.latencyMs;
  const t0 = performance.now();
  let boletos = 0;
  await page.goto(`${sim.url}/frmCorCcCnsLogin.aspx`);
  await page.fill('#edtUsuario', account.user);
  await page.fill('#edtSenha', account.password);
  await nav(() => page.click('#btnLogin', { force: true }));
  await nav(() => page.click('#ctl00_img_Atendimento', { force: true }));
  await nav(() => page.click('#ctl00_Conteudo_btnBuscaAvancada', { force: true }));
  for (const client of sim.clients(pointOfSale)) {
    const cotas = client.inPortal ? client.cotas : [];
    for (let i = 0; i < Math.max(1, cotas.length); i++) {
      await page.goto(`${sim.url}/CONAT/frmBuscaCota.aspx`, { waitUntil: 'domcontentloaded' });
      await nav(() => page.selectOption('#ctl00_Conteudo_cbxCriterioBusca', 'F'));
      await page.fill('#ctl00_Conteudo_edtContextoBusca', formatCpf(client.cpf));
      await nav(() => page.click('#ctl00_Conteudo_btnBuscar', { force: true }));
      if (!cotas.length) break;
      await nav(() => page.locator('a[id*="grdBuscaAvancada"][id*="lnkGrupoCota"]').nth(i + 1).click({ force: true }));
      await nav(() => page.click('#ctl00_Conteudo_Menu_CONAT_grdMenu_CONAT_ctl05_hlkFormulario', { force: true }));
      const marks = page.locator('[id*="grdBoleto_Avulso"] [id$="imgEmite_Boleto"]');
      if (!(await marks.count())) continue;
      await nav(() => marks.first().click({ force: true }));
      let got!: () => void;
      const pdf = new Promise<void>((resolve) => (got = resolve));
      const onRoute = async (route: Route) => {
        const response = await route.fetch();
        const body = await response.body();
        if (body.subarray(0, 5).toString('latin1') === '%PDF-') {
          got();
          await route.fulfill({ status: 200, body: 'ok' });
        } else await route.fulfill({ response, body });
      };
      await context.route(/frmConCmImpressao/, onRoute);
      const followUp = page.waitForEvent('domcontentloaded', { timeout: 10_000 }).catch(() => undefined);
      await page.click('#ctl00_Conteudo_btnEmitir', { force: true });
      await pdf;
      boletos++;
      // Not awaited (the robot does not wait for it either); the last one may outlive the browser.
      context.unroute(/frmConCmImpressao/, onRoute).catch(() => undefined);
      await followUp;
      await page.waitForEvent('domcontentloaded', { timeout: 2000 }).catch(() => undefined);
      for (const p of context.pages()) if (p !== page) void p.close();
    }
  }
  const wallMs = performance.now() - t0;
  await browser.close();
  return { wallMs, portalMs: sim.stats.latencyMs - latencyBefore, boletos };
}
