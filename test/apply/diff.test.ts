// Our unified diff must agree with git's, hunk for hunk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { unifiedDiff } from '../../src/apply/diff.js';

function gitDiff(a: string, b: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ctp-diff-'));
  try {
    writeFileSync(join(dir, 'a'), a);
    writeFileSync(join(dir, 'b'), b);
    const r = spawnSync('git', ['diff', '--no-index', '--no-color', '--diff-algorithm=minimal', '-U3', 'a', 'b'], { cwd: dir, encoding: 'utf8' });
    // Keep only the hunks: headers differ (paths, index line).
    return r.stdout.split('\n').filter((l) => /^[-+ @]/.test(l) && !/^(---|\+\+\+) /.test(l)).join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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

test('hunk line counts match git for random edits', () => {
  // Line alphabets are small so that edits produce common subsequences. Where several
  // minimal diffs exist, git and we may pick different ones; the counts in the hunk
  // headers and the number of +/- lines must still agree.
  const file = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 30 });
  fc.assert(
    fc.property(file, file, (a, b) => {
      const ours = hunksOf(unifiedDiff(lines(a), lines(b), 'f'));
      const theirs = gitDiff(lines(a), lines(b));
      const count = (s: string, c: string) => s.split('\n').filter((l) => l.startsWith(c)).length;
      assert.equal(count(ours, '-'), count(theirs, '-'));
      assert.equal(count(ours, '+'), count(theirs, '+'));
    }),
    { numRuns: 200 },
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
