// A step that runs a repository shell script which cds into a folder and publishes there: the
// folder is the package (read like the `cd`s of a `run:` script), with the script's own
// folder variables resolved and anything else left unknown.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { workflowPublishFolders } from '../../src/detect/publish-folders.js';
import type { WorkflowFile } from '../../src/core/model.js';

const workflow = (run: string, dir?: string): WorkflowFile => ({
  path: '.github/workflows/release.yml',
  fileName: 'release.yml',
  content: `on: workflow_dispatch\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: ${run}\n${dir ? `        working-directory: ${dir}\n` : ''}        env:\n          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}\n`,
  publishes: true,
  tokenUses: [],
});

const script = (cd: string, head = '') => `#!/usr/bin/env bash\nset -euo pipefail\n${head}${cd}\nnpm version "$1" --no-git-tag-version\nSKIP_DOWNLOAD=1 npm publish --access public\n`;

const folders = (run: string, files: Record<string, string>, dir?: string) =>
  workflowPublishFolders([workflow(run, dir)], { readFile: (path) => files[path] });

test("the script's cd before its publish names the folder: its own folder variable, the git top, or a plain folder", () => {
  const pkg = { 'packages/npm/package.json': '{"name":"acme-agent","version":"0.0.0"}' };
  const self = 'ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"\n';
  assert.deepEqual(folders('bash scripts/release/publish-npm.sh "v1.0.0"', { ...pkg, 'scripts/release/publish-npm.sh': script('cd "$ROOT/packages/npm"', self) }), ['packages/npm']);
  assert.deepEqual(folders('bash scripts/release/publish-npm.sh v1', { ...pkg, 'scripts/release/publish-npm.sh': script('cd ${ROOT}/packages/npm', 'ROOT=$(git rev-parse --show-toplevel)\n') }), ['packages/npm']);
  assert.deepEqual(folders('./publish.sh v1', { ...pkg, 'publish.sh': script('cd packages/npm') }), ['packages/npm']);
  // A plain cd is taken from where the step runs, not from the script's folder.
  assert.deepEqual(folders('bash ../ci/publish.sh v1', { ...pkg, 'ci/publish.sh': script('cd npm') }, 'packages'), ['packages/npm']);
});

test('no folder from a script when its cd holds another variable, or it publishes where it starts', () => {
  const pkg = { 'packages/npm/package.json': '{"name":"acme-agent","version":"0.0.0"}', 'package.json': '{"name":"acme","version":"1.0.0"}' };
  assert.deepEqual(folders('bash scripts/publish.sh', { ...pkg, 'scripts/publish.sh': script('cd "$PKG_DIR"') }), []);
  assert.deepEqual(folders('bash scripts/publish.sh', { ...pkg, 'scripts/publish.sh': script('') }), []);
});
