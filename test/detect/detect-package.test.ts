// detect() on real directories: package.json, git, remote, repository check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detect } from '../../src/detect/index.js';
import type { Detected } from '../../src/core/model.js';
import { makePackageRepo, makeRepo, type TempRepo } from '../helpers/repo.js';

const ids = (d: Detected) => d.findings.map((f) => f.id).sort();
const finding = (d: Detected, id: string) => d.findings.find((f) => f.id === id);

async function withRepo<T>(repo: TempRepo, fn: (r: TempRepo) => Promise<T>): Promise<T> {
  try {
    return await fn(repo);
  } finally {
    repo.cleanup();
  }
}

test('a normal GitHub package', () =>
  withRepo(makePackageRepo({ pkg: { repository: 'github:acme/widget', publishConfig: { access: 'public' }, packageManager: undefined } }), async (r) => {
    const d = await detect(r.dir);
    assert.equal(d.root, r.dir);
    assert.equal(d.pkg?.name, '@acme/widget');
    assert.equal(d.pkg?.version, '1.2.3');
    assert.equal(d.pkg?.private, false);
    assert.equal(d.pkg?.dir, '');
    assert.equal(d.pkg?.manifestPath, join(r.dir, 'package.json'));
    assert.match(d.pkg?.raw ?? '', /"name": "@acme\/widget"/);
    assert.deepEqual(d.pkg?.scripts, { build: 'tsc', test: 'node --test' });
    assert.deepEqual(d.pkg?.repository, { type: 'git', url: 'github:acme/widget' });
    assert.deepEqual(d.pkg?.publishConfig, { access: 'public' });
    assert.deepEqual(d.git, {
      isRepo: true,
      prefix: '',
      remoteUrl: 'git@github.com:acme/widget.git',
      host: 'github.com',
      slug: 'acme/widget',
      github: { owner: 'acme', name: 'widget' },
      defaultBranch: 'main',
    });
    assert.deepEqual(d.packageManager, { name: 'npm', source: 'lockfile', lockfile: 'package-lock.json' });
    assert.deepEqual(d.workspacePackages, []);
    assert.deepEqual(d.workflows, []);
    assert.deepEqual(d.npmrcTokens, []);
    assert.deepEqual(d.repositoryMismatches, []);
    assert.equal(d.isMonorepo, false);
    assert.equal(d.fork, undefined);
    assert.deepEqual(ids(d), []);
  }));

test('a fork clone: package.json names the upstream remote; the fact says which remote, and no mismatch is claimed', () =>
  withRepo(makePackageRepo({ pkg: { repository: 'https://github.com/acme/widget' }, remote: 'git@github.com:someone/widget.git' }), async (r) => {
    r.git('remote', 'add', 'upstream', 'https://github.com/acme/widget.git');
    const d = await detect(r.dir);
    assert.deepEqual(d.fork, { name: 'upstream', host: 'github.com', slug: 'acme/widget' });
    assert.deepEqual(d.repositoryMismatches, []);
    assert.deepEqual(ids(d), ['fork-clone']);
  }));

test('repository object form and missing repository', async () => {
  await withRepo(makePackageRepo({ pkg: { repository: { type: 'git', url: 'git+https://github.com/Acme/Widget.git' } } }), async (r) => {
    const d = await detect(r.dir);
    assert.deepEqual(d.pkg?.repository, { type: 'git', url: 'git+https://github.com/Acme/Widget.git' });
    assert.equal(finding(d, 'repository-mismatch'), undefined);
    // The same repository, spelled with other letter case: npm compares the spelling (E422), and
    // which one is GitHub's is not known offline, so it is a warning with no automatic fix.
    assert.deepEqual(d.repositoryMismatches, []);
    const f = finding(d, 'repository-case');
    assert.equal(f?.level, 'warning');
    assert.match(f?.message ?? '', /spells the repository Acme\/Widget, the git remote acme\/widget; npm compares it letter by letter .*\(E422\)/);
  });
  await withRepo(makePackageRepo({ pkg: { repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } } }), async (r) => {
    assert.equal(finding(await detect(r.dir), 'repository-case'), undefined);
  });
  await withRepo(makePackageRepo(), async (r) => {
    const d = await detect(r.dir);
    assert.equal(d.pkg?.repository, undefined);
    const f = finding(d, 'repository-mismatch');
    assert.equal(f?.level, 'warning');
    assert.equal(f?.file, 'package.json');
    assert.match(f?.message ?? '', /is missing/);
    assert.equal(f?.fix, 'package.json "repository" will be set to git+https://github.com/acme/widget.git.');
    assert.deepEqual(d.repositoryMismatches, [{ file: 'package.json', url: 'git+https://github.com/acme/widget.git' }]);
  });
  await withRepo(makePackageRepo({ pkg: { repository: 'https://github.com/acme/other' } }), async (r) => {
    assert.match(finding(await detect(r.dir), 'repository-mismatch')?.message ?? '', /points at https:\/\/github\.com\/acme\/other/);
  });
});

