// Issue 12, point 2, the race: between the checks before the first write and the write
// itself, `.github/workflows` is swapped for a symbolic link to a folder outside the
// repository, over and over, by another process. Whatever the timing, nothing may ever be
// written outside; each run writes inside the repository or refuses, with no stack trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expectClean, run, scene, snapshot } from './harness.js';

/** Swaps `dir` between the real folder and a link to `target`, as fast as it can, until killed. */
const SWAPPER = `
const { renameSync } = require('node:fs');
const [dir, real, link] = process.argv.slice(1);
const move = (from, to) => { try { renameSync(from, to); } catch {} };
for (;;) { move(dir, real); move(link, dir); move(dir, link); move(real, dir); }
`;

const RUNS = 12;
const linux = { skip: process.platform === 'linux' ? false : 'the race is closed through /proc/self/fd on Linux; elsewhere the window is only narrowed' };

for (const args of [['--yes'], ['--yes', '--force', '--workflow', 'release.yml']]) {
  test(`2. .github/workflows swapped for a link outside while ${args.join(' ')} writes (${RUNS} runs): nothing is ever written outside`, linux, async () => {
    const outcomes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = scene();
      const outsideFolder = join(s.outside, 'workflows');
      mkdirSync(outsideFolder);
      mkdirSync(s.at('.github/workflows'), { recursive: true });
      symlinkSync(outsideFolder, s.at('.github/held-link'));
      const before = snapshot(s.base);
      const swapper = spawn(process.execPath, ['-e', SWAPPER, s.at('.github/workflows'), s.at('.github/held-folder'), s.at('.github/held-link')], { stdio: 'ignore' });
      const r = run(s, args, { timeout: 60_000 });
      swapper.kill('SIGKILL');
      await new Promise((resolve) => swapper.once('exit', resolve));
      assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}\n${r.stdout}\n${r.stderr}`);
      assert.deepEqual(readdirSync(outsideFolder), [], `written outside on run ${i + 1}\n${r.stdout}\n${r.stderr}`);
      // The swapper moves folders around inside .github; anything else changed is a failure.
      expectClean(s, before, r, { code: r.code!, changes: ['.github*'] });
      outcomes.push(r.code!);
      s.cleanup();
    }
    assert.equal(outcomes.length, RUNS);
  });
}
