import { badRequest, querySyntaxError } from './errors';
import { parseInstant } from './time';

// Parsers for the OData query options the API accepts. They only build syntax trees; names are
// checked against the entity model when the trees are compiled (unknown names there mean 403).

export type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type LiteralType = 'string' | 'int' | 'decimal' | 'bool' | 'null' | 'datetime' | 'date';

export type Expr =
  | { kind: 'literal'; type: LiteralType; value: string | number | boolean | null; raw: string }
  | { kind: 'path'; segments: string[] }
  | { kind: 'lambda'; segments: string[]; quantifier: 'any' | 'all'; variable: string | null; body: Expr | null }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'compare'; op: CompareOp; left: Expr; right: Expr }
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; operand: Expr };

export interface OrderItem {
  segments: string[];
  descending: boolean;
}

export interface ExpandItem {
  name: string;
  options: QueryOptions;
}

/** Parsed query options of one level (the top level, or inside an $expand item). */
export interface QueryOptions {
  filter: Expr | null;
  select: string[] | null;
  expand: ExpandItem[];
  orderby: OrderItem[];
  top: number | null;
  skip: number | null;
}

type Token =
  | { t: 'ident'; v: string; pos: number }
  | { t: 'string'; v: string; pos: number }
  | { t: 'number'; v: number; raw: string; integer: boolean; pos: number }
  | { t: 'datetime'; v: number; raw: string; pos: number }
  | { t: 'date'; raw: string; pos: number }
  | { t: 'punct'; v: string; pos: number }
  | { t: 'end'; pos: number };

const DATETIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?/y;
const DATE = /\d{4}-\d{2}-\d{2}(?![T\d])/y;
const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDfFlL]?(?![A-Za-z0-9_])/y;
const IDENT = /[A-Za-z_$][A-Za-z0-9_]*/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const at = (re: RegExp): string | null => {
    re.lastIndex = i;
    const m = re.exec(text);
    return m ? m[0] : null;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if ('(),/:*'.includes(c)) {
      tokens.push({ t: 'punct', v: c, pos: i });
      i++;
      continue;
    }
    if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw querySyntaxError(`There is an unterminated string literal at position ${i} in '${text}'.`);
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += text[j++];
      }
      tokens.push({ t: 'string', v: value, pos: i });
      i = j + 1;
      continue;
    }
    const datetime = at(DATETIME);
    if (datetime) {
      const parsed = parseInstant(datetime);
      if (!parsed.ok) {
        throw querySyntaxError(parsed.reason === 'no-offset'
          ? `The time zone information is missing on the DateTimeOffset value '${datetime}'. A DateTimeOffset value must contain the time zone information.`
          : `Unrecognized 'Edm.DateTimeOffset' literal '${datetime}' at '${i}' in '${text}'.`);
      }
      tokens.push({ t: 'datetime', v: parsed.ms, raw: datetime, pos: i });
      i += datetime.length;
      continue;
    }
    const date = at(DATE);
    if (date) {
      tokens.push({ t: 'date', raw: date, pos: i });
      i += date.length;
      continue;
    }
    const number = at(NUMBER);
    if (number) {
      const digits = number.replace(/[mMdDfFlL]$/, '');
      tokens.push({ t: 'number', v: Number(digits), raw: number, integer: /^-?\d+$/.test(digits), pos: i });
      i += number.length;
      continue;
    }
    const ident = at(IDENT);
    if (ident) {
      tokens.push({ t: 'ident', v: ident, pos: i });
      i += ident.length;
      continue;
    }
    throw querySyntaxError(`Syntax error: character '${c}' is not valid at position ${i} in '${text}'.`);
  }
  tokens.push({ t: 'end', pos: text.length });
  return tokens;
}

const COMPARE_OPS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

class TokenStream {
  private index = 0;

  constructor(
    private readonly tokens: Token[],
    readonly text: string,
  ) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }

  next(): Token {
    return this.tokens[this.index++];
  }

  isPunct(v: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.t === 'punct' && token.v === v;
  }

  isWord(v: string): boolean {
    const token = this.peek();
    return token.t === 'ident' && token.v === v;
  }

  expectPunct(v: string): void {
    if (!this.isPunct(v)) this.fail(`'${v}' expected`);
    this.index++;
  }

  ident(): string {
    const token = this.next();
    if (token.t !== 'ident') this.fail('Expression expected', token.pos);
    return (token as { v: string }).v;
  }

  fail(what: string, pos = this.peek().pos): never {
    throw querySyntaxError(`Syntax error: ${what} at position ${pos} in '${this.text}'.`);
  }
}

