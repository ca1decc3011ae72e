// Line diffs: the unified diff (as `diff -u` / git print it) of the review step, and the edit
// script `--migrate` applies to keep the user's formatting (migrate/format.ts).
//
// Myers' O(ND) algorithm after trimming the common head and tail, so the cost grows with
// the size of the files times the number of changed lines, not with the square of the size.
// Past MAX_EDITS changed lines the search stops and the differing middle is shown as removed,
// then added: still a correct diff, never a minimal one, and bounded in time and memory.

export type Op = { kind: ' ' | '-' | '+'; text: string };

/** Edits searched for before the diff gives up on being minimal (memory grows with its square). */
export const MAX_EDITS = 1500;

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Myers' greedy search over a[a0..a1) and b[b0..b1); pushes the ops in order. */
function middle(a: readonly string[], a0: number, a1: number, b: readonly string[], b0: number, b1: number, out: Op[]): void {
  const n = a1 - a0;
  const m = b1 - b0;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d][k + d]: the furthest x on diagonal k after d edits.
  const trace: Int32Array[] = [];
  let found = -1;
  search: for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(offset - d, offset + d + 1));
        found = d;
        break search;
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  if (found < 0) {
    for (let i = a0; i < a1; i++) out.push({ kind: '-', text: a[i]! });
    for (let j = b0; j < b1; j++) out.push({ kind: '+', text: b[j]! });
    return;
  }
  const reversed: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d - 1]!;
    const at = (k: number) => prev[k + d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) reversed.push({ kind: ' ', text: a[a0 + --x]! }), y--;
    if (down) reversed.push({ kind: '+', text: b[b0 + --y]! });
    else reversed.push({ kind: '-', text: a[a0 + --x]! });
  }
  while (x > 0 && y > 0) reversed.push({ kind: ' ', text: a[a0 + --x]! }), y--;
  for (let i = reversed.length - 1; i >= 0; i--) out.push(reversed[i]!);
}

/** The edit script turning lines `a` into lines `b`. */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let endA = a.length;
  let endB = b.length;
  while (endA > head && endB > head && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: Op[] = [];
  for (let i = 0; i < head; i++) ops.push({ kind: ' ', text: a[i]! });
  middle(a, head, endA, b, head, endB, ops);
  for (let i = endA; i < a.length; i++) ops.push({ kind: ' ', text: a[i]! });
  return ops;
}

/** Unified diff of two texts; empty string when they are equal. */
export function unifiedDiff(before: string, after: string, path: string, context = 3): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  const out: string[] = [`--- a/${path}`, `+++ b/${path}`];
  // Line numbers (1-based) in a and b of ops[x], advanced as x moves forward.
  let x = 0;
  let aLine = 1;
  let bLine = 1;
  const advanceTo = (target: number) => {
    for (; x < target; x++) {
      if (ops[x]!.kind !== '+') aLine++;
      if (ops[x]!.kind !== '-') bLine++;
    }
  };
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.kind === ' ') {
      k++;
      continue;
    }
    // A hunk: from `context` lines before the first change to `context` after the last
    // change that is not followed by a longer unchanged run.
    const start = Math.max(0, k - context);
    let end = k;
    while (end < ops.length) {
      if (ops[end]!.kind !== ' ') {
        end++;
        continue;
      }
      let run = end;
      while (run < ops.length && ops[run]!.kind === ' ') run++;
      if (run === ops.length || run - end > context * 2) {
        end = Math.min(run, end + context);
        break;
      }
      end = run;
    }
    advanceTo(start);
    let aCount = 0;
    let bCount = 0;
    for (let i = start; i < end; i++) {
      if (ops[i]!.kind !== '+') aCount++;
      if (ops[i]!.kind !== '-') bCount++;
    }
    out.push(`@@ -${aCount === 0 ? aLine - 1 : aLine},${aCount} +${bCount === 0 ? bLine - 1 : bLine},${bCount} @@`);
    for (let i = start; i < end; i++) out.push(`${ops[i]!.kind}${ops[i]!.text}`);
    k = end;
  }
  return out.join('\n') + '\n';
}
