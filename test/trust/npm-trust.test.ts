// npm trust with the REAL npm CLI against a local registry: what npm sends, how results are
// read back, and every way it can fail.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { canUseNpmTrust, runNpmTrust, trustCommandsFor } from '../../src/trust/index.js';
import type { Runner } from '../../src/trust/exec.js';
import { startRegistry, type FakeRegistry } from '../helpers/registry-server.js';

let registry: FakeRegistry;
let env: NodeJS.ProcessEnv;
const cwd = mkdtempSync(join(tmpdir(), 'ctp-trust-'));
before(async () => {
  registry = await startRegistry({ user: 'alice' });
  env = { ...process.env, ...registry.npmEnv() };
});
after(() => registry.close());
beforeEach(() => {
  registry.packages.clear();
  registry.trust.clear();
  registry.rejectTrust.clear();
  registry.packages.set('@acme/core', { latest: '1.0.0', versions: { '1.0.0': {} } });
  registry.packages.set('@acme/utils', { latest: '1.0.0', versions: { '1.0.0': {} } });
});

const commands = (packages: string[], environment: string | null = 'npm') =>
  trustCommandsFor({ packages, repo: { owner: 'acme', name: 'widget' }, workflow: 'release.yml', environment });

test('canUseNpmTrust: the installed npm is new enough and whoami names the user', async () => {
  const ready = await canUseNpmTrust({ env, cwd });
  assert.equal(ready.ok, true, !ready.ok ? ready.reason : '');
  assert.equal(ready.ok && ready.user, 'alice');
});

test('canUseNpmTrust: not logged in, or an npm older than 11.15, is a reason, not a crash', async () => {
  const userconfig = join(cwd, 'anonymous-npmrc');
  writeFileSync(userconfig, `registry=${registry.url}/\n`);
  const anonymous = await canUseNpmTrust({ env: { ...env, npm_config_userconfig: userconfig }, cwd });
  assert.equal(anonymous.ok, false);
  assert.match(!anonymous.ok ? anonymous.reason : '', /npm login/);
  const old: Runner = async () => ({ code: 0, stdout: '11.10.0\n', stderr: '', missing: false });
  const tooOld = await canUseNpmTrust({ run: old });
  assert.match(!tooOld.ok ? tooOld.reason : '', /npm 11\.10\.0 .* 11\.15\.0/);
  const none: Runner = async () => ({ code: 127, stdout: '', stderr: '', missing: true });
  assert.match(await canUseNpmTrust({ run: none }).then((r) => (!r.ok ? r.reason : '')), /not found/);
});

test('each package is configured with the exact claims, read back, with a pause between packages', async () => {
  const pauses: number[] = [];
  const results = await runNpmTrust(commands(['@acme/core', '@acme/utils']), { env, cwd, stdio: 'pipe', out: () => {}, sleep: async (ms) => void pauses.push(ms) });
  assert.deepEqual(results.map((r) => r.status), ['configured', 'configured']);
  assert.deepEqual(pauses, [2000]);
  const posts = registry.requests.filter((r) => r.method === 'POST');
  assert.deepEqual(posts.map((r) => r.path), ['/-/package/@acme%2fcore/trust', '/-/package/@acme%2futils/trust']);
  assert.deepEqual(posts[0]!.body, [{ type: 'github', claims: { repository: 'acme/widget', workflow_ref: { file: 'release.yml' }, environment: 'npm' }, permissions: ['createPackage'] }]);
  assert.ok(posts.every((r) => r.authorized));
  assert.deepEqual(results[0]!.listed, [{ id: 'tp-1', type: 'github', file: 'release.yml', repository: 'acme/widget', environment: 'npm', permissions: ['createPackage'] }]);
});

test('a package that does not exist yet is skipped with the bootstrap choice; nothing is sent', async () => {
  const [result] = await runNpmTrust(commands(['@acme/brand-new']), { env, cwd, stdio: 'pipe', out: () => {} });
  assert.equal(result!.status, 'missing');
  assert.match(result!.message, /npm publish --access public/);
  assert.ok(!registry.requests.some((r) => r.method === 'POST' && r.path.includes('brand-new')));
});

test('a refused configuration fails with the settings page to fall back to', async () => {
  registry.rejectTrust.add('@acme/core');
  const [result] = await runNpmTrust(commands(['@acme/core']), { env, cwd, stdio: 'pipe', out: () => {} });
  assert.equal(result!.status, 'failed');
  assert.match(result!.message, /failed \(exit 1\): add it on https:\/\/www\.npmjs\.com\/package\/@acme\/core\/access/);
});

test('a publisher that exists with other values is not counted as configured', async () => {
  registry.trust.set('@acme/core', [{ id: 'old', type: 'github', claims: { repository: 'acme/widget', workflow_ref: { file: 'old.yml' } }, permissions: ['createStagedPackage'] }]);
  registry.rejectTrust.add('@acme/core');
  const [result] = await runNpmTrust(commands(['@acme/core'], null), { env, cwd, stdio: 'pipe', out: () => {} });
  assert.equal(result!.status, 'failed');
  assert.equal(result!.listed?.[0]?.file, 'old.yml');
});

test('--dry-run prints the commands and never starts npm', async () => {
  const lines: string[] = [];
  const count = registry.requests.length;
  const never: Runner = async () => assert.fail('npm must not run');
  const results = await runNpmTrust(commands(['@acme/core']), { dryRun: true, run: never, out: (t) => lines.push(t) });
  assert.deepEqual(results.map((r) => r.status), ['printed']);
  assert.deepEqual(lines, ['$ npm trust github @acme/core --file release.yml --repo acme/widget --env npm --allow-publish --yes']);
  assert.equal(registry.requests.length, count);
});
