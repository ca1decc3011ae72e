// Rehearsal: the generated GitHub workflow, run with the real npm CLI against a registry that
// speaks OIDC, for one npm package: every trigger with and without an environment, staged
// publishing, release-please's publish job, changesets/action running `changeset publish`, a
// package in a subfolder, no lockfile, and the project's own .github/workflows/publish.yml.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT } from '../helpers/cli.js';
import { startMachine, type Machine } from './machine.js';
import { assertOnlyOidcCredentials, logOf, npmLock, pkg, rehearseGithub, SCRIPTS, type GithubCase } from './fixture.js';
import type { GithubEvent } from './runner-github.js';
import { lockedInstall, CHANGESETS_VERSION } from './tools.js';

let machine: Machine;
before(async () => (machine = await startMachine()));
after(() => machine?.close());

const EVENTS: Record<string, GithubEvent> = {
  release: { name: 'release', ref: 'refs/tags/v1.2.3' },
  tag: { name: 'push', ref: 'refs/tags/v1.2.3' },
  manual: { name: 'workflow_dispatch', ref: 'refs/heads/main' },
};

const single = (name: string, extra: Partial<GithubCase> = {}, scripts = false): GithubCase => ({
  files: { 'package.json': pkg(name, '1.2.3', scripts ? { scripts: SCRIPTS } : {}), 'package-lock.json': npmLock(name, '1.2.3') },
  args: [],
  tags: ['v1.2.3'],
  event: EVENTS.release!,
  ...extra,
});

async function expectPublished(t: { skip(reason: string): void }, c: GithubCase, expected: string[]): Promise<void> {
  const r = await rehearseGithub(machine, c);
  if (r.result.status === 'skipped-tool') return t.skip(r.result.reason);
  assert.equal(r.result.status, 'passed', logOf(r.result));
  assert.deepEqual(r.published, expected);
  assertOnlyOidcCredentials(machine);
}

