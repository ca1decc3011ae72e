// Lines taken out of a `run:` script must leave one the shell still parses: `if …; then` with
// nothing before `fi` or `else` is a syntax error in bash and sh, so a branch the removal
// emptied gets the no-op `:`. A script left with only test-only conditions runs nothing.

/** A line that opens a body: it ends with then, else or do. */
const OPENS = /(?:^|[\s;])(?:then|else|do)\s*$/;
/** A line that ends one: fi, else, elif or done. */
const CLOSES = /^\s*(?:fi|else|elif|done)\b/;
/** A line that runs nothing of its own: an if/elif on a test (`[ … ]`, `[[ … ]]`, `test`), then, else, fi, `:`. */
const CONTROL = /^\s*(?:(?:if|elif)\s+(?:\[\[?\s.*\]\]?|test\s.*)\s*;\s*then|then|else|fi|:)\s*$/;
const blank = (line: string) => line.trim() === '' || line.trim().startsWith('#');

/** The script's lines without the dropped ones, each emptied branch given `:`. */
export function withoutLines(lines: readonly string[], drop: (line: string) => boolean): string[] {
  const kept = lines.filter((line) => !drop(line));
  const out: string[] = [];
  kept.forEach((line, i) => {
    out.push(line);
    const next = kept.slice(i + 1).find((l) => !blank(l));
    if (!blank(line) && OPENS.test(line) && next !== undefined && CLOSES.test(next)) out.push(`${/^\s*/.exec(next)![0]}  :`);
  });
  return out;
}

/** Whether the lines only test conditions (or are blank): the step they are left in runs nothing. */
export const runsNothing = (lines: readonly string[]) => lines.every((line) => blank(line) || CONTROL.test(line));
