// A workflow whose jobs list their steps in two styles (indented under `steps:` and not) and
// whose `on:` block is indented by one space is edited line by line in its own style: the lines a
// migration adds take the indentation of the source lines around them, and nothing else is
// re-printed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const SOURCE = `name: release
on:
 push:
  branches: [ main ]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v2
      - run: npm test
      - run: npm run lint
  release:
    needs: test
    runs-on: ubuntu-latest
    steps:
    # the commit
    - name: Checkout
      uses: actions/checkout@v2

    - name: Node
      uses: actions/setup-node@v1
      with:
        node-version: 12.x

    - name: Publish
      run: npm publish
      env:
        NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}`;

test('lines added inside a list that is not indented follow the list, and the rest of the file stays as written', () => {
  const { after } = migrateWorkflow(SOURCE, '.github/workflows/release.yml', { pins, repo });
  assert.match(after, /^on:\n push:\n {2}branches: \[ main \]\n/m, 'the on: block as written');
  assert.match(after, /\n {4}# the commit\n {4}- name: Checkout\n {6}uses: actions\/checkout@[0-9a-f]{40} # v\S+\n {6}with:\n {8}persist-credentials: false\n\n {4}- name: Node\n/);
  assert.match(after, /\n {4}- name: Publish\n {6}run: npm publish$/, 'the last line, without the token, and still no newline at the end');
  const data = parse(after) as { jobs: { release: { steps: Array<Record<string, unknown>> } } };
  assert.equal(data.jobs.release.steps.length, 3);
  assert.match(after, /\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions\/checkout@[0-9a-f]{40} # v\S+\n        with:\n          persist-credentials: false\n      - run: npm test\n/, 'the indented list keeps its style too');
});
