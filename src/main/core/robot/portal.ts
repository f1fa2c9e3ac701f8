import type { BrowserContext, Page } from 'playwright-core';
import { formatCpf } from '../boleto/cpf';
import { log } from '../log/logger';
import { sleep } from '../sync/sleep';
import { capturePdf } from './pdfCapture';
import { PortalError } from './robotErrors';

export interface PortalCredentials {
  user: string;
  password: string;
  pointOfSale: string;
}

export interface CotaLink {
  /** Position among the non-empty result links. */
  index: number;
  grupo: string;
  cota: string;
}

export interface BoletoRow {
  index: number;
  dueDate: string;
  text: string;
}

export interface PortalTiming {
  /** Random pause between actions, [min, max] ms; [0, 0] = none. */
  action: [number, number];
  /** Keystroke delay when typing credentials. */
  typing: number;
}

export const HUMAN_TIMING: PortalTiming = { action: [300, 1500], typing: 80 };
export const NO_PACING: PortalTiming = { action: [0, 0], typing: 0 };

const LOGIN_PAGES = ['frmCorCcCnsLogin.aspx', 'frmCorCCCnsLogin.aspx'];
const LOGIN_URL = /frmCorC[cC]CnsLogin\.aspx/i;
// Visible text only: every login page carries a hidden hdnTokenRecaptcha field.
const CAPTCHA_TEXT = /caracteres de seguran[çc]a/i;
const SERVER_ERROR = /Server Error in|Erro de Servidor|Erro no servidor|Runtime Error|Ocorreu um erro/i;

const SEL = {
  user: '#edtUsuario',
  password: '#edtSenha',
  login: '#btnLogin',
  pointOfSale: '#edtPontoVenda',
  atendimento: '#ctl00_img_Atendimento',
  advancedSearch: '#ctl00_Conteudo_btnBuscaAvancada',
  criterion: '#ctl00_Conteudo_cbxCriterioBusca',
  searchText: '#ctl00_Conteudo_edtContextoBusca',
  search: '#ctl00_Conteudo_btnBuscar',
  resultLinks: 'a[id*="grdBuscaAvancada"][id*="lnkGrupoCota"]',
  emissionMenu: '#ctl00_Conteudo_Menu_CONAT_grdMenu_CONAT_ctl05_hlkFormulario',
  boletoRows: 'table[id*="grdBoleto_Avulso"] tr:has(input[type="image"][id*="imgEmite_Boleto"])',
  emit: '#ctl00_Conteudo_btnEmitir',
} as const;

/**
 * One logged-in session of one portal credential, driving the Canopus/Newcon pages the way the
 * reference maps them (../shared/reference/canopus-portal.md). Never shared between two clients at
 * once: the emission page takes its client from the server session.
 */
export class CanopusPortal {
  private page: Page | null = null;
  private lastDialog: string | null = null;
  /** Once this session reached the advanced search by the menus, later searches open it directly. */
  private searchReached = false;

  constructor(
    private readonly context: BrowserContext,
    private readonly baseUrl: string,
    private readonly credentials: PortalCredentials,
    private readonly timing: PortalTiming,
    private readonly signal: AbortSignal,
  ) {}

  get currentPage(): Page | null {
    return this.page;
  }

