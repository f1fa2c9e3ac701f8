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
    const title = await page.title().catch(() => '');
    const body = await page.locator('body').innerText({ timeout: 5000 }).catch(() => '');
    if (SERVER_ERROR.test(title) || SERVER_ERROR.test(body.slice(0, 2000))) {
      throw new PortalError('o portal respondeu com uma página de erro', 'transient');
    }
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
      const body = await page.locator('body').innerText();
      if (/Nenhum registro/i.test(body)) return [];
      const links = page.locator(SEL.resultLinks);
      const count = await links.count();
      const cotas: CotaLink[] = [];
      for (let i = 0; i < count; i++) {
        const text = (await links.nth(i).innerText()).trim();
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
      const links = page.locator(SEL.resultLinks);
      let seen = -1;
      for (let i = 0, n = await links.count(); i < n; i++) {
        if (!(await links.nth(i).innerText()).trim()) continue;
        if (++seen === cota.index) {
          await this.pause();
          await this.navigate(page, () => links.nth(i).click());
          break;
        }
      }
      if (seen < cota.index) throw new PortalError('a cota escolhida não está mais na lista de resultados', 'unexpected-page');
      await this.pause();
      await this.clickAndLoad(page, SEL.emissionMenu);
      if (!/frmConCoRelBoletoAvulso\.aspx/i.test(page.url())) throw new PortalError('a página de Emissão de Cobrança não abriu', 'unexpected-page');
      const rows = page.locator(SEL.boletoRows);
      const boletos: BoletoRow[] = [];
      for (let i = 0, n = await rows.count(); i < n; i++) {
        const text = (await rows.nth(i).innerText()).replace(/\s+/g, ' ').trim();
        const m = /(\d{2})\/(\d{2})\/(\d{4})/.exec(text);
        if (m) boletos.push({ index: i, dueDate: `${m[3]}-${m[2]}-${m[1]}`, text });
      }
      return boletos;
    });
  }

  /** Marks one boleto row, clicks "Emitir Cobrança" and returns the PDF bytes. */
  async emit(row: BoletoRow, timeoutMs: number): Promise<Buffer> {
    return this.step('emit', async () => {
      const page = await this.ensurePage();
      await this.pause();
      const button = page.locator(SEL.boletoRows).nth(row.index).locator('input[type="image"][id*="imgEmite_Boleto"]');
      await this.navigate(page, () => button.click());
      await this.pause();
      this.lastDialog = null;
      return capturePdf(this.context, page, () => page.locator(SEL.emit).click(), timeoutMs).catch((err) => {
        if (this.lastDialog) throw new PortalError(`o portal avisou: "${this.lastDialog}"`, 'transient');
        throw err;
      });
    });
  }

  private async clickAndLoad(page: Page, selector: string): Promise<void> {
    const target = page.locator(selector);
    if (!(await target.count())) {
      await this.checkPage(page);
      throw new PortalError(`elemento esperado não está na página (${selector})`, 'unexpected-page');
    }
    await this.navigate(page, () => target.click());
  }

  /**
   * Runs an action that loads a new document (a link, a postback) and waits for that document's
   * load event — armed before the action, so a postback to the same URL is not mistaken for done.
   */
  private async navigate(page: Page, action: () => Promise<unknown>, check = true): Promise<void> {
    this.lastDialog = null;
    const loaded = page.waitForEvent('load', { timeout: 60_000 });
    loaded.catch(() => undefined);
    await action();
    try {
      await loaded;
    } catch {
      if (this.lastDialog) throw new PortalError(`o portal avisou: "${this.lastDialog}"`, 'transient');
      throw new PortalError('a página do portal não carregou a tempo', 'transient');
    }
    if (check) await this.checkPage(page);
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
