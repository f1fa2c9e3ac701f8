import { formatCpf } from '../../core/boleto/cpf';
import { formatPointOfSale } from '../../core/boleto/pointOfSale';
import { brDate, formatCents } from './boletoPdf';
import { clientId, escapeHtml, gridView, jsString, linkButton, redText, submitButton } from './html';
import type { CanopusBoleto, CanopusClient, CanopusCota } from './model';

// The content of each page (inside the master page's form). Ids and names follow the real portal
// where they are known (canopus-portal.md §1.2); the rest follow the same Newcon conventions.

export const NAMES = {
  criterio: 'ctl00$Conteudo$cbxCriterioBusca',
  contexto: 'ctl00$Conteudo$edtContextoBusca',
  buscar: 'ctl00$Conteudo$btnBuscar',
  buscaAvancada: 'ctl00$Conteudo$btnBuscaAvancada',
  searchGrid: 'ctl00$Conteudo$grdBuscaAvancada',
  boletoGrid: 'ctl00$Conteudo$grdBoleto_Avulso',
  tipoEmissao: 'ctl00$Conteudo$rdlTipoEmissao',
  dataCompensacao: 'ctl00$Conteudo$edtDT_Compensacao',
  emitir: 'ctl00$Conteudo$btnEmitir',
  verificaPopUp: 'ctl00$Conteudo$btnVerificaPopUp',
  menuGrid: 'ctl00$Conteudo$Menu_CONAT$grdMenu_CONAT',
} as const;

export const CRITERIA: { value: string; label: string; field: string }[] = [
  { value: 'G', label: 'Grupo/Cota', field: 'Grupo/Cota:' },
  { value: 'N', label: 'Nome', field: 'Nome:' },
  { value: 'F', label: 'CPF/CNPJ', field: 'CPF/CNPJ:' },
  { value: 'C', label: 'Contrato', field: 'Contrato:' },
];

export interface LoginView {
  user: string;
  message: string | null;
  captchaGuid: string | null;
  pointOfSaleField: boolean;
  asFid: string;
}

export function loginBody(v: LoginView): string {
  const pv = v.pointOfSaleField
    ? `\n    <tr><td><span id="lblPontoVenda">Ponto de venda:</span></td><td><input name="edtPontoVenda" type="text" maxlength="10" id="edtPontoVenda" /></td></tr>`
    : '';
  const captcha = v.captchaGuid
    ? `\n    <tr><td colspan="2"><span id="lblCaptcha" style="color:Red;">Confirme os caracteres de segurança</span><br />
      <img id="imgCaptcha" src="CaptchaImage.axd?guid=${v.captchaGuid}" alt="Caracteres de segurança" width="130" height="44" /><br />
      <input name="edtCaptcha" type="text" maxlength="8" id="edtCaptcha" autocomplete="off" /></td></tr>`
    : '';
  return `<h3 id="lblTitulo">Acesso ao sistema</h3>
<table id="tblLogin">
    <tr><td><span id="lblUsuario">Usuário:</span></td><td><input name="edtUsuario" type="text" value="${escapeHtml(v.user)}" maxlength="10" id="edtUsuario" /></td></tr>
    <tr><td><span id="lblSenha">Senha:</span></td><td><input name="edtSenha" type="password" maxlength="20" id="edtSenha" /></td></tr>${pv}${captcha}
    <tr><td colspan="2"><input type="submit" name="btnLogin" value="Entrar" id="btnLogin" /></td></tr>
</table>
${v.message ? redText('lblMensagem', v.message) : '<span id="lblMensagem" class="msgErro" style="color:Red;font-weight:bold;"></span>'}
<input type="hidden" name="hdnTokenRecaptcha" id="hdnTokenRecaptcha" value="" />
<input type="hidden" name="as_fid" id="as_fid" value="${v.asFid}" />`;
}

export function mainBody(): string {
  return `<h2 id="ctl00_Conteudo_lblBemVindo">Bem-vindo ao Newcon</h2>
<p>Selecione um módulo no menu acima. Para consultar um consorciado, clique em <b>Atendimento</b>.</p>`;
}

export function atendimentoBody(): string {
  return `<h2>Atendimento ao consorciado</h2>
<table>
    <tr><td>Grupo:</td><td><input name="ctl00$Conteudo$edtGrupo" type="text" maxlength="6" id="ctl00_Conteudo_edtGrupo" /></td>
        <td>Cota:</td><td><input name="ctl00$Conteudo$edtCota" type="text" maxlength="4" id="ctl00_Conteudo_edtCota" /></td></tr>
</table>
${submitButton('ctl00$Conteudo$btnLocalizar', 'Localizar')}
${submitButton(NAMES.buscaAvancada, 'Busca avançada...')}`;
}

export interface SearchRow {
  client: CanopusClient;
  cota: CanopusCota;
}

export interface SearchView {
  criterio: string;
  texto: string;
  /** null = no search yet; [] = nothing found. */
  rows: SearchRow[] | null;
  message: string | null;
}

