// Keeping the user's formatting. The `yaml` package keeps comments and key order but
// re-prints every line in its own style (`[ a ]` padding, one space before `#`...), so a
// plain `doc.toString()` would turn a five-line edit into a diff of the whole file.
// Instead: print the untouched document and the edited one the same way, diff those two,
// and apply only the changed lines to the original text. Every other line stays byte for
// byte. A final parse check falls back to the plain printout if the merge went wrong.
import { isDeepStrictEqual } from 'node:util';
import { parse, type Document, type ToStringOptions } from 'yaml';
import { diffLines } from '../apply/diff.js';

const CANDIDATES: ToStringOptions[] = [2, 4].flatMap((indent) =>
  [true, false].map((indentSeq) => ({ indent, indentSeq, lineWidth: 0, flowCollectionPadding: false })),
);

/** The printing options whose output of the untouched document is closest to the source. */
export function printOptions(doc: Document, source: string): ToStringOptions {
  const lines = new Set(source.split(/\r?\n/));
  let best = CANDIDATES[0]!;
  let bestScore = -1;
  for (const options of CANDIDATES) {
    const score = doc.toString(options).split('\n').filter((line) => lines.has(line)).length;
    if (score > bestScore) [best, bestScore] = [options, score];
  }
  return best;
}

/**
 * `original` with the changes between `before` (the untouched document, printed) and
 * `after` (the edited one, printed the same way). Falls back to `after` when the source
 * and its printout do not line up, or when the merged text does not mean what `after` means.
 */
export function mergeEdits(original: string, before: string, after: string): string {
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  const fallback = after.split('\n').join(eol);
  if (before === after) return original;
  const source = original.split(/\r?\n/);
  const printed = before.split('\n');
  if (source.length !== printed.length) return fallback;
  const out: string[] = [];
  let k = 0;
  for (const op of diffLines(printed, after.split('\n'))) {
    if (op.kind === '+') out.push(op.text);
    else if (op.kind === ' ') out.push(source[k++]!);
    else k++;
  }
  const merged = out.join(eol);
  try {
    return isDeepStrictEqual(parse(merged), parse(after)) ? merged : fallback;
  } catch {
    return fallback;
  }
}
