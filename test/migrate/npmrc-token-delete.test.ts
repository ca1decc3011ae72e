// `npm config delete //registry.npmjs.org/:_authToken` removes the line setup-node wrote so npm
// uses the OIDC token: doctor does not call it a token write, and migrate keeps it. A line that
// writes one (`npm config set ...:_authToken`, `echo ... >> .npmrc`) is still both.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditWorkflow } from '../../src/audit/index.js';
import { writesAuthToken } from '../../src/audit/token-forms.js';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';

const repo = { owner: 'acme', name: 'widget' };

const WORKFLOW = `on:
  push:
    tags: ['v*']
permissions:
  contents: read
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          registry-url: https://registry.npmjs.org
      - run: npm ci
      - name: Publish (OIDC)
        run: |
          npm config delete //registry.npmjs.org/:_authToken 2>/dev/null || true
          npm publish
`;

test('deleting an _authToken is not writing one; setting or echoing one is', () => {
  assert.equal(writesAuthToken('npm config delete //registry.npmjs.org/:_authToken 2>/dev/null || true'), false);
  assert.equal(writesAuthToken('npm config set //registry.npmjs.org/:_authToken "$NODE_AUTH_TOKEN"'), true);
  assert.equal(writesAuthToken("echo '//registry.npmjs.org/:_authToken=${NPM_TOKEN}' > .npmrc"), true);
  assert.equal(writesAuthToken('npm config delete //registry.npmjs.org/:_authToken && npm config set //registry.npmjs.org/:_authToken "$T"'), true);
});

test('doctor reports no token write for the delete line', () => {
  const findings = auditWorkflow(WORKFLOW, '.github/workflows/publish.yml', { repo });
  assert.deepEqual(findings.filter((f) => /_authToken/.test(f.message)), []);
});

test('migrate keeps the delete line', () => {
  const result = migrateWorkflow(WORKFLOW, '.github/workflows/publish.yml', { pins: loadPins(), repo });
  assert.match(result.after, /npm config delete \/\/registry\.npmjs\.org\/:_authToken/);
  assert.deepEqual(result.changes.filter((c) => /_authToken/.test(c)), []);
});
