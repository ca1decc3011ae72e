// A publish through an npm fetched for the one command (`npx --yes npm@^11.5.1 publish`): it is an
// npm publish for the one publish rule, and its npm, when new enough, settles old-npm.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditWorkflow } from '../../src/audit/index.js';
import { commandPublishes } from '../../src/audit/publish-rule.js';
import { npmSpecNewEnough, npxNewNpmPublish } from '../../src/audit/npx-npm.js';
import { edit, GOOD } from './fixtures.js';

test('npx, pnpm dlx, yarn dlx and bunx running npm@<spec> publish are npm publishes', () => {
  for (const line of [
    'npx --yes npm@^11.5.1 publish --ignore-scripts --provenance --tag latest',
    'npx -y npm@11 publish',
    'npx npm@latest publish --access public',
    'pnpm dlx npm@^11.6.0 publish',
    'yarn dlx npm@11 --loglevel=verbose publish',
    'bunx "npm@^11.5.1" publish',
    'cd dist && npx -y npm@11 publish',
  ]) assert.ok(commandPublishes(line), line);
  for (const line of [
    'npx --yes npm@^11.5.1 publish --dry-run',
    'npx -y npm@11 --version',
    'npx npm@11 pack',
    'echo "run npx npm@11 publish by hand"',
  ]) assert.ok(!commandPublishes(line), line);
});

test('the npm spec is new enough when its newest release is 11.5.1 or later', () => {
  for (const spec of ['11', '^11', '^11.0.0', '^11.5.1', '11.x', '~11.5.0', '11.5', '>=11.5.1', '11.6.2', '12']) assert.ok(npmSpecNewEnough(spec), spec);
  for (const spec of ['10', '^10.9.0', '11.5.0', '11.4.2', '~11.4.0', 'latest', 'next', '']) assert.ok(!npmSpecNewEnough(spec), spec);
  assert.ok(npxNewNpmPublish('npx --yes npm@^11.5.1 publish'));
  assert.ok(!npxNewNpmPublish('npx --yes npm@10 publish'));
});

test('old-npm: a Node 22 job whose publish runs npx npm@^11.5.1 needs no upgrade; npm@10 or npm@latest still does', () => {
  const node22 = edit(GOOD, 'node-version: 24', 'node-version: 22');
  assert.ok(auditWorkflow(node22, 'p.yml').some((f) => f.id === 'old-npm'));
  const npx = (spec: string) => edit(node22, '      - run: npm publish\n', `      - run: npx --yes npm@${spec} publish\n`);
  assert.deepEqual(auditWorkflow(npx('^11.5.1'), 'p.yml'), []);
  assert.deepEqual(auditWorkflow(npx('11'), 'p.yml'), []);
  for (const spec of ['10', 'latest']) assert.ok(auditWorkflow(npx(spec), 'p.yml').some((f) => f.id === 'old-npm'), spec);
});
