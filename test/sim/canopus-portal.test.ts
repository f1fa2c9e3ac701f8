import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkLine, findLine } from '../../src/main/core/boleto/boletoLine';
import { startCanopusSim, type CanopusClient, type CanopusSim, type CanopusSimOptions } from '../../src/main/sim/canopus';
import { alerts, formatCpfText as fmt, hiddenFields, pdfText, PortalClient, printUrl, SEARCH } from './canopus-http';

const REFERENCE_DAY = '2025-12-03';

let sim: CanopusSim;
beforeAll(async () => {
  sim = await startCanopusSim({ seed: 11, referenceDay: REFERENCE_DAY, clientsPerPointOfSale: 40 });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.faults = {};
});

const extraSims: CanopusSim[] = [];
async function startSim(options: CanopusSimOptions): Promise<CanopusSim> {
  const s = await startCanopusSim({ seed: 11, referenceDay: REFERENCE_DAY, clientsPerPointOfSale: 20, ...options });
  extraSims.push(s);
  return s;
}
afterAll(async () => {
  await Promise.all(extraSims.map((s) => s.close()));
});

const withBoleto = (s: CanopusSim, pv = '17308', skip = 0) =>
  s.clients(pv).filter((c) => c.inPortal && c.cotas[0].boletos.length)[skip] as CanopusClient;

