// A publish gated on a branch ref in a workflow that only a release or a tag push starts: on those
// events github.ref is the tag, so the condition is always false and nothing is published.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument, type YAMLMap } from 'yaml';
import { auditWorkflow } from '../../src/audit/index.js';
import { requiredBranchRef, tagOnlyEvents } from '../../src/audit/tag-ref-conditions.js';

const workflow = (on: string, stepIf: string) => `name: Release
on:
${on}
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v4
        with:
          registry-url: https://registry.npmjs.org
      - run: npm ci
      - run: npm publish
        if: ${stepIf}
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
const found = (source: string) => auditWorkflow(source, '.github/workflows/release.yml').filter((f) => f.id === 'branch-ref-on-tag').map((f) => [f.line, f.level]);

test('the conditions that need a branch ref, and those that do not', () => {
  assert.equal(requiredBranchRef("github.ref == 'refs/heads/master'"), 'refs/heads/master');
  assert.equal(requiredBranchRef("${{ github.event_name == 'release' && github.ref == 'refs/heads/main' }}"), 'refs/heads/main');
  assert.equal(requiredBranchRef("'refs/heads/main' == github.ref"), 'refs/heads/main');
  assert.equal(requiredBranchRef("startsWith(github.ref, 'refs/heads/')"), 'refs/heads/');
  assert.equal(requiredBranchRef("github.ref == 'refs/heads/main' || startsWith(github.ref, 'refs/tags/')"), undefined);
  assert.equal(requiredBranchRef("!(github.ref == 'refs/heads/main')"), undefined);
  assert.equal(requiredBranchRef("github.ref != 'refs/heads/main'"), undefined);
  assert.equal(requiredBranchRef("github.ref == 'refs/tags/v1'"), undefined);
});

test('the events that only ever give a tag ref', () => {
  const root = (on: string) => parseDocument(`on:\n${on}\njobs: {}\n`).contents as YAMLMap;
  assert.deepEqual(tagOnlyEvents(root('  release:\n    types: [published]')), ['release']);
  assert.deepEqual(tagOnlyEvents(root("  push:\n    tags: ['v*']")), ['a tag push']);
  assert.deepEqual(tagOnlyEvents(root("  push:\n    tags-ignore: ['*-rc*']\n  release:")), ['a tag push', 'release']);
  assert.equal(tagOnlyEvents(root("  push:\n    tags: ['v*']\n    branches: [main]")), undefined);
  assert.equal(tagOnlyEvents(root('  push:')), undefined);
  assert.equal(tagOnlyEvents(root('  release:\n  workflow_dispatch:')), undefined);
  assert.equal(tagOnlyEvents(root('  schedule:\n    - cron: "0 0 * * *"')), undefined);
});

test('doctor warns at the if: of the publish step when every event gives a tag ref', () => {
  assert.deepEqual(found(workflow('  release:\n    types: [published]', "github.ref == 'refs/heads/master'")), [[14, 'warning']]);
  assert.deepEqual(found(workflow("  push:\n    tags: ['v*']", "github.ref == 'refs/heads/master'")), [[14, 'warning']]);
  // A workflow a branch push or a hand start also starts: the condition can hold, no warning.
  assert.deepEqual(found(workflow('  release:\n    types: [published]\n  push:\n    branches: [master]', "github.ref == 'refs/heads/master'")), []);
  assert.deepEqual(found(workflow('  release:\n  workflow_dispatch:', "github.ref == 'refs/heads/master'")), []);
  assert.deepEqual(found(workflow('  release:\n    types: [published]', "startsWith(github.ref, 'refs/tags/')")), []);
});
