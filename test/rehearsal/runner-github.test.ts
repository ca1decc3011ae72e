// The GitHub runner's own readings, checked against what GitHub and setup-node document, so that a
// rehearsal that passes is not passing through a runner that guesses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate } from './expressions.js';
import { nodeVersionFromFile } from './runner-github.js';

test('startsWith, endsWith and contains: not case sensitive, null as an empty string, contains on a list compares items', () => {
  const contexts = { github: { ref: 'refs/tags/V1.2.0', event: {} }, matrix: { os: ['ubuntu-latest', 'windows-latest'] } };
  assert.equal(evaluate("startsWith(github.ref, 'refs/tags/v')", contexts), true);
  assert.equal(evaluate("endsWith(github.ref, '.0')", contexts), true);
  assert.equal(evaluate("!contains(github.event.head_commit.message, '[skip ci]')", contexts), true);
  assert.equal(evaluate("contains(matrix.os, 'Windows-Latest')", contexts), true);
  assert.equal(evaluate("contains(matrix.os, 'windows')", contexts), false);
  assert.throws(() => evaluate("format('{0}', github.ref)", contexts), /not supported/);
});

test('node-version-file: package.json volta, then devEngines, then engines; .nvmrc its version line', () => {
  assert.equal(nodeVersionFromFile(JSON.stringify({ engines: { node: '^20.18.0' }, volta: { node: '22.1.0' } })), '22.1.0');
  assert.equal(nodeVersionFromFile(JSON.stringify({ engines: { node: '>=18' }, devEngines: { runtime: [{ name: 'bun' }, { name: 'Node', version: '24.1.0' }] } })), '24.1.0');
  assert.equal(nodeVersionFromFile(JSON.stringify({ engines: { node: '^20.18.0' } })), '^20.18.0');
  assert.equal(nodeVersionFromFile(JSON.stringify({ name: 'x' })), null);
  assert.equal(nodeVersionFromFile('v20.11.1\n'), '20.11.1');
  assert.equal(nodeVersionFromFile('# pinned\nnodejs 22\n'), '22');
});
