// @changesets/cli 2 is too old only for changesets/action v2 (which refuses it); a repository
// whose workflows keep the action's v1 line, which publishes with trusted publishing on CLI 2,
// gets no warning to upgrade the CLI.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changesetsV1Only, toolFindings } from '../../src/detect/release.js';
import type { WorkflowFile } from '../../src/core/model.js';

const wf = (uses: string): WorkflowFile => ({
  path: '.github/workflows/release.yml',
  fileName: 'release.yml',
  content: `jobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - name: Publish\n        uses: ${uses}\n`,
  publishes: true,
  tokenUses: [],
});
const cli2 = { '@changesets/cli': { range: '^2.29.7', major: 2 } };

test('v1 refs and commits commented v1 are the v1 line; v2, a bare commit, a sub-action of v2 or no use are not', () => {
  assert.equal(changesetsV1Only([wf('changesets/action@v1')]), true);
  assert.equal(changesetsV1Only([wf('changesets/action@v1.4.9')]), true);
  assert.equal(changesetsV1Only([wf("'changesets/action@a45c4d594aa4e2c509dc14a9f2b3b67ba3780d0d' # v1.9.0")]), true);
  assert.equal(changesetsV1Only([wf('changesets/action@a45c4d594aa4e2c509dc14a9f2b3b67ba3780d0d # v1.9.0')]), true);
  assert.equal(changesetsV1Only([wf('changesets/action@v1'), wf('changesets/action@v2')]), false);
  assert.equal(changesetsV1Only([wf('changesets/action@a45c4d594aa4e2c509dc14a9f2b3b67ba3780d0d')]), false);
  assert.equal(changesetsV1Only([wf('changesets/action/version@v2')]), false);
  assert.equal(changesetsV1Only([wf('JS-DevTools/npm-publish@v4')]), false);
});

test('the CLI warning goes with the v1 line only', () => {
  assert.deepEqual(toolFindings(cli2, true), []);
  assert.deepEqual(toolFindings(cli2, false).map((f) => f.id), ['release-tool-outdated']);
  assert.deepEqual(toolFindings({ 'semantic-release': { range: '^24.0.0', major: 24 } }, true).map((f) => f.id), ['release-tool-outdated']);
});