  /** Times one step into the log (debug): slow runs are a known trap of this portal. */
  private async step<T>(name: string, work: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      log.debug('portal step', { step: name, ms: Math.round(performance.now() - t0), pointOfSale: this.credentials.pointOfSale });
    }
  }

  private async pause(): Promise<void> {
    const [min, max] = this.timing.action;
    if (max > 0) await sleep(min + Math.random() * (max - min), this.signal);
  }

  private async ensurePage(): Promise<Page> {
    if (this.page && !this.page.isClosed()) return this.page;
    const page = await this.context.newPage();
    page.on('dialog', (dialog) => {
      this.lastDialog = dialog.message();
      log.info('portal dialog', { message: dialog.message(), pointOfSale: this.credentials.pointOfSale });
      void dialog.accept().catch(() => undefined);
    });
    this.page = page;
    return page;
  }

  /** Throws the right PortalError when the page is the login page (session gone) or an error page. */
  private async checkPage(page: Page): Promise<void> {
    if (LOGIN_URL.test(page.url())) throw new PortalError('a sessão do portal expirou', 'session-expired');
    // One round trip for the title and the start of the text: every step calls this.
    const head = await page
      .evaluate(() => `${document.title}\n${(document.body?.innerText ?? '').slice(0, 2000)}`)
      .catch(() => '');
    if (SERVER_ERROR.test(head)) throw new PortalError('o portal respondeu com uma página de erro', 'transient');
  }

  async login(): Promise<void> {
    return this.step('login', async () => {
      this.searchReached = false;
      const page = await this.ensurePage();
      let opened = false;
      for (const name of LOGIN_PAGES) {
        try {
          await page.goto(`${this.baseUrl}/${name}`, { waitUntil: 'load' });
          opened = true;
          break;
        } catch (err) {
          log.warn('portal login page failed', { page: name, error: (err as Error).message.split('\n')[0] });
        }
      }
      if (!opened) throw new PortalError('a página de login do portal não abriu', 'transient');
      if (await this.showsCaptcha(page)) throw new PortalError('o portal pediu os caracteres de segurança (captcha)', 'captcha');
      await this.pause();
      this.lastDialog = null;
      await page.locator(SEL.user).pressSequentially(this.credentials.user, { delay: this.timing.typing });
      await page.locator(SEL.password).pressSequentially(this.credentials.password, { delay: this.timing.typing });
      if (await page.locator(SEL.pointOfSale).count()) await page.locator(SEL.pointOfSale).fill(this.credentials.pointOfSale);
      await this.pause();
      await this.navigate(page, () => page.locator(SEL.login).click(), false);
      if (LOGIN_URL.test(page.url())) {
        if (await this.showsCaptcha(page)) throw new PortalError('o portal pediu os caracteres de segurança (captcha)', 'captcha');
        throw new PortalError(
          `o portal recusou o usuário ou a senha${this.lastDialog ? ` ("${this.lastDialog}")` : ''}`,
          'login-refused',
        );
      }
      await this.checkPage(page);
    });
  }

  private async showsCaptcha(page: Page): Promise<boolean> {
    const text = await page.locator('body').innerText({ timeout: 5000 }).catch(() => '');
    return CAPTCHA_TEXT.test(text) || (await page.locator('iframe[src*="recaptcha"]').count()) > 0;
  }

  /** From anywhere in a live session to the advanced search, then a CPF search. Returns the cotas found. */
  async search(cpf: string): Promise<CotaLink[]> {
    return this.step('search', async () => {
      const page = await this.ensurePage();
      if (this.searchReached) {
        await page.goto(`${this.baseUrl}/CONAT/frmBuscaCota.aspx`, { waitUntil: 'load' });
        await this.checkPage(page);
      } else {
        await page.goto(`${this.baseUrl}/frmMain.aspx`, { waitUntil: 'load' });
        await this.checkPage(page);
        await this.pause();
        await this.clickAndLoad(page, SEL.atendimento);
        await this.pause();
        await this.clickAndLoad(page, SEL.advancedSearch);
      }
      if (!/frmBuscaCota\.aspx/i.test(page.url())) throw new PortalError('a busca avançada não abriu', 'unexpected-page');
      this.searchReached = true;
      // Choosing the criterion posts the page back; the text box is usable only after that.
      await this.navigate(page, async () => {
        await page.locator(SEL.criterion).selectOption('F');
      });
      await this.pause();
      await page.locator(SEL.searchText).fill(formatCpf(cpf));
      await this.clickAndLoad(page, SEL.search);
      const found = await page.evaluate((selector) => {
        const text = document.body?.innerText ?? '';
        return { none: /Nenhum registro/i.test(text), links: [...document.querySelectorAll(selector)].map((a) => (a.textContent ?? '').trim()) };
      }, SEL.resultLinks);
      if (found.none) return [];
      const cotas: CotaLink[] = [];
      for (const text of found.links) {
        if (!text) continue;
        const m = /(\d+)\s*[-/]\s*(\d+)/.exec(text);
        cotas.push({ index: cotas.length, grupo: m ? m[1] : text, cota: m ? m[2] : '' });
      }
      if (!cotas.length) throw new PortalError('a busca voltou resultados sem cotas legíveis', 'unexpected-page');
      return cotas;
    });
  }

  /** Opens one cota from the current results and its "Emissão de Cobrança" page; returns the open boletos. */
  async openEmission(cota: CotaLink): Promise<BoletoRow[]> {
    return this.step('emission', async () => {
      const page = await this.ensurePage();
      const texts = await page.$$eval(SEL.resultLinks, (links) => links.map((a) => (a.textContent ?? '').trim()));
      const position = texts.map((t, i) => (t ? i : -1)).filter((i) => i >= 0)[cota.index];
      if (position === undefined) throw new PortalError('a cota escolhida não está mais na lista de resultados', 'unexpected-page');
      await this.pause();
      await this.navigate(page, () => this.press(page.locator(SEL.resultLinks).nth(position)));
      await this.pause();
      await this.clickAndLoad(page, SEL.emissionMenu);
      if (!/frmConCoRelBoletoAvulso\.aspx/i.test(page.url())) throw new PortalError('a página de Emissão de Cobrança não abriu', 'unexpected-page');
      const rows = await page.$$eval(SEL.boletoRows, (trs) => trs.map((tr) => (tr as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
      const boletos: BoletoRow[] = [];
      rows.forEach((text, index) => {
        const m = /(\d{2})\/(\d{2})\/(\d{4})/.exec(text);
        if (m) boletos.push({ index, dueDate: `${m[3]}-${m[2]}-${m[1]}`, text });
      });
      return boletos;
    });
  }

  async emit(row: BoletoRow, timeoutMs: number): Promise<Buffer> {
    return this.step('emit', async () => {
      const page = await this.ensurePage();
      await this.pause();
      const button = page.locator(SEL.boletoRows).nth(row.index).locator('input[type="image"][id*="imgEmite_Boleto"]');
      await this.navigate(page, () => this.press(button));
      await this.pause();
      this.lastDialog = null;
      // Count the page's loads from "Emitir" on: its answer, then (on this portal) a postback of its own.
      let loads = 0;
      const onLoad = () => loads++;
      page.on('domcontentloaded', onLoad);
      const answer = page
        .waitForResponse((r) => r.request().method() === 'POST' && /frmConCoRelBoletoAvulso\.aspx/i.test(r.url()), { timeout: timeoutMs })
        .then((r) => r.text())
        .catch(() => '');
      try {
        const pdf = await capturePdf(this.context, page, () => this.press(page.locator(SEL.emit)), timeoutMs).catch((err) => {
          if (this.lastDialog) throw new PortalError(`o portal avisou: "${this.lastDialog}"`, 'transient');
          throw err;
        });
        // The answer that opened the print popup posts itself back a moment later (btnVerificaPopUp);
        // leaving before that postback lands would collide with it.
        const expected = (await answer).includes('btnVerificaPopUp') ? 2 : 1;
        const deadline = Date.now() + 10_000;
        while (loads < expected && Date.now() < deadline) {
          await page.waitForEvent('domcontentloaded', { timeout: Math.max(1, deadline - Date.now()) }).catch(() => undefined);
        }
        return pdf;
      } finally {
        page.off('domcontentloaded', onLoad);
      }
    });
  }

  /** A real (trusted) click; the pages are static, so Playwright's wait for a stable element is skipped. */
  private async press(target: ReturnType<Page['locator']>): Promise<void> {
    await target.click({ force: true, timeout: 10_000 });
  }

  private async clickAndLoad(page: Page, selector: string): Promise<void> {
    const target = page.locator(selector);
    if (!(await target.count())) {
      await this.checkPage(page);
      throw new PortalError(`elemento esperado não está na página (${selector})`, 'unexpected-page');
    }
    await this.navigate(page, () => this.press(target));
  }

  /**
   * Runs an action that loads a new document (a link, a postback) and waits for that document's
   * load event — armed before the action, so a postback to the same URL is not mistaken for done.
   */
  private async navigate(page: Page, action: () => Promise<unknown>, check = true): Promise<void> {
    const t0 = performance.now();
    this.lastDialog = null;
    // The document is usable at DOMContentLoaded; its images keep loading as they would for a person.
    const loaded = page.waitForEvent('domcontentloaded', { timeout: 60_000 });
    loaded.catch(() => undefined);
    await action();
    try {
      await loaded;
    } catch {
      if (this.lastDialog) throw new PortalError(`o portal avisou: "${this.lastDialog}"`, 'transient');
      throw new PortalError('a página do portal não carregou a tempo', 'transient');
    }
    const t1 = performance.now();
    if (check) await this.checkPage(page);
    log.debug('portal navigation', { url: page.url().replace(/^.*\/WWW\//, ''), loadMs: Math.round(t1 - t0), checkMs: Math.round(performance.now() - t1) });
  }

  /** Screenshot and HTML of the page, for support, when a client fails. */
  async evidence(): Promise<{ png: Buffer | null; html: string | null }> {
    const page = this.page;
    if (!page || page.isClosed()) return { png: null, html: null };
    const png = await page.screenshot({ fullPage: true }).catch(() => null);
    const html = await page.content().catch(() => null);
    return { png, html };
  }

  async close(): Promise<void> {
    await this.page?.close().catch(() => undefined);
    this.page = null;
  }
}
