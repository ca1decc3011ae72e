// The Dart cli_pkg package's grinder task `pkg-npm-deploy` builds the npm package into build/npm
// and runs `npm publish` there (with NPM_TOKEN written into the project .npmrc when it is set;
// from cli_pkg 2.15.0 without one). Once a migration removes the token, the command is all that
// says the job publishes: doctor must not then tell the user to drop the job's id-token: write.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditWorkflow, parseWorkflow } from '../../src/audit/index.js';
import { commandPublishes } from '../../src/audit/publish-rule.js';

test('cli_pkg deploy task publishes, through dart run, pub run or grind; its build and release tasks do not', () => {
  for (const line of ['dart run grinder pkg-npm-deploy', 'dart pub run grinder pkg-npm-deploy', 'pub run grinder pkg-npm-deploy', 'grind pkg-npm-deploy', 'dart run grinder pkg-js-release pkg-npm-deploy']) {
    assert.equal(commandPublishes(line), true, line);
  }
  for (const line of ['dart run grinder pkg-npm-release', 'dart run grinder pkg-npm-dev', 'dart run grinder pkg-pub-deploy', 'dart run grinder pkg-github-release', 'echo "run grinder pkg-npm-deploy later"', '# dart run grinder pkg-npm-deploy']) {
    assert.equal(commandPublishes(line), false, line);
  }
});

// As --migrate leaves it: the token is gone, the job has id-token: write, a sibling job publishes plainly.
const MIGRATED = `name: Release
on:
  workflow_call:
permissions:
  contents: read
jobs:
  deploy_npm:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
        with:
          persist-credentials: false
      - uses: ./.github/util/initialize
      - name: Deploy
        run: dart run grinder pkg-npm-deploy
        env:
          UPDATE_LANGUAGE_REPO: false
  deploy_parser:
    runs-on: ubuntu-latest
    needs: [deploy_npm]
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
        with:
          persist-credentials: false
      - run: npm publish
        working-directory: pkg/widget-parser
`;

test('a job whose publish is the cli_pkg deploy task keeps id-token: write without an excessive-permissions warning', () => {
  const parsed = parseWorkflow(MIGRATED, '.github/workflows/release.yml');
  assert.ok(parsed.ok);
  assert.equal(parsed.workflow.jobs.find((job) => job.id === 'deploy_npm')?.publishes, true);
  const findings = auditWorkflow(MIGRATED, '.github/workflows/release.yml');
  assert.deepEqual(findings.filter((f) => f.id === 'excessive-permissions').map((f) => f.message), []);
  // The same job running only the build task does not publish: the warning stays.
  const built = auditWorkflow(MIGRATED.replace('pkg-npm-deploy', 'pkg-npm-release'), '.github/workflows/release.yml');
  assert.deepEqual(built.filter((f) => f.id === 'excessive-permissions').map((f) => f.message), ['Job "deploy_npm" does not publish but has id-token: write.']);
});
