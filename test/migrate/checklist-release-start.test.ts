// After a migration, the checklist's "publish a release" step follows what starts the migrated
// workflow where the release tool's own flow does not: a Changesets snapshot started by hand is
// `gh workflow run`, not the "Version Packages" pull request; a canary from pull requests is a pull request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterMigration } from '../../src/migrate/after.js';
import { scanWorkflow } from '../../src/detect/index.js';
import { detected } from '../helpers/detected.js';
import { workflowStart } from '../../src/migrate/workflow-start.js';

const job = `jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: actions/checkout@v4
      - run: yarn changeset version --snapshot canary && yarn changeset publish --tag canary
`;

const publishStep = (on: string, release: 'changesets' | 'publish' = 'changesets') => {
  const path = '.github/workflows/canary.yml';
  const content = `on:\n${on}\n${job}`;
  const d = detected({ workflows: [{ path, fileName: 'canary.yml', content, ...scanWorkflow(path, content) }], release: { flow: release, evidence: [], tools: {}, releasePleaseFiles: [] } });
  return afterMigration(d, { path, content, trustFile: 'canary.yml', environment: null }, { owner: 'acme', name: 'kit' }).checklist.find((c) => c.id === 'publish');
};

test('a Changesets snapshot started by hand: gh workflow run, not the Version Packages pull request', () => {
  // The shape of the v20c dispatch snapshot fixtures (workflow_dispatch with an input, changeset publish --tag).
  const item = publishStep('  workflow_dispatch:\n    inputs:\n      label:\n        required: true\n        type: string');
  // Its required input without a default is a placeholder to fill: gh refuses the start without it.
  assert.equal(item?.command, "gh workflow run canary.yml --repo acme/kit -f 'label=<value>'");
  assert.doesNotMatch(item?.detail ?? '', /Version Packages/);
});

test('a Changesets workflow on a push to the branch keeps the Version Packages flow', () => {
  const item = publishStep('  workflow_dispatch:\n  push:\n    branches:\n      - main');
  assert.match(item?.detail ?? '', /"Version\s+Packages" pull request/);
  assert.equal(item?.command, 'npx changeset');
});

test('a snapshot from pull requests is started by a pull request, not by gh workflow run', () => {
  const item = publishStep('  pull_request:\n    types: [labeled, synchronize]', 'publish');
  assert.equal(item?.command, undefined);
  assert.match(item?.detail ?? '', /pull request/);
});

test('a canary on a push to a branch: push a commit to that branch; on a tag push: push the tag', () => {
  const push = publishStep('  push:\n    branches: [next]', 'publish');
  assert.match(push?.detail ?? '', /^Push a commit to next: /);
  assert.equal(push?.command, undefined);
  assert.match(publishStep('  push:\n    tags: ["v*"]')?.command ?? '', /^git tag \S+ && git push origin /);
});

test('workflowStart reads the on: block in its three forms', () => {
  assert.deepEqual(workflowStart('on: workflow_dispatch\njobs: {}\n'), { release: false, tag: false, dispatch: true, branchPush: [], branchesIgnored: [], pullRequest: false });
  assert.deepEqual(workflowStart('on: [push, release]\njobs: {}\n'), { release: true, tag: true, dispatch: false, branchPush: ['*'], branchesIgnored: [], pullRequest: false });
  assert.deepEqual(workflowStart('on:\n  push:\n    tags: [v*]\njobs: {}\n')?.branchPush, []);
  assert.equal(workflowStart('jobs: {}\n'), undefined);
  const inputs = 'on:\n  workflow_dispatch:\n    inputs:\n      sha:\n        required: true\n      tag:\n        required: true\n        default: latest\n      note:\n        type: string\njobs: {}\n';
  assert.deepEqual(workflowStart(inputs)?.inputs, ['sha']);
});

test('a canary on every branch but main: the Changesets flow on main does not start it, a push to another branch does', () => {
  // The shape of DataDog/apps's publish-canary.yml (see the v20c sample): push with branches-ignore.
  const item = publishStep("  push:\n    branches-ignore:\n      - 'gh-pages'\n      - main");
  assert.match(item?.detail ?? '', /^Push a commit to a branch other than gh-pages, main: /);
  assert.doesNotMatch(item?.detail ?? '', /Version Packages/);
});
