// The portal's pages, rendered the way ASP.NET WebForms 4 renders them: one <form> that posts back
// to the page itself, hidden __EVENTTARGET/__EVENTARGUMENT/__VIEWSTATE/__EVENTVALIDATION, the
// __doPostBack helper, master-page ids prefixed ctl00_, grid rows numbered from ctl02, and startup
// scripts (alert, window.open) just before </form>.

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/** A JavaScript string literal body for single quotes. */
export function jsString(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r?\n/g, '\\n').replace(/<\//g, '<\\/');
}

const DOCTYPE = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

const DO_POSTBACK = `<script type="text/javascript">
//<![CDATA[
var theForm = document.forms['aspnetForm'];
if (!theForm) {
    theForm = document.aspnetForm;
}
function __doPostBack(eventTarget, eventArgument) {
    if (!theForm.onsubmit || (theForm.onsubmit() != false)) {
        theForm.__EVENTTARGET.value = eventTarget;
        theForm.__EVENTARGUMENT.value = eventArgument;
        theForm.submit();
    }
}
//]]>
</script>`;

export interface FormPage {
  title: string;
  /** '' for pages in /WWW/, '../' for pages one folder down. */
  base: string;
  /** The file name the form posts back to. */
  action: string;
  viewState: string;
  eventValidation: string;
  generator: string;
  body: string;
  /** Startup scripts (already wrapped in <script>). */
  scripts?: string[];
  /** Logged-in pages carry the master page's header and menu. */
  master?: { user: string; pointOfSale: string };
}

export function formPage(p: FormPage): string {
  const header = p.master
    ? `<div id="cabecalho">
  <img id="ctl00_imgLogo" src="${p.base}Imagens/logo_newcon.png" alt="Newcon" width="140" height="40" />
  <span id="ctl00_lblUsuario">Usuário: ${escapeHtml(p.master.user)} | Ponto de venda: ${escapeHtml(p.master.pointOfSale)}</span>
  <a id="ctl00_lnkSair" href="${p.base}frmCorCcCnsLogin.aspx?Sair=S">Sair</a>
</div>
<div id="menu">
  <a id="ctl00_hlkAtendimento" title="Atendimento" href="${p.base}CONAT/frmConAtSrcConsorciado.aspx"><img id="ctl00_img_Atendimento" src="${p.base}Imagens/icone_atendimento.png" alt="Atendimento" title="Atendimento" width="48" height="48" style="border-width:0px;" /></a>
</div>
`
    : `<img id="imgLogo" src="${p.base}Imagens/logo_newcon.png" alt="Newcon" width="140" height="40" />\n`;
  const formId = p.master ? 'aspnetForm' : 'form1';
  return `${DOCTYPE}

<html xmlns="http://www.w3.org/1999/xhtml">
<head><title>
	${escapeHtml(p.title)}
</title><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><link href="${p.base}App_Themes/Newcon/Newcon.css" type="text/css" rel="stylesheet" /></head>
<body>
    <form name="${formId}" method="post" action="./${p.action}" id="${formId}">
<div class="aspNetHidden">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="${p.viewState}" />
</div>

${p.master ? DO_POSTBACK : DO_POSTBACK.replace("forms['aspnetForm']", "forms['form1']").replace('document.aspnetForm', 'document.form1')}

<div class="aspNetHidden">
	<input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" value="${p.generator}" />
	<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="${p.eventValidation}" />
</div>
${header}<div id="${p.master ? 'ctl00_Conteudo_pnlConteudo' : 'pnlLogin'}" class="conteudo">
${p.body}
</div>
${(p.scripts ?? []).join('\n')}
</form>
</body>
</html>
`;
}

export function alertScript(message: string): string {
  return `<script type="text/javascript">
//<![CDATA[
alert('${jsString(message)}');//]]>
</script>`;
}

/** ASP.NET's ClientID is the UniqueID with "$" → "_". */
export function clientId(name: string): string {
  return name.replace(/\$/g, '_');
}

