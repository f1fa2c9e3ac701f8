import { badRequest, forbidden, querySyntaxError } from './errors';
import type { CompareOp, Expr, ExpandItem, OrderItem, QueryOptions } from './odata-parse';
import type { EntitySchema, NavDef, PropType, Rec } from './schema';
import type { Table } from './table';
import { instantOf } from './time';

// Compiles parsed query options against the entity model into closures. Every property name is
// checked here: the real API answers 403 (not 400) for a name it does not know.

/** How a query reads rows: a table row (a ref) at the top level, a plain record below it. */
export interface RowSource<Row> {
  schema: EntitySchema;
  /** Value in comparison form: datetimes as epoch ms. */
  prop(name: string): (row: Row) => unknown;
  nav(name: string): (row: Row) => Rec | Rec[] | null;
}

type ValueType = PropType | 'null' | 'date';
/** A table ref at the top level, a plain record below it. */
type Row = unknown;
type Getter = (row: Row, locals: unknown[]) => unknown;
interface Typed {
  get: Getter;
  type: ValueType;
}

const toInstant = (v: unknown): unknown => (typeof v === 'string' ? instantOf(v) : v);

export function recordSource(schema: EntitySchema): RowSource<Rec> {
  return {
    schema,
    prop(name) {
      return schema.props.get(name) === 'datetime' ? (rec) => toInstant(rec[name]) : (rec) => rec[name];
    },
    nav(name) {
      const nav = schema.navs.get(name)!;
      return (rec) => nav.resolve(rec);
    },
  };
}

/** Reads a table row: compact columns where the table has them, else the (memoised) full record. */
export function tableSource(table: Table): RowSource<number> {
  let lastRef = -1;
  let lastRecord: Rec = {};
  const recordOf = (ref: number): Rec => {
    if (ref !== lastRef) {
      lastRecord = table.record(ref);
      lastRef = ref;
    }
    return lastRecord;
  };
  const schema = table.schema;
  return {
    schema,
    prop(name) {
      const fast = table.fastProp(name);
      if (fast) return fast;
      return schema.props.get(name) === 'datetime' ? (ref) => toInstant(recordOf(ref)[name]) : (ref) => recordOf(ref)[name];
    },
    nav(name) {
      const nav = schema.navs.get(name)!;
      return (ref) => nav.resolve(recordOf(ref));
    },
  };
}

const EDM: Record<ValueType, string> = {
  int: 'Edm.Int64', decimal: 'Edm.Decimal', string: 'Edm.String', bool: 'Edm.Boolean',
  datetime: 'Edm.DateTimeOffset', date: 'Edm.Date', null: 'null',
};
const OPERATOR_KIND: Record<CompareOp, string> = {
  eq: 'Equal', ne: 'NotEqual', gt: 'GreaterThan', ge: 'GreaterThanOrEqual', lt: 'LessThan', le: 'LessThanOrEqual',
};
const isNumeric = (t: ValueType) => t === 'int' || t === 'decimal';

interface Scope {
  root: RowSource<Row>;
  variables: Map<string, { index: number; schema: EntitySchema }>;
  locals: number;
}

/** Compiles a $filter into a predicate; a row matches only when the expression is exactly true. */
export function compileFilter<R>(expr: Expr, root: RowSource<R>): (row: R) => boolean {
  const scope: Scope = { root: root as RowSource<Row>, variables: new Map(), locals: 0 };
  const compiled = compile(expr, scope);
  if (compiled.type !== 'bool') throw badRequest('The query specified in the URI is not valid. The $filter expression must evaluate to a single boolean value.');
  const locals: unknown[] = new Array(scope.locals);
  const get = compiled.get;
  return (row) => get(row, locals) === true;
}

function compile(expr: Expr, scope: Scope): Typed {
  switch (expr.kind) {
    case 'literal': {
      const value = expr.value;
      return { get: () => value, type: expr.type };
    }
    case 'path':
      return compilePath(expr.segments, scope);
    case 'lambda':
      return compileLambda(expr, scope);
    case 'call':
      return compileCall(expr.name, expr.args.map((a) => compile(a, scope)));
    case 'compare':
      return compileCompare(expr.op, compile(expr.left, scope), compile(expr.right, scope));
    case 'and':
    case 'or': {
      const left = requireBool(compile(expr.left, scope), expr.kind);
      const right = requireBool(compile(expr.right, scope), expr.kind);
      if (expr.kind === 'and') {
        return {
          type: 'bool',
          get: (row, locals) => {
            const a = left(row, locals);
            if (a === false) return false;
            const b = right(row, locals);
            return b === false ? false : a === true && b === true ? true : null;
          },
        };
      }
      return {
        type: 'bool',
        get: (row, locals) => {
          const a = left(row, locals);
          if (a === true) return true;
          const b = right(row, locals);
          return b === true ? true : a === false && b === false ? false : null;
        },
      };
    }
    case 'not': {
      const operand = requireBool(compile(expr.operand, scope), 'not');
      return { type: 'bool', get: (row, locals) => { const v = operand(row, locals); return v === null ? null : !v; } };
    }
  }
}

