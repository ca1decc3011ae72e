// The token secret a reusable workflow declares, once the migration no longer uses it: callers in
// this repository are migrated too, so the declaration goes; callers elsewhere may still pass
// it (passing an undeclared secret fails), so it stays, but no longer required.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'shared' };

const SHARED = `on:
  workflow_call:
    secrets:
      NPM_TOKEN:
        description: Token for npmjs.com
        required: true
      SLACK_WEBHOOK:
        required: true
env:
  NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: changesets/action@v1
        with:
          publish: pnpm changeset publish
      - run: curl -X POST "\${{ secrets.SLACK_WEBHOOK }}"
`;

const declared = (text: string) => (parseDocument(text).toJS() as { on: { workflow_call: { secrets: Record<string, { required?: boolean }> } } }).on.workflow_call.secrets;

test('called from other repositories: the token secret stays declared, no longer required; other secrets keep theirs', () => {
  const result = migrateWorkflow(SHARED, '.github/workflows/release.yml', { pins, repo, callersMigrated: false });
  assert.deepEqual(declared(result.after), { NPM_TOKEN: { description: 'Token for npmjs.com', required: false }, SLACK_WEBHOOK: { required: true } });
  assert.ok(result.changes.includes('on.workflow_call: secret NPM_TOKEN no longer required (callers can stop passing it)'), result.changes.join('\n'));
  assert.doesNotMatch(result.after, /secrets\.NPM_TOKEN/);
});

test('called only from this repository (callers migrated too): the declaration goes', () => {
  const result = migrateWorkflow(SHARED, '.github/workflows/release.yml', { pins, repo, callersMigrated: true });
  assert.deepEqual(declared(result.after), { SLACK_WEBHOOK: { required: true } });
  assert.ok(result.changes.includes('on.workflow_call: no longer declares secret NPM_TOKEN'), result.changes.join('\n'));
});

test('no fork guard on a reusable workflow nothing here calls: github.repository is the caller\'s repository there', () => {
  const result = migrateWorkflow(SHARED, '.github/workflows/release.yml', { pins, repo, callersMigrated: false });
  assert.doesNotMatch(result.after, /github\.repository ==/);
  assert.ok(!result.changes.some((c) => /forks skip it/.test(c)), result.changes.join('\n'));
  // Called from this repository, github.repository is this one: the guard works.
  assert.match(migrateWorkflow(SHARED, '.github/workflows/release.yml', { pins, repo, callersMigrated: true }).after, /if: github\.repository == 'acme\/shared'/);
});
