// Large workflows: print, merge and parse again only the jobs a migration changed.
//
// A migration edits a few jobs of a workflow. Printing the whole document twice, diffing the
// printouts and parsing the merged text again costs more than everything else in a run on a
// file of hundreds of kilobytes. Here each run of jobs the edits left alone stands in the
// text, and in both documents, as one placeholder line; mergeEdits works on that short
// text, and the placeholders are replaced by the original lines afterwards. The parse of the
// merged text is put together the same way (the short text's parse, the untouched jobs'
// nodes moved to their new offsets) and shared, so what reads the migrated file next does
// not parse it again.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, YAMLMap, type Document, type Pair, type ToStringOptions } from 'yaml';
import { readYaml, shareYaml, type YamlText } from '../core/yaml-text.js';
import { mergeChecked, mergeEdits } from './format.js';

/** Files from this size on are merged job by job (smaller ones go through mergeEdits whole). */
export const REGIONS_FROM = 64_000;

/** Equal as the printer sees them: every own property of every node but its schema. */
export function sameNode(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameNode(a[i], b[i])) return false;
    return true;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (key === 'schema') continue;
    if (!Object.hasOwn(b, key) || !sameNode((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** The `jobs:` block map of a document, or undefined. */
function jobsOf(doc: Document): YAMLMap | undefined {
  if (!isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'jobs');
  return isMap(pair?.value) && !pair.value.flow ? pair.value : undefined;
}

/** A shallow copy of a document, map or pair, with some properties replaced. */
function shallow<T extends object>(of: T, patch: Partial<T>): T {
  return Object.assign(Object.create(Object.getPrototypeOf(of), Object.getOwnPropertyDescriptors(of)) as T, patch);
}

/** A copy of `doc` whose `jobs:` map holds `items` (the other nodes are shared, not copied: print it, never edit it). */
function withJobs(doc: Document, items: unknown[]): Document {
  const root = doc.contents as YAMLMap;
  const jobs = jobsOf(doc)!;
  const rootItems = root.items.map((pair) => (pair.value === jobs ? shallow(pair, { value: shallow(jobs, { items: items as Pair[] }) }) : pair));
  return shallow(doc, { contents: shallow(root, { items: rootItems }) } as Partial<Document>);
}

interface Run {
  token: string;
  /** The untouched jobs in the edited copy (equal to the original's): they move into the shared parse of the merged text. */
  edited: Pair[];
  /** Their lines in the original, [first, end). */
  first: number;
  end: number;
}

/** Whether a text may hold an anchor or an alias (`&name`, `*name` after a space or bracket): they tie parts of a file together, so such a file is merged whole. */
function mayAnchor(text: string): boolean {
  for (const mark of ['&', '*']) {
    for (let i = text.indexOf(mark); i >= 0; i = text.indexOf(mark, i + 1)) {
      const before = i === 0 ? ' ' : text[i - 1]!;
      const after = text[i + 1] ?? ' ';
      if (' \t\n[{,'.includes(before) && !' \t\n,[]{}'.includes(after)) return true;
    }
  }
  return false;
}

/** A prefix for placeholder keys that the text does not contain. */
function unusedToken(text: string): string {
  let n = 0;
  while (text.includes(`ctp-untouched-${n}-`)) n++;
  return `ctp-untouched-${n}`;
}

/** The jobs a migration left alone, found once: what editedMentions and editedText work on. */
export type JobRuns = ReturnType<typeof jobRuns>;

/**
 * The edited document as text: `original` with the lines the edits changed replaced, its
 * formatting kept everywhere else (mergeEdits). `pristine` is the parse of `original`,
 * `edited` a copy of it with the edits. A large file is merged job by job (`split`; null:
 * the whole file); its untouched jobs' nodes then move into the shared parse of the result,
 * so `edited` is not used again.
 */
export function editedText(original: string, pristine: YamlText, edited: Document, options: ToStringOptions, split: JobRuns | null = jobRuns(original, pristine, edited)): string {
  const merged = split ? mergeByJobs(original, pristine, split, options) : undefined;
  return merged ?? mergeEdits(original, pristine.doc.toString(options), edited.toString(options), edited);
}

/** The printout of the edited document: whole for a small file; for a large one, the changed jobs printed and the rest as it is. */
export function editedMentions(original: string, edited: Document, options: ToStringOptions, split: JobRuns): string {
  if (!split) return edited.toString(options);
  const lines = original.split('\n');
  return [split.after.toString(options), ...split.runs.map((run) => lines.slice(run.first, run.end).join('\n'))].join('\n');
}

/** The jobs of a large file that `edited` leaves as they are in `pristine`, in runs; undefined for a small file or one merged whole. */
export function jobRuns(original: string, pristine: YamlText, edited: Document) {
  if (original.length < REGIONS_FROM || original.includes('\r') || mayAnchor(original)) return undefined;
  const before = jobsOf(pristine.doc);
  const after = jobsOf(edited);
  if (!before || !after || before.items.length !== after.items.length) return undefined;
  const lineOf = (offset: number) => pristine.lines.linePos(offset).line - 1;
  const token = unusedToken(original);
  const runs: Run[] = [];
  const keptBefore: unknown[] = [];
  const keptAfter: unknown[] = [];
  let open: Run | undefined;
  for (let i = 0; i < before.items.length; i++) {
    const b = before.items[i]!;
    const a = after.items[i]!;
    if (!isScalar(b.key) || !isScalar(a.key) || b.key.value !== a.key.value || !b.key.range || !isMap(b.value) || !b.value.range) return undefined;
    if (sameNode(b, a)) {
      const end = lineOf(b.value.range[2] - 1) + 1;
      if (open) open.end = end;
      else {
        open = { token: `${token}-${runs.length}`, edited: [], first: lineOf(b.key.range[0]), end };
        runs.push(open);
        const stand = (doc: Document) => doc.createPair(open!.token, 0);
        keptBefore.push(stand(pristine.doc));
        keptAfter.push(stand(edited));
      }
      open.edited.push(a);
    } else {
      open = undefined;
      keptBefore.push(b);
      keptAfter.push(a);
    }
  }
  if (runs.length === 0) return undefined;
  return { runs, before: withJobs(pristine.doc, keptBefore), after: withJobs(edited, keptAfter) };
}

function mergeByJobs(original: string, pristine: YamlText, split: NonNullable<JobRuns>, options: ToStringOptions): string | undefined {
  const { runs, before, after } = split;
  const lines = original.split('\n');
  // The short text: each run of untouched jobs as one line, indented as the jobs are.
  const short: string[] = [];
  let at = 0;
  for (const run of runs) {
    short.push(...lines.slice(at, run.first));
    const indent = /^ */.exec(lines[run.first]!)![0];
    short.push(`${indent}${run.token}: 0`);
    at = run.end;
  }
  short.push(...lines.slice(at));
  const shortText = short.join('\n');
  // When the merge does not mean what the edited document means, the whole file is merged instead.
  const merged = mergeChecked(shortText, before.toString(options), after.toString(options), after);
  if (merged === undefined) return undefined;
  // Each placeholder must come out once, on a line of its own, as it went in.
  const out = merged.split('\n');
  const where = runs.map((run) => {
    const found = out.flatMap((line, i) => (line.includes(run.token) ? [i] : []));
    return found.length === 1 && out[found[0]!]!.trim() === `${run.token}: 0` ? found[0]! : -1;
  });
  if (where.includes(-1) || where.some((w, i) => i > 0 && w <= where[i - 1]!)) return undefined;
  const parts: string[] = [];
  let from = 0;
  runs.forEach((run, i) => {
    parts.push(...out.slice(from, where[i]), ...lines.slice(run.first, run.end));
    from = where[i]! + 1;
  });
  parts.push(...out.slice(from));
  const text = parts.join('\n');
  shareAssembled(text, merged, out, where, runs, pristine);
  return text;
}

/** Shares the parse of the merged file, made from the parse of the short text and the untouched jobs' nodes. */
function shareAssembled(text: string, merged: string, out: string[], where: number[], runs: Run[], pristine: YamlText): void {
  const short = readYaml(merged);
  if (short.doc.errors.length > 0) return;
  const doc = short.doc.clone() as Document.Parsed;
  const jobs = jobsOf(doc);
  if (!jobs) return;
  // Offsets: the short text after the k-th placeholder line moves by the lengths of the runs before it.
  const lineStart: number[] = [];
  for (let i = 0, offset = 0; i < out.length; offset += out[i]!.length + 1, i++) lineStart.push(offset);
  const originalLines = pristine.lines.lineStarts;
  const moves = where.map((line, k) => {
    const run = runs[k]!;
    const runLength = (originalLines[run.end] ?? Infinity) - originalLines[run.first]!;
    // Offsets on the placeholder line stay (the untouched jobs start where it starts); later ones move.
    return { start: lineStart[line]!, at: lineStart[line]! + out[line]!.length, grow: runLength - (out[line]!.length + 1), run };
  });
  if (moves.some((m) => !Number.isFinite(m.grow))) return;
  // shifts[k]: how far an offset after the k-th placeholder line moves.
  const shifts = moves.map((_, k) => moves.slice(0, k + 1).reduce((sum, m) => sum + m.grow, 0));
  const shortToFull = (offset: number) => {
    let lo = 0;
    let hi = moves.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (moves[mid]!.at < offset) lo = mid + 1;
      else hi = mid;
    }
    return offset + (lo > 0 ? shifts[lo - 1]! : 0);
  };
  // With a schema, collections take it too (as a copy into that document would).
  const moveRanges = (node: unknown, to: (offset: number) => number, schema?: Document['schema']): boolean => {
    if (isPair(node)) return moveRanges(node.key, to, schema) && moveRanges(node.value, to, schema);
    if (isAlias(node)) return false;
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) return node === null || node === undefined;
    if (node.range) node.range = [to(node.range[0]), to(node.range[1]), to(node.range[2])];
    if (isMap(node) || isSeq(node)) {
      if (schema) node.schema = schema;
      for (const item of node.items) if (!moveRanges(item, to, schema)) return false;
    }
    return true;
  };
  if (!moveRanges(doc.contents, shortToFull)) return;
  if (doc.range) doc.range = [shortToFull(doc.range[0]), shortToFull(doc.range[1]), shortToFull(doc.range[2])];
  const items: unknown[] = [];
  let k = 0;
  for (const pair of jobs.items) {
    const m = moves[k];
    if (m && isScalar(pair.key) && pair.key.value === m.run.token) {
      const fullAt = shortToFull(m.start);
      const delta = fullAt - originalLines[m.run.first]!;
      // The edited copy's nodes, moved (not copied): the migration is done with them.
      for (const p of m.run.edited) {
        if (!moveRanges(p, (offset) => offset + delta, doc.schema)) return;
        items.push(p);
      }
      k++;
    } else items.push(pair);
  }
  if (k !== moves.length) return;
  jobs.items = items as Pair[];
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  shareYaml(text, { doc, lines });
}
