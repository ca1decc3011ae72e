// A publishing job on a runner image GitHub has removed never starts, nor does one the publish waits
// for: migrate moves those labels to the one GitHub advised (ubuntu-latest, windows-latest, macos-latest) and leaves every other job's runner as written.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const workflow = (publishRunsOn: string) => `on:
  push:
    tags: ['v*']
jobs:
  lint:
    runs-on: ubuntu-18.04
    steps:
      - run: npm run lint
  build:
    runs-on: ubuntu-18.04
    steps:
      - run: npm run build
  test:
    needs: build
    runs-on: ubuntu-22.04
    steps:
      - run: npm test
  publish:
    needs: test
    runs-on: ${publishRunsOn}
    steps:
      - uses: actions/checkout@v4
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

test('a publishing job on ubuntu-18.04 or ubuntu-20.04 moves to ubuntu-latest, with a change line', () => {
  for (const [label, expected] of [
    ['ubuntu-18.04', 'ubuntu-latest'],
    ["'ubuntu-20.04'", 'ubuntu-latest'],
    ['[ubuntu-20.04]', ['ubuntu-latest']],
  ] as const) {
    const result = migrateWorkflow(workflow(label), '.github/workflows/publish.yml', { pins, repo });
    assert.deepEqual(parse(result.after).jobs.publish['runs-on'], expected, label);
    assert.ok(result.changes.some((line) => /job "publish": runs-on ubuntu-\d+\.04 -> ubuntu-latest \(GitHub has removed/.test(line)), result.changes.join('\n'));
    // The job the publish waits for (through test) moves too, named; one it does not wait for keeps its runner.
    assert.equal(parse(result.after).jobs.build['runs-on'], 'ubuntu-latest');
    assert.ok(result.changes.some((line) => line.startsWith('job "build": runs-on ubuntu-18.04 -> ubuntu-latest')), result.changes.join('\n'));
    assert.equal(parse(result.after).jobs.test['runs-on'], 'ubuntu-22.04');
    assert.equal(parse(result.after).jobs.lint['runs-on'], 'ubuntu-18.04');
  }
});

test('a removed Windows image moves to windows-latest, a removed macOS image to macos-latest', () => {
  for (const [label, expected] of [['windows-2019', 'windows-latest'], ['macos-13', 'macos-latest'], ['macos-12', 'macos-latest']] as const) {
    const result = migrateWorkflow(workflow(label), '.github/workflows/publish.yml', { pins, repo });
    assert.equal(parse(result.after).jobs.publish['runs-on'], expected, label);
    assert.ok(result.changes.includes(`job "publish": runs-on ${label} -> ${expected} (GitHub has removed the ${label} image: the job could not start)`), result.changes.join('\n'));
  }
});

test('a current runner stays as written', () => {
  const result = migrateWorkflow(workflow('ubuntu-22.04'), '.github/workflows/publish.yml', { pins, repo });
  assert.equal(parse(result.after).jobs.publish['runs-on'], 'ubuntu-22.04');
  assert.ok(!result.changes.some((line) => line.includes('job "publish": runs-on')));
});
