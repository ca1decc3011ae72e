// Commands and URLs must survive copy and paste: a line break the tool prints inside a
// command turns its second half into a command of its own (`npm --allow-publish`). Where a
// live screen has to fit a command into its width, it breaks it only between words outside
// quotes, and ends every line but the last with ` \`, so that any line pasted alone waits
// for the rest instead of running.

/** The words of a shell command: split at spaces outside single and double quotes. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  for (const ch of command) {
    if (quote) {
      if (ch === quote) quote = undefined;
      word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      word += ch;
    } else if (ch === ' ') {
      if (word) words.push(word);
      word = '';
    } else {
      word += ch;
    }
  }
  if (word) words.push(word);
  return words;
}

/**
 * `command` as lines of at most `width` columns (the first starting with `first`, the others
 * with `indent`), joined by trailing ` \`. A word wider than the room stays whole on its line.
 */
export function commandLines(command: string, width: number, first = '', indent = '  '): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of shellWords(command)) {
    // Room for the word, a space before it and the ` \` that may follow.
    if (!empty && [...line].length + 1 + [...word].length + 2 > width) {
      lines.push(`${line} \\`);
      line = indent + word;
    } else {
      line = empty ? line + word : `${line} ${word}`;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** The indent that keeps `url` on one row of `width` columns, up to `wanted`. */
export function urlIndent(url: string, width: number, wanted: number): number {
  return Math.max(0, Math.min(wanted, width - [...url].length));
}
