// A release step that runs a make target (`make publish`) publishes when the target's recipe does:
// the publish rule reads the recipe from the Makefile of the step's directory, one level.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeRecipesRun, makeTargets } from '../../src/audit/make-targets.js';
import { runPublishesWith } from '../../src/audit/publish-rule.js';

const files = (entries: Record<string, string>) => (path: string) => entries[path];

const MAKEFILE = [
  '.DEFAULT_GOAL := all',
  'VERSION := $(shell node -p "require(\'./package.json\').version")',
  '',
  '.PHONY: build publish',
  'build:',
  '\t@pnpm run build',
  '',
  'publish: build',
  '\t# the registry is npmjs.com',
  '\t@pnpm publish --no-git-checks',
  '',
  'release-notes:',
  '\t-echo "$(VERSION)"',
].join('\n');

test('make names its targets and its directory', () => {
  assert.deepEqual(makeTargets('make publish'), { dir: '', targets: ['publish'] });
  assert.deepEqual(makeTargets('make -C packages/core build publish VERSION=1'), { dir: 'packages/core', targets: ['build', 'publish'] });
  assert.deepEqual(makeTargets('cmake --build .'), undefined);
  assert.deepEqual(makeTargets('make'), undefined);
});

test('the recipe of a target is read, prefixes and comments dropped', () => {
  const readFile = files({ Makefile: MAKEFILE });
  assert.deepEqual(makeRecipesRun('make publish', readFile), ['pnpm publish --no-git-checks']);
  assert.deepEqual(makeRecipesRun('make release-notes', readFile), ['echo "$(VERSION)"']);
  assert.deepEqual(makeRecipesRun('make publish', files({ 'pkg/Makefile': MAKEFILE }), 'pkg'), ['pnpm publish --no-git-checks']);
});

test('a make target whose recipe publishes publishes; one that builds does not', () => {
  const readFile = files({ Makefile: MAKEFILE });
  assert.equal(runPublishesWith('make publish', { readFile }), true);
  assert.equal(runPublishesWith('make build', { readFile }), false);
  assert.equal(runPublishesWith('make publish', {}), false);
  assert.equal(runPublishesWith('make publish', { readFile: files({}) }), false);
});
