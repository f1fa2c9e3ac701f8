/**
 * Windows-safe names for boleto files and consultant folders (../shared/reference/canopus-portal.md
 * §2.7): no reserved characters or names, no trailing dots or spaces, bounded length. Accents are
 * kept everywhere (NTFS stores them; "MARÇO" keeps its Ç), always in NFC so the same name is always
 * the same bytes.
 */
const RESERVED = /^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\..*)?$/i;
// Control characters are forbidden in Windows names too.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const MAX_SEGMENT = 120;

export function safeSegment(text: string, fallback: string): string {
  let out = text.normalize('NFC').replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim();
  out = out.replace(/[. ]+$/, '');
  if (!out) out = fallback;
  if (out.length > MAX_SEGMENT) out = out.slice(0, MAX_SEGMENT).replace(/[. ]+$/, '');
  if (RESERVED.test(out)) out = `_${out}`;
  return out;
}

/** `MARIA_APARECIDA_DOS_SANTOS_NOVEMBRO.pdf`; with several cotas `…_NOVEMBRO_G1234-C056.pdf`. */
export function boletoFileName(clientName: string, month: string, cota: { grupo: string; cota: string } | null = null): string {
  const name = safeSegment(clientName.toLocaleUpperCase('pt-BR'), 'CLIENTE').replace(/ /g, '_');
  const suffix = cota ? `_G${safeSegment(cota.grupo, '0')}-C${safeSegment(cota.cota, '0')}`.replace(/ /g, '') : '';
  const base = `${name}_${month.toLocaleUpperCase('pt-BR')}${suffix}`;
  return `${safeSegment(base, 'BOLETO')}.pdf`;
}

/** One folder per consultant, named as the spreadsheet writes the consultant. */
export function consultantFolder(consultant: string): string {
  return safeSegment(consultant, 'Sem consultor');
}
