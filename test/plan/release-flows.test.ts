// The planner for each release flow: staged publisher values, release tool upgrades,
// release-please files, and the first-release step of the checklist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makePlan } from '../../src/plan/index.js';
import { renderer } from '../../src/providers/github/workflow.js';
import { resolveDefaults } from '../../src/questions/resolve.js';
import type { Answers, Detected } from '../../src/core/model.js';
import { detected } from '../helpers/detected.js';
import { withRelease } from '../fixtures/detected.js';

const plan = (d: Detected, given: Partial<Answers> = {}) => makePlan(d, { ...resolveDefaults(d, {}), ...given }, renderer);

test('staged: the publisher leaves "Allow npm publish" unticked (stage publish is always allowed), and the checklist adds the approval', () => {
  const p = plan(detected(), { release: 'staged' });
  const [s] = p.publishers;
  assert.equal(s?.allow, 'npm stage publish');
  assert.deepEqual(s?.fields.at(-1), { label: 'Allowed actions', value: 'leave "Allow npm publish" unticked', note: 'always allowed; you approve each version with 2FA' });
  assert.equal(s?.trustCommand, 'npm trust github @acme/widget --file publish.yml --repo acme/widget --env npm --allow-stage-publish');
  const ids = p.checklist.map((c) => c.id);
  assert.deepEqual(ids.slice(ids.indexOf('publish'), ids.indexOf('publish') + 3), ['publish', 'approve', 'provenance']);
  const approve = p.checklist.find((c) => c.id === 'approve')!;
  assert.match(approve.detail, /"Staged Packages" tab/);
  assert.equal(approve.command, 'npm stage list @acme/widget');
  assert.match(p.checklist.find((c) => c.id === 'publisher:@acme/widget')!.detail, /leave "Allow npm publish" unticked/);
  assert.match(p.changes[0]!.after, /run: npm stage publish\n$/);
});

test('semantic-release older than 25.0.1, or missing: a loud note and an upgrade step before the commit', () => {
  for (const tools of [{ 'semantic-release': { range: '^24.2.0', major: 24 } }, {}]) {
    const p = plan(withRelease({ flow: 'semantic-release', tools }));
    assert.ok(p.notes.some((n) => /needs semantic-release 25\.0\.1 or newer/.test(n)), JSON.stringify(tools));
    assert.deepEqual(p.checklist.slice(0, 2).map((c) => c.id), ['upgrade-release-tool', 'commit']);
    assert.equal(p.checklist[0]?.command, "npm install --save-dev 'semantic-release@^25.0.1'");
  }
  const fine = plan(withRelease({ flow: 'semantic-release', tools: { 'semantic-release': { range: '^25.0.0', major: 25 } } }));
  assert.ok(!fine.checklist.some((c) => c.id === 'upgrade-release-tool'));
  const plugin = plan(withRelease({ flow: 'semantic-release', tools: { 'semantic-release': { range: '^25.0.0', major: 25 }, '@semantic-release/npm': { range: '^12.0.0', major: 12 } } }));
  assert.match(plugin.checklist[0]!.command!, /@semantic-release\/npm@\^13\.1\.0/);
});

test('changesets needs CLI 3 (changesets/action v2 refuses 2); the first release is a merged version PR', () => {
  const p = plan(withRelease({ flow: 'changesets', tools: { '@changesets/cli': { range: '^2.27.0', major: 2 } } }, { packageManager: { name: 'pnpm', source: 'lockfile' } }));
  assert.ok(p.notes.some((n) => n.includes('package.json asks for @changesets/cli ^2.27.0')));
  assert.equal(p.checklist[0]?.command, "pnpm add --save-dev '@changesets/cli@^3'");
  assert.match(p.checklist.find((c) => c.id === 'publish')!.detail, /"Version Packages" pull request/);
  assert.match(p.checklist.find((c) => c.id === 'environment')!.detail, /runs on every push to main/);
});

test('release-please: both files are written when missing, left alone when present, named when one is missing', () => {
  const none = plan(detected(), { release: 'release-please' });
  assert.deepEqual(none.changes.map((c) => c.path), ['.github/workflows/publish.yml', 'release-please-config.json', '.release-please-manifest.json', '.github/dependabot.yml']);
  assert.deepEqual(JSON.parse(none.changes[2]!.after), { '.': '1.2.3' });
  const both = plan(withRelease({ flow: 'release-please', releasePleaseFiles: ['release-please-config.json', '.release-please-manifest.json'] }));
  assert.deepEqual(both.changes.map((c) => c.path), ['.github/workflows/publish.yml', '.github/dependabot.yml']);
  const one = plan(withRelease({ flow: 'release-please', releasePleaseFiles: ['release-please-config.json'] }));
  assert.ok(one.notes.some((n) => n.includes('.release-please-manifest.json is missing')));
});

test('Yarn 1 installs with --frozen-lockfile and says it publishes with npm; bun says bun publish has no OIDC', () => {
  const yarn1 = plan(detected({ packageManager: { name: 'yarn', source: 'lockfile', lockfile: 'yarn.lock', yarnClassic: true } }));
  assert.match(yarn1.changes[0]!.after, /run: yarn install --frozen-lockfile/);
  assert.ok(yarn1.notes.some((n) => n.startsWith('Yarn 1') && n.includes('falls back to npm publish')));
  const berry = plan(detected({ packageManager: { name: 'yarn', source: 'lockfile', lockfile: 'yarn.lock' } }));
  assert.match(berry.changes[0]!.after, /run: yarn install --immutable/);
  const bun = plan(detected({ packageManager: { name: 'bun', source: 'lockfile', lockfile: 'bun.lock' } }));
  assert.ok(bun.notes.some((n) => n.includes('bun publish cannot publish with trusted publishing')));
  assert.match(bun.changes[0]!.after, /run: npm publish\n$/);
});

test('branch flows run on the detected default branch; a branch GitHub would read as a pattern falls back to main', () => {
  const trunk = plan(detected({ git: { ...detected().git, defaultBranch: 'trunk' } }), { release: 'semantic-release' });
  assert.match(trunk.changes[0]!.after, /branches: \["trunk"\]/);
  const odd = plan(detected({ git: { ...detected().git, defaultBranch: 'release/*' } }), { release: 'changesets' });
  assert.match(odd.changes[0]!.after, /branches: \["main"\]/);
  assert.ok(odd.notes.some((n) => n.includes('reads as a pattern')));
});