function requireBool(typed: Typed, operator: string): Getter {
  if (typed.type !== 'bool' && typed.type !== 'null') {
    throw badRequest(`The query specified in the URI is not valid. The '${operator}' operator requires Edm.Boolean operands, found ${EDM[typed.type]}.`);
  }
  return typed.get;
}

interface Walk {
  get: Getter;
  schema: EntitySchema;
  /** The property or navigation reached by the last segment. */
  last: { kind: 'prop'; type: PropType } | { kind: 'nav'; nav: NavDef } | { kind: 'entity' };
}

/** Resolves a path like `Status/Name`, `p/PhoneNumber` or `Contact/Owner/Name`; unknown names are 403. */
function walkPath(segments: string[], scope: Scope): Walk {
  let rest = segments;
  let get: Getter;
  let source: RowSource<Row>;
  const variable = scope.variables.get(segments[0]);
  if (variable) {
    get = (_row, locals) => locals[variable.index];
    source = recordSource(variable.schema) as RowSource<Row>;
    rest = segments.slice(1);
    if (rest.length === 0) return { get, schema: variable.schema, last: { kind: 'entity' } };
  } else {
    get = (row) => row;
    source = scope.root;
  }
  for (let i = 0; i < rest.length; i++) {
    const name = rest[i];
    const schema = source.schema;
    const type = schema.props.get(name);
    const isLast = i === rest.length - 1;
    if (type) {
      if (!isLast) throw querySyntaxError(`Found a path with multiple navigation properties or a bad complex property path in a select clause: '${segments.join('/')}'.`);
      const prop = source.prop(name);
      const base = get;
      return { get: i === 0 && !variable ? (row) => prop(row) : (row, locals) => { const r = base(row, locals); return r == null ? null : prop(r); }, schema, last: { kind: 'prop', type } };
    }
    const nav = schema.navs.get(name);
    if (!nav) throw forbidden();
    const hop = source.nav(name);
    const base = get;
    get = i === 0 && !variable ? (row) => hop(row) : (row, locals) => { const r = base(row, locals); return r == null ? null : hop(r); };
    if (isLast) return { get, schema: nav.target(), last: { kind: 'nav', nav } };
    if (nav.many) {
      throw badRequest(`The query specified in the URI is not valid. The parent value for a property access of a property '${rest[i + 1]}' is not a single value. Property access can only be applied to a single value.`);
    }
    source = recordSource(nav.target()) as RowSource<Row>;
  }
  throw querySyntaxError(`Syntax error: empty path.`);
}

function compilePath(segments: string[], scope: Scope): Typed {
  const walk = walkPath(segments, scope);
  if (walk.last.kind !== 'prop') {
    throw badRequest(`The query specified in the URI is not valid. '${segments.join('/')}' is not a primitive property and cannot be used in an expression here.`);
  }
  return { get: walk.get, type: walk.last.type };
}

function compileLambda(expr: Extract<Expr, { kind: 'lambda' }>, scope: Scope): Typed {
  const walk = walkPath(expr.segments, scope);
  if (walk.last.kind !== 'nav' || !walk.last.nav.many) {
    throw badRequest(`The query specified in the URI is not valid. '${expr.segments.join('/')}' is not a collection; any/all need a collection-valued navigation property.`);
  }
  const items = walk.get;
  if (!expr.body || !expr.variable) {
    return { type: 'bool', get: (row, locals) => { const list = items(row, locals) as Rec[] | null; return !!list && list.length > 0; } };
  }
  if (scope.variables.has(expr.variable)) throw badRequest(`The query specified in the URI is not valid. The range variable '${expr.variable}' has already been declared.`);
  const index = scope.locals++;
  scope.variables.set(expr.variable, { index, schema: walk.schema });
  const body = requireBool(compile(expr.body, scope), expr.quantifier);
  scope.variables.delete(expr.variable);
  const wantAll = expr.quantifier === 'all';
  return {
    type: 'bool',
    get: (row, locals) => {
      const list = (items(row, locals) as Rec[] | null) ?? [];
      for (const item of list) {
        locals[index] = item;
        const hit = body(row, locals) === true;
        if (hit !== wantAll) return !wantAll;
      }
      return wantAll;
    },
  };
}

