// Faults the Canopus simulator can inject, read on every request (the object is mutable at run time).

export interface CanopusFaults {
  /** Extra CPFs the search will not find (besides clients with inPortal=false). Digits or formatted. */
  cpfNotFound?: string[];
  /** CPFs whose cotas show no open boleto. */
  noBoleto?: string[];
  /** The print popup frames the PDF and calls window.close() after N ms, even if the PDF is still on its way. */
  popupClosesAfterMs?: number;
  /** Default inline. */
  pdfDisposition?: 'inline' | 'attachment';
  /** The small step before the PDF: an HTML page that navigates on load (default) or a 302. */
  printRedirect?: 'html' | '302';
  /** Idle timeout: a logged-in session unused for this long is redirected to the login page. */
  sessionExpiresAfterMinutes?: number;
  /** After N boletos emitted in one session, the next request (other than that boleto's PDF) goes to login. */
  sessionExpiresAfterClients?: number;
  /** Default true: a second login of the same user kills the first session. */
  newLoginInvalidatesPrevious?: boolean;
  /** After N consecutive failed logins (0 = from the start) the login page asks for the security characters until resetCaptcha(). */
  captchaAfterFailedLogins?: number;
  /** A login posted from a page whose CSS or image was never requested (resource blocking) raises the captcha. */
  captchaWhenAssetsNotLoaded?: boolean;
  /** Page requests (.aspx/.axd) N+1 … N+count get a 200 with an ASP.NET error page instead of being handled. */
  htmlErrorPage?: { afterRequests: number; count: number };
  /** Extra delay before the PDF bytes. */
  slowPdfMs?: number;
  /** Emissions N+1 … N+count print ANOTHER client's boleto (a session race as the real portal has). */
  wrongClientPdf?: { afterEmissions: number; count: number };
}

/** Whether the 1-based number `n` falls in (after, after + count]. */
export function inWindow(after: number, count: number, n: number): boolean {
  return n > after && n <= after + count;
}

export function cpfDigits(cpf: string): string {
  return cpf.replace(/\D/g, '');
}

const GRAMMAR =
  'cpf-not-found=CPF[+CPF…], no-boleto=CPF[+CPF…], popup-close=MS, pdf=inline|attachment, print=html|302, ' +
  'idle=MINUTES, expire-after=N, multi-login, captcha-after=N, captcha-assets, error@NxC, slow-pdf=MS, wrong-pdf@NxC';

/**
 * Parses the CLI fault syntax, a comma-separated list of:
 *   cpf-not-found=CPF[+CPF…]  the search does not find these CPFs (digits or 000.000.000-00)
 *   no-boleto=CPF[+CPF…]      these CPFs' cotas show no open boleto
 *   popup-close=MS            the print popup calls window.close() after MS ms
 *   pdf=inline|attachment     Content-Disposition of the PDF (default inline)
 *   print=html|302            the step before the PDF: an HTML page (default) or a 302
 *   idle=MINUTES              session idle timeout (decimals allowed: idle=0.5)
 *   expire-after=N            the session ends after N boletos emitted in it
 *   multi-login               a second login of the same user does NOT end the first session
 *   captcha-after=N           captcha after N consecutive failed logins (0 = from the start)
 *   captcha-assets            captcha when the login page's CSS/image were never requested
 *   error@NxC                 page requests N+1…N+C answer 200 with an ASP.NET error page
 *   slow-pdf=MS               the PDF waits MS ms more
 *   wrong-pdf@NxC             emissions N+1…N+C print another client's boleto
 * e.g. "wrong-pdf@3x1,popup-close=500,pdf=attachment,cpf-not-found=123.456.789-09+98765432100".
 * Each kind may appear once; an empty spec means no faults.
 */
