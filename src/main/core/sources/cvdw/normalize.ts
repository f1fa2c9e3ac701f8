/**
 * Cleans CVDW values into the mirror's types. The API mixes styles inside one tenant (reference
 * §10): ids as strings or numbers, "S"/"N" and "Sim"/"Não", `YYYY-MM-DD HH:MM:SS`, `YYYY-MM-DD`
 * and `dd/mm/yyyy`, MySQL zero dates, numbers as text, HTML entities and the odd mojibake.
 * Each function returns null for "no value" and never throws: a value it cannot read becomes NULL
 * in its column while `raw` keeps what the API sent.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ordf: 'ª', ordm: 'º', deg: '°',
  copy: '©', reg: '®', sect: '§', middot: '·', laquo: '«', raquo: '»', ndash: '–', mdash: '—',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', hellip: '…', bull: '•', euro: '€', cent: '¢',
  pound: '£', sup1: '¹', sup2: '²', sup3: '³', frac12: '½', frac14: '¼', frac34: '¾', iexcl: '¡',
  iquest: '¿', szlig: 'ß', times: '×', divide: '÷', micro: 'µ', para: '¶', uml: '¨', acute: '´',
  cedil: '¸', macr: '¯', shy: '\u00ad', brvbar: '¦', curren: '¤', yen: '¥', not: '¬', plusmn: '±',
};
// Accented letters: &Aacute; &atilde; &ccedil; … built from their Unicode composition.
const ACCENTS: Record<string, string> = { acute: '\u0301', grave: '\u0300', circ: '\u0302', tilde: '\u0303', uml: '\u0308', ring: '\u030a', cedil: '\u0327' };
for (const letter of 'AEIOUYaeiouyCcNn') {
  for (const [name, mark] of Object.entries(ACCENTS)) {
    const composed = (letter + mark).normalize('NFC');
    if (composed.length === 1) NAMED_ENTITIES[`${letter}${name}`] = composed;
  }
}
Object.assign(NAMED_ENTITIES, { AElig: 'Æ', aelig: 'æ', Oslash: 'Ø', oslash: 'ø', ETH: 'Ð', eth: 'ð', THORN: 'Þ', thorn: 'þ' });

const ENTITY = /&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,9});/g;

export function decodeEntities(value: string): string {
  if (!value.includes('&')) return value;
  // Twice at most: some tenants store text that was escaped twice ("&amp;amp;").
  let out = value;
  for (let i = 0; i < 2 && out.includes('&'); i++) {
    const next = out.replace(ENTITY, (whole, body: string) => {
      if (body[0] === '#') {
        const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
        return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
      }
      return NAMED_ENTITIES[body] ?? whole;
    });
    if (next === out) break;
    out = next;
  }
  return out;
}

// UTF-8 read as Latin-1 ("TerraÃ§o", "1Âª ETAPA"): a lead byte Ã/Â followed by a continuation byte.
const MOJIBAKE = /[\u00c2\u00c3][\u0080-\u00bf]/;

export function fixMojibake(value: string): string {
  // Only text made of Latin-1 code points can be the Latin-1 reading of UTF-8 bytes.
  if (!MOJIBAKE.test(value) || [...value].some((c) => c.charCodeAt(0) > 0xff)) return value;
  const repaired = Buffer.from(value, 'latin1').toString('utf8');
  return repaired.includes('\ufffd') ? value : repaired;
}

/** Free text: entities decoded, mojibake repaired, surrounding blanks dropped; '' → null. */
export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return null;
  const out = fixMojibake(decodeEntities(value)).trim();
  return out === '' ? null : out;
}

/** The row key: "193", 193 or "193_30" → "193" / "193_30". */
export function referencia(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value !== 'string') return null;
  const out = value.trim();
  return out === '' ? null : out;
}

