// multi-semantic-release runs its own semantic-release per workspace package. The toolkit's
// `multi-semrel` is a publish (doctor sees it with no token left); a runner known to bundle a
// semantic-release older than 25 is refused naming it, and another runner migrates with a line
// under "Left for you" saying its semantic-release could not be checked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { MigrateError } from '../../src/migrate/errors.js';
import { parseWorkflow } from '../../src/audit/workflow-model.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };
const workflow = (run: string, token = true) => `on:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm ci
      - run: ${run}
        env:
          GH_TOKEN: \${{ secrets.GH_TOKEN }}
${token ? '          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n' : ''}`;
const path = '.github/workflows/release.yml';
const migrate = (run: string, pkg: object = {}) => () => {
  const files: Record<string, string> = { 'package.json': JSON.stringify({ private: true, workspaces: ['packages/*'], ...pkg }) };
  return migrateWorkflow(workflow(run), path, { pins, repo, readFile: (p) => files[p], publish: { readFile: (p) => files[p] } });
};

test('multi-semrel from @qiwi/semrel-toolkit publishes, with or without the token on its step', () => {
  for (const token of [true, false]) {
    const parsed = parseWorkflow(workflow('npx -p @qiwi/semrel-toolkit multi-semrel --deps.release inherit', token), path, {});
    assert.ok(parsed.ok);
    assert.equal(parsed.workflow.jobs[0]!.steps.at(-1)!.publishes, true);
  }
});

test('the toolkit and @qiwi/multi-semantic-release bundle semantic-release older than 25: refused, naming it', () => {
  assert.throws(
    migrate('npx -p @qiwi/semrel-toolkit multi-semrel --deps.release inherit'),
    (error: unknown) =>
      error instanceof MigrateError &&
      /job "release" publishes with multi-semantic-release from @qiwi\/semrel-toolkit, which runs its own semantic-release ~18\.0\.1/.test(error.message) &&
      /ENONPMTOKEN/.test(error.message),
  );
  assert.throws(migrate('npx multi-semantic-release', { devDependencies: { '@qiwi/multi-semantic-release': '^7.1.2', 'semantic-release': '^25.0.1' } }), /from @qiwi\/multi-semantic-release, which runs its own semantic-release \^21\.0\.5/);
});

test('another multi-semantic-release runner migrates, with its semantic-release named under Left for you', () => {
  const result = migrate('npx multi-semantic-release', { devDependencies: { 'multi-semantic-release': '^3.1.0' } })();
  assert.doesNotMatch(result.after, /NPM_TOKEN/);
  assert.ok(result.left.some((line) => /job "release" runs multi-semantic-release, whose own semantic-release cannot be checked offline/.test(line)), result.left.join('\n'));
});
