// Words wrapped to a width, so that a terminal never cuts one at its edge.

/**
 * Words of `text` wrapped to `width` columns: the first line starts with `first`, every other
 * line with `indent` (both count towards the width).
 */
export function wrap(text: string, width: number, indent: string, first = indent): string[] {
  const lines: string[] = [];
  let lead = first;
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    // A first word too long for the first line's lead starts the next line instead.
    if ((line || lead !== indent) && lead.length + (line ? line.length + 1 : 0) + word.length > width) {
      lines.push((lead + line).trimEnd());
      lead = indent;
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(lead + line);
  return lines;
}

/**
 * `text` wrapped to the terminal's width, each line indented by `indent`; piped output keeps one
 * line per item, whole, for grep and logs.
 */
export function wrapOnTerminal(text: string, indent: string): string {
  const width = process.stdout.isTTY ? process.stdout.columns : 0;
  return width ? wrap(text, width, indent).join('\n') : `${indent}${text}`;
}

/**
 * Every line of `text` wrapped between words to `stream`'s width when it is a terminal, each
 * under its own leading spaces; piped (or an empty line), as it is.
 */
export function wrapLinesFor(stream: { isTTY?: boolean; columns?: number }, text: string): string {
  const width = stream.isTTY ? (stream.columns ?? 0) : 0;
  if (!width) return text;
  return text
    .split('\n')
    .map((line) => {
      if (line.length <= width || line.trim() === '') return line;
      const lead = /^\s*/.exec(line)![0];
      return wrap(line.slice(lead.length), width, lead).join('\n');
    })
    .join('\n');
}
