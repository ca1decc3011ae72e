// --trust through the built binary: npm gets the terminal (inherited stdio, captured here
// through the binary's own pipes) and talks to a local registry.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { makePackageRepo } from '../helpers/repo.js';
import { runCliAsync, startRegistry, type FakeRegistry } from '../helpers/registry-server.js';
import { fixtureRepo } from '../migrate/fixtures.js';

let registry: FakeRegistry;
before(async () => {
  registry = await startRegistry();
  registry.packages.set('@acme/widget', { latest: '1.2.3', versions: { '1.2.3': {} } });
});
after(() => registry.close());

test('--yes --trust writes the workflow, runs npm trust and shows what npm trust list reports', async (t) => {
  const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
  t.after(() => {
    repo.cleanup();
    registry.trust.clear();
  });
  const r = await runCliAsync([repo.dir, '--yes', '--no-open', '--trust'], { env: registry.npmEnv() });
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /\$ npm trust github @acme\/widget --file publish\.yml --repo acme\/widget --env npm --allow-publish --yes/);
  assert.match(r.stdout, /Trust configuration created successfully/, 'npm itself wrote to the terminal');
  assert.match(r.stdout, /✔ @acme\/widget: configured: acme\/widget publish\.yml \(environment npm\)/);
  const post = registry.requests.find((q) => q.method === 'POST');
  assert.deepEqual(post?.body, [{ type: 'github', claims: { repository: 'acme/widget', workflow_ref: { file: 'publish.yml' }, environment: 'npm' }, permissions: ['createPackage'] }]);
});

test('--migrate --force --trust registers the caller of a reusable workflow', async (t) => {
  const repo = fixtureRepo('reusable');
  t.after(() => {
    repo.cleanup();
    registry.trust.clear();
  });
  const r = await runCliAsync([repo.dir, '--migrate', '--yes', '--force', '--trust'], { env: registry.npmEnv() });
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.deepEqual(registry.trust.get('@acme/widget')?.map((c) => (c.claims as { workflow_ref: { file: string } }).workflow_ref.file), ['release.yml']);
});

test('--dry-run --trust prints the commands and sends nothing; --trust needs --yes without a terminal', async (t) => {
  const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
  t.after(() => repo.cleanup());
  const count = registry.requests.length;
  const r = await runCliAsync([repo.dir, '--dry-run', '--trust', '--no-environment'], { env: registry.npmEnv() });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^\$ npm trust github @acme\/widget --file publish\.yml --repo acme\/widget --allow-publish --yes$/m);
  assert.equal(registry.requests.length, count);
  assert.equal(runCli([repo.dir, '--trust']).code, 2);
});

test('a package missing from the registry: exit 1 with the bootstrap choice, the workflow still written', async (t) => {
  const repo = makePackageRepo({ pkg: { name: '@acme/brand-new', repository: 'github:acme/widget' } });
  t.after(() => repo.cleanup());
  const r = await runCliAsync([repo.dir, '--yes', '--no-open', '--trust'], { env: registry.npmEnv() });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /✖ @acme\/brand-new: .*not on the registry yet.*npm publish --access public/);
  assert.equal(repo.git('status', '--porcelain'), '?? .github/');
});
