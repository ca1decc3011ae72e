// --pr and --markdown through the built binary: a real git repository whose origin is a bare
// repository in a temp dir (pushed to for real), and the recording fake gh for `auth status`
// and `pr create`.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { fakeGh, type FakeGh } from '../helpers/fake-gh/index.js';
import { git, makeRepo, type TempRepo } from '../helpers/repo.js';
import { fixtureFiles } from '../migrate/fixtures.js';

const IDENTITY = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

interface World {
  repo: TempRepo;
  remote: string;
  gh: FakeGh;
  env: NodeJS.ProcessEnv;
}

/** A package repository with one commit, pushed to a bare origin. The remote is a path, so --repo names the GitHub repository. */
function world(files: Record<string, string | object> = { 'package.json': { name: '@acme/widget', version: '1.2.3', repository: 'github:acme/widget' } }, ghOptions: Parameters<typeof fakeGh>[1] = {}): World {
  const remote = join(mkdtempSync(join(tmpdir(), 'ctp-remote-')), 'widget.git');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', remote]);
  const repo = makeRepo({ files, remote });
  repo.git('push', '-q', 'origin', 'main');
  repo.git('remote', 'set-head', 'origin', 'main');
  const gh = fakeGh({}, ghOptions);
  return { repo, remote, gh, env: { ...IDENTITY, ...gh.env } };
}

const remoteBranches = (w: World) => git(w.remote, 'branch', '--format=%(refname:short)').split('\n').filter(Boolean).sort();
const committedFiles = (w: World, ref: string) => git(w.remote, 'diff-tree', '--no-commit-id', '--name-only', '-r', ref).split('\n').filter(Boolean).sort();

test('--yes --pr: a branch with exactly the written files, pushed; gh pr create with the body from the plan', (t) => {
  const w = world();
  t.after(() => w.repo.cleanup());
  writeFileSync(join(w.repo.dir, 'notes.txt'), 'my own work in progress\n');
  const r = runCli([w.repo.dir, '--yes', '--pr', '--repo', 'acme/widget', '--no-open'], { env: w.env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Opened the pull request: https:\/\/github\.com\/acme\/widget\/pull\/1/);
  assert.deepEqual(remoteBranches(w), ['main', 'trusted-publishing']);
  assert.deepEqual(committedFiles(w, 'trusted-publishing'), ['.github/dependabot.yml', '.github/workflows/publish.yml']);
  assert.equal(git(w.remote, 'log', '-1', '--format=%s', 'trusted-publishing'), 'ci: publish to npm with trusted publishing');
  // The dirty file stays out of the commit, untouched.
  assert.match(w.repo.git('status', '--porcelain'), /^\?\? notes\.txt$/m);
  const create = w.gh.calls().find((c) => c[0] === 'pr')!;
  const flag = (name: string) => create[create.indexOf(name) + 1];
  assert.deepEqual([flag('--repo'), flag('--base'), flag('--head')], ['acme/widget', 'main', 'trusted-publishing']);
  const body = w.gh.prBody()!;
  assert.match(body, /January 2027/);
  assert.match(body, /^\| Package \| Publisher \| Organization or user \| Repository \| Workflow filename \| Environment name \| Allowed actions \|$/m);
  assert.match(body, /^\| @acme\/widget \| GitHub Actions \| acme \| widget \| publish\.yml \| npm \| Allow npm publish \|$/m);
  assert.match(body, /^- \[ \] \*\*1\. Merge this pull request\*\*$/m);
  for (const command of ['npm trust github @acme/widget --file publish.yml --repo acme/widget --env npm --allow-publish', 'npm access set mfa=publish @acme/widget', 'gh secret delete NPM_TOKEN --repo acme/widget']) {
    assert.ok(body.includes(command), `the body holds ${command}`);
  }
  // The checklist keeps its safe order: publisher before release before disallowing tokens.
  const at = (s: string) => body.indexOf(s);
  assert.ok(at('Add the trusted publisher') < at('Publish a release') && at('Publish a release') < at('Disallow tokens') && at('Disallow tokens') < at('Delete the NPM_TOKEN'));
});

test('--markdown prints the same body and touches neither the files nor git nor gh', (t) => {
  const w = world();
  t.after(() => w.repo.cleanup());
  const head = w.repo.git('rev-parse', 'HEAD');
  const r = runCli([w.repo.dir, '--markdown', '--repo', 'acme/widget'], { env: w.env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^## Publish to npm with trusted publishing/);
  assert.match(r.stdout, /^- \[ \] \*\*1\. Commit and push the workflow\*\*$/m);
  assert.match(r.stdout, /^\| @acme\/widget \| GitHub Actions \| acme \| widget \| publish\.yml \| npm \| Allow npm publish \|$/m);
  assert.equal(w.repo.git('status', '--porcelain'), '');
  assert.equal(w.repo.git('rev-parse', 'HEAD'), head);
  assert.ok(!existsSync(join(w.repo.dir, '.github')));
  assert.deepEqual(w.gh.calls(), []);
});

test('--migrate --pr: the migrated workflow only (its .bak stays out), and the migration\'s edits in the body', (t) => {
  const w = world(fixtureFiles('plain'));
  t.after(() => w.repo.cleanup());
  const r = runCli([w.repo.dir, '--migrate', '--force', '--pr', '--repo', 'acme/widget'], { env: w.env });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(committedFiles(w, 'trusted-publishing'), ['.github/workflows/release.yml']);
  assert.ok(existsSync(join(w.repo.dir, '.github/workflows/release.yml.bak')));
  const body = w.gh.prBody()!;
  assert.match(body, /`\.github\/workflows\/release\.yml` \(edited\)/);
  assert.match(body, /id-token: write/);
  assert.match(body, /\| @acme\/widget \| GitHub Actions \| acme \| widget \| release\.yml \|/);
});

/** Asserts the run refused before writing anything: exit 1, the reason, no .github, nothing pushed. */
function refused(w: World, args: string[], reason: RegExp, env: NodeJS.ProcessEnv = w.env) {
  const r = runCli([w.repo.dir, '--yes', '--pr', '--repo', 'acme/widget', '--no-open', ...args], { env });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stderr, reason);
  assert.match(r.stderr, /Nothing was written\./);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  assert.ok(!existsSync(join(w.repo.dir, '.github')), 'no file written');
  assert.deepEqual(remoteBranches(w), ['main']);
  assert.ok(!w.gh.calls().some((c) => c[0] === 'pr'));
}

test('--pr refuses, before writing: gh not logged in, gh missing, the branch exists, another branch checked out, staged changes of its own', (t) => {
  const w = world(undefined, { fail: 'auth' });
  t.after(() => w.repo.cleanup());
  refused(w, [], /not logged in: run gh auth login/);
  // A PATH with git and node but no gh.
  const bin = mkdtempSync(join(tmpdir(), 'ctp-path-'));
  symlinkSync(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), join(bin, 'git'));
  refused(w, [], /GitHub CLI, which is not installed/, { ...IDENTITY, PATH: bin });
  const branch = world();
  t.after(() => branch.repo.cleanup());
  branch.repo.git('branch', 'trusted-publishing');
  refused(branch, [], /The branch trusted-publishing already exists/);
  const feature = world();
  t.after(() => feature.repo.cleanup());
  feature.repo.git('switch', '-q', '-c', 'feature/x');
  refused(feature, [], /You are on the branch feature\/x: switch to main first/);
  const staged = world();
  t.after(() => staged.repo.cleanup());
  writeFileSync(join(staged.repo.dir, 'CHANGELOG.md'), '# 1.2.3\n');
  staged.repo.git('add', 'CHANGELOG.md');
  refused(staged, [], /staged changes of its own/);
});

test('--pr outside a git repository: refused, nothing written', (t) => {
  const repo = makeRepo({ git: false, files: { 'package.json': { name: 'loose', version: '1.0.0' } } });
  const gh = fakeGh();
  t.after(() => repo.cleanup());
  const r = runCli([repo.dir, '--yes', '--pr', '--repo', 'acme/loose', '--no-open'], { env: { ...IDENTITY, ...gh.env } });
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stderr, /--pr needs a git repository/);
  assert.ok(!existsSync(join(repo.dir, '.github')));
});