export function searchBody(v: SearchView): string {
  const options = [`<option${v.criterio === '' ? ' selected="selected"' : ''} value="">-- Selecione --</option>`]
    .concat(CRITERIA.map((c) => `<option${v.criterio === c.value ? ' selected="selected"' : ''} value="${c.value}">${escapeHtml(c.label)}</option>`))
    .join('\n\t\t');
  const criterion = CRITERIA.find((c) => c.value === v.criterio);
  const onchange = `javascript:setTimeout(&#39;__doPostBack(\\&#39;${NAMES.criterio}\\&#39;,\\&#39;\\&#39;)&#39;, 0)`;
  const textBox = criterion
    ? `<input name="${NAMES.contexto}" type="text" value="${escapeHtml(v.texto)}" maxlength="18" id="${clientId(NAMES.contexto)}" />`
    : `<input name="${NAMES.contexto}" type="text" maxlength="18" id="${clientId(NAMES.contexto)}" disabled="disabled" class="aspNetDisabled" />`;
  let results = '';
  if (v.rows && v.rows.length) {
    // The real grid's first data row has empty links (nexus: "o primeiro sempre está vazio").
    const cells = (n: number, grupoCota: string, name: string, cpf: string, situacao: string, pv: string) => [
      linkButton(`${NAMES.searchGrid}$ctl${pad2(n)}$lnkGrupoCota`, grupoCota),
      linkButton(`${NAMES.searchGrid}$ctl${pad2(n)}$lnkID_Documento`, name),
      cpf || '&nbsp;',
      situacao || '&nbsp;',
      pv || '&nbsp;',
    ];
    const rows = [{ cells: cells(2, '', '', '', '', '') }].concat(
      v.rows.map((r, i) => ({ cells: cells(i + 3, `${r.cota.grupo}/${r.cota.cota}`, r.client.name, escapeHtml(formatCpf(r.client.cpf)), 'Normal', formatPointOfSale(r.client.pointOfSale)) })),
    );
    results = `<span id="ctl00_Conteudo_lblQtdRegistros">${v.rows.length + 1} registro(s)</span>
${gridView(clientId(NAMES.searchGrid), ['Grupo/Cota', 'Consorciado', 'CPF/CNPJ', 'Situação', 'Ponto de venda'], rows)}`;
  }
  return `<h2>Busca avançada</h2>
<table>
    <tr><td><span id="ctl00_Conteudo_lblCriterioBusca">Critério de busca:</span></td><td><select name="${NAMES.criterio}" onchange="${onchange}" id="${clientId(NAMES.criterio)}">
		${options}
	</select></td></tr>
    <tr><td><span id="ctl00_Conteudo_lblContextoBusca">${escapeHtml(criterion?.field ?? 'Conteúdo:')}</span></td><td>${textBox}</td></tr>
</table>
${submitButton(NAMES.buscar, 'Buscar')}
${v.message ? redText('ctl00_Conteudo_lblMensagem', v.message) : ''}
${results}`;
}

const MENU = [
  { label: 'Dados Cadastrais', href: 'frmConAtCnsDadosCadastrais.aspx' },
  { label: 'Extrato da Cota', href: '../CONCO/frmConCoCnsExtrato.aspx' },
  { label: 'Posição Financeira', href: '../CONCO/frmConCoCnsPosicao.aspx' },
  { label: 'Emissão de Cobrança', href: '../CONCO/frmConCoRelBoletoAvulso.aspx' },
  { label: 'Assembleias', href: 'frmConAtCnsAssembleias.aspx' },
];

export function clientBody(client: CanopusClient, cota: CanopusCota): string {
  const menu = gridView(
    clientId(NAMES.menuGrid),
    ['Formulários'],
    MENU.map((m, i) => ({ cells: [`<a id="${clientId(`${NAMES.menuGrid}$ctl${pad2(i + 2)}$hlkFormulario`)}" href="${m.href}">${escapeHtml(m.label)}</a>`] })),
  );
  return `<h2>Atendimento</h2>
${clientHeader(client, cota)}
<div id="ctl00_Conteudo_Menu_CONAT_pnlMenu">
${menu}
</div>`;
}

function clientHeader(client: CanopusClient, cota: CanopusCota): string {
  return `<table class="Dados">
    <tr><td>Consorciado:</td><td><span id="ctl00_Conteudo_lblNomeConsorciado">${escapeHtml(client.name)}</span></td></tr>
    <tr><td>CPF/CNPJ:</td><td><span id="ctl00_Conteudo_lblCPF_CNPJ">${formatCpf(client.cpf)}</span></td></tr>
    <tr><td>Grupo:</td><td><span id="ctl00_Conteudo_lblGrupo">${escapeHtml(cota.grupo)}</span> Cota: <span id="ctl00_Conteudo_lblCota">${escapeHtml(cota.cota)}</span></td></tr>
</table>`;
}

