// Publish actions read at their source that cannot exchange OIDC (mikeal/merge-release: a Docker
// image with npm 10, a script that stops without NPM_AUTH_TOKEN): the migration refuses with what
// blocks the exchange and what to do instead, in the workflow rewrite and through the built binary,
// which then writes nothing. Other actions keep the general reason.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPins } from '../../src/render/pins.js';
import { MigrateError, migrateWorkflow } from '../../src/migrate/index.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';
import { WIDGET_LOCK } from '../helpers/widget-repo.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const workflow = (uses: string, env = 'NPM_AUTH_TOKEN: ${{ secrets.NPM_AUTH_TOKEN }}') => `on:
  push:
    branches: [master]
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci
      - name: Publish
        uses: ${uses}
        env:
          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}
          ${env}
`;

const SPECIFIC = /hands an npm token to mikeal\/merge-release, which cannot publish with trusted publishing: its Docker image \(node:18-slim\) runs npm 10, which has no OIDC exchange, and its script stops when NPM_AUTH_TOKEN is unset\. Instead, .*"BREAKING CHANGE" or "!:".*npm publish/;

test('mikeal/merge-release is refused with what blocks the exchange and what to do instead', () => {
  for (const uses of ['mikeal/merge-release@master', 'Mikeal/Merge-Release@v4.0.7']) {
    assert.throws(
      () => migrateWorkflow(workflow(uses), '.github/workflows/release.yml', { pins, repo }),
      (error: unknown) => error instanceof MigrateError && /^job "publish" /.test(error.message) && SPECIFIC.test(error.message.replace(/\s+/g, ' ')),
      uses,
    );
  }
});

test('the binary refuses it with that reason before writing anything', () => {
  const temp = makeRepo({
    remote: 'https://github.com/acme/widget.git',
    files: { '.github/workflows/release.yml': workflow('mikeal/merge-release@master'), 'package.json': { name: 'widget', version: '1.0.0' }, 'package-lock.json': WIDGET_LOCK },
  });
  try {
    const run = runCli([temp.dir, '--migrate', '--yes', '--force']);
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stderr.replace(/\s+/g, ' '), SPECIFIC);
    assert.equal(temp.git('diff', '--name-only'), '');
    assert.equal(readFileSync(join(temp.dir, '.github/workflows/release.yml'), 'utf8'), workflow('mikeal/merge-release@master'));
  } finally {
    temp.cleanup();
  }
});

test('an action not read at its source keeps the general reason', () => {
  assert.throws(
    () => migrateWorkflow(workflow('acme/merge-release-fork@v1'), '.github/workflows/release.yml', { pins, repo }),
    (error: unknown) => error instanceof MigrateError && /acme\/merge-release-fork, an action this tool cannot tell does trusted publishing/.test(error.message),
  );
});
