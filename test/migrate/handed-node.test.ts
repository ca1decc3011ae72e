// A publish job that hands its Node to a local composite action (`with: node-version: ${{
// matrix.node-version }}`), which runs setup-node on `${{ inputs.node-version }}`: a one-entry
// matrix or an env value on a Node npm 11 cannot run on (16, 18) is raised to 24 where it is
// written, as for a setup-node step, instead of an npm upgrade that would break npm on that Node.
// Doctor names that Node, resolved through the `with:`. Through migrateWorkflow, and doctor
// through the built binary in a real repository.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { runCli } from '../helpers/cli.js';
import { widgetRepo } from '../helpers/widget-repo.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const ACTION = `name: Setup
inputs:
  node-version:
    description: Node version
    default: "20"
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v4
      with:
        node-version: \${{ inputs.node-version }}
    - run: npm ci
      shell: bash
`;

const workflow = (head: string, handed: string) => `on:
  push:
    tags: ['v*']
${head}jobs:
  publish:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        node-version: [16]
    steps:
      - uses: actions/checkout@v4
      - uses: ./.github/actions/setup
        with:
          node-version: ${handed}
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

const PKG = JSON.stringify({ name: 'widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } });
const readFile = (path: string) => (path === '.github/actions/setup/action.yml' ? ACTION : path === 'package.json' ? PKG : undefined);
type Job = { strategy: { matrix: { 'node-version': unknown[] } }; steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] };
const migrate = (text: string) => {
  const result = migrateWorkflow(text, '.github/workflows/publish.yml', { pins, repo, readFile });
  return { result, job: (parse(result.after) as { jobs: { publish: Job } }).jobs.publish, env: (parse(result.after) as { env?: Record<string, unknown> }).env };
};
const upgrades = (job: Job) => job.steps.some((step) => /npm@\^?11/.test(step.run ?? ''));

test('a one-entry matrix Node 16 handed to a local setup action goes to 24, with no npm upgrade', () => {
  const { result, job } = migrate(workflow('', '${{ matrix.node-version }}'));
  assert.deepEqual(job.strategy.matrix['node-version'], [24]);
  assert.equal(job.steps[1]!.with!['node-version'], '${{ matrix.node-version }}');
  assert.ok(!upgrades(job), result.after);
  assert.ok(result.changes.some((line) => /matrix node-version 16 -> 24 \(it reaches \.\/\.github\/actions\/setup as node-version/.test(line)), result.changes.join('\n'));
});

test('an env Node 18 handed to it: the step gets 24, the env value stays (other jobs may read it)', () => {
  const { result, job, env } = migrate(workflow('env:\n  NODE_VERSION: 18\n', '${{ env.NODE_VERSION }}'));
  assert.equal(job.steps[1]!.with!['node-version'], 24);
  assert.equal(env!['NODE_VERSION'], 18);
  assert.ok(!upgrades(job), result.after);
});

test('a Node npm 11 runs on (20) keeps its matrix and gets the npm upgrade; a two-entry matrix is not raised', () => {
  const twenty = migrate(workflow('', '${{ matrix.node-version }}').replace('node-version: [16]', 'node-version: [20]'));
  assert.deepEqual(twenty.job.strategy.matrix['node-version'], [20]);
  assert.ok(upgrades(twenty.job), twenty.result.after);
  const two = migrate(workflow('', '${{ matrix.node-version }}').replace('node-version: [16]', 'node-version: [16, 18]'));
  assert.deepEqual(two.job.strategy.matrix['node-version'], [16, 18]);
});

test('doctor names the Node the matrix hands the local action', () => {
  const temp = widgetRepo({ 'package.json': PKG, '.github/actions/setup/action.yml': ACTION, '.github/workflows/publish.yml': workflow('', '${{ matrix.node-version }}') });
  try {
    const findings = (JSON.parse(runCli(['doctor', temp.dir, '--json']).stdout) as { findings: { id: string; message: string }[] }).findings;
    const old = findings.find((f) => f.id === 'old-npm');
    assert.ok(old, JSON.stringify(findings, null, 1));
    assert.match(old.message, /Node 16 \(set up by \.\/\.github\/actions\/setup\) ships npm older than 11\.5\.1/);
  } finally {
    temp.cleanup();
  }
});

test('a Node npm 11 cannot run on that cannot be raised where written (a two-entry matrix): Node 24 is set up just before the publish, not an npm upgrade that stops with EBADENGINE', () => {
  const direct = workflow('', '${{ matrix.node-version }}').replace('node-version: [16]', 'node-version: [16, 18]').replace('      - uses: ./.github/actions/setup\n', '      - uses: actions/setup-node@v4\n');
  const two = migrate(direct);
  assert.ok(!upgrades(two.job), two.result.after);
  const at = two.job.steps.findIndex((step) => step.run === 'npm publish');
  assert.match(two.job.steps[at - 1]!.uses ?? '', /^actions\/setup-node@[0-9a-f]{40}$/);
  assert.equal(two.job.steps[at - 1]!.with!['node-version'], 24);
  assert.ok(two.result.changes.some((line) => /added setup-node with Node 24 before the publish \(npm 11, which trusted publishing needs, does not support Node 16, 18\)/.test(line)), two.result.changes.join('\n'));
  // An exact Node 20 below 20.17 is refused as well: a one-entry matrix of it handed to the local action goes to 24.
  const early = migrate(workflow('', '${{ matrix.node-version }}').replace('node-version: [16]', "node-version: ['20.11.1']"));
  assert.deepEqual(early.job.strategy.matrix['node-version'], ['24']);
});
