// Rehearsal of the semantic-release flow: a `feat:` commit pushed to main runs the generated
// workflow's release job, whose `npx --no semantic-release` (25.0.9, with @semantic-release/npm
// 13.2.0 from the job's `npm ci`) works out 1.0.0, exchanges the job's ID token as a check,
// hands the publish to `npm publish` (which exchanges its own) and pushes the v1.0.0 tag.
// @semantic-release/npm exchanges tokens only when the registry is npmjs.com's, so the job keeps
// npm's default registry and reaches the fake one through npmjs-route.ts. The repository's own
// release config names no @semantic-release/github (its GitHub API calls are not emulated);
// a bare repository stands in for github.com/acme/widget.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { execOk, startMachine, type Machine } from './machine.js';
import { assertOnlyOidcCredentials, logOf, pkg, setUp } from './fixture.js';
import { startNpmjsRoute, NPMJS_HOST, type NpmjsRoute } from './npmjs-route.js';
import { runGithubJob } from './runner-github.js';
import { lockedInstall, SEMANTIC_RELEASE_VERSION } from './tools.js';

let machine: Machine;
let route: NpmjsRoute;
before(async () => {
  machine = await startMachine();
  route = await startNpmjsRoute(machine.registry.url);
});
after(async () => (await route?.close(), await machine?.close()));

const RELEASE_CONFIG = { branches: ['main'], plugins: ['@semantic-release/commit-analyzer', '@semantic-release/release-notes-generator', '@semantic-release/npm'] };

async function rehearse(t: { skip(reason: string): void }, name: string) {
  const tool = lockedInstall('semantic-release', SEMANTIC_RELEASE_VERSION);
  if (!tool.ok) return t.skip(tool.reason), undefined;
  machine.registry.serveLocked(tool.value.lock, tool.value.cache);
  const devDependencies = { 'semantic-release': SEMANTIC_RELEASE_VERSION };
  // The lockfile of semantic-release alone, with this package at its root and the tool as a dev dependency.
  const packages = Object.fromEntries(Object.entries(tool.value.lock.packages).map(([path, entry]) => [path, path ? { ...entry, dev: true } : { name, version: '0.0.0-development', devDependencies }]));
  const s = await setUp(machine, {
    files: { 'package.json': pkg(name, '0.0.0-development', { devDependencies }), 'package-lock.json': { name, version: '0.0.0-development', lockfileVersion: 3, requires: true, packages }, '.releaserc.json': RELEASE_CONFIG },
    args: ['--release', 'semantic-release'],
  });
  const remote = mkdtempSync(join(tmpdir(), 'ctp-remote-'));
  try {
    s.repo.git('commit', '-q', '--allow-empty', '-m', 'feat: the first release');
    const bare = join(remote, 'widget.git');
    await execOk('git', ['clone', '-q', '--bare', s.repo.dir, bare], remote);
    const result = await runGithubJob(machine, { source: s.repo.dir, workflow: '.github/workflows/publish.yml', repository: 'acme/widget', event: { name: 'push', ref: 'refs/heads/main' }, job: 'release', npmjs: route, gitRemote: bare });
    const tags = (await execOk('git', ['tag', '--list'], bare)).trim();
    return { result, tags };
  } finally {
    s.repo.cleanup();
    rmSync(remote, { recursive: true, force: true });
  }
}

test('semantic-release: a feat: commit on main releases 1.0.0, published once with the exchanged token, tag pushed', async (t) => {
  const name = '@acme/semantic-release-widget';
  const r = await rehearse(t, name);
  if (!r) return;
  if (r.result.status === 'skipped-tool') return t.skip(r.result.reason);
  assert.equal(r.result.status, 'passed', logOf(r.result));
  // Two exchanges: @semantic-release/npm's check in verifyConditions (its token is dropped), then npm publish's own.
  assert.match(logOf(r.result), /OIDC token exchange with the npm registry succeeded/);
  assert.equal(machine.registry.requests.filter((q) => q.method === 'POST' && decodeURIComponent(q.path).endsWith(`/exchange/package/${name}`)).length, 2);
  assert.deepEqual(machine.registry.published.filter((p) => p.name === name).map((p) => `${p.name}@${p.version}`), [`${name}@1.0.0`]);
  assert.equal(r.tags, 'v1.0.0');
  assert.deepEqual([...new Set(route.asked)], [`${NPMJS_HOST}:443`]);
  assertOnlyOidcCredentials(machine);
});
