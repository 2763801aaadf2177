// The card templates (cards/**/*.json) compiled once into plain functions. They are written in the
// Adaptive Card Templating language, and adaptivecards-templating expands them correctly but slowly:
// every `${…}` is evaluated by the adaptive-expressions interpreter, which looks each property up by
// a case-insensitive scan of the object's keys and allocates a memory object per expression. Under
// load that interpreter was ~10% of the CPU a Teams click costs (and ~6% of a Slack command).
//
// This compiler accepts the subset our templates use and refuses anything else when it loads, so a
// template cannot silently render differently: property paths (`a.b`, `$root.a`, `$index`),
// `exists(path)`, `count(path)`, and `count(path)`/`path` compared with a number (==, <, <=, >, >=) inside `$when`,
// `$data` (repeat for an array, rebind for anything else), string interpolation. Expansion follows
// the engine rule for rule (tests/templates/compile-template.test.ts compares the two on every view
// we render): a repeated object in an array is spliced in, an object dropped by `$when` is null, a
// field the data lacks stays as the literal `${path}` (and is reported in `missing`).

/** Evaluation state: the root data, the current `$data` and `$index`, and the first field not found. */
interface Scope {
  readonly root: unknown;
  data: unknown;
  index: number | undefined;
  missing: string | undefined;
}

type Eval = (s: Scope) => unknown;

export interface Expansion {
  readonly value: unknown;
  /** The first `${path}` the data could not fill (left in the output literally), if any. */
  readonly missing: string | undefined;
}

export type CompiledTemplate = (root: unknown) => Expansion;

export interface CompileOptions {
  /** Leave out properties whose value is null or undefined (Block Kit refuses explicit nulls). */
  readonly dropNulls?: boolean;
}

export class TemplateSyntaxError extends Error {
  override name = 'TemplateSyntaxError';
}

/** Keys the engine treats as directives or context: never copied to the output. */
const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

const SEGMENT = '\\$?[A-Za-z_][A-Za-z0-9_]*';
const PATH = `${SEGMENT}(?:\\.${SEGMENT})*`;
const PATH_ONLY = new RegExp(`^${PATH}$`);
const CALL = new RegExp(`^(exists|count)\\(\\s*(${PATH})\\s*\\)$`);
const COMPARISON = /^(.+?)\s*(==|>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)$/;

export function compileTemplate(template: unknown, options: CompileOptions = {}): CompiledTemplate {
  const root = compileNode(template, options);
  return (data) => {
    const scope: Scope = { root: data, data: undefined, index: undefined, missing: undefined };
    const value = root(scope);
    return { value, missing: scope.missing };
  };
}

function compileNode(node: unknown, options: CompileOptions): Eval {
  if (typeof node === 'string') return compileString(node, options);
  if (Array.isArray(node)) return compileArray(node.map((item) => compileNode(item, options)));
  if (node !== null && typeof node === 'object')
    return compileObject(node as Record<string, unknown>, options);
  return () => node;
}

function compileArray(items: readonly Eval[]): Eval {
  return (s) => {
    const out: unknown[] = [];
    for (const item of items) {
      const value = item(s);
      // A repeated object gives an array (spliced in); one dropped by `$when` gives null.
      if (value === null) continue;
      if (Array.isArray(value)) for (const v of value) out.push(v);
      else out.push(value);
    }
    return out;
  };
}

function compileObject(node: Record<string, unknown>, options: CompileOptions): Eval {
  const keys = Object.keys(node).filter((k) => !RESERVED.has(k));
  const values = keys.map((k) => compileNode(node[k], options));
  const dropNulls = options.dropNulls === true;
  const single: Eval = (s) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const value = values[i]!(s);
      if (value === undefined || (dropNulls && value === null)) continue;
      out[keys[i]!] = value;
    }
    return out;
  };

  const when = compileWhen(node.$when);
  const data = node.$data;
  if (data === undefined && when === null) return single;
  const dataOf = data === undefined ? null : compileDataBinding(data);

  return (s) => {
    const savedData = s.data;
    const savedIndex = s.index;
    let contexts: readonly unknown[] = [undefined];
    let repeated = false;
    if (dataOf) {
      const bound = dataOf(s);
      repeated = Array.isArray(bound);
      contexts = repeated ? (bound as unknown[]) : [bound];
    }
    const results: unknown[] = [];
    for (let i = 0; i < contexts.length; i++) {
      if (repeated) s.index = i;
      if (contexts[i] !== undefined) s.data = contexts[i];
      if (when && !when(s)) continue;
      results.push(single(s));
    }
    s.data = savedData;
    s.index = savedIndex;
    return results.length === 0 ? null : results.length === 1 ? results[0] : results;
  };
}

function compileDataBinding(data: unknown): Eval {
  const source = soleExpression(data);
  if (source === null)
    throw new TemplateSyntaxError(`$data must be one expression, not ${JSON.stringify(data)}`);
  return compileValue(source, {});
}

/** `$when`: kept only when it evaluates to the boolean true; a failed evaluation drops the object. */
function compileWhen(when: unknown): ((s: Scope) => boolean) | null {
  if (when === undefined) return null;
  if (typeof when !== 'string' || !when.includes('${')) {
    // Not an expression: the engine drops the object if the value is truthy, and keeps it otherwise.
    return when ? () => false : null;
  }
  const source = soleExpression(when);
  if (source === null) throw new TemplateSyntaxError(`$when must be one expression: ${when}`);
  const condition = compileCondition(source);
  return (s) => condition(s) === true;
}