test('no package.json', () =>
  withRepo(makeRepo({ remote: 'https://github.com/acme/widget' }), async (r) => {
    const d = await detect(r.dir);
    assert.equal(d.pkg, undefined);
    assert.deepEqual(ids(d), ['no-package-json']);
    assert.equal(finding(d, 'no-package-json')?.level, 'error');
    assert.equal(d.git.github?.name, 'widget');
  }));

test('invalid package.json is a finding, not a crash', () =>
  withRepo(makeRepo({ remote: 'https://github.com/acme/widget', files: { 'package.json': '{ "name": "x", }' } }), async (r) => {
    const d = await detect(r.dir);
    assert.equal(d.pkg, undefined);
    const f = finding(d, 'invalid-package-json');
    assert.equal(f?.level, 'error');
    assert.equal(f?.file, 'package.json');
    assert.deepEqual(ids(d), ['invalid-package-json']);
  }));

test('private single package', () =>
  withRepo(makePackageRepo({ pkg: { private: true, repository: 'acme/widget' } }), async (r) => {
    const d = await detect(r.dir);
    assert.equal(d.pkg?.private, true);
    assert.deepEqual(ids(d), ['private-package']);
    assert.equal(finding(d, 'private-package')?.level, 'error');
  }));

test('not a git repository', async () => {
  const r = makeRepo({ git: false, files: { 'package.json': { name: 'solo', version: '1.0.0' }, '.github/workflows/p.yml': 'jobs:\n  p:\n    steps:\n      - run: npm publish\n' } });
  await withRepo(r, async () => {
    const d = await detect(r.dir);
    assert.deepEqual(d.git, { isRepo: false, prefix: '' });
    assert.deepEqual(ids(d), ['not-a-git-repo']);
    assert.equal(finding(d, 'not-a-git-repo')?.level, 'warning');
    assert.equal(d.pkg?.name, 'solo');
    assert.equal(d.workflows.length, 1);
    assert.equal(d.workflows[0]?.publishes, true);
    assert.deepEqual(d.packageManager, { name: 'npm', source: 'default' });
  });
});

test('without git installed, an ordinary repository is still read (from .git); an unusual one says git is missing', async () => {
  const withoutGit = async (dir: string, env: Record<string, string> = {}) => {
    const saved = { ...process.env };
    process.env.PATH = '';
    Object.assign(process.env, env);
    try {
      return await detect(dir);
    } finally {
      process.env = saved;
    }
  };
  await withRepo(makePackageRepo(), async (r) => {
    const d = await withoutGit(r.dir);
    assert.equal(d.git.isRepo, true);
    assert.deepEqual(d.git.github, { owner: 'acme', name: 'widget' });
  });
  await withRepo(makePackageRepo(), async (r) => {
    // GIT_DIR makes the answers git's to give, and there is no git to ask.
    const d = await withoutGit(r.dir, { GIT_DIR: join(r.dir, '.git') });
    assert.equal(d.git.isRepo, false);
    assert.match(finding(d, 'not-a-git-repo')?.message ?? '', /git was not found/);
  });
});

test('a directory that does not exist', async () => {
  const d = await detect(join(tmpdir(), 'ctp-does-not-exist-' + process.pid));
  assert.deepEqual(ids(d), ['no-package-json', 'not-a-git-repo']);
});

