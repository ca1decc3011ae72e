// Keeping the user's formatting. The `yaml` package keeps comments and key order but
// re-prints every line in its own style (`[ a ]` padding, one space before `#`...), so a
// plain `doc.toString()` would turn a five-line edit into a diff of the whole file.
// Instead: print the untouched document and the edited one the same way, diff those two,
// and apply only the changed lines to the original text. Every other line stays byte for
// byte. A final parse check falls back to the plain printout if the merge went wrong.
import { isDeepStrictEqual } from 'node:util';
import { isMap, isPair, isSeq, parse, type Document, type ToStringOptions } from 'yaml';
import { readYaml } from '../core/yaml-text.js';
import { diffLines } from '../apply/diff.js';

const CANDIDATES: ToStringOptions[] = [2, 4].flatMap((indent) =>
  [true, false].map((indentSeq) => ({ indent, indentSeq, lineWidth: 0, flowCollectionPadding: false })),
);

/** Sources larger than this are scored on a sample: the first items of every long list and map. */
const SAMPLE_FROM = 64_000;
const SAMPLE_ITEMS = 40;

/** Runs `fn` with every collection of `doc` cut to its first SAMPLE_ITEMS items, then puts them back. */
function onSample<T>(doc: Document, fn: () => T): T {
  const cut: Array<[{ items: unknown[] }, unknown[]]> = [];
  const walk = (node: unknown): void => {
    if (!isMap(node) && !isSeq(node)) return;
    const items = node.items as unknown[];
    if (items.length > SAMPLE_ITEMS) {
      cut.push([node as { items: unknown[] }, items]);
      (node as { items: unknown[] }).items = items.slice(0, SAMPLE_ITEMS);
    }
    for (const item of (node as { items: unknown[] }).items) {
      if (isPair(item)) {
        walk(item.key);
        walk(item.value);
      } else walk(item);
    }
  };
  walk(doc.contents);
  try {
    return fn();
  } finally {
    for (const [node, items] of cut) node.items = items;
  }
}

/** The printing options whose output of the untouched document is closest to the source. */
export function printOptions(doc: Document, source: string): ToStringOptions {
  const lines = new Set(source.split(/\r?\n/));
  const score = (options: ToStringOptions) => doc.toString(options).split('\n').filter((line) => lines.has(line)).length;
  // A large file is scored on a sample.
  const scores = source.length > SAMPLE_FROM ? onSample(doc, () => CANDIDATES.map(score)) : CANDIDATES.map(score);
  return CANDIDATES[scores.indexOf(Math.max(...scores))]!;
}

/**
 * Where each line of the printout comes from in the source. Equal lines map one to one; a run of
 * lines that differ (a folded scalar printed on one line, blank lines or comments the printer
 * drops) is a hunk: its source lines stand for its printed lines as a whole.
 */
function alignSource(source: readonly string[], printed: readonly string[]) {
  const line: Array<number | undefined> = new Array(printed.length);
  const hunkOf: Array<number | undefined> = new Array(printed.length);
  const hunks: Array<{ s0: number; s1: number; p0: number; p1: number }> = [];
  let i = 0;
  let j = 0;
  let open: { s0: number; s1: number; p0: number; p1: number } | undefined;
  for (const op of diffLines(source, printed)) {
    if (op.kind === ' ') {
      open = undefined;
      line[j++] = i++;
      continue;
    }
    if (!open) hunks.push((open = { s0: i, s1: i, p0: j, p1: j }));
    if (op.kind === '-') open.s1 = ++i;
    else {
      hunkOf[j] = hunks.length - 1;
      open.p1 = ++j;
    }
  }
  // A hunk of as many source lines as printed ones pairs them line by line (a reformatted line each).
  hunks.forEach((h, n) => {
    if (h.s1 - h.s0 !== h.p1 - h.p0) return;
    for (let p = h.p0; p < h.p1; p++) {
      line[p] = h.s0 + (p - h.p0);
      if (hunkOf[p] === n) hunkOf[p] = undefined;
    }
  });
  return { line, hunkOf, hunks: hunks.map((h) => (h.s1 - h.s0 === h.p1 - h.p0 ? { ...h, s1: h.s0, p1: h.p0 } : h)) };
}