const lower = (v: unknown) => (v as string).toLowerCase();
/** Day parts in São Paulo time: the values carry a -03:00 offset, and that is the one OData uses. */
const localPart = (pick: (d: Date) => number) => (ms: unknown) => pick(new Date((ms as number) - 3 * 3_600_000));

const FUNCTIONS: Record<string, { args: ValueType[]; type: ValueType; fn: (...args: unknown[]) => unknown }> = {
  contains: { args: ['string', 'string'], type: 'bool', fn: (a, b) => lower(a).includes(lower(b)) },
  startswith: { args: ['string', 'string'], type: 'bool', fn: (a, b) => lower(a).startsWith(lower(b)) },
  endswith: { args: ['string', 'string'], type: 'bool', fn: (a, b) => lower(a).endsWith(lower(b)) },
  tolower: { args: ['string'], type: 'string', fn: (a) => lower(a) },
  toupper: { args: ['string'], type: 'string', fn: (a) => (a as string).toUpperCase() },
  trim: { args: ['string'], type: 'string', fn: (a) => (a as string).trim() },
  length: { args: ['string'], type: 'int', fn: (a) => (a as string).length },
  year: { args: ['datetime'], type: 'int', fn: localPart((d) => d.getUTCFullYear()) },
  month: { args: ['datetime'], type: 'int', fn: localPart((d) => d.getUTCMonth() + 1) },
  day: { args: ['datetime'], type: 'int', fn: localPart((d) => d.getUTCDate()) },
};

function compileCall(name: string, args: Typed[]): Typed {
  const spec = FUNCTIONS[name];
  if (!spec) {
    throw badRequest(`The query specified in the URI is not valid. An unknown function with name '${name}' was found.`);
  }
  if (args.length !== spec.args.length || args.some((a, i) => a.type !== spec.args[i] && a.type !== 'null')) {
    throw badRequest(`The query specified in the URI is not valid. No function signature for the function with name '${name}' matches the specified arguments (${args.map((a) => EDM[a.type]).join(', ')}).`);
  }
  const getters = args.map((a) => a.get);
  const fn = spec.fn;
  if (getters.length === 1) {
    const [a] = getters;
    return { type: spec.type, get: (row, locals) => { const x = a(row, locals); return x == null ? null : fn(x); } };
  }
  const [a, b] = getters;
  return {
    type: spec.type,
    get: (row, locals) => {
      const x = a(row, locals);
      const y = b(row, locals);
      return x == null || y == null ? null : fn(x, y);
    },
  };
}

