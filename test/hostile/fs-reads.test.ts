// Issue 12, point 9: only regular files are read. A named pipe (FIFO) blocks a plain open
// until a writer comes, and a device such as /dev/zero never ends: either would hang the
// wizard, doctor or retire. Each case would time out (killed at 20 s) without the fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { expectClean, fifo, run, scene, snapshot, type SceneOptions } from './harness.js';

const RETIRE = ['retire', '--dry-run', '--force', '--registry', 'http://127.0.0.1:9'];

interface Case {
  file: string;
  options?: SceneOptions;
  /** Exit codes of --dry-run, doctor --json and retire. */
  codes: [number, number, number];
  says?: string | RegExp;
}

const monorepo: SceneOptions = { pkg: { private: true, workspaces: ['packages/*'] }, files: { 'packages/a/package.json': { name: '@acme/a', version: '1.0.0' } } };

const CASES: Case[] = [
  { file: '.npmrc', codes: [0, 1, 0], says: '.npmrc is a named pipe (FIFO), not a regular file: it was not read' },
  { file: '.git/config', codes: [2, 1, 0], says: /config is a named pipe \(FIFO\), not a regular\s+file: git cannot read this repository/ },
  { file: '.git/HEAD', codes: [2, 1, 0], says: 'HEAD is a named pipe (FIFO)' },
  { file: '.github/dependabot.yml', codes: [1, 1, 0], says: '.github/dependabot.yml is a named pipe (FIFO)' },
  { file: 'pnpm-workspace.yaml', codes: [0, 1, 0], says: 'pnpm-workspace.yaml could not be read: it is a named pipe' },
  { file: '.github/workflows/ci.yml', codes: [0, 1, 0] },
  { file: 'package-lock.json', codes: [0, 1, 0] },
  { file: 'pnpm-lock.yaml', codes: [0, 1, 0] },
  { file: 'packages/b/package.json', options: monorepo, codes: [0, 1, 0] },
];

for (const c of CASES) {
  for (const [i, args] of [['--dry-run'], ['doctor', '--json'], RETIRE].entries()) {
    test(`9. a named pipe as ${c.file}: ${args.slice(0, 2).join(' ')} does not hang`, () => {
      const s = scene(c.options);
      fifo(s.at(c.file));
      const before = snapshot(s.base);
      const r = run(s, args);
      assert.equal(r.signal, null, `killed: it hung\n${r.stderr}`);
      expectClean(s, before, r, { code: c.codes[i]!, ...(c.says && i === 0 ? { says: c.says } : {}) });
      if (args[0] === 'doctor') JSON.parse(r.stdout);
      s.cleanup();
    });
  }
}

for (const file of ['.npmrc', 'package.json', 'pnpm-workspace.yaml']) {
  test(`9. ${file} a symbolic link to /dev/zero (endless) is not read`, () => {
    const s = scene();
    rmSync(s.at(file), { force: true });
    symlinkSync('/dev/zero', s.at(file));
    const before = snapshot(s.base);
    const r = run(s, ['doctor', '--json']);
    assert.equal(r.signal, null, 'killed: it read forever');
    expectClean(s, before, r, { code: 1 });
    if (file === 'package.json') assert.match(r.stdout, /package\.json is a device, not a regular file/);
    s.cleanup();
  });
}

test('9. a workflows folder full of pipes and links to devices: doctor lists what it can', () => {
  const s = scene({ files: { '.github/workflows/ok.yml': 'name: ok\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n' } });
  mkdirSync(s.at('.github/workflows'), { recursive: true });
  fifo(s.at('.github/workflows/pipe.yml'));
  symlinkSync('/dev/zero', s.at('.github/workflows/zero.yml'));
  const before = snapshot(s.base);
  const r = run(s, ['doctor', '--json']);
  assert.equal(r.signal, null);
  expectClean(s, before, r, { code: 1 });
  s.cleanup();
});
