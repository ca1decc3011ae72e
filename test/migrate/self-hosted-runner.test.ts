// A publishing job on a runner GitHub reports as self-hosted (the `self-hosted` label, a Blacksmith
// label) cannot publish with trusted publishing: migrate refuses, naming the runner; a job that
// does not publish keeps its runner, and a GitHub-hosted publish job migrates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MigrateError } from '../../src/migrate/errors.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { loadPins } from '../../src/render/pins.js';

const repo = { owner: 'acme', name: 'widget' };

const workflow = (publishRunsOn: string) => `on:
  push:
    tags: ['v*']
jobs:
  test:
    runs-on: blacksmith-4vcpu-ubuntu-2404
    steps:
      - run: npm test
  publish:
    needs: test
    runs-on: ${publishRunsOn}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

const migrate = (runsOn: string) => migrateWorkflow(workflow(runsOn), '.github/workflows/publish.yml', { pins: loadPins(), repo });

test('a publish job on a Blacksmith or a self-hosted runner is refused with the reason', () => {
  for (const [runsOn, named] of [
    ['blacksmith-2vcpu-ubuntu-2404', /a Blacksmith runner \(blacksmith-2vcpu-ubuntu-2404\), which GitHub reports as self-hosted/],
    ['[self-hosted, linux, x64]', /publishes on a self-hosted runner/],
    ['{ labels: [blacksmith-8vcpu-ubuntu-2204] }', /a Blacksmith runner/],
  ] as const) {
    assert.throws(
      () => migrate(runsOn),
      (error: unknown) => error instanceof MigrateError && named.test(error.message) && /E422/.test(error.message) && /ubuntu-latest/.test(error.message),
      runsOn,
    );
  }
});

test('a GitHub-hosted publish job migrates, and a test job on Blacksmith keeps its runner', () => {
  const result = migrate('ubuntu-latest');
  assert.doesNotMatch(result.after, /NODE_AUTH_TOKEN/);
  assert.match(result.after, /runs-on: blacksmith-4vcpu-ubuntu-2404/);
});

test('a publish job on a label .github/actionlint.yaml lists as self-hosted is refused; an unlisted custom label migrates (doctor names it)', () => {
  const readFile = (path: string) => (path === '.github/actionlint.yaml' ? 'self-hosted-runner:\n  labels:\n    - "acme-*"\n' : undefined);
  assert.throws(
    () => migrateWorkflow(workflow('acme-large-builder'), '.github/workflows/publish.yml', { pins: loadPins(), repo, readFile }),
    (error: unknown) => error instanceof MigrateError && /the runner label acme-large-builder, which \.github\/actionlint\.yaml lists as self-hosted/.test(error.message) && /E422/.test(error.message),
  );
  assert.match(migrateWorkflow(workflow('acme-large-builder'), '.github/workflows/publish.yml', { pins: loadPins(), repo }).after, /runs-on: acme-large-builder/);
});
