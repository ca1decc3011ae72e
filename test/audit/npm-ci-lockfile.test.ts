// npm-ci-no-lockfile: `npm ci` before the publish where the repository has no package-lock.json
// (a Bun repository's publish job; see the v18a fixture
// push-master-bun-build-artifact-dist-environment-npm-ci-without-lockfile-npm-publish-token).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditWorkflow } from '../../src/audit/index.js';
import { edit, GOOD } from './fixtures.js';

const files = (names: string[]) => (path: string) => (names.includes(path) ? '{}' : undefined);
const found = (source: string, names: string[]) =>
  auditWorkflow(source, '.github/workflows/publish.yml', { context: { readFile: files(names) } }).filter((f) => f.id === 'npm-ci-no-lockfile');

test('npm ci with only a Bun lockfile: an error on its line that names the lockfile there', () => {
  const [f] = found(GOOD, ['package.json', 'bun.lock']);
  assert.equal(f?.level, 'error');
  assert.match(f!.message, /runs `npm ci`, which stops without a package-lock\.json or npm-shrinkwrap\.json, and the repository has neither \(it has bun\.lock\)/);
  assert.equal(GOOD.split('\n')[f!.line! - 1]!.trim(), '- run: npm ci');
});

test('no finding with a package-lock.json or npm-shrinkwrap.json, or where a lockfile may arrive or be elsewhere', () => {
  assert.deepEqual(found(GOOD, ['package.json', 'package-lock.json']), []);
  assert.deepEqual(found(GOOD, ['package.json', 'npm-shrinkwrap.json']), []);
  // An artifact downloaded before it may hold the lockfile.
  const artifact = edit(GOOD, '      - run: npm ci\n', '      - uses: actions/download-artifact@v4\n      - run: npm ci\n');
  assert.deepEqual(found(artifact, ['package.json']), []);
  // One downloaded to a folder of its own (the build's dist/) cannot.
  const toDist = edit(GOOD, '      - run: npm ci\n', '      - uses: actions/download-artifact@v4\n        with:\n          path: dist\n      - run: npm ci\n');
  assert.equal(found(toDist, ['package.json']).length, 1);
  // In a folder named by an expression, or after a cd: not read.
  const expr = edit(GOOD, '      - run: npm ci\n', '      - run: npm ci\n        working-directory: ${{ matrix.dir }}\n');
  assert.deepEqual(found(expr, ['package.json']), []);
  assert.deepEqual(found(edit(GOOD, '      - run: npm ci\n', '      - run: cd web && npm ci\n'), ['package.json']), []);
  // A lockfile in the literal working directory.
  const sub = edit(GOOD, '      - run: npm ci\n', '      - run: npm ci\n        working-directory: ./web\n');
  assert.deepEqual(found(sub, ['web/package.json', 'web/package-lock.json']), []);
  assert.equal(found(sub, ['web/package.json', 'package-lock.json']).length, 1);
  // Without the repository's files (a workflow read on its own), nothing is claimed.
  assert.deepEqual(auditWorkflow(GOOD, '.github/workflows/publish.yml').filter((f) => f.id === 'npm-ci-no-lockfile'), []);
});
