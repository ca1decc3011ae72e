// JSON as Rush and TypeScript write it: `//` and `/* */` comments and trailing commas allowed.

/** The index just past a comment starting at `i`, or `i` when none starts there. */
function skipComment(text: string, i: number): number {
  if (text[i] !== '/') return i;
  if (text[i + 1] === '/') {
    const end = text.indexOf('\n', i);
    return end === -1 ? text.length : end;
  }
  if (text[i + 1] === '*') {
    const end = text.indexOf('*/', i + 2);
    return end === -1 ? text.length : end + 2;
  }
  return i;
}

/** The first character at or after `i` that is neither white space nor in a comment. */
function nextSignificant(text: string, i: number): string | undefined {
  while (i < text.length) {
    const past = skipComment(text, i);
    if (past !== i) i = past;
    else if (/\s/.test(text[i]!)) i++;
    else return text[i];
  }
  return undefined;
}

/** Parses JSON that may hold comments and trailing commas; throws like JSON.parse on anything else. */
export function parseJsonWithComments(text: string): unknown {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const past = skipComment(text, i);
    if (past !== i) {
      i = past;
    } else if (c === '"') {
      // A string, escapes included, copied as it is.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      const trailingComma = c === ',' && ['}', ']'].includes(nextSignificant(text, i + 1) ?? '');
      if (!trailingComma) out += c;
      i++;
    }
  }
  return JSON.parse(out.replace(/^\uFEFF/, ''));
}
