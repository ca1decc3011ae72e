// Negative controls: runs that must not publish, so the rehearsal is known to catch a workflow
// or a publisher that does not match. No id-token: write; a publisher naming another
// environment, another workflow file, or the owner in another case; a leftover token in the
// job's environment (npm still exchanges, but a request carries the token: caught).
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startMachine, type Machine } from './machine.js';
import { assertOnlyOidcCredentials, logOf, npmLock, pkg, rehearseGithub, type GithubCase } from './fixture.js';

let machine: Machine;
before(async () => (machine = await startMachine()));
after(() => machine?.close());

const single = (name: string, extra: Partial<GithubCase> = {}): GithubCase => ({
  files: { 'package.json': pkg(name, '1.2.3'), 'package-lock.json': npmLock(name, '1.2.3') },
  args: [],
  tags: ['v1.2.3'],
  event: { name: 'release', ref: 'refs/tags/v1.2.3' },
  ...extra,
});

async function mustFail(t: { skip(reason: string): void }, c: GithubCase, why: RegExp): Promise<void> {
  const r = await rehearseGithub(machine, c);
  if (r.result.status === 'skipped-tool') return t.skip(r.result.reason);
  assert.equal(r.result.status, 'failed', logOf(r.result));
  assert.equal(r.result.status === 'failed' && r.result.failedStep, 'Publish');
  assert.deepEqual(r.published, []);
  assert.match(logOf(r.result), why);
  // Cases run concurrently: only this case's packages count.
  const mine = machine.registry.exchanges.filter((e) => r.setup?.publishers.has(e.name));
  assert.ok(mine.every((e) => e.status !== 201), `an exchange succeeded: ${JSON.stringify(mine)}`);
}

describe('negative controls', { concurrency: 3 }, () => {
  test('no id-token: write: npm gets no ID token and cannot publish', (t) =>
    mustFail(
      t,
      single('@acme/neg-no-id-token', {
        edit: (repo) => {
          const file = join(repo.dir, '.github/workflows/publish.yml');
          writeFileSync(file, readFileSync(file, 'utf8').replace(/^\s*id-token: write.*\n/m, ''));
        },
      }),
      /ENEEDAUTH/,
    ));

  test('a publisher with another environment: the exchange is refused (404)', (t) =>
    mustFail(t, single('@acme/neg-env', { tamper: (p) => p.forEach((x) => x.kind === 'github' && (x.environment = 'production')) }), /ENEEDAUTH/));

  test('a publisher with another workflow file name: the exchange is refused', (t) =>
    mustFail(t, single('@acme/neg-file', { tamper: (p) => p.forEach((x) => x.kind === 'github' && (x.workflow = 'release.yml')) }), /ENEEDAUTH/));

  test('a publisher whose owner differs in case only: the exchange is refused (names are case-sensitive)', (t) =>
    mustFail(t, single('@acme/neg-case', { tamper: (p) => p.forEach((x) => x.kind === 'github' && (x.owner = 'Acme')) }), /ENEEDAUTH/));

  test('a publisher that names an environment the job does not run in: refused', (t) =>
    mustFail(t, single('@acme/neg-env-missing', { args: ['--no-environment'], tamper: (p) => p.forEach((x) => x.kind === 'github' && (x.environment = 'npm')) }), /ENEEDAUTH/));

  test('a leftover token in the environment: the rehearsal sees a request carry it', async (t) => {
    const r = await rehearseGithub(
      machine,
      single('@acme/neg-token', {
        // What setup-node's registry-url writes: an .npmrc that hands npm $NODE_AUTH_TOKEN.
        edit: (repo) => writeFileSync(join(repo.dir, '.npmrc'), `//${new URL(machine.registry.url).host}/:_authToken=\${NODE_AUTH_TOKEN}\n`),
        env: { NODE_AUTH_TOKEN: 'npm_leftover_token_from_a_secret' },
      }),
    );
    if (r.result.status === 'skipped-tool') return t.skip(r.result.reason);
    const mine = machine.registry.requests.filter((q) => q.path.includes('neg-token'));
    assert.ok(mine.some((q) => q.credential === 'other'), JSON.stringify(mine));
    assert.throws(() => assertOnlyOidcCredentials(machine), /carried a credential that is not from the OIDC exchange/);
  });
});
