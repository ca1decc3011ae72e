// always-auth (npm sends the token with every request) goes with the token: the setup-node input,
// and NPM_CONFIG_ALWAYS_AUTH in the env the token is removed from (the step's or the job's).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const WORKFLOW = `on:
  release:
    types: [published]
jobs:
  publish:
    if: github.repository == 'acme/widget'
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          registry-url: https://registry.npmjs.org
          always-auth: true
      - run: npm ci
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
          NPM_CONFIG_ALWAYS_AUTH: 'true'
          TAG: latest
  docs:
    runs-on: ubuntu-latest
    env:
      npm_config_always_auth: 'true'
    steps:
      - run: echo docs
`;

test('NPM_CONFIG_ALWAYS_AUTH goes from the env the token goes from, as the setup-node input does', () => {
  const result = migrateWorkflow(WORKFLOW, '.github/workflows/publish.yml', { pins, repo });
  const publishJob = result.after.slice(result.after.indexOf('  publish:'), result.after.indexOf('  docs:'));
  assert.doesNotMatch(publishJob, /always[-_]auth/i);
  assert.match(publishJob, /env:\n {10}TAG: latest\n/);
  assert.ok(result.changes.includes('job "publish" publish step: removed NPM_CONFIG_ALWAYS_AUTH (it made npm send the token with every request)'), result.changes.join('\n'));
  // A job that never had the token keeps its env as written.
  assert.match(result.after, /docs:\n {4}runs-on: ubuntu-latest\n {4}env:\n {6}npm_config_always_auth: 'true'\n/);
});

test('the job env: NPM_CONFIG_ALWAYS_AUTH goes with a job-level token', () => {
  const jobLevel = WORKFLOW.replace("    permissions:\n      contents: read\n", "    env:\n      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n      NPM_CONFIG_ALWAYS_AUTH: true\n    permissions:\n      contents: read\n")
    .replace("          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n          NPM_CONFIG_ALWAYS_AUTH: 'true'\n", '');
  const result = migrateWorkflow(jobLevel, '.github/workflows/publish.yml', { pins, repo });
  const publishJob = result.after.slice(result.after.indexOf('  publish:'), result.after.indexOf('  docs:'));
  assert.doesNotMatch(publishJob, /always[-_]auth|NPM_TOKEN/i);
});