describe('npm, one package', { concurrency: 3 }, () => {
  for (const trigger of ['release', 'tag', 'manual'] as const) {
    for (const env of ['npm', null] as const) {
      const name = `@acme/npm-${trigger}-${env ?? 'noenv'}`;
      test(`${trigger}, ${env ? 'environment npm' : 'no environment'}: published once, with the exchanged token`, (t) =>
        expectPublished(t, single(name, { args: ['--trigger', trigger, ...(env ? ['--environment', env] : ['--no-environment'])], event: EVENTS[trigger]! }), [`${name}@1.2.3`]));
    }
  }

  test('build and test scripts run before the publish, and what the build wrote is published', async (t) => {
    const r = await rehearseGithub(machine, single('@acme/npm-scripts', {}, true));
    if (r.result.status === 'skipped-tool') return t.skip(r.result.reason);
    assert.equal(r.result.status, 'passed', logOf(r.result));
    assert.match(logOf(r.result), /::: npm run build\n[\s\S]*::: npm test\n[\s\S]*::: Publish/);
    const [published] = machine.registry.published.filter((p) => p.name === '@acme/npm-scripts');
    assert.ok(published?.files.includes('built.txt'), published?.files.join(', '));
  });

  test('a tag that does not match package.json fails before publishing', async () => {
    const r = await rehearseGithub(machine, single('@acme/npm-wrong-tag', { args: ['--trigger', 'tag'], tags: ['v9.9.9'], event: { name: 'push', ref: 'refs/tags/v9.9.9' } }));
    assert.equal(r.result.status, 'failed');
    assert.match(logOf(r.result), /Tag v9\.9\.9 does not match package\.json version 1\.2\.3/);
    assert.deepEqual(r.published, []);
  });

  test('staged: npm stage publish, accepted by a publisher with "Allow npm publish" left unticked', (t) =>
    expectPublished(t, single('@acme/npm-staged', { args: ['--release', 'staged'] }), ['stage:@acme/npm-staged@1.2.3']));

  test("release-please: the publish job, with the release job's outputs supplied, publishes", async (t) => {
    const c = single('@acme/npm-release-please', {
      args: ['--release', 'release-please'],
      tags: [],
      event: { name: 'push', ref: 'refs/heads/main' },
      needs: { 'release-please': { outputs: { release_created: 'true', releases_created: 'true' }, result: 'success' } },
    });
    await expectPublished(t, c, ['@acme/npm-release-please@1.2.3']);
    const none = await rehearseGithub(machine, { ...c, files: { ...c.files, 'package.json': pkg('@acme/npm-release-none', '1.2.3') }, needs: { 'release-please': { outputs: { release_created: 'false', releases_created: 'false' }, result: 'success' } } });
    assert.equal(none.result.status, 'job-skipped');
  });

  test('changesets: after the version pull request is merged, the action runs `changeset publish`, which publishes through npm', async (t) => {
    const cli = lockedInstall('@changesets/cli', CHANGESETS_VERSION);
    if (!cli.ok) return t.skip(cli.reason);
    machine.registry.serveLocked(cli.value.lock, cli.value.cache);
    const name = '@acme/npm-changesets';
    const devDependencies = { '@changesets/cli': CHANGESETS_VERSION };
    // The lockfile of the Changesets CLI alone, with this package at its root and the CLI as a dev dependency.
    const packages = Object.fromEntries(Object.entries(cli.value.lock.packages).map(([path, entry]) => [path, path ? { ...entry, dev: true } : { name, version: '1.2.3', devDependencies }]));
    const config = { baseBranch: 'main', access: 'public', commit: false, changelog: false, fixed: [], linked: [], ignore: [], updateInternalDependencies: 'patch' };
    await expectPublished(
      t,
      {
        files: {
          'package.json': pkg(name, '1.2.3', { devDependencies }),
          'package-lock.json': { name, version: '1.2.3', lockfileVersion: 3, requires: true, packages },
          '.changeset/config.json': config,
          '.changeset/README.md': '# Changesets\n',
        },
        args: ['--release', 'changesets'],
        event: { name: 'push', ref: 'refs/heads/main' },
        job: 'release',
      },
      [`${name}@1.2.3`],
    );
  });

  test('a package in a subfolder, the lockfile at the root of a repository that is not a workspace: installs and publishes', (t) =>
    expectPublished(
      t,
      {
        files: { 'package.json': { name: 'widget-tools', private: true }, 'package-lock.json': npmLock('widget-tools', '0.0.0'), 'tools/cli/package.json': pkg('acme-subdir-cli', '1.2.3') },
        sub: 'tools/cli',
        args: [],
        tags: ['v1.2.3'],
        event: EVENTS.release!,
      },
      ['acme-subdir-cli@1.2.3'],
    ));

  test('a workspace member, run from its folder: npm ci reaches the workspace root lockfile, and it publishes', (t) =>
    expectPublished(
      t,
      {
        files: {
          'package.json': { name: 'member-root', private: true, workspaces: ['packages/*'] },
          'package-lock.json': npmLock('member-root', '0.0.0', { 'packages/a': { name: '@acme/npm-member', version: '1.2.3' } }),
          'packages/a/package.json': pkg('@acme/npm-member', '1.2.3'),
        },
        sub: 'packages/a',
        args: [],
        tags: ['v1.2.3'],
        event: EVENTS.release!,
      },
      ['@acme/npm-member@1.2.3'],
    ));

  test('no lockfile at all: installs from package.json and publishes', (t) =>
    expectPublished(t, { ...single('acme-no-lockfile'), files: { 'package.json': pkg('acme-no-lockfile', '1.2.3') } }, ['acme-no-lockfile@1.2.3']));

  test("the project's own .github/workflows/publish.yml, on a stand-in package with the project's name and repository", async (t) => {
    const own = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; repository: object };
    const stand = { name: own.name, version: own.version, repository: own.repository, scripts: { build: 'node -e 0', test: 'node -e 0' } };
    await expectPublished(
      t,
      {
        files: { '.github/workflows/publish.yml': readFileSync(join(ROOT, '.github/workflows/publish.yml'), 'utf8'), 'package.json': stand, 'package-lock.json': npmLock(own.name, own.version) },
        args: [],
        remote: 'git@github.com:create-trusted-publish/create-trusted-publish.git',
        repository: 'create-trusted-publish/create-trusted-publish',
        tags: [`v${own.version}`],
        event: { name: 'release', ref: `refs/tags/v${own.version}` },
      },
      [`${own.name}@${own.version}`],
    );
  });
});