describe('Canopus portal: login', () => {
  it('serves the WebForms login page with the known ids, a session cookie, CSS and an image', async () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/WWW$/);
    const client = new PortalClient(sim);
    const page = await client.go(`${sim.url}/frmCorCcCnsLogin.aspx`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(client.cookie).toMatch(/^ASP\.NET_SessionId=[a-z0-5]{24}$/);
    for (const id of ['edtUsuario', 'edtSenha', 'btnLogin', 'hdnTokenRecaptcha', 'as_fid', '__VIEWSTATE', '__EVENTVALIDATION', '__EVENTTARGET']) {
      expect(page.text).toContain(`id="${id}"`);
    }
    expect(hiddenFields(page.text).__VIEWSTATE).toMatch(/^\/wEP/);
    expect(page.text).toMatch(/<link href="App_Themes\/Newcon\/Newcon\.css"/);
    expect(page.text).toMatch(/<img id="imgLogo" src="Imagens\/logo_newcon\.png"/);
    expect(page.text).not.toContain('edtPontoVenda');
  });

  it('redirects the root to the CCC spelling, which is served too (loginPathCasing both)', async () => {
    const client = new PortalClient(sim);
    const root = await client.request(`${new URL(sim.url).origin}/`);
    expect(root.status).toBe(302);
    expect(root.location).toBe('/WWW/frmCorCCCnsLogin.aspx');
    const ccc = await client.go(`${sim.url}/frmCorCCCnsLogin.aspx`);
    expect(ccc.status).toBe(200);
    expect(ccc.text).toContain('action="./frmCorCCCnsLogin.aspx"');
    expect(sim.stats.byPage['frmCorCCCnsLogin.aspx']).toBeGreaterThanOrEqual(1);
  });

  it('refuses a bad password with red text and an alert, then logs in (user left-padded to 10 digits works)', async () => {
    const client = new PortalClient(sim);
    const failedBefore = sim.stats.failedLogins;
    const bad = await client.login({ ...sim.accounts[0], password: 'errada' });
    expect(bad.status).toBe(200);
    expect(bad.url).toMatch(/frmCorCcCnsLogin\.aspx$/);
    expect(bad.text).toMatch(/<span id="lblMensagem"[^>]*color:Red[^>]*>Usuário ou senha inválidos\.<\/span>/);
    expect(alerts(bad.text)).toEqual(['Usuário ou senha inválidos.']);
    expect(sim.stats.failedLogins).toBe(failedBefore + 1);

    await client.go(`${sim.url}/frmCorCcCnsLogin.aspx`);
    const ok = await client.request(`${sim.url}/frmCorCcCnsLogin.aspx`, {
      ...hiddenFields(client.page?.text ?? ''), edtUsuario: sim.accounts[0].user.padStart(10, '0'), edtSenha: sim.accounts[0].password, btnLogin: 'Entrar',
    });
    expect(ok.status).toBe(302);
    expect(ok.location).toBe('/WWW/frmMain.aspx');
    const main = await client.go(`${sim.url}/frmMain.aspx`);
    expect(main.text).toContain('id="ctl00_img_Atendimento"');
  });

  it('sends any page to the login page without a session, and also after "Sair"', async () => {
    const anonymous = new PortalClient(sim);
    for (const path of ['frmMain.aspx', 'CONAT/frmBuscaCota.aspx', 'CONCO/frmConCoRelBoletoAvulso.aspx', 'CONCM/frmConCmImpressao.aspx?applicationKey=X']) {
      const reply = await anonymous.request(`${sim.url}/${path}`);
      expect(reply.status).toBe(302);
      expect(reply.location).toBe('/WWW/frmCorCcCnsLogin.aspx');
    }
    const client = new PortalClient(sim);
    await client.login();
    await client.go(`${sim.url}/frmCorCcCnsLogin.aspx?Sair=S`);
    expect((await client.request(`${sim.url}/frmMain.aspx`)).status).toBe(302);
  });

  it('rejects a tampered __VIEWSTATE the way ASP.NET does', async () => {
    const client = new PortalClient(sim);
    await client.go(`${sim.url}/frmCorCcCnsLogin.aspx`);
    const fields = hiddenFields(client.page?.text ?? '');
    const reply = await client.request(`${sim.url}/frmCorCcCnsLogin.aspx`, { ...fields, __VIEWSTATE: `${fields.__VIEWSTATE.slice(0, -4)}AAAA`, edtUsuario: 'x', btnLogin: 'Entrar' });
    expect(reply.status).toBe(500);
    expect(reply.text).toContain('Validation of viewstate MAC failed.');
  });

  it('cc-only: the CCC spelling resets the connection, the Cc spelling works', async () => {
    const s = await startSim({ loginPathCasing: 'cc-only' });
    await expect(fetch(`${s.url}/frmCorCCCnsLogin.aspx`)).rejects.toThrow();
    expect((await fetch(`${s.url}/frmCorCcCnsLogin.aspx`)).status).toBe(200);
    expect(s.stats.byPage['frmCorCCCnsLogin.aspx']).toBe(1);
  });

  it('pointOfSaleField: the login page asks for the point of sale (17308 or 17.308)', async () => {
    const s = await startSim({ pointOfSaleField: true });
    const client = new PortalClient(s);
    const wrong = await client.login(s.accounts[0], { edtPontoVenda: '20451' });
    expect(wrong.text).toContain('id="edtPontoVenda"');
    expect(alerts(wrong.text)).toEqual(['Ponto de venda inválido para este usuário.']);
    const ok = await client.login(s.accounts[0], { edtPontoVenda: '17.308' });
    expect(ok.url).toMatch(/frmMain\.aspx$/);
  });
});

