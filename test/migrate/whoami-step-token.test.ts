// A step that checks the login before the publish (`npm config get registry`, then `npm whoami`)
// keeps its other lines once the whoami goes; when none of them reads an npm credential, the
// step's token goes too, so that no step is left holding the retired token. A step whose other
// lines might use it (an `npm view` of a private package, a write to .npmrc) keeps it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const workflow = (check: string) => `on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm ci
      - name: Verify npm auth
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
        run: |
${check
  .split('\n')
  .map((line) => `          ${line}`)
  .join('\n')}
      - name: Publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
        run: npm publish
`;

const migrate = (check: string) => {
  const result = migrateWorkflow(workflow(check), '.github/workflows/publish.yml', {
    pins,
    repo,
    readFile: (path) => (path === 'package.json' ? JSON.stringify({ name: 'widget', version: '1.0.0' }) : undefined),
  });
  const steps = (parse(result.after) as { jobs: { publish: { steps: { name?: string; run?: string; env?: Record<string, string> }[] } } }).jobs.publish.steps;
  return { result, check: steps.find((step) => step.name === 'Verify npm auth') };
};

test('npm whoami goes from a check step; with only npm config get, a version or an echo left, so does its token', () => {
  for (const rest of ['npm config get registry', 'echo "registry: $(npm config get registry)"\nnpm --version', 'npm config list']) {
    const { result, check } = migrate(`${rest}\nnpm whoami`);
    assert.ok(check, rest);
    assert.equal(check.run!.trim(), rest, rest);
    assert.equal(check.env, undefined, `${rest}: the token stays on the step`);
    assert.ok(!result.after.includes('secrets.NPM_TOKEN'), rest);
    assert.ok(result.changes.some((line) => /step "Verify npm auth": removed NODE_AUTH_TOKEN \(secrets\.NPM_TOKEN\)/.test(line)), result.changes.join('\n'));
  }
});

test('a check step whose other lines may read the credential keeps its token', () => {
  for (const rest of ['npm view @acme/private-dep version', 'npm config get registry > registry.txt', 'npm config get registry && ./scripts/check.sh']) {
    const { check } = migrate(`${rest}\nnpm whoami`);
    assert.ok(check, rest);
    assert.equal(check.run!.trim(), rest, rest);
    assert.deepEqual(Object.keys(check.env ?? {}), ['NODE_AUTH_TOKEN'], rest);
  }
});

test('npm whoami in front of the publish on one line goes; the publish stays, without the token', () => {
  const text = workflow('npm ci').replace('run: npm publish', 'run: npm whoami && npm publish --access public');
  const result = migrateWorkflow(text, '.github/workflows/publish.yml', { pins, repo, readFile: (path) => (path === 'package.json' ? JSON.stringify({ name: 'widget', version: '1.0.0' }) : undefined) });
  const steps = (parse(result.after) as { jobs: { publish: { steps: { name?: string; run?: string; env?: unknown }[] } } }).jobs.publish.steps;
  const publish = steps.find((step) => step.name === 'Publish');
  assert.equal(publish?.run, 'npm publish --access public');
  assert.equal(publish?.env, undefined);
  assert.ok(result.changes.some((line) => line.includes('removed npm whoami')), result.changes.join('\n'));
});
