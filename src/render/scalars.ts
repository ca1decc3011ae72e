// Turning data into YAML and GitHub-expression text that cannot change the structure around it.

/** Thrown when data would put a GitHub expression into a generated file. */
export class ExpressionInDataError extends Error {
  constructor(value: string) {
    super(`refusing to write ${JSON.stringify(value)}: a value must not contain "\${{" (GitHub expressions never come from data)`);
    this.name = 'ExpressionInDataError';
  }
}

function assertNoExpression(value: string): void {
  if (value.includes('${{')) throw new ExpressionInDataError(value);
}

const SHORT_ESCAPES: Record<number, string> = {
  0x09: '\\t',
  0x0a: '\\n',
  0x0d: '\\r',
  0x22: '\\"',
  0x5c: '\\\\',
};

/** BMP code units written as is: YAML-printable, and not a line break in YAML 1.1 (U+2028/9) nor a BOM. */
function isPlainPrintable(code: number): boolean {
  return (
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xd7ff && code !== 0x2028 && code !== 0x2029) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff)
  );
}

const hex4 = (code: number) => '\\u' + code.toString(16).toUpperCase().padStart(4, '0');

/**
 * A YAML double-quoted scalar that parses back to exactly `value`, on one line.
 * Escapes `\`, `"`, every control character (C0, DEL, C1), U+2028/2029, U+FEFF,
 * non-characters U+FFFE/FFFF and lone surrogates. Throws on `${{`.
 */
export function yamlString(value: string): string {
  assertNoExpression(value);
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const short = SHORT_ESCAPES[code];
    if (short !== undefined) {
      out += short;
    } else if (isPlainPrintable(code)) {
      out += value[i];
    } else if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += value[i]! + value[i + 1]!;
        i++;
      } else {
        out += hex4(code);
      }
    } else {
      out += hex4(code);
    }
  }
  return out + '"';
}

/** Characters that could end a line, a comment or a plain scalar, or are invisible. */
const UNSAFE_IN_EXPRESSION = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ud800-\udfff]/u;

/**
 * A GitHub expression string literal: `'it''s'`. Throws on `${{` and on control,
 * line-break and lone-surrogate characters. The result is a safe plain YAML scalar
 * only for values without `: ` / ` #` (e.g. a validated `owner/repo`); otherwise
 * wrap the whole expression with {@link yamlString}.
 */
export function exprString(value: string): string {
  assertNoExpression(value);
  if (UNSAFE_IN_EXPRESSION.test(value)) {
    throw new Error(`refusing to write ${JSON.stringify(value)} into a GitHub expression: control or line-break character`);
  }
  return `'${value.replaceAll("'", "''")}'`;
}
