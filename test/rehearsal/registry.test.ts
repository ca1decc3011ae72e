// The fake registry answers as npmjs.com does, request by request: the exchange matches the
// publisher exactly (404 otherwise), and a publish with the exchanged token is refused with 403
// over an existing version or for a stage-only publisher, 402 for a new scoped package without
// public access, 422 when repository.url names another repository.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { githubClaims, startIssuer, type Issuer } from './oidc-issuer.js';
import { parsePrinted, type Publisher } from './publishers.js';
import { normalizeRepoUrl, startRegistry, type Registry } from './registry.js';

let issuer: Issuer;
let registry: Registry;
before(async () => {
  issuer = await startIssuer();
  registry = await startRegistry(issuer);
});
after(async () => {
  await registry?.close();
  await issuer?.close();
});

const publisher = (extra: Partial<Publisher> = {}): Publisher => ({ kind: 'github', allowPublish: true, owner: 'acme', repository: 'widget', workflow: 'publish.yml', environment: 'npm', ...extra }) as Publisher;
const idToken = (extra: Record<string, unknown> = {}) =>
  issuer.mint({ ...githubClaims({ repository: 'acme/widget', workflowFile: 'publish.yml', ref: 'refs/tags/v1.2.3', eventName: 'release', environment: 'npm' }), aud: 'npm:127.0.0.1', ...extra });

async function exchange(name: string, token: string): Promise<{ status: number; token?: string }> {
  const res = await fetch(new URL(`-/npm/v1/oidc/token/exchange/package/${encodeURIComponent(name)}`, registry.url), { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, ...((await res.json()) as { token?: string }) };
}

async function put(name: string, token: string, version: string, o: { access?: string; repository?: string } = {}): Promise<number> {
  const manifest = { name, version, repository: { url: o.repository ?? 'git+https://github.com/acme/widget.git' } };
  const body = { name, access: o.access, versions: { [version]: manifest }, _attachments: {} };
  const res = await fetch(new URL(encodeURIComponent(name), registry.url), { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.status;
}

test('the exchange: the configured publisher matches; another environment, file, owner case, audience or a forged token does not', async () => {
  registry.addPackage('@acme/x', { versions: ['1.0.0'], publishers: [publisher()] });
  assert.equal((await exchange('@acme/x', idToken())).status, 201);
  assert.equal((await exchange('@acme/x', idToken({ environment: 'production' }))).status, 404);
  assert.equal((await exchange('@acme/x', idToken({ workflow_ref: 'acme/widget/.github/workflows/release.yml@refs/tags/v1.2.3' }))).status, 404);
  assert.equal((await exchange('@acme/x', idToken({ repository: 'Acme/widget' }))).status, 404);
  assert.equal((await exchange('@acme/x', idToken({ aud: 'npm:registry.example.com' }))).status, 404);
  assert.equal((await exchange('@acme/x', `${idToken().slice(0, -4)}AAAA`)).status, 404);
  assert.equal((await exchange('@acme/missing', idToken())).status, 404);
});

test('publish with the exchanged token: 200 once, then 403 over the same version; 422 for another repository; 401 without a token', async () => {
  registry.addPackage('@acme/y', { versions: ['1.0.0'], publishers: [publisher()] });
  const { token } = await exchange('@acme/y', idToken());
  assert.equal(await put('@acme/y', token!, '1.2.3'), 200);
  assert.equal(await put('@acme/y', token!, '1.2.3'), 403);
  assert.equal(await put('@acme/y', token!, '1.2.4', { repository: 'https://github.com/acme/other' }), 422);
  assert.equal(await put('@acme/y', idToken(), '1.2.5'), 404);
  const res = await fetch(new URL(encodeURIComponent('@acme/y'), registry.url), { method: 'PUT', body: '{}' });
  assert.equal(res.status, 401);
});

test('a stage-only publisher refuses npm publish (403) and a new scoped package needs public access (402)', async () => {
  registry.addPackage('@acme/z', { versions: ['1.0.0'], publishers: [publisher({ allowPublish: false })] });
  const stageOnly = (await exchange('@acme/z', idToken())).token!;
  assert.equal(await put('@acme/z', stageOnly, '1.2.3'), 403);
  registry.addPackage('@acme/new', { versions: [], publishers: [publisher()] });
  const fresh = (await exchange('@acme/new', idToken())).token!;
  assert.equal(await put('@acme/new', fresh, '1.0.0'), 402);
  assert.equal(await put('@acme/new', fresh, '1.0.0', { access: 'public' }), 200);
});

test('the publisher is parsed from the printed values, the empty environment included', () => {
  const printed = [
    'On npmjs.com: add a trusted publisher',
    '@acme/widget',
    'https://www.npmjs.com/package/@acme/widget/access',
    '  Trusted publishing → Select your publisher → GitHub Actions, then enter:',
    '    Publisher             GitHub Actions',
    '    Organization or user  acme  case-sensitive',
    '    Repository            widget  case-sensitive',
    '    Workflow filename     publish.yml  file name only, no path',
    '    Environment name      (leave empty)',
    '    Allowed actions       ☐ leave "Allow npm publish" unticked  ← stage publish is always allowed',
    '',
    'Then retire the token, in this order',
  ].join('\n');
  assert.deepEqual(parsePrinted(printed).get('@acme/widget'), { kind: 'github', allowPublish: false, owner: 'acme', repository: 'widget', workflow: 'publish.yml', environment: '' });
});

test('repository URLs are compared in one form', () => {
  for (const url of ['git+https://github.com/acme/widget.git', 'https://github.com/acme/widget', 'git@github.com:acme/widget.git', 'github:acme/widget', 'acme/widget', 'git://github.com/acme/widget.git']) {
    assert.equal(normalizeRepoUrl(url), 'https://github.com/acme/widget', url);
  }
});
