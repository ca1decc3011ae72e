// A workflow whose `on:` names an event GitHub does not know (`branches:` straight under `on:`,
// with no `push:` above it) is rejected by GitHub as a whole: its publish never ran. Doctor
// reports an error at that line; migrate refuses with the reason and writes nothing. The same
// file with the `push:` key migrates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { MigrateError } from '../../src/migrate/errors.js';
import { auditWorkflow } from '../../src/audit/index.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };
const workflow = (on: string) => `name: npm
on:
${on}
jobs:
  npm:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          registry-url: https://registry.npmjs.org/
      - run: npm ci
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.npm_token }}
`;
const BARE = '  branches:\n    - main\n  tags:\n    - v*';
const path = '.github/workflows/deployment.yml';

test('branches: and tags: straight under on: — doctor errors at the line, migrate refuses naming it', () => {
  const findings = auditWorkflow(workflow(BARE), path).filter((f) => f.id === 'unknown-event');
  assert.deepEqual(findings.map((f) => [f.line, f.level]), [[3, 'error'], [5, 'error']]);
  assert.match(findings[0]!.message, /GitHub rejects this workflow: "branches" is an event filter written straight under "on:"/);
  assert.throws(
    () => migrateWorkflow(workflow(BARE), path, { pins, repo }),
    (error: unknown) =>
      error instanceof MigrateError &&
      error.message === `${path} is not migrated: GitHub rejects it (line 3: "branches" is an event filter written straight under "on:", with no event (push:, pull_request:) above it), so the workflow never runs and its publish never ran. Fix the trigger first, then migrate again.`,
  );
});

test('a misspelt event name in a list is refused too; the same file with push: migrates', () => {
  assert.throws(() => migrateWorkflow(workflow('  [push, releases]').replace('on:\n', 'on:'), path, { pins, repo }), /line 2: "releases" is not an event GitHub knows/);
  const fixed = workflow('  push:\n    branches:\n      - main\n    tags:\n      - v*');
  assert.deepEqual(auditWorkflow(fixed, path).filter((f) => f.id === 'unknown-event'), []);
  const result = migrateWorkflow(fixed, path, { pins, repo });
  assert.doesNotMatch(result.after, /NODE_AUTH_TOKEN/);
});