/** Ids and counts: 12, "12", " 12 " → 12. Anything else (including "12a", 1.5) → null. */
export function integer(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!/^-?\d{1,15}$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** Ids where 0 means "none" (e.g. the reservation holding a unit). */
export function optionalId(value: unknown): number | null {
  const n = integer(value);
  return n === 0 ? null : n;
}

/** A flag that some tenants send as the id of what sets it: "S"/"N" → 1/0, 1332 → 1332. */
export function flagOrId(value: unknown): number | null {
  return flag(value) ?? integer(value);
}

/**
 * Decimal text or number → number. Accepts "9999.99", "1234,5", "1.234,56" and "1,234.56": the
 * last separator followed by 1–2 digits (or any digits when it is the only separator kind) is the
 * decimal one.
 */
export function decimal(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const s = value.trim().replace(/^R\$\s*/, '');
  if (s === '') return null;
  let normalised: string;
  if (/^-?\d+(\.\d+)?$/.test(s)) normalised = s;
  else if (/^-?\d+,\d+$/.test(s)) normalised = s.replace(',', '.');
  else if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) normalised = s.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) normalised = s.replace(/,/g, '');
  else return null;
  const n = Number(normalised);
  return Number.isFinite(n) ? n : null;
}

/** Money in reais (number or text) → integer centavos, rounded half away from zero. */
export function cents(value: unknown): number | null {
  const n = decimal(value);
  if (n === null) return null;
  // toPrecision removes the binary noise of n × 100 (0.285 × 100 = 28.499999…).
  const scaled = Number((n * 100).toPrecision(15));
  const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled));
  return Number.isSafeInteger(rounded) ? rounded : null;
}

const YES = new Set(['s', 'sim', 'y', 'yes', 'true', '1', 't', 'verdadeiro']);
const NO = new Set(['n', 'nao', 'não', 'no', 'false', '0', 'f', 'falso']);

/** "S"/"N", "Sim"/"Não", true/false, 1/0 → 1/0. */
export function flag(value: unknown): number | null {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value === 1 ? 1 : value === 0 ? 0 : null;
  if (typeof value !== 'string') return null;
  const v = decodeEntities(value).trim().toLowerCase();
  if (YES.has(v)) return 1;
  if (NO.has(v)) return 0;
  return null;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/;
const BR = /^(\d{2})\/(\d{2})\/(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

interface Parts {
  y: number;
  m: number;
  d: number;
  hh: number;
  mi: number;
  ss: number;
}

function partsOf(value: unknown): Parts | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  let y: number, m: number, d: number, hh = 0, mi = 0, ss = 0;
  let match = ISO.exec(s);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (match[4] !== undefined) [hh, mi, ss] = [Number(match[4]), Number(match[5]), Number(match[6] ?? 0)];
  } else if ((match = BR.exec(s))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (match[4] !== undefined) [hh, mi, ss] = [Number(match[4]), Number(match[5]), Number(match[6] ?? 0)];
  } else {
    return null;
  }
  // MySQL zero dates ("0000-00-00 00:00:00", "00/00/0000") and impossible days mean "no date".
  if (y < 1 || m < 1 || m > 12 || d < 1 || hh > 23 || mi > 59 || ss > 59) return null;
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return { y, m, d, hh, mi, ss };
}

const two = (n: number) => String(n).padStart(2, '0');

/** Any accepted date form → `YYYY-MM-DD`; zero or unreadable dates → null. */
export function day(value: unknown): string | null {
  const p = partsOf(value);
  return p ? `${String(p.y).padStart(4, '0')}-${two(p.m)}-${two(p.d)}` : null;
}

/** Any accepted date form → `YYYY-MM-DD HH:MM:SS` (midnight when only a day came); zero → null. */
export function moment(value: unknown): string | null {
  const p = partsOf(value);
  return p ? `${String(p.y).padStart(4, '0')}-${two(p.m)}-${two(p.d)} ${two(p.hh)}:${two(p.mi)}:${two(p.ss)}` : null;
}

/** Id lists packed in text ("1,2", "1, 2", 7) → "1,2". */
export function idList(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value !== 'string') return null;
  const parts = value
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts.length ? parts.join(',') : null;
}