export function submitButton(name: string, value: string, extra = ''): string {
  return `<input type="submit" name="${name}" value="${escapeHtml(value)}" id="${clientId(name)}"${extra} />`;
}

export function linkButton(name: string, text: string): string {
  return `<a id="${clientId(name)}" href="javascript:__doPostBack(&#39;${name}&#39;,&#39;&#39;)">${escapeHtml(text)}</a>`;
}

export function redText(id: string, text: string): string {
  return `<span id="${id}" class="msgErro" style="color:Red;font-weight:bold;">${escapeHtml(text)}</span>`;
}

/** What Response.Redirect writes in the body of its 302. */
export function objectMoved(location: string): string {
  return `<html><head><title>Object moved</title></head><body>
<h2>Object moved to <a href="${escapeHtml(location)}">here</a>.</h2>
</body></html>
`;
}

/** ASP.NET's generic error page (customErrors on), here served with 200 as the portal sometimes does. */
export function runtimeErrorPage(): string {
  return `<!DOCTYPE html>
<html>
    <head>
        <title>Runtime Error</title>
        <meta name="viewport" content="width=device-width" />
        <style>
         body {font-family:"Verdana";font-weight:normal;font-size: .7em;color:black;}
         p {font-family:"Verdana";font-weight:normal;color:black;margin-top: -5px}
         b {font-family:"Verdana";font-weight:bold;color:black;margin-top: -5px}
         H1 { font-family:"Verdana";font-weight:normal;font-size:18pt;color:red }
         H2 { font-family:"Verdana";font-weight:normal;font-size:14pt;color:maroon }
         pre {font-family:"Consolas","Lucida Console",Monospace;font-size:11pt;margin:0;padding:0.5em;line-height:14pt}
        </style>
    </head>
    <body bgcolor="white">
            <span><H1>Server Error in '/WWW' Application.<hr width=100% size=1 color=silver></H1>
            <h2> <i>Runtime Error</i> </h2></span>
            <font face="Arial, Helvetica, Geneva, SunSans-Regular, sans-serif ">
            <b> Description: </b>An application error occurred on the server. The current custom error settings for this application prevent the details of the application error from being viewed remotely (for security reasons). It could, however, be viewed by browsers running on the local server machine.
            <br><br>
    </body>
</html>
`;
}

/** ASP.NET's yellow screen for a tampered or foreign __VIEWSTATE / __EVENTVALIDATION (status 500). */
export function viewStateErrorPage(detail: string): string {
  return `<!DOCTYPE html>
<html>
    <head><title>${escapeHtml(detail)}</title></head>
    <body bgcolor="white">
            <span><H1>Server Error in '/WWW' Application.<hr width=100% size=1 color=silver></H1>
            <h2> <i>${escapeHtml(detail)}</i> </h2></span>
            <b> Exception Details: </b>System.Web.HttpException: ${escapeHtml(detail)}<br><br>
    </body>
</html>
`;
}

export function notFoundPage(): string {
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>
<title>404 - File or directory not found.</title></head>
<body><div id="header"><h1>Server Error</h1></div>
<div id="content"><fieldset><h2>404 - File or directory not found.</h2>
<h3>The resource you are looking for might have been removed, had its name changed, or is temporarily unavailable.</h3>
</fieldset></div></body></html>
`;
}

/** A plain table in the GridView markup. `rows` are already-rendered <td> lists. */
export function gridView(id: string, headers: string[], rows: { cells: string[]; className?: string }[]): string {
  const head = `<tr class="GridHeader">${headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r, i) => `<tr class="${r.className ?? (i % 2 ? 'GridAlternatingRow' : 'GridRow')}">${r.cells.map((c) => `<td>${c}</td>`).join('')}</tr>`);
  return `<div>
<table class="GridView" cellspacing="0" cellpadding="3" rules="all" border="1" id="${id}" style="border-collapse:collapse;">
	${[head, ...body].join('\n\t')}
</table>
</div>`;
}