test('a rejected push: exit 1, the commit stays on the local branch, no pull request, and the way to finish', (t) => {
  const w = world();
  t.after(() => w.repo.cleanup());
  const hook = join(w.remote, 'hooks', 'pre-receive');
  writeFileSync(hook, '#!/bin/sh\necho "protected: pushes need review" >&2\nexit 1\n');
  chmodSync(hook, 0o755);
  const r = runCli([w.repo.dir, '--yes', '--pr', '--repo', 'acme/widget', '--no-open'], { env: w.env });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /The push was rejected/);
  assert.match(r.stderr, /local branch trusted-publishing \(checked out\); nothing was pushed and no pull request was opened/);
  assert.match(r.stderr, /git push -u origin trusted-publishing/);
  assert.deepEqual(remoteBranches(w), ['main']);
  assert.equal(w.repo.git('branch', '--show-current'), 'trusted-publishing');
  assert.ok(!w.gh.calls().some((c) => c[0] === 'pr'));
});

test('gh pr create failing after the push: exit 1, says the branch was pushed and where to open the pull request', (t) => {
  const w = world(undefined, { fail: 'pr' });
  t.after(() => w.repo.cleanup());
  const r = runCli([w.repo.dir, '--yes', '--pr', '--repo', 'acme/widget', '--no-open'], { env: w.env });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /The branch trusted-publishing was pushed, but gh pr create failed: pull request create failed/);
  assert.match(r.stderr, /https:\/\/github\.com\/acme\/widget\/compare\/main\.\.\.trusted-publishing\?expand=1/);
  assert.deepEqual(remoteBranches(w), ['main', 'trusted-publishing']);
});

test('nothing to change: no branch, no pull request, exit 0', (t) => {
  const w = world();
  t.after(() => w.repo.cleanup());
  assert.equal(runCli([w.repo.dir, '--yes', '--repo', 'acme/widget', '--no-open']).code, 0);
  w.repo.git('add', '-A');
  w.repo.git('commit', '-q', '-m', 'workflow');
  const r = runCli([w.repo.dir, '--yes', '--pr', '--repo', 'acme/widget', '--no-open'], { env: w.env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Nothing changed, so there is nothing to propose/);
  assert.equal(w.repo.git('branch', '--list', 'trusted-publishing'), '');
});

test('--pr and --markdown usage errors: exit 2', () => {
  for (const [args, pattern] of [
    [['--pr'], /--pr runs with --yes or --migrate/],
    [['--pr', '--yes', '--dry-run'], /leave out --dry-run/],
    [['--markdown', '--pr', '--yes'], /--markdown only prints .* leave out --pr/],
  ] as const) {
    const r = runCli([...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, pattern);
  }
});