export function parseFilter(text: string): Expr {
  const s = new TokenStream(tokenize(text), text);
  if (s.peek().t === 'end') s.fail('Expression expected');
  const expr = parseOr(s);
  if (s.peek().t !== 'end') s.fail('syntax error');
  return expr;
}

function parseOr(s: TokenStream): Expr {
  let left = parseAnd(s);
  while (s.isWord('or')) {
    s.next();
    left = { kind: 'or', left, right: parseAnd(s) };
  }
  return left;
}

function parseAnd(s: TokenStream): Expr {
  let left = parseComparison(s);
  while (s.isWord('and')) {
    s.next();
    left = { kind: 'and', left, right: parseComparison(s) };
  }
  return left;
}

function parseComparison(s: TokenStream): Expr {
  let left = parseUnary(s);
  for (;;) {
    const token = s.peek();
    if (token.t !== 'ident' || !COMPARE_OPS.has(token.v)) return left;
    s.next();
    left = { kind: 'compare', op: token.v as CompareOp, left, right: parseUnary(s) };
  }
}

function parseUnary(s: TokenStream): Expr {
  if (s.isWord('not')) {
    s.next();
    return { kind: 'not', operand: parseUnary(s) };
  }
  return parsePrimary(s);
}

function parsePrimary(s: TokenStream): Expr {
  const token = s.next();
  switch (token.t) {
    case 'punct':
      if (token.v === '(') {
        const inner = parseOr(s);
        s.expectPunct(')');
        return inner;
      }
      return s.fail('Expression expected', token.pos);
    case 'string':
      return { kind: 'literal', type: 'string', value: token.v, raw: `'${token.v.replace(/'/g, "''")}'` };
    case 'number':
      return { kind: 'literal', type: token.integer ? 'int' : 'decimal', value: token.v, raw: token.raw };
    case 'datetime':
      return { kind: 'literal', type: 'datetime', value: token.v, raw: token.raw };
    case 'date':
      return { kind: 'literal', type: 'date', value: token.raw, raw: token.raw };
    case 'end':
      return s.fail('Expression expected', token.pos);
    case 'ident':
      break;
  }
  const word = token.v;
  if (word === 'true' || word === 'false') return { kind: 'literal', type: 'bool', value: word === 'true', raw: word };
  if (word === 'null') return { kind: 'literal', type: 'null', value: null, raw: word };
  if (s.isPunct('(')) {
    s.next();
    const args: Expr[] = [];
    if (!s.isPunct(')')) {
      args.push(parseOr(s));
      while (s.isPunct(',')) {
        s.next();
        args.push(parseOr(s));
      }
    }
    s.expectPunct(')');
    return { kind: 'call', name: word, args };
  }
  const segments = [word];
  while (s.isPunct('/')) {
    s.next();
    const segment = s.ident();
    if ((segment === 'any' || segment === 'all') && s.isPunct('(')) {
      s.next();
      if (s.isPunct(')')) {
        s.next();
        if (segment === 'all') s.fail("'all' requires a lambda expression");
        return { kind: 'lambda', segments, quantifier: 'any', variable: null, body: null };
      }
      const variable = s.ident();
      s.expectPunct(':');
      const body = parseOr(s);
      s.expectPunct(')');
      return { kind: 'lambda', segments, quantifier: segment, variable, body };
    }
    segments.push(segment);
  }
  return { kind: 'path', segments };
}

/** Canonical text of an expression; equal texts mean equal filters (used as a cache key). */
export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'literal': return e.type === 'datetime' ? `@${e.value}` : e.raw;
    case 'path': return e.segments.join('/');
    case 'lambda': return `${e.segments.join('/')}/${e.quantifier}(${e.variable ? `${e.variable}:${printExpr(e.body!)}` : ''})`;
    case 'call': return `${e.name}(${e.args.map(printExpr).join(',')})`;
    case 'compare': return `(${printExpr(e.left)} ${e.op} ${printExpr(e.right)})`;
    case 'and':
    case 'or': return `(${printExpr(e.left)} ${e.kind} ${printExpr(e.right)})`;
    case 'not': return `(not ${printExpr(e.operand)})`;
  }
}

