import { randomBytes } from 'node:crypto';
import { isValidCpf } from '../../core/boleto/cpf';
import { formatPointOfSale, normalizePointOfSale } from '../../core/boleto/pointOfSale';
import { captchaSvg, PIXEL_PNG, STYLESHEET } from './assets';
import { boletoPdf } from './boletoPdf';
import type { BoletoSlip, CanopusDataset } from './dataset';
import { cpfDigits, inWindow, type CanopusFaults } from './faults';
import { alertScript, formPage, jsString, notFoundPage, objectMoved, runtimeErrorPage, viewStateErrorPage } from './html';
import type { CanopusClient, CanopusCota, CanopusLatency, CanopusPortalAccount } from './model';
import {
  atendimentoBody, clientBody, CRITERIA, emissionBody, genericBody, loginBody, mainBody, NAMES, printKeyErrorPage,
  printPopupScript, printStepPage, searchBody, type SearchRow,
} from './pages';
import type { PortalSession, SessionStore } from './sessions';
import { ViewStateCodec, type PageState } from './viewState';

// The portal's behaviour, page by page: the login, the search, the session-held cota, the emission
// postbacks and the print popup. HTTP plumbing (sockets, latency sleeps) is in server.ts.

export interface PortalRequest {
  method: string;
  /** The path as the client spelled it. */
  path: string;
  query: URLSearchParams;
  host: string;
  cookies: Record<string, string>;
  form: URLSearchParams | null;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
  /** The flow step whose latency applies. */
  step?: keyof CanopusLatency;
  extraDelayMs?: number;
  /** Reset the TCP connection instead of answering. */
  reset?: boolean;
}

export interface CanopusSimStats {
  requests: number;
  logins: number;
  failedLogins: number;
  activeSessions: number;
  emissions: number;
  pdfsServed: number;
  wrongPdfsServed: number;
  byPage: Record<string, number>;
  maxConcurrentSessionsPerUser: number;
  /** Time the portal itself made clients wait (configured latencies and slow-PDF delays), in ms. */
  latencyMs: number;
}

export interface PortalSetup {
  dataset: CanopusDataset;
  accounts: CanopusPortalAccount[];
  sessions: SessionStore;
  faults: () => CanopusFaults;
  loginPathCasing: 'both' | 'cc-only';
  pointOfSaleField: boolean;
}

interface PrintJob {
  sessionId: string;
  slip: BoletoSlip;
  wrong: boolean;
  used: boolean;
}

interface Ctx {
  req: PortalRequest;
  session: PortalSession;
  now: number;
  faults: CanopusFaults;
  eventTarget: string;
  eventArgument: string;
}

type Postback = { kind: 'get' } | { kind: 'post'; state: PageState } | { kind: 'error'; reply: Reply };

interface PageInfo {
  id: string;
  title: string;
  /** Path from /WWW/, canonical spelling. */
  file: string;
  generator: string;
  handler: (ctx: Ctx) => Reply;
}

export const LOGIN_FILE = 'frmCorCcCnsLogin.aspx';
const LOGIN_PATH = `/WWW/${LOGIN_FILE}`;
/** The spelling the server's own root redirect uses (and that was reset in 2026-09). */
const LOGIN_FILE_CCC = 'frmCorCCCnsLogin.aspx';
const SESSION_COOKIE = 'ASP.NET_SessionId';
const CAPTCHA_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

const MESSAGES = {
  badLogin: 'Usuário ou senha inválidos.',
  badPointOfSale: 'Ponto de venda inválido para este usuário.',
  captcha: 'Confirme os caracteres de segurança.',
  expired: 'Sua sessão expirou. Efetue o login novamente.',
  replaced: 'Sua sessão foi encerrada porque este usuário entrou no sistema em outra estação.',
  loggedOut: 'Sessão encerrada.',
  noCriterion: 'Selecione o critério de busca.',
  noText: 'Informe o conteúdo da busca.',
  badCpf: 'CPF/CNPJ inválido.',
  shortName: 'Informe ao menos 3 caracteres do nome.',
  notFound: 'Nenhum registro encontrado.',
  emptyRow: 'Selecione um registro válido.',
  noCota: 'Nenhum consorciado selecionado. Utilize a busca do Atendimento.',
  noRow: 'Selecione a cobrança a ser emitida.',
  noOpen: 'Não há cobranças em aberto para esta cota.',
  carne: 'Emissão de carnê indisponível para esta cota.',
  badDate: 'Data de compensação inválida.',
  popupBlocked: 'O bloqueador de pop-ups impediu a abertura do documento. Desbloqueie os pop-ups para este site e emita novamente.',
  emitted: 'Cobrança emitida.',
};

