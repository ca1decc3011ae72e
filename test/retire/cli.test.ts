// `create-trusted-publish retire` through the built binary: the real npm against the loopback
// registry, the recording gh on PATH. Nothing may change before the proof, and only what the
// user chose may change after it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { runCliAsync, startRegistry, type FakeRegistry } from '../helpers/registry-server.js';
import { accountRequests, CI_YML, world } from '../helpers/retire-setup.js';

let registry: FakeRegistry;
before(async () => {
  if (!existsSync(join(ROOT, 'dist/cli.js'))) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  registry = await startRegistry();
});
after(() => registry.close());

const accessPosts = (w: ReturnType<typeof world>) => w.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/access')).map((r) => decodeURIComponent(r.path));

test('no provenance on the latest version: exit 1 before anything runs', async (t) => {
  const w = world(registry, { packages: { '@acme/widget': false } });
  t.after(() => w.cleanup());
  const r = await runCliAsync(['retire', w.repo.dir, '--yes', '--registry', registry.url], { env: w.env });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /✖ @acme\/widget@1\.2\.3 has no provenance attestations/);
  assert.match(r.stderr, /Stopped before changing anything: @acme\/widget lacks the proof/);
  assert.match(r.stderr, /could leave no way to publish/);
  assert.match(r.stderr, /Publish a release with the new workflow.*\n {2}npm view @acme\/widget dist\.attestations\nthen run `create-trusted-publish retire` again/);
  assert.deepEqual(accountRequests(w.requests()), [], 'the registry saw only package document reads');
  assert.deepEqual(w.gh.calls(), []);
  assert.equal(registry.access.size, 0);
});