export function parseOrderBy(text: string): OrderItem[] {
  const s = new TokenStream(tokenize(text), text);
  const items: OrderItem[] = [];
  do {
    if (items.length > 0) s.next();
    const segments = [s.ident()];
    while (s.isPunct('/')) {
      s.next();
      segments.push(s.ident());
    }
    let descending = false;
    if (s.isWord('asc') || s.isWord('desc')) descending = (s.next() as { v: string }).v === 'desc';
    items.push({ segments, descending });
  } while (s.isPunct(','));
  if (s.peek().t !== 'end') s.fail("',' expected");
  return items;
}

export function parseSelect(text: string): string[] {
  const s = new TokenStream(tokenize(text), text);
  const names: string[] = [];
  do {
    if (names.length > 0) s.next();
    if (s.isPunct('*')) {
      s.next();
      names.push('*');
      continue;
    }
    names.push(s.ident());
    if (s.isPunct('/')) throw badRequest(`The query specified in the URI is not valid. Property paths in $select are not supported: '${text}'.`);
  } while (s.isPunct(','));
  if (s.peek().t !== 'end') s.fail("',' expected");
  return names;
}

/** Splits on `separator` outside parentheses and quoted strings. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) throw querySyntaxError(`Syntax error: unbalanced ')' at position ${i} in '${text}'.`);
  }
  if (depth !== 0 || quoted) throw querySyntaxError(`Syntax error: unbalanced parentheses or quotes in '${text}'.`);
  parts.push(text.slice(start));
  return parts;
}

const EXPAND_ITEM = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\(([\s\S]*)\))?\s*$/;

export function parseExpand(text: string): ExpandItem[] {
  return splitTopLevel(text, ',').map((part) => {
    const m = EXPAND_ITEM.exec(part);
    if (!m) {
      if (/^\s*[A-Za-z_][A-Za-z0-9_]*\s*\//.test(part)) {
        throw badRequest(`The query specified in the URI is not valid. Navigation paths in $expand are not supported: '${part.trim()}'.`);
      }
      throw querySyntaxError(`Syntax error in $expand at '${part.trim()}'.`);
    }
    const raw: Record<string, string> = {};
    if (m[2] !== undefined && m[2].trim() !== '') {
      for (const option of splitTopLevel(m[2], ';')) {
        const eq = option.indexOf('=');
        const name = option.slice(0, eq).trim();
        if (eq < 0 || !name.startsWith('$')) throw querySyntaxError(`Syntax error in $expand options of '${m[1]}': '${option.trim()}'.`);
        raw[name] = option.slice(eq + 1);
      }
    }
    return { name: m[1], options: parseQueryOptions(raw, `$expand option of '${m[1]}'`) };
  });
}

function parseCount(name: string, value: string): number {
  if (!/^\s*\d+\s*$/.test(value)) {
    throw querySyntaxError(`Invalid value '${value}' for ${name} query option found. The ${name} query option requires a non-negative integer value.`);
  }
  return Number(value);
}

/** Options the real API tolerates but that the simulator does not act on (no count is emitted). */
const IGNORED_OPTIONS = new Set(['$count', '$inlinecount', '$format']);

/** Parses `$filter`, `$select`, `$expand`, `$orderby`, `$top`, `$skip` from raw option strings. */
export function parseQueryOptions(raw: Record<string, string>, where = 'query'): QueryOptions {
  for (const name of Object.keys(raw)) {
    if (!['$filter', '$select', '$expand', '$orderby', '$top', '$skip'].includes(name) && !IGNORED_OPTIONS.has(name)) {
      throw querySyntaxError(`The query parameter '${name}' is not supported (${where}).`);
    }
  }
  return {
    filter: raw.$filter !== undefined ? parseFilter(raw.$filter) : null,
    select: raw.$select !== undefined ? parseSelect(raw.$select) : null,
    expand: raw.$expand !== undefined ? parseExpand(raw.$expand) : [],
    orderby: raw.$orderby !== undefined ? parseOrderBy(raw.$orderby) : [],
    top: raw.$top !== undefined ? parseCount('$top', raw.$top) : null,
    skip: raw.$skip !== undefined ? parseCount('$skip', raw.$skip) : null,
  };
}
