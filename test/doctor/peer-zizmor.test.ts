// The peer check: zizmor's `use-trusted-publishing` audit and its npm test data
// (zizmorcore/zizmor, crates/zizmor/tests/integration/test-data/use-trusted-publishing/npm-publish.yml).
// Our fixtures in test/fixtures/real-world/zizmor-npm-* have the same shapes; here each step zizmor
// flags (or leaves alone) is checked against doctor's token findings on the same lines.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { workflowDoctor } from '../../src/doctor/index.js';
import { ROOT } from '../helpers/cli.js';

const repo = { owner: 'acme', name: 'peer-npm' };

function tokenLines(fixture: string, file: string): number[] {
  const path = `.github/workflows/${file}`;
  const content = readFileSync(join(ROOT, 'test', 'fixtures', 'real-world', fixture, 'repo', path), 'utf8');
  const findings = workflowDoctor([{ path, fileName: file, content }], repo).findings;
  return findings.filter((f) => f.id === 'use-trusted-publishing' && f.level === 'error').map((f) => f.line!);
}

test('zizmor flags both always-auth publishes of npm-manual-auth; so does doctor', () => {
  // Lines: the job (no id-token: write), always-auth and NODE_AUTH_TOKEN of each pair.
  assert.deepEqual(tokenLines('zizmor-npm-manual-auth', 'manual-auth.yml'), [6, 15, 19, 25, 29]);
});

test('zizmor flags all seven direct publishes, Yarn Berry with YARN_NPM_AUTH_TOKEN included; so does doctor', () => {
  // npm publish x3, yarn npm publish x2 (YARN_NPM_AUTH_TOKEN), pnpm publish x2, and the job's missing id-token.
  assert.deepEqual(tokenLines('zizmor-npm-direct-commands', 'direct.yml'), [6, 13, 17, 23, 27, 31, 35, 39]);
});

test('zizmor flags nothing in npm-trusted-publishing; doctor reports no token use either', () => {
  // Same verdict, one different reason: zizmor leaves the last step alone because its setup-node has
  // no registry-url; doctor because the .npmrc from the setup-node before it (npm.example.com) is
  // still in effect, so that publish goes to the other registry. A setup-node without registry-url
  // alone in a job would publish to registry.npmjs.org with the token, and doctor flags that (where
  // zizmor would not): the token is used either way.
  assert.deepEqual(tokenLines('zizmor-npm-safe', 'safe.yml'), []);
});
