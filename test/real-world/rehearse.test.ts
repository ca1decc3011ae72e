// Real-world fixtures whose steps can run offline, migrated with `--migrate --force` and then run
// by the rehearsal's GitHub runner against the loopback registry: the migrated job must publish
// with the exchanged token only. The fixture's files are used as they are, except package.json
// gains the scripts the workflow runs (the fixture's own only name the package) and the lockfile
// is one npm ci accepts. (The runner fires `release` for types: published only, so fixtures
// triggered on types: created are not rehearsed here.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT } from '../helpers/cli.js';
import { filesUnder } from '../migrate/fixtures.js';
import type { TempRepo } from '../helpers/repo.js';
import { startMachine, type Machine } from '../rehearsal/machine.js';
import { assertOnlyOidcCredentials, logOf, npmLock, rehearseGithub } from '../rehearsal/fixture.js';
import type { GithubEvent, GithubRun } from '../rehearsal/runner-github.js';

const DIR = join(ROOT, 'test', 'fixtures', 'real-world');

let machine: Machine;
before(async () => (machine = await startMachine()));
after(() => machine?.close());

interface Case {
  fixture: string;
  workflow: string;
  job: string;
  event: GithubEvent;
  scripts?: Record<string, string>;
  needs?: GithubRun['needs'];
  /** The branch the commit is made on, when the event is a push to one other than the default. */
  branch?: string;
}

const CASES: Case[] = [
  { fixture: 'alpha-tag-on-main-push-node14', workflow: 'npm-publish.yml', job: 'alpha', event: { name: 'push', ref: 'refs/heads/main' }, scripts: { test: 'node -e 0' } },
  { fixture: 'oidc-without-token-node20-release-branch', workflow: 'npm-publish.yml', job: 'ship', event: { name: 'push', ref: 'refs/heads/release' }, scripts: { build: 'node -e 0', test: 'node -e 0' }, branch: 'release' },
  {
    fixture: 'pull-request-trigger-publish-on-release-only',
    workflow: 'npm-publish.yml',
    job: 'publish-npm',
    event: { name: 'release', ref: 'refs/tags/v1.0.3' },
    needs: { build: { outputs: {}, result: 'success' } },
  },
  { fixture: 'push-main-publish-node20x', workflow: 'npm-publish.yml', job: 'build', event: { name: 'push', ref: 'refs/heads/main' } },
  {
    fixture: 'custom-secret-npm-registry-node18-exact',
    workflow: 'npm-publish.yml',
    job: 'publish-npm',
    event: { name: 'push', ref: 'refs/heads/master' },
    scripts: { build: 'node -e 0' },
    branch: 'master',
  },
  { fixture: 'push-main-package-json-paths-setup-node-v1', workflow: 'publish.yml', job: 'build', event: { name: 'push', ref: 'refs/heads/main' }, scripts: { build: 'node -e 0' } },
  { fixture: 'tag-push-node22-quoted-version-scoped-public', workflow: 'npm-publish.yml', job: 'publish', event: { name: 'push', ref: 'refs/tags/v0.2.20' }, scripts: { build: 'node -e 0' } },
  {
    fixture: 'token-guard-whoami-always-auth-id-token-granted',
    workflow: 'npm-publish.yml',
    job: 'publish',
    event: { name: 'push', ref: 'refs/tags/v1.0.1' },
    scripts: { build: 'node -e 0', test: 'node -e 0' },
  },
  {
    fixture: 'dispatch-only-starter-node20-shorthand-on',
    workflow: 'npm-publish.yml',
    job: 'publish-npm',
    event: { name: 'workflow_dispatch', ref: 'refs/heads/main' },
    needs: { build: { outputs: {}, result: 'success' } },
  },
];

describe('migrated real-world workflows, rehearsed', { concurrency: 2 }, () => {
  for (const c of CASES) {
    test(`${c.fixture}: publishes once, with the exchanged token`, async (t) => {
      const fixture = JSON.parse(readFileSync(join(DIR, c.fixture, 'fixture.json'), 'utf8')) as { remote: string };
      const files: Record<string, string | object> = filesUnder(join(DIR, c.fixture, 'repo'));
      const pkg = JSON.parse(String(files['package.json'])) as { name: string; version: string };
      files['package.json'] = { ...pkg, ...(c.scripts ? { scripts: c.scripts } : {}) };
      files['package-lock.json'] = npmLock(pkg.name, pkg.version);
      const slug = /github\.com\/(.+?)\.git$/.exec(fixture.remote)![1]!;
      const r = await rehearseGithub(machine, {
        files,
        args: ['--migrate', '--force'],
        remote: fixture.remote,
        repository: slug,
        workflow: `.github/workflows/${c.workflow}`,
        job: c.job,
        event: c.event,
        tags: c.event.ref.startsWith('refs/tags/') ? [c.event.ref.slice('refs/tags/'.length)] : [],
        ...(c.needs ? { needs: c.needs } : {}),
        ...(c.branch ? { edit: (repo: TempRepo) => repo.git('checkout', '-q', '-b', c.branch!) } : {}),
      });
      if (r.result.status === 'skipped-tool') return t.skip(r.result.reason);
      assert.equal(r.result.status, 'passed', logOf(r.result));
      assert.deepEqual(r.published, [`${pkg.name}@${pkg.version}`]);
      assertOnlyOidcCredentials(machine);
    });
  }
});