test('git repository without a remote', () =>
  withRepo(makeRepo({ files: { 'package.json': { name: 'x', version: '1.0.0' } } }), async (r) => {
    const d = await detect(r.dir);
    assert.deepEqual(d.git, { isRepo: true, prefix: '', defaultBranch: 'main' });
    assert.deepEqual(ids(d), ['no-remote']);
    assert.equal(finding(d, 'no-remote')?.level, 'warning');
  }));

test('GitLab remote: a supported host, checked against package.json "repository" (provenance)', () =>
  withRepo(makePackageRepo({ remote: 'git@gitlab.com:group/sub/widget.git' }), async (r) => {
    const d = await detect(r.dir);
    assert.equal(d.git.host, 'gitlab.com');
    assert.equal(d.git.slug, 'group/sub/widget');
    assert.equal(d.git.github, undefined);
    assert.equal(d.git.remoteUrl, 'git@gitlab.com:group/sub/widget.git');
    assert.deepEqual(ids(d), ['repository-mismatch']);
    assert.match(finding(d, 'repository-mismatch')?.fix ?? '', /git\+https:\/\/gitlab\.com\/group\/sub\/widget\.git/);
  }));

test('a remote on a host npm does not trust is an error that says why and what to do', () =>
  withRepo(makePackageRepo({ remote: 'git@bitbucket.org:acme/widget.git' }), async (r) => {
    const d = await detect(r.dir);
    assert.equal(d.git.slug, 'acme/widget');
    const f = finding(d, 'not-github');
    assert.equal(f?.level, 'error');
    assert.match(f?.message ?? '', /^The remote "origin" is on bitbucket\.org\. Bitbucket Pipelines is not a trusted publisher for npm\./);
    assert.match(f?.fix ?? '', /--provider circleci/);
    assert.deepEqual(ids(d), ['not-github']);
  }));

test('subdirectory package: prefix, top-level lockfile, repository.directory right and wrong', async () => {
  const files = (directory: string) => ({
    'package.json': { name: 'mono-root', private: true },
    'pnpm-lock.yaml': 'lockfileVersion: 9\n',
    'packages/a/package.json': {
      name: '@acme/a',
      version: '0.1.0',
      repository: { type: 'git', url: 'git+https://github.com/acme/mono.git', directory },
    },
    '.github/workflows/release.yml': 'on: push\n',
  });
  await withRepo(makeRepo({ remote: 'https://github.com/acme/mono.git', files: files('packages/a') }), async (r) => {
    const d = await detect(join(r.dir, 'packages/a'));
    assert.equal(d.git.prefix, 'packages/a');
    assert.equal(d.pkg?.dir, 'packages/a');
    assert.deepEqual(d.packageManager, { name: 'pnpm', source: 'lockfile', lockfile: 'pnpm-lock.yaml' });
    assert.deepEqual(d.workflows.map((w) => w.path), ['.github/workflows/release.yml']);
    assert.deepEqual(ids(d), []);
  });
  await withRepo(makeRepo({ remote: 'https://github.com/acme/mono.git', files: files('packages/b') }), async (r) => {
    const d = await detect(join(r.dir, 'packages/a'));
    // npm compares repository.url only: a wrong directory is a suggestion, not an E422 mismatch.
    assert.equal(finding(d, 'repository-mismatch'), undefined);
    assert.deepEqual(d.repositoryMismatches, []);
    const f = finding(d, 'repository-directory');
    assert.equal(f?.level, 'info');
    assert.equal(f?.file, 'packages/a/package.json');
    assert.equal(f?.fix, 'Add "directory": "packages/a" to "repository".');
  });
});

test('prefix is computed on real paths (target reached through a symlink)', () =>
  withRepo(makePackageRepo({ pkg: { repository: 'acme/widget' } }), async (r) => {
    const linkDir = mkdtempSync(join(tmpdir(), 'ctp-link-'));
    try {
      const link = join(linkDir, 'link');
      symlinkSync(r.dir, link);
      const d = await detect(link);
      assert.equal(d.git.prefix, '');
      assert.equal(d.pkg?.name, '@acme/widget');
      assert.deepEqual(ids(d), []);
    } finally {
      rmSync(linkDir, { recursive: true, force: true });
    }
  }));