export interface EmissionView {
  client: CanopusClient | null;
  cota: CanopusCota | null;
  boletos: CanopusBoleto[];
  marked: number | null;
  referenceDay: string;
  message: string | null;
}

export function emissionBody(v: EmissionView): string {
  const header = v.client && v.cota ? clientHeader(v.client, v.cota) : '';
  let grid = '';
  if (v.client && v.boletos.length) {
    grid = gridView(
      clientId(NAMES.boletoGrid),
      ['Emitir', 'Vencimento', 'Parcela', 'Competência', 'Valor (R$)', 'Situação'],
      v.boletos.map((b, i) => {
        const name = `${NAMES.boletoGrid}$ctl${pad2(i + 2)}$imgEmite_Boleto`;
        const marked = v.marked === i;
        return {
          className: marked ? 'GridSelectedRow' : undefined,
          cells: [
            `<input type="image" name="${name}" id="${clientId(name)}" title="Selecionar para emissão" src="../Imagens/${marked ? 'boleto_marcado' : 'boleto'}.png" alt="Emitir" width="16" height="16" style="border-width:0px;" />`,
            brDate(b.dueDate),
            escapeHtml(b.parcela),
            escapeHtml(b.competencia),
            formatCents(b.valueCents),
            marked ? 'Selecionada' : 'Em aberto',
          ],
        };
      }),
    );
  }
  const nothing = v.client && !v.boletos.length ? redText('ctl00_Conteudo_lblSemCobranca', 'Não há cobranças em aberto para esta cota.') : '';
  const today = brDate(v.referenceDay);
  return `<h2 id="ctl00_Conteudo_lblTitulo">Emissão de Cobrança</h2>
${header}
<table id="${clientId(NAMES.tipoEmissao)}">
	<tr>
		<td><input id="${clientId(NAMES.tipoEmissao)}_0" type="radio" name="${NAMES.tipoEmissao}" value="BA" checked="checked" /><label for="${clientId(NAMES.tipoEmissao)}_0">Boleto avulso</label></td>
		<td><input id="${clientId(NAMES.tipoEmissao)}_1" type="radio" name="${NAMES.tipoEmissao}" value="CA" /><label for="${clientId(NAMES.tipoEmissao)}_1">Carnê</label></td>
	</tr>
</table>
<span id="ctl00_Conteudo_lblDT_Compensacao">Data de compensação:</span> <input name="${NAMES.dataCompensacao}" type="text" value="${today}" maxlength="10" id="${clientId(NAMES.dataCompensacao)}" />
${nothing}
${grid}
${submitButton(NAMES.emitir, 'Emitir Cobrança')}
${submitButton(NAMES.verificaPopUp, '', ' style="display:none;"')}
${v.message ? `<span id="ctl00_Conteudo_lblMensagem" class="msgErro" style="color:Green;font-weight:bold;">${escapeHtml(v.message)}</span>` : ''}`;
}

export function genericBody(title: string, client: CanopusClient | null, cota: CanopusCota | null): string {
  return `<h2>${escapeHtml(title)}</h2>
${client && cota ? clientHeader(client, cota) : ''}
<p>Nenhuma informação disponível para exibição.</p>`;
}

/** Opens the print popup as the emission postback's startup script does, then checks it opened. */
export function printPopupScript(printUrl: string): string {
  return `<script type="text/javascript">
//<![CDATA[
var janelaImpressao = window.open('${printUrl}', 'Impressao', 'width=900,height=700,scrollbars=yes,resizable=yes');
setTimeout(function () { __doPostBack('${NAMES.verificaPopUp}', janelaImpressao ? 'S' : 'N'); }, 500);
//]]>
</script>`;
}

/** The print page's first answer: a small page that loads the PDF (top-level or framed). */
export function printStepPage(pdfUrl: string, closeAfterMs: number | undefined): string {
  if (closeAfterMs === undefined) {
    return `<html><head><title>Impressão</title></head>
<body onload="document.location.replace('${escapeHtml(jsString(pdfUrl))}');">
<span id="lblAguarde">Aguarde, gerando o documento...</span>
</body></html>
`;
  }
  // The popup frames the report and closes itself N ms later, whether or not the PDF has arrived:
  // the request is already on its way (nexus got the response, then "Target page... has been closed").
  return `<html><head><title>Impressão</title></head>
<body style="margin:0">
<iframe id="frmDocumento" name="frmDocumento" src="${escapeHtml(pdfUrl)}" style="width:100%;height:98vh;border:0"></iframe>
<script type="text/javascript">
setTimeout(function () { window.close(); }, ${closeAfterMs});
</script>
</body></html>
`;
}

export function printKeyErrorPage(): string {
  return `<html><head><title>Impressão</title></head>
<body>
<span id="lblErro" style="color:Red;">Não foi possível gerar o documento: a chave de impressão é inválida ou já foi utilizada. Emita a cobrança novamente.</span>
</body></html>
`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