/**
 * `original` with the changes between `before` (the untouched document, printed) and
 * `after` (the edited one, printed the same way). Falls back to `after` when the merged text
 * does not mean what `after` means (what `edited`, the document `after` was printed from, holds).
 */
export function mergeEdits(original: string, before: string, after: string, edited?: Document): string {
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  return mergeChecked(original, before, after, edited) ?? after.split('\n').join(eol);
}

/** mergeEdits, or undefined where it would fall back to the printout. */
export function mergeChecked(original: string, before: string, after: string, edited?: Document): string | undefined {
  if (before === after) return original;
  // Lines added where the source is indented otherwise than the printout (a list not indented
  // under its key, one space a level) first go in as printed; when that does not read back the
  // same, shifted by the indentation the neighbouring source line differs by.
  return merged(original, before, after, edited, false) ?? merged(original, before, after, edited, true);
}

const indentOf = (line: string): number => /^ */.exec(line)![0].length;

/** `line` moved right (delta > 0) or left by up to -delta spaces; blank lines as they are. */
function shifted(line: string, delta: number): string {
  if (delta === 0 || line.trim() === '') return line;
  return delta > 0 ? ' '.repeat(delta) + line : line.slice(Math.min(-delta, indentOf(line)));
}

function merged(original: string, before: string, after: string, edited: Document | undefined, reindent: boolean): string | undefined {
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  const source = original.split(/\r?\n/);
  const printed = before.split('\n');
  const { line, hunkOf, hunks } = alignSource(source, printed);
  const ops = diffLines(printed, after.split('\n'));
  // A hunk's source lines are kept only when every printed line of it is kept.
  const kept = new Array<boolean>(printed.length).fill(false);
  let j = 0;
  for (const op of ops) {
    if (op.kind === ' ') kept[j++] = true;
    else if (op.kind === '-') j++;
  }
  const intact = hunks.map((h) => kept.slice(h.p0, h.p1).every(Boolean));
  const done = new Set<number>();
  const out: string[] = [];
  // Source-only hunks (no printed line) go out where they stood.
  const flushBefore = (p: number) => {
    hunks.forEach((h, n) => {
      if (h.p0 === h.p1 && h.p0 <= p && !done.has(n)) {
        done.add(n);
        out.push(...source.slice(h.s0, h.s1));
      }
    });
  };
  j = 0;
  // The shift of the lines above, by printed indentation: an added line takes its previous
  // sibling's, else its parent's (a new block under a new key takes the key's).
  const shifts: Array<[indent: number, delta: number]> = [];
  const shiftAt = (indent: number): number => {
    while (shifts.length > 0 && shifts.at(-1)![0] > indent) shifts.pop();
    return shifts.at(-1)?.[1] ?? 0;
  };
  const record = (indent: number, delta: number) => {
    while (shifts.length > 0 && shifts.at(-1)![0] >= indent) shifts.pop();
    shifts.push([indent, delta]);
  };
  for (const op of ops) {
    if (op.kind === '+') {
      if (!reindent || op.text.trim() === '') out.push(op.text);
      else {
        const delta = shiftAt(indentOf(op.text));
        out.push(shifted(op.text, delta));
        record(indentOf(op.text), delta);
      }
      continue;
    }
    flushBefore(j);
    if (line[j] !== undefined && hunkOf[j] === undefined && printed[j]!.trim() !== '') record(indentOf(printed[j]!), indentOf(source[line[j]!]!) - indentOf(printed[j]!));
    if (op.kind === ' ') {
      const n = hunkOf[j];
      if (n === undefined) out.push(source[line[j]!]!);
      else if (!intact[n]) out.push(printed[j]!);
      else if (!done.has(n)) {
        done.add(n);
        out.push(...source.slice(hunks[n]!.s0, hunks[n]!.s1));
      }
    } else {
      const n = hunkOf[j];
      if (n !== undefined && !intact[n] && !done.has(n)) done.add(n);
    }
    j++;
  }
  flushBefore(printed.length);
  const merged = out.join(eol);
  try {
    // The merged text is parsed through the shared cache: what is checked after the migration
    // (doctor's findings, the npmjs.com values) reads this very text again.
    const check = readYaml(merged).doc;
    if (check.errors.length > 0) return undefined;
    return isDeepStrictEqual(check.toJS(), edited ? edited.toJS() : parse(after)) ? merged : undefined;
  } catch {
    return undefined;
  }
}
