// @changesets/cli 2 is too old only for changesets/action v2 (which refuses it). A repository whose
// workflows keep the action's v1 line, run `changeset publish` without the action, or pin a commit
// whose major cannot be read gets no warning to upgrade the CLI: none of those refuses CLI 2.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changesetsActionV2, toolFindings } from '../../src/detect/release.js';
import type { WorkflowFile } from '../../src/core/model.js';

const wf = (uses: string): WorkflowFile => ({
  path: '.github/workflows/release.yml',
  fileName: 'release.yml',
  content: `jobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - name: Publish\n        uses: ${uses}\n`,
  publishes: true,
  tokenUses: [],
});
const cli2 = { '@changesets/cli': { range: '^2.29.7', major: 2 } };

test('v2 refs, commits commented v2 and sub-actions of v2 are v2; v1, a bare commit, a branch or no use are not', () => {
  assert.equal(changesetsActionV2([wf('changesets/action@v2')]), true);
  assert.equal(changesetsActionV2([wf('changesets/action@v2.0.1')]), true);
  assert.equal(changesetsActionV2([wf("'changesets/action@a45c4d594aa4e2c509dc14a9f2b3b67ba3780d0d' # v2.0.0")]), true);
  assert.equal(changesetsActionV2([wf('changesets/action/version@v2')]), true);
  assert.equal(changesetsActionV2([wf('changesets/action@v1'), wf('changesets/action@v2')]), true);
  assert.equal(changesetsActionV2([wf('changesets/action@v1')]), false);
  assert.equal(changesetsActionV2([wf('changesets/action@v1.4.9')]), false);
  assert.equal(changesetsActionV2([wf('changesets/action@a45c4d594aa4e2c509dc14a9f2b3b67ba3780d0d # v1.9.0')]), false);
  assert.equal(changesetsActionV2([wf('changesets/action@a45c4d594aa4e2c509dc14a9f2b3b67ba3780d0d')]), false);
  assert.equal(changesetsActionV2([wf('changesets/action@main')]), false);
  assert.equal(changesetsActionV2([wf('JS-DevTools/npm-publish@v4')]), false);
  // No publishing workflow yet: the one this tool writes uses v2.
  assert.equal(changesetsActionV2([]), true);
  assert.equal(changesetsActionV2([{ ...wf('changesets/action@v1'), publishes: false }]), true);
  // A workflow that already grants an OIDC token but is not seen publishing (its publish in a script
  // file out of sight) is the release workflow: judged by what it uses, not replaced by this tool's.
  const granted = (uses: string): WorkflowFile => ({ ...wf(uses), content: wf(uses).content.replace('jobs:\n', 'permissions:\n  id-token: write\njobs:\n'), publishes: false });
  assert.equal(changesetsActionV2([granted('actions/setup-node@v4')]), false);
  assert.equal(changesetsActionV2([granted('changesets/action@v2')]), true);
  assert.equal(changesetsActionV2([granted('changesets/action@v1'), { ...wf('changesets/action@v2'), publishes: false }]), false);
});

test('the CLI warning goes with changesets/action v2 only; other release tools are warned about either way', () => {
  assert.deepEqual(toolFindings(cli2, false), []);
  assert.deepEqual(toolFindings(cli2, true).map((f) => f.id), ['release-tool-outdated']);
  assert.deepEqual(toolFindings({ 'semantic-release': { range: '^24.0.0', major: 24 } }, false).map((f) => f.id), ['release-tool-outdated']);
});