export class CanopusPortal {
  readonly stats: CanopusSimStats;
  private readonly codec = new ViewStateCodec();
  private readonly pages = new Map<string, PageInfo>();
  private readonly prints = new Map<string, PrintJob>();
  private pageRequests = 0;
  private consecutiveFailures = 0;
  private captcha: { code: string; guid: string } | null = null;

  constructor(private readonly setup: PortalSetup) {
    const sessions = setup.sessions;
    this.stats = {
      requests: 0,
      logins: 0,
      failedLogins: 0,
      get activeSessions() {
        return sessions.activeCount(Date.now());
      },
      emissions: 0,
      pdfsServed: 0,
      wrongPdfsServed: 0,
      byPage: {},
      latencyMs: 0,
      get maxConcurrentSessionsPerUser() {
        return sessions.maxConcurrentPerUser;
      },
    };
    const add = (id: string, file: string, title: string, generator: string, handler: (ctx: Ctx) => Reply) =>
      this.pages.set(`/www/${file.toLowerCase()}`, { id, file, title, generator, handler });
    add('login', LOGIN_FILE, 'Newcon - Acesso ao sistema', 'A7C2F1D4', (ctx) => this.login(ctx));
    add('main', 'frmMain.aspx', 'Newcon', 'CA0B0334', (ctx) => this.simplePage(ctx, 'main', mainBody()));
    add('atendimento', 'CONAT/frmConAtSrcConsorciado.aspx', 'Newcon - Atendimento', '5E1B9A02', (ctx) => this.atendimento(ctx));
    add('busca', 'CONAT/frmBuscaCota.aspx', 'Newcon - Busca avançada', '3D94C1E7', (ctx) => this.busca(ctx));
    add('cliente', 'CONAT/frmConAtCnsAtendimento.aspx', 'Newcon - Atendimento', '9B27F0C5', (ctx) => this.cliente(ctx));
    add('emissao', 'CONCO/frmConCoRelBoletoAvulso.aspx', 'Newcon - Emissão de Cobrança', '71E3D8A6', (ctx) => this.emissao(ctx));
    add('impressao', 'CONCM/frmConCmImpressao.aspx', 'Impressão', '', (ctx) => this.impressao(ctx));
    add('captcha', 'CaptchaImage.axd', '', '', () => this.captchaImage());
    for (const [file, title] of [
      ['CONAT/frmConAtCnsDadosCadastrais.aspx', 'Dados Cadastrais'],
      ['CONCO/frmConCoCnsExtrato.aspx', 'Extrato da Cota'],
      ['CONCO/frmConCoCnsPosicao.aspx', 'Posição Financeira'],
      ['CONAT/frmConAtCnsAssembleias.aspx', 'Assembleias'],
    ]) {
      add(file, file, `Newcon - ${title}`, 'B0D1E2F3', (ctx) => this.genericPage(ctx, file, title));
    }
  }

  resetCaptcha(): void {
    this.captcha = null;
    this.consecutiveFailures = 0;
  }

  /** Answers one request. `finish` must be called once the reply has been sent. */
  handle(req: PortalRequest, now: number): { reply: Reply; session: PortalSession | null } {
    this.stats.requests++;
    const lower = req.path.toLowerCase();
    if (lower === '/' || lower === '/www' || lower === '/www/') return { reply: redirect(`/WWW/${LOGIN_FILE_CCC}`), session: null };
    const asset = this.asset(req, lower);
    if (asset) return { reply: asset, session: null };
    const page = this.pages.get(lower);
    if (!page) return { reply: { status: 404, headers: { 'Content-Type': 'text/html' }, body: notFoundPage() }, session: null };

    const cccSpelling = page.id === 'login' && req.path.includes(LOGIN_FILE_CCC);
    const statsKey = cccSpelling ? LOGIN_FILE_CCC : page.file;
    this.stats.byPage[statsKey] = (this.stats.byPage[statsKey] ?? 0) + 1;
    if (cccSpelling && this.setup.loginPathCasing === 'cc-only') return { reply: { status: 0, headers: {}, body: '', reset: true }, session: null };

    const n = ++this.pageRequests;
    const faults = this.setup.faults();
    let session = this.setup.sessions.get(req.cookies[SESSION_COOKIE]);
    const fresh = !session;
    if (!session) session = this.setup.sessions.create(now);
    this.setup.sessions.begin(session, now);
    const errorWindow = faults.htmlErrorPage;
    const reply = errorWindow && inWindow(errorWindow.afterRequests, errorWindow.count, n)
      ? html(runtimeErrorPage())
      : page.handler({
        req, session, now, faults,
        eventTarget: req.form?.get('__EVENTTARGET') ?? '',
        eventArgument: req.form?.get('__EVENTARGUMENT') ?? '',
      });
    if (fresh) reply.headers['Set-Cookie'] = `${SESSION_COOKIE}=${session.id}; path=/; HttpOnly; SameSite=Lax`;
    return { reply, session };
  }

