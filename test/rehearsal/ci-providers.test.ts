// Rehearsal of the generated GitLab CI/CD and CircleCI jobs: a pushed tag runs the job, npm
// exchanges the provider's ID token (GitLab's NPM_ID_TOKEN, CircleCI's `circleci run oidc get`)
// with the fake registry, whose publisher is parsed from what the tool printed. npm, and the
// package managers the jobs run through corepack (pnpm and Yarn Berry on GitLab, Yarn Berry on CircleCI).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMachine, type Machine } from './machine.js';
import { assertOnlyOidcCredentials, logOf, npmLock, pkg, setUp } from './fixture.js';
import type { LockTool } from './lockfiles.js';
import { PNPM11_VERSION, PNPM_VERSION, YARN_VERSION } from './tools.js';
import { runCircleciJob, runGitlabJob } from './runner-ci.js';
import type { RunResult } from './runner-github.js';

let machine: Machine;
before(async () => (machine = await startMachine()));
after(() => machine?.close());

const GITLAB = 'git@gitlab.com:acme/widget.git';
const IDS = { orgId: '8f2b1c3d-0a4e-4b6f-9c7d-1e2f3a4b5c6d', projectId: '0c6e2a4b-7d1f-4e3a-9b8c-5d4e3f2a1b0c', pipelineDefinitionId: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9', vcsOrigin: 'github.com/acme/widget' };
const CIRCLE_ARGS = ['--provider', 'circleci', '--circleci-org-id', IDS.orgId, '--circleci-project-id', IDS.projectId, '--circleci-pipeline-id', IDS.pipelineDefinitionId];

const files = (name: string) => ({ 'package.json': pkg(name, '1.2.3'), 'package-lock.json': npmLock(name, '1.2.3') });
/** One package managed by pnpm or Yarn Berry ("packageManager"), its lockfile written by that tool. */
const MANAGED: Record<string, { lock: LockTool; field: string }> = { pnpm: { lock: 'pnpm', field: `pnpm@${PNPM_VERSION}` }, 'yarn berry': { lock: 'yarn', field: `yarn@${YARN_VERSION}` } };
const managed = (label: string, name: string) => ({ files: { 'package.json': pkg(name, '1.2.3', { packageManager: MANAGED[label]!.field }) }, lock: MANAGED[label]!.lock });
const publishedFor = (name: string) => machine.registry.published.filter((p) => p.name === name).map((p) => `${p.name}@${p.version}`);

function passed(t: { skip(reason: string): void }, r: RunResult): boolean {
  if (r.status === 'skipped-tool') return t.skip(r.reason), false;
  assert.equal(r.status, 'passed', logOf(r));
  return true;
}

describe('GitLab CI/CD', { concurrency: 3 }, () => {
  for (const env of ['npm', null] as const) {
    test(`a v1.2.3 tag publishes once, ${env ? 'in the environment npm' : 'with no environment'}`, async (t) => {
      const name = `@acme/gitlab-${env ?? 'noenv'}`;
      const s = await setUp(machine, { remote: GITLAB, files: files(name), args: env ? ['--environment', env] : ['--no-environment'], tags: ['v1.2.3'] });
      try {
        if (!passed(t, await runGitlabJob(machine, { source: s.repo.dir, ciFile: '.gitlab-ci.yml', projectPath: 'acme/widget', tag: 'v1.2.3' }))) return;
        assert.deepEqual(publishedFor(name), [`${name}@1.2.3`]);
        assertOnlyOidcCredentials(machine);
      } finally {
        s.repo.cleanup();
      }
    });
  }

  for (const label of Object.keys(MANAGED)) {
    test(`${label}: corepack runs it, it installs, npm publishes once`, async (t) => {
      const name = `@acme/gitlab-${label.replace(' ', '-')}`;
      const s = await setUp(machine, { remote: GITLAB, ...managed(label, name), args: [], tags: ['v1.2.3'] });
      try {
        if (!passed(t, await runGitlabJob(machine, { source: s.repo.dir, ciFile: '.gitlab-ci.yml', projectPath: 'acme/widget', tag: 'v1.2.3' }))) return;
        assert.deepEqual(publishedFor(name), [`${name}@1.2.3`]);
        assertOnlyOidcCredentials(machine);
      } finally {
        s.repo.cleanup();
      }
    });
  }

  test('a package in a subfolder whose lockfile is at the root of a repository that is not a workspace', async (t) => {
    const s = await setUp(machine, {
      remote: GITLAB,
      files: { 'package.json': { name: 'widget-tools', private: true }, 'package-lock.json': npmLock('widget-tools', '0.0.0'), 'tools/cli/package.json': pkg('gitlab-subdir-cli', '1.2.3') },
      sub: 'tools/cli',
      args: [],
      tags: ['v1.2.3'],
    });
    try {
      if (!passed(t, await runGitlabJob(machine, { source: s.repo.dir, ciFile: '.gitlab-ci.yml', projectPath: 'acme/widget', tag: 'v1.2.3' }))) return;
      assert.deepEqual(publishedFor('gitlab-subdir-cli'), ['gitlab-subdir-cli@1.2.3']);
    } finally {
      s.repo.cleanup();
    }
  });

  test('--ci-file ci/release.yml: never runs until the project names that file, then publishes; the checklist says so', async (t) => {
    const name = '@acme/gitlab-ci-file';
    const s = await setUp(machine, { remote: GITLAB, files: files(name), args: ['--ci-file', 'ci/release.yml'], tags: ['v1.2.3'] });
    try {
      assert.match(s.stdout.replace(/\s+/g, ' '), /Set the CI\/CD configuration file to ci\/release\.yml/);
      const unset = await runGitlabJob(machine, { source: s.repo.dir, ciFile: '.gitlab-ci.yml', projectPath: 'acme/widget', tag: 'v1.2.3' });
      assert.equal(unset.status, 'not-triggered');
      if (!passed(t, await runGitlabJob(machine, { source: s.repo.dir, ciFile: 'ci/release.yml', projectPath: 'acme/widget', tag: 'v1.2.3' }))) return;
      assert.deepEqual(publishedFor(name), [`${name}@1.2.3`]);
    } finally {
      s.repo.cleanup();
    }
  });

  test('a tag in a fork (another project path) does not run the job', async () => {
    const s = await setUp(machine, { remote: GITLAB, files: files('@acme/gitlab-fork'), args: [], tags: ['v1.2.3'] });
    try {
      assert.equal((await runGitlabJob(machine, { source: s.repo.dir, ciFile: '.gitlab-ci.yml', projectPath: 'someone/widget', tag: 'v1.2.3' })).status, 'not-triggered');
    } finally {
      s.repo.cleanup();
    }
  });
});

describe('CircleCI', { concurrency: 2 }, () => {
  test('a v1.2.3 tag publishes once with the token from circleci run oidc get', async (t) => {
    const name = '@acme/circleci-widget';
    const s = await setUp(machine, { files: files(name), args: CIRCLE_ARGS, tags: ['v1.2.3'] });
    try {
      if (!passed(t, await runCircleciJob(machine, { source: s.repo.dir, tag: 'v1.2.3', ids: IDS }))) return;
      assert.deepEqual(publishedFor(name), [`${name}@1.2.3`]);
      assertOnlyOidcCredentials(machine);
    } finally {
      s.repo.cleanup();
    }
  });

  test('yarn berry: corepack enables it (with the image\'s sudo), it installs, npm publishes once', async (t) => {
    const name = '@acme/circleci-yarn-berry';
    const s = await setUp(machine, { ...managed('yarn berry', name), args: CIRCLE_ARGS, tags: ['v1.2.3'] });
    try {
      if (!passed(t, await runCircleciJob(machine, { source: s.repo.dir, tag: 'v1.2.3', ids: IDS }))) return;
      assert.deepEqual(publishedFor(name), [`${name}@1.2.3`]);
      assertOnlyOidcCredentials(machine);
    } finally {
      s.repo.cleanup();
    }
  });

  test('pnpm: the image\'s pnpm switches to the version in "packageManager", installs, npm publishes once', async (t) => {
    const name = '@acme/circleci-pnpm';
    const field = `pnpm@${PNPM11_VERSION}`;
    const s = await setUp(machine, { files: { 'package.json': pkg(name, '1.2.3', { packageManager: field }) }, lock: 'pnpm', args: CIRCLE_ARGS, tags: ['v1.2.3'] });
    try {
      if (!passed(t, await runCircleciJob(machine, { source: s.repo.dir, tag: 'v1.2.3', ids: IDS }))) return;
      // The image's pnpm (CIMG_PNPM_VERSION) fetched the one package.json names, and ran it.
      assert.ok(machine.registry.requests.some((r) => r.path === `/pnpm/-/pnpm-${PNPM11_VERSION}.tgz`), `${field} was never fetched`);
      assert.deepEqual(publishedFor(name), [`${name}@1.2.3`]);
      assertOnlyOidcCredentials(machine);
    } finally {
      s.repo.cleanup();
    }
  });

  test('a job in another CircleCI project (another project ID in its token) is refused', async (t) => {
    const name = '@acme/circleci-other';
    const s = await setUp(machine, { files: files(name), args: CIRCLE_ARGS, tags: ['v1.2.3'] });
    try {
      const r = await runCircleciJob(machine, { source: s.repo.dir, tag: 'v1.2.3', ids: { ...IDS, projectId: '11111111-2222-4333-8444-555555555555' } });
      if (r.status === 'skipped-tool') return t.skip(r.reason);
      assert.equal(r.status, 'failed');
      assert.deepEqual(publishedFor(name), []);
    } finally {
      s.repo.cleanup();
    }
  });
});
