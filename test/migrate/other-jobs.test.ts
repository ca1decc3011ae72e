// The jobs of a migrated file that do not publish: they keep what they need to run (a checkout's
// credentials and write access where an action commits and pushes), and the deprecated
// `::set-output` command actionlint rejects goes to $GITHUB_OUTPUT.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { setOutputLine } from '../../src/migrate/set-output.js';
import { actionlint } from '../../src/audit/actionlint.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const WORKFLOW = `on:
  push:
    tags: ['v*']
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
      - id: version
        run: echo ::set-output name=VERSION::\${GITHUB_REF#refs/tags/v}
      - uses: actions/checkout@v4
      - run: sed -i "s/@[0-9.]*/@\${{ steps.version.outputs.VERSION }}/" README.md
      - uses: stefanzweifel/git-auto-commit-action@v4
        with:
          commit_message: docs for \${{ steps.version.outputs.VERSION }}
`;

test('a job that commits with git-auto-commit-action keeps its checkout credentials and contents: write', () => {
  const result = migrateWorkflow(WORKFLOW, '.github/workflows/release.yml', { pins, repo });
  const docs = parse(result.after).jobs.docs;
  assert.equal(docs.steps[1].with?.['persist-credentials'], undefined);
  assert.deepEqual(docs.permissions, { contents: 'write' });
  assert.ok(result.left.some((line) => line.startsWith('job "docs": actions/checkout keeps its credentials')), result.left.join('\n'));
  // The publishing job still loses its credentials.
  assert.equal(parse(result.after).jobs.publish.steps[0].with['persist-credentials'], false);
});

test('::set-output lines become $GITHUB_OUTPUT lines, and actionlint accepts the migrated file', async () => {
  const result = migrateWorkflow(WORKFLOW, '.github/workflows/release.yml', { pins, repo });
  assert.equal(parse(result.after).jobs.docs.steps[0].run, 'echo VERSION=${GITHUB_REF#refs/tags/v} >> "$GITHUB_OUTPUT"');
  assert.deepEqual(await actionlint(result.after, '.github/workflows/release.yml'), []);
});

test('setOutputLine: whole echo lines only, quotes kept', () => {
  assert.equal(setOutputLine('  echo "::set-output name=dir::$(yarn cache dir)"'), '  echo "dir=$(yarn cache dir)" >> "$GITHUB_OUTPUT"');
  assert.equal(setOutputLine("echo '::set-output name=a::b c'"), `echo 'a=b c' >> "$GITHUB_OUTPUT"`);
  assert.equal(setOutputLine('echo ::set-output name=v::1 && other'), undefined);
  assert.equal(setOutputLine('echo "::set-output name=v::$(git describe | cut -c2-)"'), undefined);
  assert.equal(setOutputLine('printf "::set-output name=v::1"'), undefined);
});
