// detect(): workflows, token env, .npmrc, and secrets never reaching the Detected object.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { detect } from '../../src/detect/index.js';
import { makePackageRepo, makeRepo } from '../helpers/repo.js';

const RELEASE = `name: Release
on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
          registry-url: https://registry.npmjs.org
      - run: npm ci
      - run: npm publish --access public
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_PUBLISH_TOKEN }}
`;

const CI = `name: CI
on: [push]
env:
    NPM_TOKEN: \${{ secrets.READONLY }}
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - run: npm test
`;

test('workflows: publish detection, token env lines and findings', async (t) => {
  const r = makePackageRepo({
    pkg: { repository: 'acme/widget' },
    files: {
      '.github/workflows/release.yml': RELEASE,
      '.github/workflows/ci.yaml': CI,
      '.github/workflows/README.md': 'not a workflow',
    },
  });
  t.after(() => r.cleanup());
  const d = await detect(r.dir);
  assert.deepEqual(d.workflows.map((w) => [w.path, w.fileName, w.publishes]), [
    ['.github/workflows/ci.yaml', 'ci.yaml', false],
    ['.github/workflows/release.yml', 'release.yml', true],
  ]);
  assert.equal(d.workflows[1]?.content, RELEASE);
  assert.deepEqual(d.workflows[1]?.tokenUses, [
    { file: '.github/workflows/release.yml', line: 17, what: 'NODE_AUTH_TOKEN', secret: 'NPM_PUBLISH_TOKEN' },
  ]);
  assert.deepEqual(d.workflows[0]?.tokenUses, [
    { file: '.github/workflows/ci.yaml', line: 4, what: 'NPM_TOKEN', secret: 'READONLY' },
  ]);
  const tokenEnv = d.findings.filter((f) => f.id === 'token-env');
  assert.deepEqual(tokenEnv.map((f) => [f.level, f.file, f.line]), [
    ['warning', '.github/workflows/ci.yaml', 4],
    ['warning', '.github/workflows/release.yml', 17],
  ]);
  assert.match(tokenEnv[1]!.message, /NODE_AUTH_TOKEN from secrets\.NPM_PUBLISH_TOKEN/);
});

test('workflows come from the git top level for a subdirectory package', async (t) => {
  const r = makeRepo({
    remote: 'https://github.com/acme/mono',
    files: {
      'packages/p/package.json': { name: 'p', version: '1.0.0', repository: { url: 'github:acme/mono', directory: 'packages/p' } },
      '.github/workflows/release.yml': RELEASE,
      'packages/p/.github/workflows/ignored.yml': RELEASE,
    },
  });
  t.after(() => r.cleanup());
  const d = await detect(join(r.dir, 'packages/p'));
  assert.deepEqual(d.workflows.map((w) => w.path), ['.github/workflows/release.yml']);
  assert.equal(d.workflows[0]?.tokenUses[0]?.file, '.github/workflows/release.yml');
});

test('.npmrc tokens and credentials never reach the Detected object', async (t) => {
  const literal = 'npm_PLANTEDsecret0123456789abcdefghij';
  const urlSecret = 'ghs_URLCREDENTIAL42';
  const r = makeRepo({
    remote: `https://x-access-token:${urlSecret}@github.com/acme/mono.git`,
    files: {
      'package.json': { private: true, workspaces: ['packages/*'] },
      '.npmrc': `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${literal}\n`,
      'packages/p/package.json': { name: 'p', version: '1.0.0', repository: { url: 'github:acme/mono', directory: 'packages/p' } },
      'packages/p/.npmrc': '# local\nalways-auth=true\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n',
    },
  });
  t.after(() => r.cleanup());
  const top = await detect(r.dir);
  assert.equal(top.git.remoteUrl, 'https://github.com/acme/mono.git');
  assert.deepEqual(top.git.github, { owner: 'acme', name: 'mono' });
  assert.deepEqual(top.npmrcTokens, [{ file: '.npmrc', line: 2, what: '_authToken' }]);
  const lit = top.findings.filter((f) => f.id === 'npmrc-literal-token');
  assert.deepEqual(lit.map((f) => [f.level, f.file, f.line]), [['warning', '.npmrc', 2]]);

  const sub = await detect(join(r.dir, 'packages/p'));
  assert.deepEqual(sub.npmrcTokens, [
    { file: 'packages/p/.npmrc', line: 2, what: 'always-auth' },
    { file: 'packages/p/.npmrc', line: 3, what: '_authToken' },
    { file: '.npmrc', line: 2, what: '_authToken' },
  ]);
  assert.deepEqual(sub.findings.map((f) => f.id), ['npmrc-literal-token']);

  for (const d of [top, sub]) {
    const json = JSON.stringify(d);
    assert.ok(!json.includes(literal), 'literal .npmrc token leaked');
    assert.ok(!json.includes('PLANTED'), 'part of the .npmrc token leaked');
    assert.ok(!json.includes(urlSecret), 'URL credential leaked');
    assert.ok(!json.includes('x-access-token'), 'URL user leaked');
  }
});
