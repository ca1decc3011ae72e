// The shared question list: the new packages (multi-select) and release questions, and how
// flags and defaults resolve against what was detected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QUESTIONS, questionFor } from '../../src/questions/list.js';
import { pendingQuestions, resolveDefaults } from '../../src/questions/resolve.js';
import { checkPublishable } from '../../src/commands/create/run.js';
import { UsageError, FailedError } from '../../src/core/errors.js';
import { detected } from '../helpers/detected.js';
import { monorepoDetected, withRelease } from '../fixtures/detected.js';

const packages = questionFor('packages');

test('the question list has one multi-select: the packages, with choices from the repository', () => {
  assert.deepEqual(QUESTIONS.map((q) => q.id), [
    'provider', 'repo', 'gitlabProject', 'circleciOrgId', 'circleciProjectId', 'circleciPipelineId', 'vcsOrigin', 'circleciContexts',
    'packages', 'packageManager', 'release', 'trigger', 'environment', 'workflow', 'ciFile', 'node', 'fixRepository',
  ]);
  assert.deepEqual(QUESTIONS.filter((q) => q.kind === 'multiselect').map((q) => q.id), ['packages']);
  assert.equal(packages.kind, 'multiselect');
  if (packages.kind !== 'multiselect') return;
  assert.deepEqual(packages.choices(monorepoDetected()).map((c) => [c.value, c.hint]), [['acme-cli', 'packages/cli · 2.1.0'], ['@acme/core', 'packages/core · 1.0.0']]);
  assert.equal(packages.certain(monorepoDetected()), false);
  assert.equal(packages.certain(detected()), true, 'one package: nothing to ask');
  assert.deepEqual(packages.defaultValue(monorepoDetected()), ['acme-cli', '@acme/core']);
  assert.deepEqual(packages.defaultValue(detected()), ['@acme/widget']);
});

test('packages parse from a comma or space separated list, and format back the same way', () => {
  assert.deepEqual(packages.parse(' acme-cli, @acme/core acme-cli'), { ok: true, value: ['acme-cli', '@acme/core'] });
  assert.equal(packages.parse('').ok, false);
  assert.equal(packages.parse('bad$name').ok, false);
  // Capitals are a rule for new names only: a flag may name an older package of the repository.
  assert.equal(packages.parse('JSONStream').ok, true);
  assert.equal(packages.parse('a,${{ x }}').ok, false);
  assert.equal(packages.format(['acme-cli', '@acme/core']), 'acme-cli, @acme/core');
  const round = packages.parse(packages.format(['acme-cli', '@acme/core']));
  assert.deepEqual(round, { ok: true, value: ['acme-cli', '@acme/core'] });
});

test('unknown --packages names are a usage error listing the valid ones', () => {
  assert.throws(() => resolveDefaults(monorepoDetected(), { packages: ['nope'] }), (e: unknown) => e instanceof UsageError && /--packages: nope is not a package this repository can publish\. Choose from: acme-cli, @acme\/core\./.test(e.message));
  assert.throws(() => checkPublishable(monorepoDetected(), { packages: ['acme-cli', 'x', 'y'] }), /x, y are not packages/);
  assert.doesNotThrow(() => checkPublishable(monorepoDetected(), { packages: ['acme-cli'] }));
});

test('a monorepo root is no longer refused; one without publishable packages is, with the reason', () => {
  assert.doesNotThrow(() => checkPublishable(monorepoDetected()));
  assert.throws(() => checkPublishable(monorepoDetected({ workspacePackages: [] })), (e: unknown) => e instanceof FailedError && /none of its workspace packages can be published/.test(e.message));
});

test('the release flow defaults to the one detected, else publish', () => {
  assert.equal(resolveDefaults(detected(), {}).release, 'publish');
  assert.equal(resolveDefaults(withRelease({ flow: 'changesets' }), {}).release, 'changesets');
  assert.equal(resolveDefaults(withRelease({ flow: 'changesets' }), { release: 'staged' }).release, 'staged');
  assert.deepEqual(questionFor('release').parse('semantic-release'), { ok: true, value: 'semantic-release' });
  assert.equal(questionFor('release').parse('lerna').ok, false);
});

test('the trigger is not asked when a release tool decides, and cannot be forced there', () => {
  const asked = (given: Parameters<typeof pendingQuestions>[1]) => pendingQuestions(detected(), given).map((q) => q.id);
  assert.ok(asked({}).includes('trigger'));
  assert.ok(asked({ release: 'staged' }).includes('trigger'));
  for (const release of ['changesets', 'release-please', 'semantic-release'] as const) {
    assert.ok(!asked({ release }).includes('trigger'), release);
    assert.throws(() => resolveDefaults(detected(), { release, trigger: 'tag' }), /--trigger does not apply/);
  }
  assert.equal(questionFor('trigger').applies?.({ release: 'changesets' }), false);
});

test('semantic-release with several packages is refused: it publishes one package per repository', () => {
  assert.throws(() => resolveDefaults(monorepoDetected(), { release: 'semantic-release' }), /semantic-release publishes one package/);
  assert.equal(resolveDefaults(monorepoDetected(), { release: 'semantic-release', packages: ['acme-cli'] }).packages.length, 1);
});
