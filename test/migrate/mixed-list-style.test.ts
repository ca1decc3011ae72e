// A file that indents `- ` under some keys and not under others: the lines a migration adds land
// in the style of the part of the file they join, and every other line stays as written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { mergeEdits } from '../../src/migrate/format.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

test('lines added inside the part written in the other list style take that part\'s indentation', () => {
  const original = 'a:\n- x: 1\nb:\n  - y: 2\n';
  // The printout (unindented lists) of the untouched document, and of the one with y.z added.
  const merged = mergeEdits(original, 'a:\n- x: 1\nb:\n- y: 2\n', 'a:\n- x: 1\nb:\n- y: 2\n  z: 3\n');
  assert.equal(merged, 'a:\n- x: 1\nb:\n  - y: 2\n    z: 3\n');
});

test('the child of an added key follows its parent, not a deeper part of the file above it', () => {
  const original = 'on:\n    push:\n        branches:\n            - main\njobs:\n  a:\n    steps:\n      - run: x\n';
  const before = 'on:\n  push:\n    branches:\n      - main\njobs:\n  a:\n    steps:\n      - run: x\n';
  const after = 'on:\n  push:\n    branches:\n      - main\npermissions:\n  contents: read\njobs:\n  a:\n    steps:\n      - run: x\n';
  assert.equal(mergeEdits(original, before, after), 'on:\n    push:\n        branches:\n            - main\npermissions:\n  contents: read\njobs:\n  a:\n    steps:\n      - run: x\n');
});

test('--migrate on a workflow whose publish job does not indent its steps and whose other job does: a minimal diff', () => {
  const src = `on:
  push:
    tags:
      - v*
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
    - uses: actions/checkout@v4
    - run: npm publish
      env:
        NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
  docs:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          repository: acme/docs
      - run: ./update.sh
`;
  const { after } = migrateWorkflow(src, '.github/workflows/npm.yml', { pins, repo });
  // The docs job keeps its indented list; its checkout gains a line in that style.
  assert.match(after, /\n {6}- uses: actions\/checkout@[0-9a-f]{40} # v\d+\.\d+\.\d+\n {8}with:\n {10}repository: acme\/docs\n {10}persist-credentials: false\n {6}- run: \.\/update\.sh\n/);
  assert.match(after, /\n {4}- run: npm publish\n/);
  assert.equal(parse(after).jobs.docs.steps[0].with['persist-credentials'], false);
});