describe('Canopus portal: search', () => {
  it('keeps the text box disabled until the criterion postback, then searches by formatted CPF', async () => {
    const client = new PortalClient(sim);
    await client.login();
    await client.go(`${sim.url}/frmMain.aspx`);
    const atendimento = await client.go(`${sim.url}/CONAT/frmConAtSrcConsorciado.aspx`);
    expect(atendimento.text).toContain('value="Busca avançada..." id="ctl00_Conteudo_btnBuscaAvancada"');
    const busca = await client.postback({ 'ctl00$Conteudo$btnBuscaAvancada': 'Busca avançada...' });
    expect(busca.url).toMatch(/\/WWW\/CONAT\/frmBuscaCota\.aspx$/);
    expect(busca.text).toMatch(/id="ctl00_Conteudo_edtContextoBusca" disabled="disabled"/);
    expect(busca.text).toContain('onchange="javascript:setTimeout(&#39;__doPostBack(\\&#39;ctl00$Conteudo$cbxCriterioBusca\\&#39;');

    const target = withBoleto(sim);
    // Posting the text box together with the criterion (no AutoPostBack first): the box was disabled, so it is ignored.
    const early = await client.postback({ [SEARCH.criterio]: 'F', [SEARCH.contexto]: fmt(target.cpf), [SEARCH.buscar]: 'Buscar' });
    expect(alerts(early.text)).toEqual(['Informe o conteúdo da busca.']);

    await client.go(`${sim.url}/CONAT/frmBuscaCota.aspx`);
    const enabled = await client.postback({ __EVENTTARGET: SEARCH.criterio, [SEARCH.criterio]: 'F' });
    expect(enabled.text).toMatch(/<option selected="selected" value="F">CPF\/CNPJ<\/option>/);
    expect(enabled.text).not.toMatch(/id="ctl00_Conteudo_edtContextoBusca" disabled/);
    const found = await client.postback({ [SEARCH.criterio]: 'F', [SEARCH.contexto]: fmt(target.cpf), [SEARCH.buscar]: 'Buscar' });
    const links = [...found.text.matchAll(/<a id="(ctl00_Conteudo_grdBuscaAvancada_ctl\d\d_lnkID_Documento)"[^>]*>([^<]*)<\/a>/g)];
    expect(links.map((m) => m[2])).toEqual(['', ...target.cotas.map(() => target.name)]);
  });

  it('finds nothing for bare digits, other points of sale, clients outside the portal and cpfNotFound', async () => {
    const client = new PortalClient(sim);
    await client.login();
    const target = withBoleto(sim);
    const bare = await client.searchCpf(target.cpf);
    expect(bare.text).toContain('Nenhum registro encontrado.');
    expect(bare.text).not.toContain('grdBuscaAvancada');

    const otherPv = withBoleto(sim, '20451');
    expect((await client.searchCpf(fmt(otherPv.cpf))).text).toContain('Nenhum registro encontrado.');

    const missing = sim.clients('17308').find((c) => !c.inPortal) as CanopusClient;
    expect((await client.searchCpf(fmt(missing.cpf))).text).toContain('Nenhum registro encontrado.');

    sim.faults = { cpfNotFound: [target.cpf] };
    expect((await client.searchCpf(fmt(target.cpf))).text).toContain('Nenhum registro encontrado.');
    sim.faults = {};
    expect((await client.searchCpf(fmt(target.cpf))).text).toContain('grdBuscaAvancada');

    const invalid = await client.searchCpf('123.456.789-00');
    expect(alerts(invalid.text)).toEqual(['CPF/CNPJ inválido.']);
    expect(alerts((await client.searchCpf('abc')).text)).toEqual(['CPF/CNPJ inválido.']);
  });

  it('lists one row per cota after the empty first row, and a click selects that cota in the session', async () => {
    const target = sim.clients('17308').find((c) => c.inPortal && c.cotas.length >= 2) as CanopusClient;
    const client = new PortalClient(sim);
    await client.login();
    const found = await client.searchCpf(fmt(target.cpf));
    const groups = [...found.text.matchAll(/_lnkGrupoCota"[^>]*>([^<]*)<\/a>/g)].map((m) => m[1]);
    expect(groups).toEqual(['', ...target.cotas.map((k) => `${k.grupo}/${k.cota}`)]);
    expect(found.text).toContain(`${target.cotas.length + 1} registro(s)`);

    const empty = await client.pickResult(0);
    expect(alerts(empty.text)).toEqual(['Selecione um registro válido.']);

    const second = target.cotas[1];
    const page = await client.pickResult(2);
    expect(page.url).toMatch(/\/WWW\/CONAT\/frmConAtCnsAtendimento\.aspx$/);
    expect(page.text).toContain(`<span id="ctl00_Conteudo_lblNomeConsorciado">${target.name}</span>`);
    expect(page.text).toContain(`<span id="ctl00_Conteudo_lblCPF_CNPJ">${fmt(target.cpf)}</span>`);
    expect(page.text).toContain(`<span id="ctl00_Conteudo_lblGrupo">${second.grupo}</span>`);
    expect(page.text).toContain(`<span id="ctl00_Conteudo_lblCota">${second.cota}</span>`);
    expect(page.text).toMatch(/<a id="ctl00_Conteudo_Menu_CONAT_grdMenu_CONAT_ctl05_hlkFormulario" href="\.\.\/CONCO\/frmConCoRelBoletoAvulso\.aspx">Emissão de Cobrança<\/a>/);
    const emission = await client.openEmission();
    expect(emission.text).toContain(`<span id="ctl00_Conteudo_lblCota">${second.cota}</span>`);
  });
});

describe('Canopus portal: emission and print', () => {
  it('lists the open boletos, refuses to emit with no row marked, then prints the marked one as an inline PDF', async () => {
    const target = sim.clients('17308').find((c) => c.inPortal && c.cotas[0].boletos.length === 2) as CanopusClient;
    const client = new PortalClient(sim);
    await client.login();
    await client.searchCpf(fmt(target.cpf));
    await client.pickResult(1);
    const page = await client.openEmission();
    const rows = [...page.text.matchAll(/<tr class="Grid(?:Alternating)?Row"><td><input type="image" name="([^"]+)" id="([^"]+)"[^>]*><\/td><td>([^<]+)<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td>/g)];
    expect(rows.map((r) => r[2])).toEqual(['ctl00_Conteudo_grdBoleto_Avulso_ctl02_imgEmite_Boleto', 'ctl00_Conteudo_grdBoleto_Avulso_ctl03_imgEmite_Boleto']);
    const boletos = target.cotas[0].boletos;
    expect(rows.map((r) => r[3])).toEqual(boletos.map((b) => b.dueDate.split('-').reverse().join('/')));
    expect(rows.map((r) => r[4])).toEqual(boletos.map((b) => b.parcela));
    expect(page.text).toContain('name="ctl00$Conteudo$rdlTipoEmissao" value="BA" checked="checked"');
    expect(page.text).toContain('value="03/12/2025" maxlength="10" id="ctl00_Conteudo_edtDT_Compensacao"');

    const unmarked = await client.emit();
    expect(alerts(unmarked.text)).toEqual(['Selecione a cobrança a ser emitida.']);
    expect(printUrl(unmarked.text)).toBeNull();

    const marked = await client.markRow(1);
    expect(marked.text).toMatch(/<tr class="GridSelectedRow"><td><input type="image" name="ctl00\$Conteudo\$grdBoleto_Avulso\$ctl03\$imgEmite_Boleto"/);
    const emissionsBefore = sim.stats.emissions;
    const emitted = await client.emit();
    expect(sim.stats.emissions).toBe(emissionsBefore + 1);
    const url = printUrl(emitted.text) as string;
    expect(url).toMatch(new RegExp(`^${sim.url}/CONCM/frmConCmImpressao\\.aspx\\?applicationKey=[0-9A-F]{32}$`));
    expect(emitted.text).toContain("__doPostBack('ctl00$Conteudo$btnVerificaPopUp'");

    const step = await client.go(url);
    expect(step.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(step.text).toMatch(/document\.location\.replace\('frmConCmImpressao\.aspx\?applicationKey=[0-9A-F]{32}&amp;Tipo=PDF'\)/);
    // The HTML step does not spend the key; the PDF does.
    const pdf = await client.fetchPdf(url);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe('inline; filename=Boleto.pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf.bytes);
    expect(text).toContain(fmt(target.cpf));
    expect(text).toContain(target.name);
    expect(findLine(text)).toBe(boletos[1].line);
    expect(checkLine(boletos[1].line, REFERENCE_DAY)).toMatchObject({ ok: true, dueDate: boletos[1].dueDate });

    // Single use: the same key again gives an HTML error page, not a second PDF.
    const again = await client.fetchPdf(url);
    expect(again.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(again.text).toContain('chave de impressão é inválida ou já foi utilizada');
  });

  it('says there is nothing open (data or noBoleto fault) and alerts on emit', async () => {
    const client = new PortalClient(sim);
    await client.login();
    const empty = sim.clients('17308').find((c) => c.inPortal && c.cotas.every((k) => !k.boletos.length)) as CanopusClient;
    await client.searchCpf(fmt(empty.cpf));
    await client.pickResult(1);
    const page = await client.openEmission();
    expect(page.text).toContain('Não há cobranças em aberto para esta cota.');
    expect(page.text).not.toContain('grdBoleto_Avulso');
    expect(alerts((await client.emit()).text)).toEqual(['Não há cobranças em aberto para esta cota.']);

    const target = withBoleto(sim, '17308', 1);
    sim.faults = { noBoleto: [fmt(target.cpf)] };
    await client.searchCpf(fmt(target.cpf));
    await client.pickResult(1);
    expect((await client.openEmission()).text).toContain('Não há cobranças em aberto para esta cota.');
  });

  it('printRedirect 302 and pdfDisposition attachment', async () => {
    const client = new PortalClient(sim);
    await client.login();
    sim.faults = { printRedirect: '302', pdfDisposition: 'attachment' };
    const url = await client.emitFor(fmt(withBoleto(sim, '17308', 2).cpf));
    const step = await client.request(url);
    expect(step.status).toBe(302);
    expect(step.location).toMatch(/^\/WWW\/CONCM\/frmConCmImpressao\.aspx\?applicationKey=[0-9A-F]{32}&Tipo=PDF$/);
    const pdf = await client.go(url);
    expect(pdf.headers.get('content-disposition')).toBe('attachment; filename=Boleto.pdf');
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('popupClosesAfterMs: the print page frames the PDF at once and calls window.close()', async () => {
    const client = new PortalClient(sim);
    await client.login();
    sim.faults = { popupClosesAfterMs: 40 };
    const url = await client.emitFor(fmt(withBoleto(sim, '17308', 3).cpf));
    const step = await client.go(url);
    expect(step.text).toContain('setTimeout(function () { window.close(); }, 40);');
    expect(step.text).toMatch(/<iframe id="frmDocumento" name="frmDocumento" src="frmConCmImpressao\.aspx\?applicationKey=[0-9A-F]{32}&amp;Tipo=PDF"/);
  });

  it('wrongClientPdf: the PDF is another client\'s boleto (name and CPF differ)', async () => {
    const client = new PortalClient(sim);
    await client.login();
    const served = sim.stats.wrongPdfsServed;
    sim.faults = { wrongClientPdf: { afterEmissions: sim.stats.emissions, count: 1 } };
    const target = withBoleto(sim, '17308', 4);
    const wrong = await pdfText((await client.fetchPdf(await client.emitFor(fmt(target.cpf)))).bytes);
    expect(wrong).not.toContain(fmt(target.cpf));
    expect(wrong).not.toContain(target.name);
    expect(wrong).toMatch(/\d{3}\.\d{3}\.\d{3}-\d{2}/);
    expect(sim.stats.wrongPdfsServed).toBe(served + 1);
    const right = await pdfText((await client.fetchPdf(await client.emitFor(fmt(target.cpf)))).bytes);
    expect(right).toContain(fmt(target.cpf));
  });

  it('slowPdfMs delays only the PDF; latency applies per step', async () => {
    const client = new PortalClient(sim);
    await client.login();
    const url = await client.emitFor(fmt(withBoleto(sim, '17308', 5).cpf));
    sim.faults = { slowPdfMs: 400 };
    const step = await client.go(url);
    const next = /location\.replace\('([^']+)'\)/.exec(step.text)?.[1] as string;
    const started = Date.now();
    const pdf = await client.go(new URL(next.replace(/&amp;/g, '&'), step.url).toString());
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);

    const slow = await startSim({ latency: { login: 300, search: 200 } });
    const slowClient = new PortalClient(slow);
    let t = Date.now();
    await slowClient.login();
    expect(Date.now() - t).toBeGreaterThanOrEqual(280);
    t = Date.now();
    await slowClient.searchCpf(fmt(withBoleto(slow).cpf));
    expect(Date.now() - t).toBeGreaterThanOrEqual(190);

    const scaled = await startSim({ latency: 0.05 });
    t = Date.now();
    await new PortalClient(scaled).login();
    expect(Date.now() - t).toBeGreaterThanOrEqual(190);
  });

  it('htmlErrorPage: page requests N+1..N+C get a 200 ASP.NET error page', async () => {
    const s = await startSim({});
    const client = new PortalClient(s);
    await client.login();
    const pages = Object.values(s.stats.byPage).reduce((a, b) => a + b, 0);
    s.faults = { htmlErrorPage: { afterRequests: pages, count: 2 } };
    for (let i = 0; i < 2; i++) {
      const reply = await client.request(`${s.url}/frmMain.aspx`);
      expect(reply.status).toBe(200);
      expect(reply.text).toContain("Server Error in '/WWW' Application.");
    }
    expect((await client.request(`${s.url}/frmMain.aspx`)).text).toContain('ctl00_img_Atendimento');
  });

  it('two tabs of one session race: the emission uses the cota the session holds now', async () => {
    const [a, b] = [withBoleto(sim, '17308', 6), withBoleto(sim, '17308', 7)];
    const tab1 = new PortalClient(sim);
    await tab1.login();
    await tab1.searchCpf(fmt(a.cpf));
    await tab1.pickResult(1);
    await tab1.openEmission();
    await tab1.markRow(0);
    const tab2 = new PortalClient(sim);
    tab2.cookie = tab1.cookie;
    await tab2.searchCpf(fmt(b.cpf));
    await tab2.pickResult(1);
    const text = await pdfText((await tab1.fetchPdf(printUrl((await tab1.emit()).text) as string)).bytes);
    expect(text).toContain(fmt(b.cpf));
    expect(text).not.toContain(fmt(a.cpf));
  });
});

describe('Canopus portal: sessions and captcha', () => {
  it('a second login of the same user ends the first session (default)', async () => {
    const s = await startSim({});
    const first = new PortalClient(s);
    await first.login();
    expect(s.stats.activeSessions).toBe(1);
    const second = new PortalClient(s);
    await second.login();
    expect(s.stats.activeSessions).toBe(1);
    const kicked = await first.request(`${s.url}/CONAT/frmBuscaCota.aspx`);
    expect(kicked.status).toBe(302);
    expect(kicked.location).toBe('/WWW/frmCorCcCnsLogin.aspx');
    const login = await first.go(`${s.url}/frmCorCcCnsLogin.aspx`);
    expect(login.text).toContain('entrou no sistema em outra estação');
    expect((await second.request(`${s.url}/frmMain.aspx`)).status).toBe(200);
    // The kicked session kept sending a request while the other was live: two sessions of one user.
    expect(s.stats.maxConcurrentSessionsPerUser).toBe(2);
  });

  it('one client logging in again in its own session stays at one session per user', async () => {
    const s = await startSim({});
    const client = new PortalClient(s);
    await client.login();
    await client.login();
    await client.searchCpf(fmt(withBoleto(s).cpf));
    expect(s.stats.maxConcurrentSessionsPerUser).toBe(1);
    expect(s.stats.logins).toBe(2);
  });

  it('newLoginInvalidatesPrevious false: both sessions live, counted as 2 concurrent', async () => {
    const s = await startSim({ faults: { newLoginInvalidatesPrevious: false } });
    const [a, b] = [new PortalClient(s), new PortalClient(s)];
    await a.login();
    await b.login();
    expect(s.stats.activeSessions).toBe(2);
    expect((await a.request(`${s.url}/frmMain.aspx`)).status).toBe(200);
    expect(s.stats.maxConcurrentSessionsPerUser).toBe(2);
    const other = new PortalClient(s);
    await other.login(s.accounts[1]);
    expect(s.stats.maxConcurrentSessionsPerUser).toBe(2);
  });

  it('idle timeout sends the next request to the login page with a message', async () => {
    const s = await startSim({ faults: { sessionExpiresAfterMinutes: 0.01 } });
    const client = new PortalClient(s);
    await client.login();
    expect((await client.request(`${s.url}/frmMain.aspx`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 800));
    const expired = await client.request(`${s.url}/frmMain.aspx`);
    expect(expired.status).toBe(302);
    expect((await client.go(`${s.url}/frmCorCcCnsLogin.aspx`)).text).toContain('Sua sessão expirou.');
    expect(s.stats.activeSessions).toBe(0);
  });

  it('sessionExpiresAfterClients: the Nth boleto still prints, the next page goes to login', async () => {
    const s = await startSim({ faults: { sessionExpiresAfterClients: 2 } });
    const client = new PortalClient(s);
    await client.login();
    for (const skip of [0, 1]) {
      const pdf = await client.fetchPdf(await client.emitFor(fmt(withBoleto(s, '17308', skip).cpf)));
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
    }
    const next = await client.request(`${s.url}/CONAT/frmBuscaCota.aspx`);
    expect(next.status).toBe(302);
    expect(next.location).toBe('/WWW/frmCorCcCnsLogin.aspx');
    await client.login();
    expect((await client.request(`${s.url}/CONAT/frmBuscaCota.aspx`)).status).toBe(200);
  });

  it('captchaAfterFailedLogins: after N failures even the right password is refused until resetCaptcha()', async () => {
    const s = await startSim({ faults: { captchaAfterFailedLogins: 2 } });
    const client = new PortalClient(s);
    await client.login({ ...s.accounts[0], password: 'x' });
    const second = await client.login({ ...s.accounts[0], password: 'y' });
    expect(second.text).toContain('Confirme os caracteres de segurança');
    expect(second.text).toMatch(/<img id="imgCaptcha" src="CaptchaImage\.axd\?guid=[0-9a-f]{32}"/);
    const refused = await client.login();
    expect(refused.url).toMatch(/frmCorCcCnsLogin\.aspx$/);
    expect(refused.text).toContain('Confirme os caracteres de segurança');
    const image = await client.request(`${s.url}/CaptchaImage.axd?guid=x`);
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
    s.resetCaptcha();
    const ok = await client.login();
    expect(ok.url).toMatch(/frmMain\.aspx$/);
  });

  it('captchaAfterFailedLogins 0: the captcha is there from the first attempt', async () => {
    const s = await startSim({ faults: { captchaAfterFailedLogins: 0 } });
    const client = new PortalClient(s);
    expect((await client.go(`${s.url}/frmCorCcCnsLogin.aspx`)).text).toContain('id="imgCaptcha"');
    expect((await client.login()).url).toMatch(/frmCorCcCnsLogin\.aspx$/);
    s.faults = {};
    s.resetCaptcha();
    expect((await client.login()).url).toMatch(/frmMain\.aspx$/);
  });

  it('captchaWhenAssetsNotLoaded: a client that never fetched the CSS/image meets the captcha', async () => {
    const s = await startSim({ faults: { captchaWhenAssetsNotLoaded: true } });
    const robot = new PortalClient(s);
    const refused = await robot.login();
    expect(refused.text).toContain('Confirme os caracteres de segurança');
    s.resetCaptcha();
    const browserLike = new PortalClient(s);
    await browserLike.go(`${s.url}/frmCorCcCnsLogin.aspx`);
    expect((await browserLike.request(`${s.url}/App_Themes/Newcon/Newcon.css`)).headers.get('content-type')).toBe('text/css');
    expect((await browserLike.request(`${s.url}/Imagens/logo_newcon.png`)).bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    const ok = await browserLike.postback({ edtUsuario: s.accounts[0].user, edtSenha: s.accounts[0].password, btnLogin: 'Entrar' });
    expect(ok.url).toMatch(/frmMain\.aspx$/);
  });

  it('counts requests, logins, emissions, PDFs and pages', () => {
    expect(sim.stats.requests).toBeGreaterThan(50);
    expect(sim.stats.logins).toBeGreaterThan(5);
    expect(sim.stats.pdfsServed).toBeGreaterThan(3);
    expect(sim.stats.byPage['CONAT/frmBuscaCota.aspx']).toBeGreaterThan(5);
    expect(sim.stats.byPage['CONCM/frmConCmImpressao.aspx']).toBeGreaterThan(3);
  });
});
