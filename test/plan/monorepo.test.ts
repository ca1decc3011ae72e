// The planner at a monorepo root: one workflow, one publisher and one repository fix per
// package, and a checklist that lists every package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { makePlan } from '../../src/plan/index.js';
import { renderer } from '../../src/providers/github/workflow.js';
import { resolveDefaults } from '../../src/questions/resolve.js';
import type { Answers } from '../../src/core/model.js';
import { monorepoDetected } from '../fixtures/detected.js';

const plan = (given: Partial<Answers> = {}, d = monorepoDetected()) => makePlan(d, { ...resolveDefaults(d, {}), ...given }, renderer);

test('one workflow publishes every chosen package from its own folder, packing workspace: ranges with pnpm', () => {
  const p = plan({ trigger: 'tag' });
  const wf = parse(p.changes[0]!.after);
  assert.deepEqual(wf.on.push.tags, ['v*', 'acme-cli@*', '@acme/core@*']);
  const steps = wf.jobs.publish.steps as { run?: string; env?: Record<string, string> }[];
  assert.equal(steps.find((s) => s.env?.PACKAGE_DIRS)?.env?.PACKAGE_DIRS, 'packages/cli\npackages/core');
  assert.ok(steps.some((s) => s.run === 'pnpm -r run build'), 'builds the workspaces (the root has no build script)');
  assert.ok(steps.some((s) => s.run === 'pnpm run test'));
  assert.match(steps.at(-1)!.run!, /pnpm pack --pack-destination "\$RUNNER_TEMP\/pack"\n\s*npm publish "\$RUNNER_TEMP"\/pack\/\*\.tgz/);
  assert.equal(wf.jobs.publish.defaults, undefined, 'install runs at the workspace root');
  assert.ok(p.notes.some((n) => n.startsWith('acme-cli depends on workspace: or catalog: ranges')));
});

test('each package gets its own publisher (same workflow and environment) and its own repository.directory', () => {
  const p = plan();
  assert.deepEqual(p.publishers.map((s) => [s.packageName, s.url]), [
    ['acme-cli', 'https://www.npmjs.com/package/acme-cli/access'],
    ['@acme/core', 'https://www.npmjs.com/package/@acme/core/access'],
  ]);
  for (const s of p.publishers) {
    assert.deepEqual(s.fields.filter((f) => ['Workflow filename', 'Environment name'].includes(f.label)).map((f) => f.value), ['publish.yml', 'npm']);
  }
  const fixes = p.changes.filter((c) => c.path.endsWith('package.json')).map((c) => [c.path, JSON.parse(c.after).repository.directory]);
  assert.deepEqual(fixes, [['packages/cli/package.json', 'packages/cli'], ['packages/core/package.json', 'packages/core']]);
});

test('the checklist has one publisher step per package, a loop for npm trust, and every URL', () => {
  const p = plan();
  const ids = p.checklist.map((c) => c.id);
  assert.deepEqual(ids.slice(0, 5), ['commit', 'publisher:acme-cli', 'publisher:@acme/core', 'publisher:all', 'environment']);
  assert.equal(
    p.checklist.find((c) => c.id === 'publisher:all')?.command,
    'for p in acme-cli @acme/core; do npm trust github "$p" --file publish.yml --repo acme/widget --env npm --allow-publish --yes; sleep 2; done',
  );
  const commit = p.checklist.find((c) => c.id === 'commit')!.command!;
  assert.ok(commit.includes('packages/cli/package.json packages/core/package.json'));
  for (const id of ['provenance', 'disallow-tokens']) {
    const item = p.checklist.find((c) => c.id === id)!;
    assert.match(item.detail, /acme-cli/);
    assert.match(item.detail, /@acme\/core/);
  }
  assert.equal(p.checklist.find((c) => c.id === 'disallow-tokens')?.command, 'npm access set mfa=publish acme-cli && npm access set mfa=publish @acme/core');
  const publish = p.checklist.find((c) => c.id === 'publish')!;
  assert.equal(publish.command, 'gh release create acme-cli@2.1.0 --generate-notes', 'packages at different versions: a package tag');
  assert.match(publish.detail, /<name>@<version> releases that package/);
});

test('--packages narrows everything to the chosen ones; --no-fix-repository leaves a note per package', () => {
  const p = plan({ packages: ['@acme/core'], fixRepository: false });
  assert.deepEqual(p.publishers.map((s) => s.packageName), ['@acme/core']);
  assert.deepEqual(p.changes.map((c) => c.path), ['.github/workflows/publish.yml', '.github/dependabot.yml']);
  assert.ok(p.notes.some((n) => n === 'packages/core/package.json "repository" does not name acme/widget: npm will refuse the publish (E422) until it does ("directory": "packages/core" is suggested, not required).'), p.notes.join("\n"));
  assert.ok(!p.notes.some((n) => n.includes('packages/cli')));
  assert.throws(() => plan({ packages: ['nope'] }), /Choose from: acme-cli, @acme\/core/);
});

test('changesets publishes every public package: the ones not chosen are named', () => {
  const p = plan({ release: 'changesets', packages: ['acme-cli'] });
  assert.ok(p.notes.some((n) => n.includes('also @acme/core')));
  const wf = parse(p.changes[0]!.after);
  assert.equal(wf.jobs.release.steps.at(-1).with['publish-script'], 'pnpm exec changeset publish');
});

test('a publishable monorepo root is published too, from the repository root', () => {
  const base = monorepoDetected();
  const d = monorepoDetected({ pkg: { ...base.pkg!, name: 'acme', version: '3.0.0', private: false } });
  const p = makePlan(d, { ...resolveDefaults(d, {}), trigger: 'manual' }, renderer);
  assert.deepEqual(p.publishers.map((s) => s.packageName), ['acme', 'acme-cli', '@acme/core']);
  const steps = parse(p.changes[0]!.after).jobs.publish.steps as { env?: Record<string, string> }[];
  assert.equal(steps.at(-1)?.env?.PACKAGE_DIRS, '.\npackages/cli\npackages/core');
});
