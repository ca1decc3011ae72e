// Edits one top-level key of a JSON object's text and leaves every other byte as it was, so a
// package.json edit shows in review as the lines it changes, not as the file re-serialized.

interface Member {
  key: string;
  /** Offset of the key's opening quote. */
  start: number;
  /** Offsets of the value's first character and one past its last. */
  valueStart: number;
  valueEnd: number;
}

/** End offset (one past) of the JSON string starting with the quote at `at`. */
function stringEnd(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** End offset (one past) of the JSON value starting at `at` (the text is valid JSON). */
function valueEnd(text: string, at: number): number {
  if (text[at] === '"') return stringEnd(text, at);
  let depth = 0;
  let i = at;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      i = stringEnd(text, i) - 1;
    } else if (c === '{' || c === '[') {
      depth++;
    } else if (c === '}' || c === ']') {
      if (depth === 0) break;
      depth--;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && (c === ',' || /\s/.test(c))) {
      break;
    }
  }
  return i;
}

const skipSpace = (text: string, at: number) => {
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
};

/** The top-level members of the JSON object in `text`, in order; undefined when it is not an object. */
function members(text: string): Member[] | undefined {
  let i = skipSpace(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (text[i] !== '{') return undefined;
  const out: Member[] = [];
  i = skipSpace(text, i + 1);
  while (text[i] === '"') {
    const start = i;
    const keyEnd = stringEnd(text, i);
    const key = JSON.parse(text.slice(start, keyEnd)) as string;
    i = skipSpace(text, keyEnd);
    if (text[i] !== ':') return undefined;
    const valueStart = skipSpace(text, i + 1);
    const end = valueEnd(text, valueStart);
    out.push({ key, start, valueStart, valueEnd: end });
    i = skipSpace(text, end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
  }
  return out;
}

/** The indentation of the line `at` is on. */
function lineIndent(text: string, at: number): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/**
 * `text` (a JSON object) with top-level `key` set to `value`: replaced where it is, or inserted
 * after `after` (else first). `indent` is the file's unit; `oneLine` files stay on one line.
 * Undefined when the text cannot be read as an object.
 */
export function setTopLevel(text: string, key: string, value: unknown, options: { after?: string; indent: string | number; oneLine: boolean; eol: string }): string | undefined {
  const list = members(text);
  if (!list) return undefined;
  const unit = typeof options.indent === 'number' ? ' '.repeat(options.indent) : options.indent;
  const render = (base: string) => {
    const json = options.oneLine ? JSON.stringify(value) : JSON.stringify(value, null, unit);
    return json.split('\n').join(`${options.eol}${base}`);
  };
  const found = list.find((m) => m.key === key);
  if (found) return text.slice(0, found.valueStart) + render(lineIndent(text, found.start)) + text.slice(found.valueEnd);
  if (list.length === 0) return undefined;
  const anchor = list.find((m) => m.key === options.after);
  const base = lineIndent(text, list[0]!.start);
  const spaced = !options.oneLine || /":\s/.test(text);
  const member = `${JSON.stringify(key)}:${spaced ? ' ' : ''}${render(base)}`;
  const sep = options.oneLine ? (spaced ? ', ' : ',') : `,${options.eol}${base}`;
  if (anchor) return text.slice(0, anchor.valueEnd) + sep + member + text.slice(anchor.valueEnd);
  return text.slice(0, list[0]!.start) + member + sep + text.slice(list[0]!.start);
}
