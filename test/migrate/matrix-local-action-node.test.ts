// A publish job that hands a several-value Node matrix (`node-version: [16, 18, 20]`) to a local
// composite action that runs setup-node on it: an npm upgrade after the action would stop with
// EBADENGINE on the Node 16 and 18 legs (npm 11 runs on ^20.17.0 || >=22.9.0), so Node 24 is set
// up just before the publish instead, as for a setup-node step given that matrix. A publish that
// already picks its leg (`if: matrix.node-version == 20`) keeps the npm upgrade on that leg.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const ACTION = `name: Setup
inputs:
  node-version:
    description: Node version
    required: true
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v4
      with:
        node-version: \${{ inputs.node-version }}
    - run: npm ci
      shell: bash
`;

const workflow = (publishIf: string) => `on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node-version: [16, 18, 20]
    steps:
      - uses: actions/checkout@v4
      - uses: ./.github/actions/setup
        with:
          node-version: \${{ matrix.node-version }}
      - run: npm test
      - run: npm publish
${publishIf}        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } });
const readFile = (path: string) => (path === '.github/actions/setup/action.yml' ? ACTION : path === 'package.json' ? PKG : undefined);
type Step = { uses?: string; run?: string; if?: string; with?: Record<string, unknown> };
const migrate = (text: string) => {
  const result = migrateWorkflow(text, '.github/workflows/publish.yml', { pins, repo, readFile });
  return { result, steps: (parse(result.after) as { jobs: { publish: { steps: Step[] } } }).jobs.publish.steps };
};

test('every leg publishes on Node 24 set up just before the publish, not after an npm upgrade the old legs cannot run', () => {
  const { result, steps } = migrate(workflow(''));
  assert.ok(!steps.some((step) => /npm@\^?11/.test(step.run ?? '')), result.after);
  const publish = steps.findIndex((step) => step.run === 'npm publish');
  const before = steps[publish - 1]!;
  assert.match(before.uses ?? '', /^actions\/setup-node@[0-9a-f]{40}$/);
  assert.equal(before.with?.['node-version'], 24);
  assert.equal(steps[publish - 2]!.run, 'npm test', 'the tests still run on each leg’s own Node');
  assert.ok(result.changes.some((n) => /added setup-node with Node 24 before the publish \(npm 11, which trusted publishing needs, does not support Node 16, 18\)/.test(n)), result.changes.join('\n'));
});

test('a publish that already runs on one leg keeps its npm upgrade, on that leg only', () => {
  const { steps } = migrate(workflow('        if: matrix.node-version == 20\n'));
  const upgrade = steps.find((step) => /npm install -g npm@\^11\.5\.1/.test(step.run ?? ''));
  assert.equal(upgrade?.if, 'matrix.node-version == 20');
  assert.ok(!steps.some((step) => step.with?.['node-version'] === 24));
});
