// setup-node handed `${{ matrix.node-version }}` in a job with no matrix: the value is empty, so
// the runner's own Node (npm 10) ran. The publishing job gets Node 24, named in the step too, and
// actionlint (which rejects the undefined matrix property) passes on the result.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { actionlint } from '../../src/audit/actionlint.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const workflow = (strategy: string) => `on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
${strategy}    steps:
      - uses: actions/checkout@v4
      - name: Node \${{ matrix.node-version }}
        uses: actions/setup-node@v4
        with:
          node-version: \${{ matrix.node-version }}
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

test('no matrix: the empty matrix value becomes Node 24, in the input and the step name', async () => {
  const result = migrateWorkflow(workflow(''), '.github/workflows/publish.yml', { pins, repo });
  const setup = parse(result.after).jobs.publish.steps[1];
  assert.equal(setup.with['node-version'], 24);
  assert.equal(setup.name, 'Node 24');
  assert.ok(result.changes.some((line) => line.includes('node-version 24 instead of ${{ matrix.node-version }} (the job has no matrix')), result.changes.join('\n'));
  assert.ok(!result.after.includes('Upgrade npm'), result.after);
  assert.deepEqual(await actionlint(result.after, '.github/workflows/publish.yml'), []);
});

test('a job with a matrix keeps its matrix reference', () => {
  const result = migrateWorkflow(workflow('    strategy:\n      matrix:\n        node-version: [18, 20]\n'), '.github/workflows/publish.yml', { pins, repo });
  assert.equal(parse(result.after).jobs.publish.steps[1].with['node-version'], '${{ matrix.node-version }}');
});