export function parseCanopusFaults(spec: string): CanopusFaults {
  const faults: CanopusFaults = {};
  const seen = new Set<string>();
  for (const rawItem of spec.split(',')) {
    const item = rawItem.trim();
    if (item === '') continue;
    const m = /^([a-z0-9-]+)(?:(=)(.*)|@(\d+)x(\d+))?$/i.exec(item);
    if (!m) throw new Error(`Invalid Canopus fault "${item}": expected one of ${GRAMMAR}.`);
    const kind = m[1].toLowerCase();
    if (seen.has(kind)) throw new Error(`Invalid Canopus faults "${spec}": "${kind}" is given more than once.`);
    seen.add(kind);
    const value = m[2] ? m[3].trim() : undefined;
    const burst = m[4] !== undefined ? { after: Number(m[4]), count: Number(m[5]) } : undefined;
    const want = (shape: 'flag' | 'value' | 'burst', example: string) => {
      const has = burst ? 'burst' : value !== undefined ? 'value' : 'flag';
      if (has !== shape) throw new Error(`Invalid Canopus fault "${item}": write it as ${example}.`);
    };
    const integer = (example: string, min: number): number => {
      want('value', example);
      if (!/^\d+$/.test(value as string) || Number(value) < min) throw new Error(`Invalid Canopus fault "${item}": expected a whole number of at least ${min}, as in ${example}.`);
      return Number(value);
    };
    const cpfs = (example: string): string[] => {
      want('value', example);
      const list = (value as string).split('+').map((c) => c.trim());
      for (const cpf of list) {
        if (!/^(\d{11}|\d{3}\.\d{3}\.\d{3}-\d{2})$/.test(cpf)) throw new Error(`Invalid Canopus fault "${item}": "${cpf}" is not a CPF (11 digits or 000.000.000-00).`);
      }
      return list.map(cpfDigits);
    };
    const counted = (example: string) => {
      want('burst', example);
      const b = burst as { after: number; count: number };
      if (b.count < 1) throw new Error(`Invalid Canopus fault "${item}": the count must be at least 1, as in ${example}.`);
      return b;
    };
    switch (kind) {
      case 'cpf-not-found':
        faults.cpfNotFound = cpfs('cpf-not-found=12345678909+98765432100');
        break;
      case 'no-boleto':
        faults.noBoleto = cpfs('no-boleto=12345678909');
        break;
      case 'popup-close':
        faults.popupClosesAfterMs = integer('popup-close=500', 0);
        break;
      case 'pdf':
        want('value', 'pdf=attachment');
        if (value !== 'inline' && value !== 'attachment') throw new Error(`Invalid Canopus fault "${item}": pdf must be inline or attachment.`);
        faults.pdfDisposition = value;
        break;
      case 'print':
        want('value', 'print=302');
        if (value !== 'html' && value !== '302') throw new Error(`Invalid Canopus fault "${item}": print must be html or 302.`);
        faults.printRedirect = value;
        break;
      case 'idle': {
        want('value', 'idle=20');
        const minutes = Number(value);
        if (!/^\d+(\.\d+)?$/.test(value as string) || !(minutes > 0)) throw new Error(`Invalid Canopus fault "${item}": idle needs minutes greater than 0, as in idle=20 or idle=0.5.`);
        faults.sessionExpiresAfterMinutes = minutes;
        break;
      }
      case 'expire-after':
        faults.sessionExpiresAfterClients = integer('expire-after=10', 1);
        break;
      case 'multi-login':
        want('flag', 'multi-login');
        faults.newLoginInvalidatesPrevious = false;
        break;
      case 'captcha-after':
        faults.captchaAfterFailedLogins = integer('captcha-after=3', 0);
        break;
      case 'captcha-assets':
        want('flag', 'captcha-assets');
        faults.captchaWhenAssetsNotLoaded = true;
        break;
      case 'error': {
        const b = counted('error@20x2');
        faults.htmlErrorPage = { afterRequests: b.after, count: b.count };
        break;
      }
      case 'slow-pdf':
        faults.slowPdfMs = integer('slow-pdf=25000', 0);
        break;
      case 'wrong-pdf': {
        const b = counted('wrong-pdf@3x1');
        faults.wrongClientPdf = { afterEmissions: b.after, count: b.count };
        break;
      }
      default:
        throw new Error(`Invalid Canopus fault "${item}": unknown kind "${m[1]}"; expected one of ${GRAMMAR}.`);
    }
  }
  return faults;
}