/** The expression of a string that is exactly one `${…}`, else null. */
function soleExpression(text: unknown): string | null {
  const parts = typeof text === 'string' ? parseInterpolation(text) : null;
  const only = parts?.length === 1 ? parts[0] : undefined;
  return only !== undefined && typeof only !== 'string' ? only.source : null;
}

function compileCondition(source: string): Eval {
  const comparison = COMPARISON.exec(source);
  if (comparison) {
    const left = compileOperand(comparison[1]!.trim(), source);
    const right = Number(comparison[3]);
    const op = comparison[2]!;
    return (s) => {
      const value = left(s);
      if (typeof value !== 'number') return false;
      switch (op) {
        case '==':
          return value === right;
        case '>':
          return value > right;
        case '>=':
          return value >= right;
        case '<':
          return value < right;
        default:
          return value <= right;
      }
    };
  }
  return compileOperand(source, source);
}

function compileOperand(text: string, source: string): Eval {
  const call = CALL.exec(text);
  if (call) {
    const get = compilePath(call[2]!);
    if (call[1] === 'exists') return (s) => get(s) != null;
    return (s) => countOf(get(s));
  }
  if (PATH_ONLY.test(text)) return compilePath(text);
  throw new TemplateSyntaxError(`unsupported template expression \${${source}}`);
}

/** As the engine's count(): the length of a string or list, the keys of an object, else undefined. */
function countOf(value: unknown): number | undefined {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (value instanceof Map) return value.size;
  if (value !== null && typeof value === 'object') return Object.keys(value).length;
  return undefined;
}

/** A path's value, or (missing from the data) its literal `${path}`, reported in `missing`. */
function compileLookup(source: string, role: string): Eval {
  if (!PATH_ONLY.test(source)) {
    throw new TemplateSyntaxError(`only a property path can ${role}, not \${${source}}`);
  }
  const get = compilePath(source);
  const literal = `\${${source}}`;
  return (s) => {
    const value = get(s);
    if (value !== undefined) return value;
    s.missing ??= literal;
    return literal;
  };
}

/** A whole-string `${path}` keeps the value's type; a missing value stays as the literal expression. */
function compileValue(source: string, options: CompileOptions): Eval {
  const lookup = compileLookup(source, 'fill a field');
  if (options.dropNulls !== true) return lookup;
  return (s) => {
    const value = lookup(s);
    return value !== null && typeof value === 'object' ? withoutNulls(value) : value;
  };
}

function compileString(text: string, options: CompileOptions): Eval {
  const parts = parseInterpolation(text);
  if (!parts) return () => text;
  const [only] = parts;
  if (parts.length === 1 && typeof only !== 'string') return compileValue(only!.source, options);
  const pieces = parts.map((p): Eval => {
    if (typeof p === 'string') return () => p;
    const lookup = compileLookup(p.source, 'be interpolated');
    // The engine calls toString() on the value: null fails there too.
    return (s) => (lookup(s) as { toString(): string }).toString();
  });
  return (s) => {
    let out = '';
    for (const piece of pieces) out += piece(s) as string;
    return out;
  };
}

interface Expression {
  readonly source: string;
}

/** Splits "a ${b} c" into text and expressions; null when there is no `${`. */
function parseInterpolation(text: string): (string | Expression)[] | null {
  if (!text.includes('${')) return null;
  // The engine parses the string as an expression-language template literal, where a backslash or a
  // backtick would mean something else: refused rather than reproduced.
  if (/[\\`]/.test(text)) throw new TemplateSyntaxError(`backslash or backtick in template string ${text}`);
  const parts: (string | Expression)[] = [];
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('${', at);
    if (open < 0) {
      parts.push(text.slice(at));
      break;
    }
    if (open > at) parts.push(text.slice(at, open));
    const close = text.indexOf('}', open + 2);
    const inner = close < 0 ? '' : text.slice(open + 2, close);
    if (close < 0 || inner.includes('{')) throw new TemplateSyntaxError(`unclosed expression in ${text}`);
    parts.push({ source: inner.trim() });
    at = close + 1;
  }
  return parts;
}

/** A property path, resolved as the engine does: own keys (case-insensitively on a miss), no prototype. */
function compilePath(path: string): Eval {
  const segments = path.split('.');
  const head = segments[0]!;
  if (head.startsWith('$') && !['$root', '$data', '$index'].includes(head)) {
    throw new TemplateSyntaxError(`unsupported template variable ${head}`);
  }
  const rest = head.startsWith('$') ? segments.slice(1) : segments;
  const start: Eval =
    head === '$root'
      ? (s) => s.root
      : head === '$index'
        ? (s) => s.index
        : (s) => (s.data === undefined ? s.root : s.data);
  return (s) => {
    let value = start(s);
    for (const key of rest) value = property(value, key);
    return value;
  };
}

function property(of: unknown, key: string): unknown {
  if (!of || typeof of !== 'object' || Array.isArray(of)) return undefined;
  const record = of as Record<string, unknown>;
  if (Object.hasOwn(record, key)) return record[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(record)) if (k.toLowerCase() === lower) return record[k];
  return undefined;
}

/** Block Kit refuses explicit nulls: the value from the data without null members or properties. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(withoutNulls);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
    return out;
  }
  return value;
}
