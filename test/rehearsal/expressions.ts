// GitHub Actions expressions (`${{ }}` and `if:`), as far as the generated workflows use them:
// literals, context paths (`github.repository`, `needs.<job>.outputs.<name>`, `steps.<id>...`),
// `==` `!=` `&&` `||` `!`, parentheses and the functions startsWith, endsWith and contains, with GitHub's loose equality (strings compared
// case-insensitively, as https://docs.github.com/en/actions/reference/workflows-and-actions/expressions
// says). Anything else (a function, an operator it does not know) throws rather than guessing.
export type Value = string | number | boolean | null | { [key: string]: Value } | Value[];
export type Contexts = Record<string, Value>;

const TOKEN = /\s*(?:('(?:[^']|'')*')|(\d+(?:\.\d+)?)|(==|!=|&&|\|\||!|\(|\)|,)|([A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_*][A-Za-z0-9_-]*)*))/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match) throw new Error(`expression not understood at ${JSON.stringify(source.slice(at))} in ${JSON.stringify(source)}`);
    tokens.push(match[0].trim());
  }
  return tokens;
}

function lookup(path: string, contexts: Contexts): Value {
  const [head, ...rest] = path.split('.');
  if (!(head! in contexts)) throw new Error(`unknown context ${head} in ${path}`);
  let value: Value = contexts[head!]!;
  for (const key of rest) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
    value = (value as Record<string, Value>)[key] ?? null;
  }
  return value;
}

const truthy = (v: Value) => !(v === false || v === null || v === 0 || v === '');
function loosely(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b) return a === b;
  const num = (v: Value) => (v === null ? 0 : typeof v === 'boolean' ? Number(v) : typeof v === 'string' ? (v.trim() === '' ? 0 : Number(v)) : NaN);
  return num(a) === num(b);
}

/** A value as the string functions see it (GitHub casts null to '', booleans to 'true'/'false'). */
const text = (v: Value): string => (v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** startsWith, endsWith and contains, which GitHub documents as not case sensitive. */
function call(name: string, args: Value[], source: string): Value {
  const [a, b] = args as [Value, Value];
  switch (name.toLowerCase()) {
    case 'startswith':
      return text(a).toLowerCase().startsWith(text(b).toLowerCase());
    case 'endswith':
      return text(a).toLowerCase().endsWith(text(b).toLowerCase());
    case 'contains':
      return Array.isArray(a) ? a.some((item) => loosely(item, b)) : text(a).toLowerCase().includes(text(b).toLowerCase());
    default:
      throw new Error(`function ${name}() is not supported by the rehearsal: ${source}`);
  }
}

export function evaluate(source: string, contexts: Contexts): Value {
  const tokens = tokenize(source);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const primary = (): Value => {
    const t = next();
    if (t === undefined) throw new Error(`expression ends early: ${source}`);
    if (t === '(') {
      const v = or();
      if (next() !== ')') throw new Error(`missing ) in ${source}`);
      return v;
    }
    if (t === '!') return !truthy(primary());
    if (t.startsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
    if (/^\d/.test(t)) return Number(t);
    if (t === 'true' || t === 'false') return t === 'true';
    if (t === 'null') return null;
    if (peek() === '(') {
      next();
      const args: Value[] = [];
      while (peek() !== ')') {
        args.push(or());
        if (peek() === ',') next();
        else if (peek() !== ')') throw new Error(`expected , or ) in ${source}`);
      }
      next();
      return call(t, args, source);
    }
    if (/^[A-Za-z_]/.test(t)) return lookup(t, contexts);
    throw new Error(`unexpected ${t} in ${source}`);
  };
  const compare = (): Value => {
    let left = primary();
    while (peek() === '==' || peek() === '!=') {
      const op = next();
      const right = primary();
      left = op === '==' ? loosely(left, right) : !loosely(left, right);
    }
    return left;
  };
  const and = (): Value => {
    let left = compare();
    while (peek() === '&&') {
      next();
      const right = compare();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const or = (): Value => {
    let left = and();
    while (peek() === '||') {
      next();
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const value = or();
  if (i !== tokens.length) throw new Error(`unexpected ${tokens[i]} in ${source}`);
  return value;
}

export const isTrue = (source: string, contexts: Contexts): boolean => truthy(evaluate(source, contexts));

/** Replaces every `${{ expr }}` in a string with its value (as GitHub does: objects as JSON). */
export function interpolate(text: string, contexts: Contexts): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expr: string) => {
    const v = evaluate(expr, contexts);
    return v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}