/**
 * Orders two non-null values; strings compare case-insensitively (CI collation). Values of different
 * types (only possible when a test planted a bad value) order by type name and are never equal.
 */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a !== typeof b) return typeof a < typeof b ? -1 : 1;
  if (typeof a === 'string') {
    const x = a.toLowerCase();
    const y = (b as string).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = a as number;
  const y = b as number;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compileCompare(op: CompareOp, left: Typed, right: Typed): Typed {
  const compatible = left.type === 'null' || right.type === 'null' || left.type === right.type
    || (isNumeric(left.type) && isNumeric(right.type));
  if (!compatible || left.type === 'date' || right.type === 'date') {
    throw badRequest(`The query specified in the URI is not valid. A binary operator with incompatible types was detected. Found operand types '${EDM[left.type]}' and '${EDM[right.type]}' for operator kind '${OPERATOR_KIND[op]}'.`);
  }
  const a = left.get;
  const b = right.get;
  // Null semantics follow C#/LINQ, as the service evaluates them: null eq null is true, null ne x
  // is true, and an ordering comparison with a null is false.
  const equal = (x: unknown, y: unknown) => (x == null || y == null ? x == y : compareValues(x, y) === 0);
  const test: (c: number) => boolean =
    op === 'gt' ? (c) => c > 0 : op === 'ge' ? (c) => c >= 0 : op === 'lt' ? (c) => c < 0 : (c) => c <= 0;
  if (op === 'eq') return { type: 'bool', get: (row, locals) => equal(a(row, locals), b(row, locals)) };
  if (op === 'ne') return { type: 'bool', get: (row, locals) => !equal(a(row, locals), b(row, locals)) };
  return {
    type: 'bool',
    get: (row, locals) => {
      const x = a(row, locals);
      const y = b(row, locals);
      return x != null && y != null && test(compareValues(x, y));
    },
  };
}

export interface CompiledOrder<R> {
  keys: { get: (row: R) => unknown; descending: boolean }[];
}

export function compileOrderBy<R>(items: OrderItem[], root: RowSource<R>): CompiledOrder<R> {
  const scope: Scope = { root: root as RowSource<Row>, variables: new Map(), locals: 0 };
  return {
    keys: items.map((item) => {
      const walk = walkPath(item.segments, scope);
      if (walk.last.kind !== 'prop') {
        throw badRequest(`The query specified in the URI is not valid. The $orderby expression '${item.segments.join('/')}' must be a single-valued primitive property path.`);
      }
      const get = walk.get;
      return { get: (row: R) => get(row, []), descending: item.descending };
    }),
  };
}

/** Nulls sort first in ascending order, as in SQL Server. */
export function compareKeys(a: unknown, b: unknown, descending: boolean): number {
  const c = a == null ? (b == null ? 0 : -1) : b == null ? 1 : compareValues(a, b);
  return descending ? -c : c;
}

export interface Projection {
  /** null = every property, in model order (and the record is sent as is). */
  props: string[] | null;
  expands: ExpandPlan[];
}

interface ExpandPlan {
  name: string;
  nav: NavDef;
  projection: Projection;
  filter: ((rec: Rec) => boolean) | null;
  order: CompiledOrder<Rec> | null;
  top: number | null;
  skip: number;
}

/** Validates $select/$expand (recursively) and prepares the shaping of each record. */
export function compileProjection(schema: EntitySchema, options: Pick<QueryOptions, 'select' | 'expand'>): Projection {
  let props: string[] | null = null;
  if (options.select && !options.select.includes('*')) {
    props = [];
    for (const name of options.select) {
      if (schema.props.has(name)) {
        if (!props.includes(name)) props.push(name);
      } else if (!schema.navs.has(name)) {
        throw forbidden();
      }
    }
  }
  return { props, expands: options.expand.map((item) => compileExpand(schema, item)) };
}

function compileExpand(schema: EntitySchema, item: ExpandItem): ExpandPlan {
  const nav = schema.navs.get(item.name);
  if (!nav) throw forbidden();
  const target = nav.target();
  const { options } = item;
  if (!nav.many && (options.filter || options.orderby.length > 0 || options.top !== null || options.skip !== null)) {
    throw badRequest(`The query specified in the URI is not valid. $filter, $orderby, $top and $skip are only allowed on collection-valued navigation properties, not on '${item.name}'.`);
  }
  const source = recordSource(target);
  return {
    name: item.name,
    nav,
    projection: compileProjection(target, options),
    filter: options.filter ? compileFilter(options.filter, source) : null,
    order: options.orderby.length > 0 ? compileOrderBy(options.orderby, source) : null,
    top: options.top,
    skip: options.skip ?? 0,
  };
}

/** Shapes a record: $select, then the expanded navigation properties. */
export function project(rec: Rec, projection: Projection): Rec {
  if (projection.props === null && projection.expands.length === 0) return rec;
  let out: Rec;
  if (projection.props === null) {
    out = { ...rec };
  } else {
    out = {};
    for (const name of projection.props) out[name] = rec[name];
  }
  for (const plan of projection.expands) {
    const value = plan.nav.resolve(rec);
    if (!plan.nav.many) {
      out[plan.name] = value ? project(value as Rec, plan.projection) : null;
      continue;
    }
    let list = (value as Rec[]) ?? [];
    if (plan.filter) list = list.filter(plan.filter);
    if (plan.order) {
      const keys = plan.order.keys;
      list = [...list].sort((x, y) => {
        for (const key of keys) {
          const c = compareKeys(key.get(x), key.get(y), key.descending);
          if (c !== 0) return c;
        }
        return (x.Id as number) - (y.Id as number);
      });
    }
    if (plan.skip > 0 || plan.top !== null) list = list.slice(plan.skip, plan.top === null ? undefined : plan.skip + plan.top);
    out[plan.name] = list.map((child) => project(child, plan.projection));
  }
  return out;
}