test('proof present + --yes: tokens disallowed per package, NPM_TOKEN deleted and verified, exit 0', async (t) => {
  const w = world(registry, { packages: { '@acme/a': true, '@acme/b': true } });
  t.after(() => w.cleanup());
  const r = await runCliAsync(['retire', w.repo.dir, '--yes', '--registry', registry.url], { env: w.env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(accessPosts(w).sort(), ['/-/package/@acme/a/access', '/-/package/@acme/b/access']);
  assert.deepEqual(registry.access.get('@acme/a'), { publish_requires_tfa: true, automation_token_overrides_tfa: false });
  assert.deepEqual(w.gh.calls(), [['secret', 'delete', 'NPM_TOKEN', '--repo', 'acme/widget'], ['secret', 'list', '--repo', 'acme/widget', '--json', 'name']]);
  assert.deepEqual(w.gh.secrets('acme/widget'), ['CODECOV_TOKEN']);
  // Each command is shown before it runs.
  assert.ok(r.stdout.indexOf('$ npm access set mfa=publish @acme/a') < r.stdout.indexOf('Summary'));
  assert.match(r.stdout, /\$ gh secret delete NPM_TOKEN --repo acme\/widget/);
  assert.match(r.stdout, /\? disallow tokens +@acme\/a .*Check: https:\/\/www\.npmjs\.com\/package\/@acme\/a\/access/);
  assert.match(r.stdout, /✔ delete secret +NPM_TOKEN +NPM_TOKEN is gone from acme\/widget/);
  // Tokens are listed (no value), and none is revoked without --revoke.
  assert.match(r.stdout, /a1b2c3 {2}ci-publish {2}created 2026-01-02 {2}can publish/);
  assert.match(r.stdout, /f6e5d4 {2}laptop {6}created 2026-03-04 {2}read-only/);
  assert.match(r.stdout, /– revoke token +none +None chosen/);
  assert.equal(registry.tokens.length, 3);
  assert.doesNotMatch(r.stdout + r.stderr, /npm_SECRET|a1b2c3d4e5f6/);
  assert.match(r.stdout, /Nothing failed\./);
});

test('--dry-run prints every command and changes nothing', async (t) => {
  const w = world(registry);
  t.after(() => w.cleanup());
  const r = await runCliAsync(['retire', w.repo.dir, '--dry-run', '--revoke', 'a1b2c3', '--registry', registry.url], { env: w.env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  for (const c of ['npm access set mfa=publish @acme/widget', 'gh secret delete NPM_TOKEN --repo acme/widget', 'npm token list', 'npm token revoke a1b2c3']) {
    assert.ok(r.stdout.includes(`$ ${c}`), `${c} printed:\n${r.stdout}`);
  }
  assert.match(r.stdout, /Dry run: nothing was changed/);
  assert.deepEqual(accountRequests(w.requests()), []);
  assert.deepEqual(w.gh.calls(), []);
  assert.equal(registry.tokens.length, 3);
});

test('--revoke <id> revokes exactly that token, verified; an unknown id fails without touching others', async (t) => {
  const w = world(registry);
  t.after(() => w.cleanup());
  const r = await runCliAsync(['retire', w.repo.dir, '--yes', '--revoke', '0a0b0c', '--registry', registry.url], { env: w.env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(registry.tokens.map((t) => t.name), ['ci-publish', 'laptop']);
  assert.deepEqual(w.requests().filter((q) => q.method === 'DELETE').map((q) => q.path), ['/-/npm/v1/tokens/token/0a0b0c0d0e0f']);
  assert.match(r.stdout, /\$ npm token revoke 0a0b0c/);
  assert.match(r.stdout, /✔ revoke token +0a0b0c +Token 0a0b0c is revoked/);

  const unknown = await runCliAsync(['retire', w.repo.dir, '--yes', '--revoke', 'ffffff', '--registry', registry.url], { env: w.env });
  assert.equal(unknown.code, 1, unknown.stdout + unknown.stderr);
  assert.match(unknown.stdout, /✖ revoke token +ffffff +No token with id ffffff/);
  assert.equal(registry.tokens.length, 2);
});

test('no terminal and no --yes: exit 2 naming --yes, nothing asked or run', async (t) => {
  const w = world(registry);
  t.after(() => w.cleanup());
  const r = await runCliAsync(['retire', w.repo.dir, '--registry', registry.url], { env: w.env });
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /No terminal to ask in\. Pass --yes/);
  assert.deepEqual(w.requests(), []);
  assert.deepEqual(w.gh.calls(), []);
});

test('--force without provenance goes on, saying loudly what it skipped', async (t) => {
  const w = world(registry, { packages: { '@acme/widget': false } });
  t.after(() => w.cleanup());
  const r = await runCliAsync(['retire', w.repo.dir, '--yes', '--force', '--registry', registry.url], { env: w.env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stderr, /WARNING: --force skipped the provenance check for @acme\/widget/);
  assert.deepEqual(accessPosts(w), ['/-/package/@acme/widget/access']);
  assert.deepEqual(w.gh.secrets('acme/widget'), ['CODECOV_TOKEN']);
});

test('a secret an npm dist-tag step reads is kept: that step needs a token that can write', async (t) => {
  const distTag = CI_YML.replace('      - run: npm ci\n', '      - run: npm dist-tag add @acme/widget@1.0.0 latest\n');
  const w = world(registry, { files: { '.github/workflows/ci.yml': distTag } });
  t.after(() => w.cleanup());
  const r = await runCliAsync(['retire', w.repo.dir, '--yes', '--registry', registry.url], { env: w.env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /– NPM_TOKEN: still used by a step that runs npm dist-tag, deprecate or the like \(\.github\/workflows\/ci\.yml:13\), which trusted publishing does not cover/);
  assert.doesNotMatch(r.stdout, /swap in a read-only token/);
  assert.deepEqual(w.gh.secrets('acme/widget'), ['NPM_TOKEN', 'CODECOV_TOKEN']);
});

test('a secret an install step still reads is skipped with its file:line', async (t) => {
  const w = world(registry, { files: { '.github/workflows/ci.yml': CI_YML } });
  t.after(() => w.cleanup());
  const r = await runCliAsync(['retire', w.repo.dir, '--yes', '--registry', registry.url], { env: w.env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /– NPM_TOKEN: still used by a step that does not publish \(\.github\/workflows\/ci\.yml:13\): swap in a read-only token there first/);
  assert.match(r.stdout, /– delete secret +NPM_TOKEN/);
  assert.doesNotMatch(r.stdout, /\$ gh secret delete/);
  assert.deepEqual(w.gh.calls(), []);
  assert.deepEqual(w.gh.secrets('acme/widget'), ['NPM_TOKEN', 'CODECOV_TOKEN']);
  // Step 2d lists it among the things left by hand.
  assert.match(r.stdout, /\.github\/workflows\/ci\.yml:13 {2}NODE_AUTH_TOKEN \(secrets\.NPM_TOKEN\) on a step that does not publish/);
  assert.deepEqual(accessPosts(w), ['/-/package/@acme/widget/access'], 'the other steps still ran');
});

test('--json: one stable document on stdout, npm output kept off it', async (t) => {
  const w = world(registry, { files: { '.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n' } });
  t.after(() => w.cleanup());
  const r = await runCliAsync(['retire', w.repo.dir, '--yes', '--json', '--revoke', 'a1b2c3', '--registry', registry.url], { env: w.env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const doc = JSON.parse(r.stdout);
  assert.equal(doc.schema, 'create-trusted-publish/retire@1');
  assert.equal(doc.ok, true);
  assert.equal(doc.stopped, null);
  assert.deepEqual(doc.proof, [{ name: '@acme/widget', latest: '1.2.3', status: 'proven', reason: null }]);
  assert.deepEqual(doc.items.map((i: { id: string; step: string; status: string }) => [i.id, i.step, i.status]), [
    ['disallow-tokens:@acme/widget', 'disallow-tokens', 'unverified'],
    ['secret:NPM_TOKEN', 'delete-secret', 'done'],
    ['revoke-token:a1b2c3', 'revoke-token', 'done'],
  ]);
  assert.equal(doc.items[1].command, 'gh secret delete NPM_TOKEN --repo acme/widget');
  assert.deepEqual(doc.tokens[0], { id: 'a1b2c3', name: 'ci-publish', created: '2026-01-02T00:00:00.000Z', readonly: false });
  assert.deepEqual(doc.leftovers, [{ file: '.npmrc', line: 1, what: '_authToken', secret: null, kind: 'npmrc' }]);
  assert.doesNotMatch(r.stdout + r.stderr, /npm_SECRET|a1b2c3d4e5f6/);

  const stopped = await runCliAsync(['retire', w.repo.dir, '--yes', '--json', '--registry', `${registry.url}/nowhere`], { env: w.env });
  assert.equal(stopped.code, 1);
  assert.deepEqual([JSON.parse(stopped.stdout).stopped, JSON.parse(stopped.stdout).items], ['no-proof', []]);
});

test('bad usage exits 2 before anything runs', async () => {
  for (const args of [['--json'], ['--frobnicate'], ['--revoke', 'npm_abcdef'], ['--repo', 'nope'], ['--registry', 'ftp://x'], ['a', 'b'], ['/nonexistent/dir', '--yes']]) {
    const r = await runCliAsync(['retire', ...args]);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.ok(r.stderr.trim().length > 0);
  }
  const revokeValue = await runCliAsync(['retire', '--yes', '--revoke', 'npm_abcdef']);
  assert.match(revokeValue.stderr, /not a token value/);
  const help = await runCliAsync(['retire', '--help']);
  assert.equal(help.code, 0);
  for (const flag of ['--yes', '--dry-run', '--revoke', '--repo', '--registry', '--force', '--json']) assert.ok(help.stdout.includes(flag), flag);
});