  finish(session: PortalSession | null): void {
    if (session) this.setup.sessions.end(session);
  }

  // ---- static files -------------------------------------------------------------------------

  private asset(req: PortalRequest, lower: string): Reply | null {
    const session = this.setup.sessions.get(req.cookies[SESSION_COOKIE]);
    if (lower === '/www/app_themes/newcon/newcon.css') {
      if (session) session.assets.css = true;
      return { status: 200, headers: { 'Content-Type': 'text/css', 'Cache-Control': 'no-store' }, body: STYLESHEET };
    }
    if (/^\/www\/imagens\/[a-z0-9_]+\.(png|gif)$/.test(lower)) {
      if (session) session.assets.image = true;
      return { status: 200, headers: { 'Content-Type': 'image/png', 'Cache-Control': 'no-store' }, body: PIXEL_PNG };
    }
    return null;
  }

  private captchaImage(): Reply {
    return { status: 200, headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'no-store' }, body: captchaSvg(this.captcha?.code ?? '') };
  }

  // ---- page plumbing ------------------------------------------------------------------------

  private postback(ctx: Ctx, page: PageInfo): Postback {
    const form = ctx.req.form;
    if (ctx.req.method !== 'POST' || !form || !form.has('__VIEWSTATE')) return { kind: 'get' };
    const viewState = form.get('__VIEWSTATE') as string;
    const state = this.codec.decode(viewState, page.id);
    if (!state) {
      return { kind: 'error', reply: { status: 500, headers: htmlHeaders(), body: viewStateErrorPage('Validation of viewstate MAC failed.') } };
    }
    if (!this.codec.checkEventValidation(page.id, viewState, form.get('__EVENTVALIDATION') ?? '')) {
      return { kind: 'error', reply: { status: 500, headers: htmlHeaders(), body: viewStateErrorPage('Invalid postback or callback argument.') } };
    }
    return { kind: 'post', state };
  }

  private render(ctx: Ctx, page: PageInfo, state: PageState, body: string, scripts: string[] = []): Reply {
    const viewState = this.codec.encode(state);
    const account = ctx.session.account;
    const slash = page.file.lastIndexOf('/');
    const action = page.id === 'login' ? ctx.req.path.slice(ctx.req.path.lastIndexOf('/') + 1) : page.file.slice(slash + 1);
    ctx.session.assets = { css: false, image: false };
    return html(formPage({
      title: page.title,
      base: slash >= 0 ? '../' : '',
      action,
      viewState,
      eventValidation: this.codec.eventValidation(page.id, viewState),
      generator: page.generator,
      body,
      scripts,
      master: page.id !== 'login' && account ? { user: account.user, pointOfSale: formatPointOfSale(account.pointOfSale) } : undefined,
    }));
  }

  /** Redirects to the login page unless the session is logged in and alive. */
  private guard(ctx: Ctx, printPending = false): Reply | null {
    const { session, now } = ctx;
    this.setup.sessions.expireIfIdle(session, now);
    const limit = ctx.faults.sessionExpiresAfterClients;
    if (session.state === 'active' && limit !== undefined && session.emissions >= limit && !printPending) session.state = 'expired';
    if (session.state !== 'active') return redirect(LOGIN_PATH);
    session.lastSeen = now;
    return null;
  }

  private page(id: string): PageInfo {
    for (const page of this.pages.values()) if (page.id === id) return page;
    throw new Error(`no page ${id}`);
  }

  private simplePage(ctx: Ctx, id: string, body: string): Reply {
    const page = this.page(id);
    const denied = this.guard(ctx);
    if (denied) return denied;
    const post = this.postback(ctx, page);
    if (post.kind === 'error') return post.reply;
    return this.render(ctx, page, { page: id }, body);
  }

  private selected(ctx: Ctx): { client: CanopusClient; cota: CanopusCota } | null {
    const selected = ctx.session.selected;
    const client = selected ? this.setup.dataset.client(selected.cpf) : undefined;
    const cota = client?.cotas.find((c) => c.grupo === selected?.grupo && c.cota === selected?.cota);
    return client && cota ? { client, cota } : null;
  }

  // ---- login --------------------------------------------------------------------------------

  private login(ctx: Ctx): Reply {
    const page = this.page('login');
    const { session, req } = ctx;
    const limit = ctx.faults.captchaAfterFailedLogins;
    // 0 means from the very first attempt; the captcha stays until resetCaptcha().
    if (!this.captcha && limit !== undefined && this.consecutiveFailures >= limit) this.raiseCaptcha();
    const post = this.postback(ctx, page);
    if (post.kind === 'error') return post.reply;
    if (post.kind === 'get') {
      if (req.query.get('Sair') === 'S' && session.state === 'active') session.state = 'loggedOut';
      const notice = session.state === 'expired' ? MESSAGES.expired : session.state === 'replaced' ? MESSAGES.replaced : session.state === 'loggedOut' ? MESSAGES.loggedOut : null;
      return this.loginPage(ctx, '', notice);
    }
    const form = req.form as URLSearchParams;
    const user = (form.get('edtUsuario') ?? '').trim();
    if (!form.has('btnLogin') && ctx.eventTarget !== 'btnLogin') return this.loginPage(ctx, user, null);

    const reply = (r: Reply): Reply => ({ ...r, step: 'login' });
    if (this.captcha) {
      const typed = (form.get('edtCaptcha') ?? '').trim().toUpperCase();
      if (typed !== this.captcha.code) return reply(this.loginPage(ctx, user, MESSAGES.captcha));
      this.resetCaptcha();
    }
    if (ctx.faults.captchaWhenAssetsNotLoaded && !(session.assets.css && session.assets.image)) {
      this.raiseCaptcha();
      return reply(this.loginPage(ctx, user, MESSAGES.captcha));
    }
    const account = this.setup.accounts.find((a) => sameUser(a.user, user) && a.password === (form.get('edtSenha') ?? ''));
    const pointOfSaleOk = !this.setup.pointOfSaleField || (account && normalizePointOfSale(form.get('edtPontoVenda') ?? '') === account.pointOfSale);
    if (!account || !pointOfSaleOk) {
      this.stats.failedLogins++;
      this.consecutiveFailures++;
      if (limit !== undefined && this.consecutiveFailures >= limit) this.raiseCaptcha();
      const message = account ? MESSAGES.badPointOfSale : MESSAGES.badLogin;
      return reply(this.loginPage(ctx, user, message, true));
    }
    this.consecutiveFailures = 0;
    this.stats.logins++;
    this.setup.sessions.login(session, account, ctx.faults.newLoginInvalidatesPrevious ?? true, ctx.now);
    return reply(redirect('/WWW/frmMain.aspx'));
  }

  private loginPage(ctx: Ctx, user: string, message: string | null, withAlert = false): Reply {
    const body = loginBody({
      user,
      message: this.captcha && !message ? MESSAGES.captcha : message,
      captchaGuid: this.captcha?.guid ?? null,
      pointOfSaleField: this.setup.pointOfSaleField,
      asFid: randomBytes(20).toString('hex'),
    });
    return this.render(ctx, this.page('login'), { page: 'login' }, body, withAlert && message ? [alertScript(message)] : []);
  }

  private raiseCaptcha(): void {
    let code = '';
    for (const byte of randomBytes(5)) code += CAPTCHA_ALPHABET[byte % CAPTCHA_ALPHABET.length];
    this.captcha = { code, guid: randomBytes(16).toString('hex') };
  }

  // ---- atendimento and search ---------------------------------------------------------------

  private atendimento(ctx: Ctx): Reply {
    const page = this.page('atendimento');
    const denied = this.guard(ctx);
    if (denied) return denied;
    const post = this.postback(ctx, page);
    if (post.kind === 'error') return post.reply;
    if (post.kind === 'post' && (ctx.req.form?.has(NAMES.buscaAvancada) || ctx.eventTarget === NAMES.buscaAvancada)) {
      return redirect('/WWW/CONAT/frmBuscaCota.aspx');
    }
    return this.render(ctx, page, { page: 'atendimento' }, atendimentoBody());
  }

  private busca(ctx: Ctx): Reply {
    const page = this.page('busca');
    const denied = this.guard(ctx);
    if (denied) return denied;
    const post = this.postback(ctx, page);
    if (post.kind === 'error') return post.reply;
    if (post.kind === 'get') return this.renderSearch(ctx, '', '', null, null);

    const form = ctx.req.form as URLSearchParams;
    const state = post.state as PageState & { criterio: string; results: string[] | null };
    const posted = form.get(NAMES.criterio);
    const criterio = posted !== null && (posted === '' || CRITERIA.some((c) => c.value === posted)) ? posted : state.criterio;
    // A disabled text box is not posted by browsers and ignored by ASP.NET when it was rendered disabled.
    const texto = state.criterio ? (form.get(NAMES.contexto) ?? '') : '';

    const row = /^ctl00\$Conteudo\$grdBuscaAvancada\$ctl(\d{2})\$(?:lnkGrupoCota|lnkID_Documento)$/.exec(ctx.eventTarget);
    if (row && state.results) {
      const key = Number(row[1]) === 2 ? null : state.results[Number(row[1]) - 3];
      if (!key) return this.renderSearch(ctx, criterio, texto, state.results, null, MESSAGES.emptyRow);
      const [cpf, grupo, cota] = key.split('|');
      ctx.session.selected = { cpf, grupo, cota };
      return redirect('/WWW/CONAT/frmConAtCnsAtendimento.aspx');
    }
    if (form.has(NAMES.buscar) || ctx.eventTarget === NAMES.buscar) {
      const found = this.search(ctx, criterio, texto);
      const reply = 'alert' in found
        ? this.renderSearch(ctx, criterio, texto, null, null, found.alert)
        : this.renderSearch(ctx, criterio, texto, found.rows.map((r) => `${r.client.cpf}|${r.cota.grupo}|${r.cota.cota}`), found.rows.length ? null : MESSAGES.notFound);
      return { ...reply, step: 'search' };
    }
    // The criterion's AutoPostBack: the text box is enabled (and emptied) for the new criterion.
    return this.renderSearch(ctx, criterio, criterio === state.criterio ? texto : '', null, null);
  }

  private renderSearch(ctx: Ctx, criterio: string, texto: string, results: string[] | null, message: string | null, alert?: string): Reply {
    const rows = results?.map((key) => {
      const [cpf, grupo, cota] = key.split('|');
      const client = this.setup.dataset.client(cpf) as CanopusClient;
      return { client, cota: client.cotas.find((c) => c.grupo === grupo && c.cota === cota) as CanopusCota };
    }) ?? null;
    const body = searchBody({ criterio, texto, rows, message });
    return this.render(ctx, this.page('busca'), { page: 'busca', criterio, results }, body, alert ? [alertScript(alert)] : []);
  }

  /**
   * CPF search wants the formatted CPF (000.000.000-00). 11 bare digits are a CPF the system never
   * matches ("Nenhum registro encontrado"), as is any CNPJ; anything else raises "CPF/CNPJ inválido.".
   */
  private search(ctx: Ctx, criterio: string, texto: string): { rows: SearchRow[] } | { alert: string } {
    if (!criterio) return { alert: MESSAGES.noCriterion };
    const text = texto.trim();
    if (!text) return { alert: MESSAGES.noText };
    const visible = this.visibleClients(ctx);
    const rowsOf = (clients: CanopusClient[]) => clients.flatMap((client) => client.cotas.map((cota) => ({ client, cota })));
    switch (criterio) {
      case 'F': {
        if (/^\d{3}\.\d{3}\.\d{3}-\d{2}$/.test(text)) {
          const cpf = cpfDigits(text);
          if (!isValidCpf(cpf)) return { alert: MESSAGES.badCpf };
          return { rows: rowsOf(visible.filter((c) => c.cpf === cpf)) };
        }
        if (/^(\d{11}|\d{14}|\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2})$/.test(text)) return { rows: [] };
        return { alert: MESSAGES.badCpf };
      }
      case 'N': {
        if (text.length < 3) return { alert: MESSAGES.shortName };
        const wanted = plain(text);
        return { rows: rowsOf(visible.filter((c) => plain(c.name).includes(wanted))).slice(0, 50) };
      }
      case 'G': {
        const m = /^(\d{1,6})\s*[/\s-]\s*(\d{1,4})$/.exec(text);
        if (!m) return { rows: [] };
        return { rows: rowsOf(visible).filter((r) => Number(r.cota.grupo) === Number(m[1]) && Number(r.cota.cota) === Number(m[2])) };
      }
      default:
        return { rows: [] };
    }
  }

  /** Clients the logged-in point of sale can see. */
  private visibleClients(ctx: Ctx): CanopusClient[] {
    const hidden = new Set((ctx.faults.cpfNotFound ?? []).map(cpfDigits));
    return this.setup.dataset.clients(ctx.session.account?.pointOfSale).filter((c) => c.inPortal && !hidden.has(c.cpf));
  }

  // ---- client page and emission -------------------------------------------------------------

  private cliente(ctx: Ctx): Reply {
    const page = this.page('cliente');
    const denied = this.guard(ctx);
    if (denied) return denied;
    const post = this.postback(ctx, page);
    if (post.kind === 'error') return post.reply;
    const selected = this.selected(ctx);
    if (!selected) return redirect('/WWW/CONAT/frmBuscaCota.aspx');
    return { ...this.render(ctx, page, { page: 'cliente' }, clientBody(selected.client, selected.cota)), step: 'clientPage' };
  }

  private openBoletos(ctx: Ctx, client: CanopusClient, cota: CanopusCota) {
    return (ctx.faults.noBoleto ?? []).map(cpfDigits).includes(client.cpf) ? [] : cota.boletos;
  }

  private emissao(ctx: Ctx): Reply {
    const page = this.page('emissao');
    const denied = this.guard(ctx);
    if (denied) return denied;
    const post = this.postback(ctx, page);
    if (post.kind === 'error') return post.reply;
    const selected = this.selected(ctx);
    const boletos = selected ? this.openBoletos(ctx, selected.client, selected.cota) : [];
    const show = (marked: number | null, message: string | null, scripts: string[] = []) =>
      this.render(ctx, page, { page: 'emissao', marked }, emissionBody({
        client: selected?.client ?? null,
        cota: selected?.cota ?? null,
        boletos,
        marked,
        referenceDay: this.setup.dataset.referenceDay,
        message: message ?? (selected ? null : MESSAGES.noCota),
      }), scripts);
    if (post.kind === 'get') return { ...show(null, null), step: 'emissionPage' };

    const form = ctx.req.form as URLSearchParams;
    const state = post.state as PageState & { marked: number | null };
    for (const key of form.keys()) {
      const image = /^ctl00\$Conteudo\$grdBoleto_Avulso\$ctl(\d{2})\$imgEmite_Boleto\.x$/.exec(key);
      if (!image) continue;
      const row = Number(image[1]) - 2;
      return row < boletos.length ? show(row, null) : show(state.marked, null, [alertScript(MESSAGES.noRow)]);
    }
    if (ctx.eventTarget === NAMES.verificaPopUp) {
      return ctx.eventArgument === 'N' ? show(null, null, [alertScript(MESSAGES.popupBlocked)]) : show(null, MESSAGES.emitted);
    }
    if (!form.has(NAMES.emitir) && ctx.eventTarget !== NAMES.emitir) return show(state.marked, null);

    const refuse = (message: string) => ({ ...show(state.marked, null, [alertScript(message)]), step: 'emit' as const });
    if (!selected) return refuse(MESSAGES.noCota);
    if (!boletos.length) return refuse(MESSAGES.noOpen);
    if ((form.get(NAMES.tipoEmissao) ?? 'BA') !== 'BA') return refuse(MESSAGES.carne);
    if (!validBrDate(form.get(NAMES.dataCompensacao) ?? '')) return refuse(MESSAGES.badDate);
    // The marked row is an index into whatever cota the SESSION holds now: a second tab that
    // selected another client in between gets that client's boleto, as on the real portal.
    if (state.marked === null || state.marked >= boletos.length) return refuse(MESSAGES.noRow);

    const emission = ++this.stats.emissions;
    ctx.session.emissions++;
    const wrongWindow = ctx.faults.wrongClientPdf;
    const other = wrongWindow && inWindow(wrongWindow.afterEmissions, wrongWindow.count, emission) ? this.otherClient(selected.client) : null;
    const otherCota = other?.cotas.find((c) => c.boletos.length);
    const slip = other && otherCota
      ? this.setup.dataset.slip(other, otherCota, otherCota.boletos[0])
      : this.setup.dataset.slip(selected.client, selected.cota, boletos[state.marked]);
    const key = randomBytes(16).toString('hex').toUpperCase();
    this.prints.set(key, { sessionId: ctx.session.id, slip, wrong: slip.client !== selected.client, used: false });
    const printUrl = `http://${ctx.req.host}/WWW/CONCM/frmConCmImpressao.aspx?applicationKey=${key}`;
    return { ...show(state.marked, null, [printPopupScript(jsString(printUrl))]), step: 'emit' };
  }

  /** Another client of the same point of sale with something open (for the wrong-PDF fault). */
  private otherClient(client: CanopusClient): CanopusClient | null {
    const all = this.setup.dataset.clients(client.pointOfSale);
    const start = all.indexOf(client);
    for (let i = 1; i < all.length; i++) {
      const candidate = all[(start + i) % all.length];
      if (candidate.cpf !== client.cpf && candidate.cotas.some((c) => c.boletos.length)) return candidate;
    }
    return null;
  }

  private impressao(ctx: Ctx): Reply {
    const key = ctx.req.query.get('applicationKey') ?? '';
    const job = this.prints.get(key);
    const pending = !!job && job.sessionId === ctx.session.id && !job.used;
    const denied = this.guard(ctx, pending);
    if (denied) return denied;
    if (!job || !pending) return html(printKeyErrorPage());
    const pdfPath = `frmConCmImpressao.aspx?applicationKey=${key}&Tipo=PDF`;
    if (ctx.req.query.get('Tipo') === 'PDF') {
      job.used = true;
      this.stats.pdfsServed++;
      if (job.wrong) this.stats.wrongPdfsServed++;
      return {
        status: 200,
        headers: {
          ...baseHeaders(),
          'Content-Type': 'application/pdf',
          'Content-Disposition': `${ctx.faults.pdfDisposition ?? 'inline'}; filename=Boleto.pdf`,
        },
        body: boletoPdf(job.slip, this.setup.dataset.referenceDay),
        step: 'pdf',
        extraDelayMs: ctx.faults.slowPdfMs,
      };
    }
    if (ctx.faults.popupClosesAfterMs === undefined && ctx.faults.printRedirect === '302') return { ...redirect(`/WWW/CONCM/${pdfPath}`), step: 'print' };
    return { ...html(printStepPage(pdfPath, ctx.faults.popupClosesAfterMs)), step: 'print' };
  }

  private genericPage(ctx: Ctx, id: string, title: string): Reply {
    const page = this.page(id);
    const denied = this.guard(ctx);
    if (denied) return denied;
    const post = this.postback(ctx, page);
    if (post.kind === 'error') return post.reply;
    const selected = this.selected(ctx);
    return this.render(ctx, page, { page: id }, genericBody(title, selected?.client ?? null, selected?.cota ?? null));
  }
}

function baseHeaders(): Record<string, string> {
  return { 'Cache-Control': 'private', Server: 'Microsoft-IIS/10.0', 'X-AspNet-Version': '4.0.30319', 'X-Powered-By': 'ASP.NET' };
}

function htmlHeaders(): Record<string, string> {
  return { ...baseHeaders(), 'Content-Type': 'text/html; charset=utf-8' };
}

function html(body: string): Reply {
  return { status: 200, headers: htmlHeaders(), body };
}

function redirect(location: string): Reply {
  return { status: 302, headers: { ...htmlHeaders(), Location: location }, body: objectMoved(location) };
}

/** The user code compared as a number: the page accepts it left-padded to 10 digits. */
function sameUser(account: string, typed: string): boolean {
  const strip = (s: string) => (/^\d+$/.test(s) ? s.replace(/^0+(?=\d)/, '') : s);
  return typed !== '' && strip(account) === strip(typed);
}

function plain(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toUpperCase().replace(/\s+/g, ' ').trim();
}

function validBrDate(text: string): boolean {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text.trim());
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])));
  return date.getUTCDate() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1;
}

