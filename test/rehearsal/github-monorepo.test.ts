// Rehearsal of a monorepo root: one workflow publishes the chosen workspace packages from their
// own folders. Tags `v1.2.3` (every package at that version) and `@scope/name@1.2.3` (one
// package); a re-run after a partial release publishes only what is missing, for public and
// for restricted packages (which `npm view` cannot see without a token).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMachine, type Machine } from './machine.js';
import { assertOnlyOidcCredentials, logOf, npmLock, pkg, rehearseGithub, type GithubCase } from './fixture.js';

let machine: Machine;
before(async () => (machine = await startMachine()));
after(() => machine?.close());

/** An npm workspace root with two packages at 1.2.3, each naming its folder in "repository". */
function npmMonorepo(prefix: string, extra: Partial<GithubCase> = {}): GithubCase {
  const core = `@${prefix}/core`;
  const cli = `${prefix}-cli`;
  return {
    files: {
      'package.json': { name: `${prefix}-root`, private: true, workspaces: ['packages/*'] },
      'package-lock.json': npmLock(`${prefix}-root`, '0.0.0', { 'packages/core': { name: core, version: '1.2.3' }, 'packages/cli': { name: cli, version: '1.2.3' } }),
      'packages/core/package.json': pkg(core, '1.2.3', { publishConfig: { access: 'public' } }),
      'packages/cli/package.json': pkg(cli, '1.2.3'),
    },
    args: ['--trigger', 'tag'],
    tags: ['v1.2.3', `${core}@1.2.3`],
    event: { name: 'push', ref: 'refs/tags/v1.2.3' },
    ...extra,
  };
}

async function run(t: { skip(reason: string): void }, c: GithubCase): Promise<string[] | undefined> {
  const r = await rehearseGithub(machine, c);
  if (r.result.status === 'skipped-tool') return void t.skip(r.result.reason);
  assert.equal(r.result.status, 'passed', logOf(r.result));
  assertOnlyOidcCredentials(machine);
  return r.published.sort();
}

describe('npm workspaces', { concurrency: 3 }, () => {
  test('tag v1.2.3 publishes every package at 1.2.3, each once', async (t) => {
    const published = await run(t, npmMonorepo('mono-v'));
    if (published) assert.deepEqual(published, ['@mono-v/core@1.2.3', 'mono-v-cli@1.2.3']);
  });

  test('tag @scope/name@1.2.3 publishes that package only', async (t) => {
    const published = await run(t, npmMonorepo('mono-one', { event: { name: 'push', ref: 'refs/tags/@mono-one/core@1.2.3' } }));
    if (published) assert.deepEqual(published, ['@mono-one/core@1.2.3']);
  });

  test("release-please at the workspace root: the publish job, with the release job's outputs supplied, publishes every package", async (t) => {
    const c = npmMonorepo('mono-rp', {
      args: ['--release', 'release-please'],
      tags: [],
      event: { name: 'push', ref: 'refs/heads/main' },
      needs: { 'release-please': { outputs: { releases_created: 'true' }, result: 'success' } },
    });
    const published = await run(t, c);
    if (published) assert.deepEqual(published, ['@mono-rp/core@1.2.3', 'mono-rp-cli@1.2.3']);
  });

  test('re-run after a partial release: the version already on npm is skipped, the missing one published', async (t) => {
    const published = await run(t, npmMonorepo('mono-rerun', { versions: { '@mono-rerun/core': ['1.2.3'] } }));
    if (published) assert.deepEqual(published, ['mono-rerun-cli@1.2.3']);
  });

  test('re-run after a partial release of restricted packages: npm view sees nothing, the publish over 1.2.3 is skipped', async (t) => {
    const r = await rehearseGithub(machine, npmMonorepo('mono-private', { access: 'restricted', versions: { '@mono-private/core': ['1.2.3'] } }));
    if (r.result.status === 'skipped-tool') return t.skip(r.result.reason);
    assert.equal(r.result.status, 'passed', logOf(r.result));
    assert.deepEqual(r.published, ['mono-private-cli@1.2.3']);
    assert.match(logOf(r.result), /packages\/core: this version is already on npm, skipped\./);
    assertOnlyOidcCredentials(machine);
  });
});
