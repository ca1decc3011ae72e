// A publish step that hands the publish to a script of an installed package (node_modules/...),
// directly or through package.json scripts and npm-run-all: the file is not in the repository, so
// nothing can tell whether it publishes without the token. The migration stops and names it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPins } from '../../src/render/pins.js';
import { MigrateError, migrateWorkflow } from '../../src/migrate/index.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'protocol' };

const workflow = (run: string) => `on:
  workflow_dispatch:
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: yarn
      - run: |
          echo '//registry.npmjs.org/:_authToken=\${NPM_TOKEN}' > .npmrc
          ${run}
        env:
          NPM_TOKEN: \${{ secrets.NPM_PUBLISH_TOKEN }}
`;

const migrate = (run: string, scripts: Record<string, string> = {}) =>
  migrateWorkflow(workflow(run), '.github/workflows/publish.yml', { pins, repo, readFile: (path) => (path === 'package.json' ? JSON.stringify({ name: 'root', private: true, scripts }) : undefined) });

const refusal = /hands its publish to node_modules\/@acme\/release-scripts\/lib\/publish\.js \(installed package @acme\/release-scripts\), which is not in this repository/;

test('an installed publish script, run directly or two package.json scripts deep through run-s, is refused with its path', () => {
  const cases: Array<[string, Record<string, string>]> = [
    ['node ./node_modules/@acme/release-scripts/lib/publish.js --yes', {}],
    ['npm run publish:ci', { 'publish:ci': 'run-s build script:publish', build: 'tsc -b', 'script:publish': 'node node_modules/@acme/release-scripts/lib/publish.js --auto-commit' }],
  ];
  for (const [run, scripts] of cases) {
    assert.throws(() => migrate(run, scripts), (error: unknown) => error instanceof MigrateError && refusal.test(error.message), run);
  }
});

test('a step that also runs a publish command this tool knows is migrated', () => {
  assert.doesNotThrow(() => migrate('node ./node_modules/@acme/release-scripts/lib/changelog.js && npm publish'));
  assert.doesNotThrow(() => migrate('npm run release', { release: 'run-s changelog ship', changelog: 'node node_modules/@acme/release-scripts/lib/changelog.js', ship: 'lerna publish from-package --yes' }));
});
