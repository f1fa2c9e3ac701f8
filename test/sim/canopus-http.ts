import { extractText, getDocumentProxy } from 'unpdf';
import type { CanopusPortalAccount, CanopusSim } from '../../src/main/sim/canopus';

// A plain-HTTP client for the Canopus simulator that behaves like a minimal browser: one cookie jar,
// manual redirects, and WebForms postbacks that carry the page's hidden fields back.

export interface Reply {
  status: number;
  url: string;
  location: string | null;
  headers: Headers;
  text: string;
  bytes: Buffer;
}

export const SEARCH = {
  criterio: 'ctl00$Conteudo$cbxCriterioBusca',
  contexto: 'ctl00$Conteudo$edtContextoBusca',
  buscar: 'ctl00$Conteudo$btnBuscar',
} as const;
export const EMISSION = {
  tipo: 'ctl00$Conteudo$rdlTipoEmissao',
  data: 'ctl00$Conteudo$edtDT_Compensacao',
  emitir: 'ctl00$Conteudo$btnEmitir',
  image: (row: number) => `ctl00$Conteudo$grdBoleto_Avulso$ctl${String(row + 2).padStart(2, '0')}$imgEmite_Boleto`,
} as const;

export class PortalClient {
  cookie = '';
  /** The last page that was not a redirect. */
  page: Reply | null = null;

  constructor(readonly sim: CanopusSim) {}

  absolute(path: string): string {
    if (/^https?:/.test(path)) return path;
    return new URL(path, this.page ? this.page.url : `${this.sim.url}/`).toString();
  }

  /** One request, redirects not followed. */
  async request(path: string, form?: Record<string, string>): Promise<Reply> {
    const url = this.absolute(path);
    const res = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    const bytes = Buffer.from(await res.arrayBuffer());
    return { status: res.status, url, location: res.headers.get('location'), headers: res.headers, text: bytes.toString('utf8'), bytes };
  }

  /** GET or POST, following redirects like a browser (a 302 after a POST becomes a GET). */
  async go(path: string, form?: Record<string, string>): Promise<Reply> {
    let reply = await this.request(path, form);
    for (let hops = 0; reply.status >= 300 && reply.status < 400 && reply.location; hops++) {
      if (hops > 5) throw new Error('too many redirects');
      reply = await this.request(new URL(reply.location, reply.url).toString());
    }
    if (reply.headers.get('content-type')?.startsWith('text/html')) this.page = reply;
    return reply;
  }

  /** Posts the current page's form back with its hidden fields plus `fields`. */
  async postback(fields: Record<string, string>): Promise<Reply> {
    if (!this.page) throw new Error('no page to post back');
    const action = /<form [^>]*action="([^"]+)"/.exec(this.page.text)?.[1];
    if (!action) throw new Error(`no form on ${this.page.url}`);
    return this.go(new URL(action.replace(/&amp;/g, '&'), this.page.url).toString(), { ...hiddenFields(this.page.text), ...fields });
  }

  async login(account: CanopusPortalAccount = this.sim.accounts[0], extra: Record<string, string> = {}): Promise<Reply> {
    await this.go(`${this.sim.url}/frmCorCcCnsLogin.aspx`);
    return this.postback({ edtUsuario: account.user, edtSenha: account.password, btnLogin: 'Entrar', ...extra });
  }

  /** Busca avançada → criterion F (postback) → search. */
  async searchCpf(text: string): Promise<Reply> {
    await this.go(`${this.sim.url}/CONAT/frmBuscaCota.aspx`);
    await this.postback({ __EVENTTARGET: SEARCH.criterio, [SEARCH.criterio]: 'F' });
    return this.postback({ [SEARCH.criterio]: 'F', [SEARCH.contexto]: text, [SEARCH.buscar]: 'Buscar' });
  }

  /** Clicks a result link of the search grid; row 0 is the empty first row. */
  async pickResult(row: number): Promise<Reply> {
    const target = `ctl00$Conteudo$grdBuscaAvancada$ctl${String(row + 2).padStart(2, '0')}$lnkGrupoCota`;
    return this.postback({ __EVENTTARGET: target, [SEARCH.criterio]: 'F' });
  }

  async openEmission(): Promise<Reply> {
    return this.go(`${this.sim.url}/CONCO/frmConCoRelBoletoAvulso.aspx`);
  }

  async markRow(row: number): Promise<Reply> {
    return this.postback({ [EMISSION.tipo]: 'BA', [EMISSION.data]: '01/12/2025', [`${EMISSION.image(row)}.x`]: '7', [`${EMISSION.image(row)}.y`]: '9' });
  }

  async emit(): Promise<Reply> {
    return this.postback({ [EMISSION.tipo]: 'BA', [EMISSION.data]: '01/12/2025', [EMISSION.emitir]: 'Emitir Cobrança' });
  }

  /** Whole robot path for one cota: search, pick, emission page, mark, emit; returns the print URL. */
  async emitFor(cpfFormatted: string, resultRow = 1, boletoRow = 0): Promise<string> {
    await this.searchCpf(cpfFormatted);
    await this.pickResult(resultRow);
    await this.openEmission();
    await this.markRow(boletoRow);
    const emitted = await this.emit();
    const url = printUrl(emitted.text);
    if (!url) throw new Error(`no window.open in the emission reply:\n${emitted.text}`);
    return url;
  }

  /** The print URL's steps until the PDF: the HTML step's location.replace or the 302. */
  async fetchPdf(url: string): Promise<Reply> {
    const step = await this.go(url);
    if (step.headers.get('content-type') === 'application/pdf') return step;
    const next = /location\.replace\('([^']+)'\)/.exec(step.text)?.[1];
    if (!next) return step;
    return this.go(new URL(next.replace(/&amp;/g, '&'), step.url).toString());
  }
}

export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" id="[^"]*" value="([^"]*)"/g)) fields[m[1]] = m[2];
  return fields;
}

export function printUrl(html: string): string | null {
  return /window\.open\('([^']+)'/.exec(html)?.[1] ?? null;
}

export function alerts(html: string): string[] {
  return [...html.matchAll(/alert\('((?:[^'\\]|\\.)*)'\)/g)].map((m) => m[1].replace(/\\(.)/g, '$1'));
}

export function formatCpfText(cpf: string): string {
  return `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-${cpf.slice(9)}`;
}

export async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  try {
    return (await extractText(pdf, { mergePages: true })).text;
  } finally {
    await pdf.destroy();
  }
}
