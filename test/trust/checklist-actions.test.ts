// "Do the checklist for me": gh replaced by a recording script on PATH, npm real against a
// local registry. An item is done only when the read-back shows it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { deleteSecret, disallowTokens, listTokens, revokeToken } from '../../src/trust/index.js';
import { fakeGh } from '../helpers/fake-gh/index.js';
import { startRegistry, type FakeRegistry } from '../helpers/registry-server.js';

let registry: FakeRegistry;
let env: NodeJS.ProcessEnv;
before(async () => {
  registry = await startRegistry();
  env = { ...process.env, ...registry.npmEnv() };
  registry.packages.set('@acme/widget', { latest: '1.0.0', versions: { '1.0.0': {} } });
});
after(() => registry.close());

test('a repository secret is deleted with the exact gh command and verified gone', async () => {
  const gh = fakeGh({ 'acme/widget': ['NPM_TOKEN', 'CODECOV_TOKEN'] });
  const result = await deleteSecret({ repo: 'acme/widget', name: 'NPM_TOKEN' }, { env: { ...process.env, ...gh.env } });
  assert.equal(result.status, 'done', result.detail);
  assert.deepEqual(gh.calls(), [['secret', 'delete', 'NPM_TOKEN', '--repo', 'acme/widget'], ['secret', 'list', '--repo', 'acme/widget', '--json', 'name']]);
  assert.deepEqual(gh.secrets('acme/widget'), ['CODECOV_TOKEN']);
  assert.equal(result.command, 'gh secret delete NPM_TOKEN --repo acme/widget');
});

test('an environment secret uses --env for the delete and the check', async () => {
  const gh = fakeGh({ 'acme/widget#npm': ['NPM_TOKEN'] });
  const result = await deleteSecret({ repo: 'acme/widget', name: 'NPM_TOKEN', env: 'npm' }, { env: { ...process.env, ...gh.env } });
  assert.equal(result.status, 'done');
  assert.deepEqual(gh.calls()[0], ['secret', 'delete', 'NPM_TOKEN', '--repo', 'acme/widget', '--env', 'npm']);
  assert.deepEqual(gh.calls()[1], ['secret', 'list', '--repo', 'acme/widget', '--env', 'npm', '--json', 'name']);
});

test('a failed delete is not marked done, and a missing gh points to the settings page', async () => {
  const gh = fakeGh({ 'acme/widget': ['NPM_TOKEN'] }, { fail: 'delete' });
  const failed = await deleteSecret({ repo: 'acme/widget', name: 'NPM_TOKEN' }, { env: { ...process.env, ...gh.env } });
  assert.equal(failed.status, 'failed');
  assert.match(failed.detail, /still listed: failed to delete secret NPM_TOKEN/);
  const missing = await deleteSecret({ repo: 'acme/widget', name: 'NPM_TOKEN' }, { env: { ...process.env, PATH: '/nonexistent' } });
  assert.equal(missing.status, 'unavailable');
  assert.equal(missing.url, 'https://github.com/acme/widget/settings/secrets/actions');
});

test('npm access set mfa=publish sends the setting; npm cannot read it back, so it stays unverified', async () => {
  const result = await disallowTokens('@acme/widget', { env, stdio: 'pipe' });
  assert.equal(result.status, 'unverified', result.detail);
  assert.deepEqual(registry.access.get('@acme/widget'), { publish_requires_tfa: true, automation_token_overrides_tfa: false });
  assert.equal(result.url, 'https://www.npmjs.com/package/@acme/widget/access');
  const missing = await disallowTokens('@acme/nope', { env, stdio: 'pipe' });
  assert.equal(missing.status, 'failed');
});

test('npm token list is shown without values; revoking is explicit and verified', async () => {
  registry.tokens = [
    { key: 'a1b2c3d4e5f6', token: 'npm_SECRETa1', name: 'ci-publish', created: '2026-01-02T00:00:00.000Z', readonly: false, cidr_whitelist: null },
    { key: 'f6e5d4c3b2a1', token: 'npm_SECRETf6', name: 'laptop', created: '2026-03-04T00:00:00.000Z', readonly: true, cidr_whitelist: ['10.0.0.0/8'] },
  ];
  const tokens = await listTokens({ env });
  assert.deepEqual(tokens, [
    { id: 'a1b2c3', name: 'ci-publish', created: '2026-01-02T00:00:00.000Z', readonly: false },
    { id: 'f6e5d4', name: 'laptop', created: '2026-03-04T00:00:00.000Z', readonly: true, cidr: ['10.0.0.0/8'] },
  ]);
  assert.doesNotMatch(JSON.stringify(tokens), /SECRET|a1b2c3d4e5f6/);
  assert.equal(registry.tokens.length, 2, 'listing revokes nothing');
  const revoked = await revokeToken('a1b2c3', { env, stdio: 'pipe' });
  assert.equal(revoked.status, 'done', revoked.detail);
  assert.deepEqual(registry.tokens.map((t) => t.name), ['laptop']);
});
