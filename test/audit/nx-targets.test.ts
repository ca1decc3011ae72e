// A release step that runs an Nx target (`npx nx run <project>:publish`) publishes when the
// target's commands do: the publish rule reads the project's project.json (run-commands,
// run-script) or, for a target Nx infers, the project's package.json script of that name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nxTargets, nxTargetsRun } from '../../src/audit/nx-targets.js';
import { runPublishesWith } from '../../src/audit/publish-rule.js';

const files = (entries: Record<string, unknown>) => (path: string) => {
  const value = entries[path];
  return value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
};

const ROOT = { name: 'kit', private: true, workspaces: ['packages/*', 'tools/*'] };
const RELEASE = {
  name: 'kit-release',
  targets: {
    publish: {
      executor: 'nx:run-commands',
      options: { commands: ['nx release version prerelease --preid={args.preid}', 'nx release publish --tag={args.tag}'], parallel: false },
    },
    check: { executor: 'nx:run-commands', options: { command: 'nx release publish --dry-run' } },
    ship: { executor: 'nx:run-script', options: { script: 'ship' } },
    build: { command: 'tsc -p tsconfig.json' },
  },
};

test('nx run names a project and a target; other nx commands name none', () => {
  assert.deepEqual(nxTargets('npx nx run kit-release:publish "${ARGS[@]}"'), [['kit-release', 'publish']]);
  assert.deepEqual(nxTargets('yarn nx run @acme/core:publish:production && echo done'), [['@acme/core', 'publish']]);
  assert.deepEqual(nxTargets('npx nx run-many --target=publish-build --parallel=3'), []);
  assert.deepEqual(nxTargets('nx release publish'), []);
});

test("a project.json target whose commands publish publishes; one that builds or only dry-runs does not", () => {
  const readFile = files({ 'package.json': ROOT, 'tools/kit-release/project.json': RELEASE, 'tools/kit-release/package.json': { name: 'kit-release', private: true, scripts: { ship: 'npm publish --access public' } } });
  assert.equal(runPublishesWith('npx nx run kit-release:publish --preid=next.abc --tag=next', { readFile }), true);
  assert.equal(runPublishesWith('npx nx run kit-release:ship', { readFile }), true, 'nx:run-script runs the package.json script');
  assert.equal(runPublishesWith('npx nx run kit-release:build', { readFile }), false);
  assert.equal(runPublishesWith('npx nx run kit-release:check', { readFile }), false);
  // Another project of that name is not in the repository: nothing to follow.
  assert.equal(runPublishesWith('npx nx run other-release:publish', { readFile }), false);
  // A folder of that name whose project is named otherwise is not it.
  assert.deepEqual(nxTargetsRun('nx run kit-release:publish', files({ 'package.json': ROOT, 'tools/kit-release/project.json': { ...RELEASE, name: 'renamed' } })), []);
});

test('a target Nx infers from the project package.json scripts, in an Nx folder the workspaces do not list', () => {
  const readFile = files({ 'package.json': { name: 'kit', private: true }, 'libs/core/package.json': { name: '@acme/core', version: '1.0.0', scripts: { 'publish-npm': 'npm publish ./dist', test: 'node --test' } } });
  assert.equal(runPublishesWith('npx nx run @acme/core:publish-npm', { readFile }), true);
  assert.equal(runPublishesWith('npx nx run @acme/core:test', { readFile }), false);
  // Without the files there is nothing to follow.
  assert.equal(runPublishesWith('npx nx run @acme/core:publish-npm', { readFile: files({}) }), false);
});
