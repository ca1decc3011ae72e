// Our unified diff: minimal, and applied by git to give the new text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { diffLines, MAX_EDITS, unifiedDiff } from '../../src/apply/diff.js';

const hunksOf = (diff: string) => diff.split('\n').slice(2).filter(Boolean).join('\n');
const lines = (xs: string[]) => (xs.length ? xs.join('\n') + '\n' : '');

test('equal texts give no diff', () => {
  assert.equal(unifiedDiff('a\nb\n', 'a\nb\n', 'x'), '');
});

test('a one-line change in a long file gives one hunk with 3 lines of context', () => {
  const before = lines(Array.from({ length: 20 }, (_, i) => `line ${i + 1}`));
  const after = before.replace('line 10\n', 'line ten\n');
  const diff = unifiedDiff(before, after, 'f.yml');
  assert.equal(
    diff,
    ['--- a/f.yml', '+++ b/f.yml', '@@ -7,7 +7,7 @@', ' line 7', ' line 8', ' line 9', '-line 10', '+line ten', ' line 11', ' line 12', ' line 13', ''].join('\n'),
  );
});

/** Length of a longest common subsequence, by the textbook table (small inputs only). */
function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = up;
    }
  }
  return row[b.length]!;
}

test('random edits give a minimal diff: as many -/+ lines as the longest common subsequence leaves', () => {
  // Line alphabets are small so that edits produce common subsequences. git's "minimal"
  // algorithm is not always minimal after its heuristics, so the reference is the table.
  const file = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 30 });
  fc.assert(
    fc.property(file, file, (a, b) => {
      const ours = hunksOf(unifiedDiff(lines(a), lines(b), 'f'));
      const count = (s: string, c: string) => s.split('\n').filter((l) => l.startsWith(c)).length;
      const common = lcsLength(a, b);
      assert.equal(count(ours, '-'), a.length - common);
      assert.equal(count(ours, '+'), b.length - common);
    }),
    { numRuns: 300 },
  );
});

test('git apply turns the old text into the new one with our diff', () => {
  const file = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { minLength: 1, maxLength: 40 });
  fc.assert(
    fc.property(file, file, (a, b) => {
      const diff = unifiedDiff(lines(a), lines(b), 'f');
      if (diff === '') return;
      const dir = mkdtempSync(join(tmpdir(), 'ctp-apply-'));
      try {
        writeFileSync(join(dir, 'f'), lines(a));
        writeFileSync(join(dir, 'p.diff'), diff);
        const r = spawnSync('git', ['apply', '--unidiff-zero', 'p.diff'], { cwd: dir, encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr + diff);
        assert.equal(readFileSync(join(dir, 'f'), 'utf8'), lines(b));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }),
    { numRuns: 150 },
  );
});

/** Replays an edit script on `a`: the lines it keeps and adds must be `b`. */
function replay(a: readonly string[], ops: ReturnType<typeof diffLines>): string[] {
  const out: string[] = [];
  let i = 0;
  for (const op of ops) {
    if (op.kind === '+') out.push(op.text);
    else {
      assert.equal(op.text, a[i], 'a kept or removed line is the next line of a');
      i++;
      if (op.kind === ' ') out.push(op.text);
    }
  }
  assert.equal(i, a.length);
  return out;
}

test('the edit script turns a into b, also past MAX_EDITS where it stops being minimal', () => {
  const file = fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 60 });
  fc.assert(fc.property(file, file, (a, b) => assert.deepEqual(replay(a, diffLines(a, b)), b)), { numRuns: 300 });
  const a = Array.from({ length: 2 * MAX_EDITS + 10 }, (_, i) => `line ${i}`);
  const b = [...a].reverse();
  const ops = diffLines(a, b);
  assert.deepEqual(replay(a, ops), b);
  assert.ok(ops.length <= a.length + b.length);
});

test('a 2 MB file with a few edited lines gives a small diff (the old quadratic table needed gigabytes)', () => {
  const a = Array.from({ length: 70_000 }, (_, i) => `      - run: echo step ${i} with padding to make the line longer`);
  const b = a.map((l, i) => (i % 10_000 === 5 ? `${l} # edited` : l));
  const diff = unifiedDiff(a.join('\n') + '\n', b.join('\n') + '\n', 'big.yml');
  assert.ok(a.join('\n').length > 2_000_000);
  assert.equal(diff.split('\n').filter((l) => /^[-+][^-+]/.test(l)).length, 14);
  assert.equal(diff.split('\n').filter((l) => l.startsWith('@@')).length, 7);
});

test('two unrelated 2 MB files give a diff no longer than both files', () => {
  const a = Array.from({ length: 60_000 }, (_, i) => `a ${i} ${'x'.repeat(30)}`);
  const b = Array.from({ length: 60_000 }, (_, i) => `b ${i} ${'y'.repeat(30)}`);
  const diff = unifiedDiff(a.join('\n'), b.join('\n'), 'big.yml');
  assert.ok(diff.length < a.join('\n').length + b.join('\n').length + 200_000);
  assert.equal(diff.split('\n').filter((l) => l.startsWith('-') && !l.startsWith('---')).length, 60_000);
});
