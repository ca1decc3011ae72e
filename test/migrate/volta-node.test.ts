// A publishing job whose Node comes from volta-cli/action: volta's shims run the package.json `volta`
// pin (or the action's `node-version` input), whatever a setup-node before it gave. A pin too old for
// npm 11.5.1 is overridden by handing the action `node-version: 24` (and `npm-version: 11` when an
// older npm is pinned), not by a setup-node the shims would ignore. Doctor names the pinned Node.
// Through migrateWorkflow, and doctor through the built binary in a real repository.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';
import { WIDGET_LOCK } from '../helpers/widget-repo.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const WORKFLOW = (volta: string) => `on:
  release:
    types: [created]
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
${volta}      - run: npm ci
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
const VOLTA = '      - uses: volta-cli/action@v4\n';

const pkg = (volta: Record<string, string> | undefined) => JSON.stringify({ name: 'widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' }, ...(volta ? { volta } : {}) });
type Step = { uses?: string; run?: string; with?: Record<string, unknown> };
const migrate = (text: string, volta: Record<string, string> | undefined) => {
  const result = migrateWorkflow(text, '.github/workflows/publish.yml', { pins, repo, readFile: (path) => (path === 'package.json' ? pkg(volta) : undefined) });
  return { result, steps: (parse(result.after) as { jobs: { publish: { steps: Step[] } } }).jobs.publish.steps };
};
const voltaStep = (steps: Step[]) => steps.find((s) => /^volta-cli\/action@/.test(s.uses ?? ''))!;
const setupNode = (steps: Step[]) => steps.filter((s) => /^actions\/setup-node@/.test(s.uses ?? ''));
const upgrades = (steps: Step[]) => steps.some((s) => /npm@\^?11/.test(s.run ?? ''));

test('a volta pin of Node 16: the action is handed node-version 24, and no setup-node goes before it', () => {
  const { result, steps } = migrate(WORKFLOW(VOLTA), { node: '16.13.0' });
  assert.deepEqual(voltaStep(steps).with, { 'node-version': 24 });
  assert.deepEqual(setupNode(steps), [], result.after);
  assert.ok(!upgrades(steps), result.after);
  assert.ok(result.changes.some((line) => /volta-cli\/action@v4 node-version 24 instead of the Node 16\.13\.0 of the package\.json `volta` pin/.test(line)), result.changes.join('\n'));
});

test('an older npm pinned beside the Node: npm-version 11 too; a literal node-version input is raised where written', () => {
  const npm = migrate(WORKFLOW(VOLTA), { node: '24.6.0', npm: '8.19.2' });
  assert.deepEqual(voltaStep(npm.steps).with, { 'node-version': 24, 'npm-version': 11 });
  const input = migrate(WORKFLOW(`${VOLTA}        with:\n          node-version: 18\n`), undefined);
  assert.deepEqual(voltaStep(input.steps).with, { 'node-version': 24 });
  assert.deepEqual(setupNode(input.steps), []);
});

test('a volta pin new enough (Node 24.6, or npm 11.6 pinned): nothing is added', () => {
  for (const volta of [{ node: '24.6.0' }, { node: '18.20.0', npm: '11.6.2' }] as Record<string, string>[]) {
    const { result, steps } = migrate(WORKFLOW(VOLTA), volta);
    assert.equal(voltaStep(steps).with, undefined, result.after);
    assert.deepEqual(setupNode(steps), [], result.after);
    assert.ok(!upgrades(steps), result.after);
  }
});

test('volta with no pin and no input sets no Node: setup-node 24 is added as for any job', () => {
  const { steps } = migrate(WORKFLOW(VOLTA), undefined);
  assert.equal(setupNode(steps).length, 1);
});

test('doctor names the Node of the volta pin at the volta-cli/action step, and nothing once it is handed 24', () => {
  const files = (workflow: string) => ({ 'package.json': pkg({ node: '16.13.0' }), 'package-lock.json': WIDGET_LOCK, '.github/workflows/publish.yml': workflow });
  const oldNpm = (workflow: string) => {
    const temp = makeRepo({ remote: 'https://github.com/acme/widget.git', files: files(workflow) });
    try {
      return (JSON.parse(runCli(['doctor', temp.dir, '--json']).stdout) as { findings: { id: string; message: string; line: number | null }[] }).findings.filter((f) => f.id === 'old-npm');
    } finally {
      temp.cleanup();
    }
  };
  const before = oldNpm(WORKFLOW(VOLTA));
  assert.equal(before.length, 1, JSON.stringify(before));
  assert.equal(before[0]!.line, 9);
  assert.match(before[0]!.message, /Node 16\.13\.0 \(from the package\.json `volta` pin, which volta-cli\/action@v4 follows\) ships npm older than 11\.5\.1/);
  assert.deepEqual(oldNpm(WORKFLOW(`${VOLTA}        with:\n          node-version: 24\n`)), []);
});
