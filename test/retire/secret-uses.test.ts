// Which lines still read a secret, and whether each one feeds a publish: a secret read by
// anything else must not be deleted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanWorkflow } from '../../src/detect/index.js';
import type { WorkflowFile } from '../../src/core/model.js';
import { secretUses } from '../../src/audit/secret-uses.js';

const wf = (fileName: string, content: string): WorkflowFile => {
  const path = `.github/workflows/${fileName}`;
  return { path, fileName, content, ...scanWorkflow(path, content) };
};

const RELEASE = `on: push
env:
  NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
jobs:
  release:
    runs-on: ubuntu-latest
    env:
      NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
    steps:
      - run: npm ci
        env:
          NODE_AUTH_TOKEN: \${{ secrets['NPM_TOKEN'] }}
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      # NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      - run: echo \${{ secrets.NPM_TOKEN_READ }}
`;

const CALLER = `on: push
jobs:
  call:
    uses: ./.github/workflows/reusable.yml
    secrets:
      token: \${{ secrets.NPM_TOKEN }}
  lint:
    runs-on: ubuntu-latest
    steps:
      - run: npm run lint
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

const REUSABLE = `on: workflow_call
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: npm publish
`;

test('publish step, job env and the env of a publishing workflow count as publishing; an install step does not', () => {
  const uses = secretUses([wf('release.yml', RELEASE)], ['NPM_TOKEN']);
  assert.deepEqual(uses.map((u) => [u.line, u.publishes]), [[3, true], [8, true], [12, false], [15, true]]);
});

test('a call to a local workflow that publishes passes the secret to a publish; a lint job does not', () => {
  const uses = secretUses([wf('caller.yml', CALLER), wf('reusable.yml', REUSABLE)], ['NPM_TOKEN']);
  assert.deepEqual(uses.map((u) => [u.file, u.line, u.publishes]), [['.github/workflows/caller.yml', 6, true], ['.github/workflows/caller.yml', 12, false]]);
});

test('a workflow that cannot be parsed keeps the secret (counts as not publishing)', () => {
  const broken = 'on: push\njobs:\n  x: [\n    NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n  - run: npm publish\n';
  assert.deepEqual(secretUses([wf('broken.yml', broken)], ['NPM_TOKEN']).map((u) => [u.line, u.publishes]), [[4, false]]);
});
