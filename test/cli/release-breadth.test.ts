// End to end: the release flows through the built binary. The flow in use is detected and
// proposed; old release tools are named loudly; staged publishing gets its own values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { makePackageRepo, type TempRepo } from '../helpers/repo.js';
import { runCli } from '../helpers/cli.js';
import { auditWorkflow } from '../../src/audit/index.js';
import { actionlint } from '../../src/audit/actionlint.js';

const WORKFLOW = '.github/workflows/publish.yml';
const ok = { repository: 'github:acme/widget' };

async function workflowOf(repo: TempRepo) {
  const text = readFileSync(join(repo.dir, WORKFLOW), 'utf8');
  assert.deepEqual(auditWorkflow(text, WORKFLOW, { repo: { owner: 'acme', name: 'widget' } }).filter((f) => f.level !== 'info'), []);
  assert.deepEqual(await actionlint(text, WORKFLOW), []);
  return parse(text);
}

const uses = (job: { steps: { uses?: string }[] }) => job.steps.map((s) => s.uses?.split('@')[0]).filter(Boolean);

test('changesets in devDependencies: the changesets flow is proposed and written, with no npm token', async (t) => {
  const repo = makePackageRepo({ pkg: { ...ok, devDependencies: { '@changesets/cli': '^3.0.1' } } });
  t.after(() => repo.cleanup());
  const r = runCli([repo.dir, '--yes']);
  assert.equal(r.code, 0, r.stderr);
  const doc = await workflowOf(repo);
  assert.deepEqual(doc.on, { push: { branches: ['main'] } });
  assert.deepEqual(doc.jobs.release.permissions, { contents: 'write', 'pull-requests': 'write', 'id-token': 'write' });
  const step = doc.jobs.release.steps.at(-1);
  assert.match(step.uses, /^changesets\/action@[0-9a-f]{40}$/);
  assert.equal(step.with['publish-script'], 'npx --no changeset publish');
  assert.equal(step.with['github-token'], '${{ secrets.GITHUB_TOKEN }}');
  assert.deepEqual(Object.keys(step.env), ['GITHUB_TOKEN']);
  assert.doesNotMatch(r.stdout, /Upgrade @changesets\/cli/);
});

test('Changesets CLI 2 and semantic-release 24 are named with the upgrade to make; the run still succeeds', () => {
  const cases = [
    { devDependencies: { '@changesets/cli': '^2.29.0' }, tool: '@changesets/cli', command: "npm install --save-dev '@changesets/cli@^3'" },
    { devDependencies: { 'semantic-release': '^24.2.0' }, tool: 'semantic-release', command: "npm install --save-dev 'semantic-release@^25.0.1'" },
  ];
  for (const c of cases) {
    const repo = makePackageRepo({ pkg: { ...ok, devDependencies: c.devDependencies } });
    try {
      const r = runCli([repo.dir, '--yes']);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stdout.includes(`${c.tool} ${Object.values(c.devDependencies)[0]} is older than`), `finding for ${c.tool}`);
      assert.ok(r.stdout.includes(`needs ${c.tool}`), `note for ${c.tool}`);
      assert.ok(r.stdout.includes(`Upgrade ${c.tool} first`), `checklist item for ${c.tool}`);
      assert.ok(r.stdout.includes(c.command), c.command);
    } finally {
      repo.cleanup();
    }
  }
});

test('semantic-release: one job that runs the local semantic-release with full history', async (t) => {
  const repo = makePackageRepo({ pkg: { ...ok, devDependencies: { 'semantic-release': '^25.0.0' } } });
  t.after(() => repo.cleanup());
  const r = runCli([repo.dir, '--yes']);
  assert.equal(r.code, 0, r.stderr);
  const doc = await workflowOf(repo);
  const job = doc.jobs.release;
  assert.equal(job.steps[0].with['fetch-depth'], 0);
  assert.equal(job.steps.at(-1).run, 'npx --no semantic-release');
  assert.equal(job.permissions['id-token'], 'write');
  assert.doesNotMatch(r.stdout, /Upgrade semantic-release/);
});

