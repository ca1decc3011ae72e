// Newcomers from a clone: an unbuilt clone says how to build in one line, the from-clone
// script knows when a build is needed, and an unsupported Node.js stops `npm ci` at once.
import { after, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { needsBuild } from '../../scripts/from-clone.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'ctp-clone-'));
  dirs.push(d);
  return d;
};

it('a clone without a build: one clear line and exit 1, no stack trace', () => {
  const clone = temp();
  mkdirSync(join(clone, 'bin'));
  copyFileSync(join(root, 'bin/create-trusted-publish.js'), join(clone, 'bin/create-trusted-publish.js'));
  writeFileSync(join(clone, 'package.json'), '{"type":"module"}\n');
  const r = spawnSync(process.execPath, [join(clone, 'bin/create-trusted-publish.js'), '--version'], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /is not built in .*: run `npm install && npm run build` there, or start it with `node scripts\/from-clone\.mjs`/);
  assert.doesNotMatch(r.stderr, /ERR_MODULE_NOT_FOUND|at /);
});

it('from-clone builds only when the build is missing or older than the sources', () => {
  const clone = temp();
  cpSync(join(root, 'package.json'), join(clone, 'package.json'));
  mkdirSync(join(clone, 'src'));
  writeFileSync(join(clone, 'src/a.ts'), '');
  assert.equal(needsBuild(clone), true, 'no dist/');
  mkdirSync(join(clone, 'dist'));
  writeFileSync(join(clone, 'dist/cli.js'), '');
  const old = new Date(Date.now() - 60_000);
  utimesSync(join(clone, 'src/a.ts'), old, old);
  utimesSync(join(clone, 'package.json'), old, old);
  assert.equal(needsBuild(clone), false, 'dist/ newer than every source');
  writeFileSync(join(clone, 'src/a.ts'), 'changed');
  assert.equal(needsBuild(clone), true, 'a source changed since');
  // And it runs the tool itself (this clone is built by the test run).
  const r = spawnSync(process.execPath, [join(root, 'scripts/from-clone.mjs'), '--version'], { encoding: 'utf8', cwd: tmpdir() });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^\d+\.\d+\.\d+/);
});

// The machine's own Node.js (CI exports it as CTP_OLD_NODE) when it is older than 22.
const oldNode = process.env.CTP_OLD_NODE;
const oldVersion = oldNode ? execFileSync(oldNode, ['--version'], { encoding: 'utf8' }).trim() : '';
it('npm install-ci-test on an unsupported Node.js stops at once, naming the version it needs', { skip: !/^v(1\d|20|21)\./.test(oldVersion) && 'no Node.js older than 22 here' }, () => {
  const clone = temp();
  for (const f of ['package.json', 'package-lock.json', '.npmrc']) copyFileSync(join(root, f), join(clone, f));
  const r = spawnSync('npm', ['install-ci-test', '--offline'], {
    cwd: clone,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${dirname(oldNode!)}:${process.env.PATH}` },
  });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /EBADENGINE/);
  assert.match(r.stderr, /Required: \{"node":">=22\.14\.0"\}/);
  assert.doesNotMatch(r.stdout + r.stderr, /test\//, 'stopped before any test ran');
});
