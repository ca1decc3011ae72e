// A publish step that runs a repository shell script (`./publish.sh`) whose release tool is too old
// for trusted publishing (lerna 3, semantic-release 19), there or in a package.json script the
// shell script runs: migrate refuses with the tool's reason, as for the same tool on the run line.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { MigrateError } from '../../src/migrate/errors.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const workflow = (run: string) => `on:
  push:
    branches: [master]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm ci
      - name: Publish
        run: ${run}
        env:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

const SCRIPT_NPMRC = '#!/bin/bash\necho "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc\n';

function migrate(run: string, files: Record<string, string>, scripts: Record<string, string>, devDependencies: Record<string, string>) {
  const all: Record<string, string> = { ...files, 'package.json': JSON.stringify({ name: 'mono', private: true, scripts, devDependencies }) };
  const readFile = (path: string) => all[path];
  return () => migrateWorkflow(workflow(run), '.github/workflows/ci.yml', { pins, repo, readFile, publish: { scripts, readFile } });
}

const refusal = (re: RegExp) => (error: unknown) => error instanceof MigrateError && re.test(error.message);

test('a shell script the step runs, whose `npm run release` is lerna 3: refused with the lerna reason', () => {
  const scripts = { release: 'lerna publish from-package --contents build --no-git-reset' };
  const files = { 'publish.sh': `${SCRIPT_NPMRC}npm run release -- --yes\nrm .npmrc\n` };
  assert.throws(migrate('./publish.sh', files, scripts, { lerna: '^3.22.1' }), refusal(/job "build" publishes with lerna publish, and package\.json asks for lerna \^3\.22\.1/));
  // Run from a folder (`cd ci && ./publish.sh`), or named by a package.json script (`npm run ship`).
  assert.throws(migrate('cd ci && ./publish.sh', { 'ci/publish.sh': files['publish.sh'] }, scripts, { lerna: '^3.22.1' }), refusal(/lerna \^3\.22\.1/));
  assert.throws(migrate('npm run ship', files, { ...scripts, ship: 'bash publish.sh' }, { lerna: '^3.22.1' }), refusal(/lerna \^3\.22\.1/));
  // The script itself runs lerna.
  assert.throws(migrate('bash publish.sh', { 'publish.sh': `${SCRIPT_NPMRC}npx lerna publish from-git --yes\n` }, {}, { lerna: '^6.0.0' }), refusal(/lerna \^6\.0\.0/));
});

test('a shell script the step runs, whose semantic-release is 19: refused with the semantic-release reason', () => {
  const files = { 'scripts/release.sh': `${SCRIPT_NPMRC}npx semantic-release\n` };
  assert.throws(migrate('bash scripts/release.sh', files, {}, { 'semantic-release': '^19.0.5' }), refusal(/publishes with semantic-release, and semantic-release \^19\.0\.5 cannot publish/));
});

test('the same scripts on lerna 9: migrated, the token line gone from the script', () => {
  const scripts = { release: 'lerna publish from-package --yes' };
  const files = { 'publish.sh': `${SCRIPT_NPMRC}npm run release\n` };
  const result = migrate('./publish.sh', files, scripts, { lerna: '^9.0.0' })();
  assert.doesNotMatch(result.after, /NPM_TOKEN/);
  assert.match(result.after, /id-token: write/);
  assert.doesNotMatch(result.scripts.get('publish.sh')?.after ?? '', /_authToken/);
  // A script that only mentions lerna in a comment is not a lerna publish.
  const commented = { 'publish.sh': `${SCRIPT_NPMRC}# was: lerna publish from-package\nnpm publish\n` };
  assert.doesNotThrow(migrate('./publish.sh', commented, {}, { lerna: '^3.22.1' }));
});
