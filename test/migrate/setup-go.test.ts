// actions/setup-go in a publishing job: majors up to v3 run on a Node GitHub no longer offers
// (actionlint rejects them), so the reference moves to the pinned v7; from v4 it caches Go
// modules by default, so a release job sets `cache: false` (doctor flags it otherwise).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { actionlint } from '../../src/audit/actionlint.js';
import { workflowDoctor } from '../../src/doctor/index.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const workflow = (setupGo: string) => `on:
  push:
    tags: ['v*']
permissions:
  contents: read
jobs:
  publish:
    if: github.repository == 'acme/widget'
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: ${setupGo}
        with:
          go-version: '1.22'
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

const cacheFindings = (content: string) =>
  workflowDoctor([{ path: '.github/workflows/publish.yml', fileName: 'publish.yml', content }], repo).findings.filter((f) => f.id === 'cache-poisoning').map((f) => f.line);

test('setup-go v2 moves to the pinned v7 with cache: false, and actionlint passes', async () => {
  const result = migrateWorkflow(workflow('actions/setup-go@v2'), '.github/workflows/publish.yml', { pins, repo });
  const step = parse(result.after).jobs.publish.steps.find((s: { uses?: string }) => s.uses?.startsWith('actions/setup-go@'));
  assert.match(step.uses, /^actions\/setup-go@[0-9a-f]{40}$/);
  assert.match(result.after, /actions\/setup-go@[0-9a-f]{40} # v7\.\d+\.\d+/);
  assert.equal(step.with.cache, false);
  assert.equal(step.with['go-version'], '1.22');
  assert.ok(result.changes.some((line) => line.includes('setup-go with cache: false')), result.changes.join('\n'));
  assert.deepEqual(await actionlint(result.after, '.github/workflows/publish.yml'), []);
  assert.deepEqual(cacheFindings(result.after), []);
});

test('doctor: setup-go v4+ without cache: false in a publishing job is a cache warning; v3 or cache: false is not', () => {
  assert.deepEqual(cacheFindings(workflow('actions/setup-go@v5')), [14]);
  assert.deepEqual(cacheFindings(workflow('actions/setup-go@v3')), []);
  assert.deepEqual(cacheFindings(workflow('actions/setup-go@v5').replace("go-version: '1.22'", "go-version: '1.22'\n          cache: false")), []);
});