test('release-please config files: detected, and the publish runs in the same workflow after the release', async (t) => {
  const repo = makePackageRepo({
    pkg: ok,
    files: { 'release-please-config.json': { packages: { '.': { 'release-type': 'node' } } }, '.release-please-manifest.json': { '.': '1.2.3' } },
  });
  t.after(() => repo.cleanup());
  const r = runCli([repo.dir, '--yes']);
  assert.equal(r.code, 0, r.stderr);
  const doc = await workflowOf(repo);
  assert.deepEqual(uses(doc.jobs['release-please']), ['googleapis/release-please-action']);
  assert.equal(doc.jobs.publish.needs, 'release-please');
  assert.match(doc.jobs.publish.if, /^needs\.release-please\.outputs\.releases_created == 'true' && github\.repository == 'acme\/widget'$/);
  assert.equal(doc.jobs.publish.steps.at(-1).run, 'npm publish');
  assert.deepEqual(repo.git('status', '--porcelain').split('\n'), ['?? .github/'], 'the existing config is left alone');
});

test('--release release-please without config writes both files so the first run has something to release', (t) => {
  const repo = makePackageRepo({ pkg: ok });
  t.after(() => repo.cleanup());
  const r = runCli([repo.dir, '--yes', '--release', 'release-please']);
  assert.equal(r.code, 0, r.stderr);
  const config = JSON.parse(readFileSync(join(repo.dir, 'release-please-config.json'), 'utf8'));
  assert.deepEqual(config.packages, { '.': { 'release-type': 'node' } });
  assert.equal(config['include-component-in-tag'], false);
  assert.deepEqual(JSON.parse(readFileSync(join(repo.dir, '.release-please-manifest.json'), 'utf8')), { '.': '1.2.3' });
});

test('--release staged: npm stage publish, "Allow npm publish" left unticked, and a checklist step to approve', async (t) => {
  const repo = makePackageRepo({ pkg: ok });
  t.after(() => repo.cleanup());
  const r = runCli([repo.dir, '--yes', '--release', 'staged']);
  assert.equal(r.code, 0, r.stderr);
  const doc = await workflowOf(repo);
  assert.equal(doc.jobs.publish.steps.at(-1).run, 'npm stage publish');
  assert.ok(doc.jobs.publish.steps.some((s: { run?: string }) => s.run === 'npm install -g npm@^11.15.0'));
  assert.match(r.stdout, /Allowed actions +leave "Allow npm publish" unticked/);
  assert.ok(r.stdout.includes('npm trust github @acme/widget --file publish.yml --repo acme/widget --env npm --allow-stage-publish'));
  assert.match(r.stdout, /Approve the staged version on npmjs\.com/);
  assert.match(r.stdout, /Staged Packages/);
  assert.doesNotMatch(r.stdout, /tick "Allow npm publish"/);
  // Run again: the staged flow is detected from the workflow, and nothing changes.
  const again = runCli([repo.dir, '--yes']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /Nothing to change/);
});

test('flags that cannot go together exit 2 and write nothing', (t) => {
  const repo = makePackageRepo({ pkg: ok });
  t.after(() => repo.cleanup());
  const trigger = runCli([repo.dir, '--yes', '--release', 'changesets', '--trigger', 'tag']);
  assert.equal(trigger.code, 2);
  assert.match(trigger.stderr, /--trigger does not apply to --release changesets/);
  const bad = runCli([repo.dir, '--yes', '--release', 'nightly']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--release: Choose one of: publish, changesets, release-please, semantic-release, staged\./);
  assert.equal(repo.git('status', '--porcelain'), '');
  assert.ok(!existsSync(join(repo.dir, WORKFLOW)));
});

test('--help documents --packages and --release', () => {
  const r = runCli(['--help']);
  assert.equal(r.code, 0);
  for (const text of ['--packages <a,b>', '--release <publish|changesets|release-please|semantic-release|staged>']) assert.ok(r.stdout.includes(text), text);
});
