// The direct .git reader must give exactly what git gives, or step aside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGitFiles } from '../../src/detect/git-files.js';
import { makeRepo, git } from '../helpers/repo.js';

const cleanEnv = () => ({ HOME: mkdtempSync(join(tmpdir(), 'ctp-home-')), PATH: process.env.PATH });

function viaGit(dir: string) {
  const tryGit = (...args: string[]) => {
    try {
      return git(dir, ...args) || undefined;
    } catch {
      return undefined;
    }
  };
  return {
    top: tryGit('rev-parse', '--show-toplevel'),
    remoteUrl: tryGit('remote', 'get-url', 'origin'),
    originHead: tryGit('symbolic-ref', '-q', 'refs/remotes/origin/HEAD'),
    branch: tryGit('branch', '--show-current'),
  };
}

test('agrees with git on ordinary repositories', async (t) => {
  const origin = makeRepo({ files: { 'a.txt': 'a' }, branch: 'trunk' });
  const cases = [
    makeRepo({ remote: 'git@github.com:acme/widget.git' }),
    makeRepo({ remote: 'https://github.com/acme/widget', branch: 'develop' }),
    makeRepo({}),
    makeRepo({ commit: false, remote: 'ssh://git@github.com/acme/widget' }),
  ];
  const cloned = mkdtempSync(join(tmpdir(), 'ctp-clone-'));
  git(cloned, 'clone', '-q', origin.dir, 'c');
  const clone = join(cloned, 'c');
  const detached = makeRepo({ files: { 'x': 'x' } });
  detached.git('checkout', '-q', '--detach');
  const sub = makeRepo({ files: { 'packages/a/package.json': '{}' }, remote: 'git@github.com:acme/mono.git' });
  t.after(() => {
    for (const c of [origin, ...cases, detached, sub]) c.cleanup();
  });
  for (const dir of [...cases.map((c) => c.dir), clone, detached.dir, join(sub.dir, 'packages/a')]) {
    const ours = readGitFiles(realpathSync(dir), cleanEnv());
    assert.ok(ours, `read ${dir} directly`);
    const theirs = viaGit(dir);
    assert.equal(ours.top, realpathSync(theirs.top!), dir);
    assert.equal(ours.remoteUrl, theirs.remoteUrl, dir);
    assert.equal(ours.originHead, theirs.originHead, dir);
    assert.equal(ours.branch, theirs.branch, dir);
  }
  assert.equal(readGitFiles(realpathSync(clone), cleanEnv())?.originHead, 'refs/remotes/origin/trunk');
});

test('steps aside when git would answer differently or the layout is unusual', async (t) => {
  const repo = makeRepo({ remote: 'gh:acme/widget' });
  const worktreeParent = makeRepo({ files: { a: 'a' } });
  t.after(() => {
    repo.cleanup();
    worktreeParent.cleanup();
  });
  const env = cleanEnv();
  assert.ok(readGitFiles(realpathSync(repo.dir), env));
  // A url.<base>.insteadOf rewrite in the user's global config changes `git remote get-url`.
  writeFileSync(join(env.HOME!, '.gitconfig'), '[url "git@github.com:"]\n\tinsteadOf = gh:\n');
  assert.equal(readGitFiles(realpathSync(repo.dir), env), undefined);
  assert.equal(readGitFiles(realpathSync(repo.dir), { ...cleanEnv(), GIT_DIR: join(repo.dir, '.git') }), undefined);
  const wt = join(mkdtempSync(join(tmpdir(), 'ctp-wt-')), 'wt');
  worktreeParent.git('worktree', 'add', '-q', wt);
  assert.equal(readGitFiles(wt, cleanEnv()), undefined, '.git file (worktree) → ask git');
  const plain = mkdtempSync(join(tmpdir(), 'ctp-nogit-'));
  mkdirSync(join(plain, 'x'));
  assert.equal(readGitFiles(join(plain, 'x'), cleanEnv()), undefined);
});

test('GIT_CONFIG_GLOBAL and GIT_CONFIG_NOSYSTEM are honoured, not a reason to give up', async (t) => {
  const repo = makeRepo({ remote: 'gh:acme/widget' });
  t.after(() => repo.cleanup());
  const home = cleanEnv();
  const rewrites = join(home.HOME!, 'rewrites.gitconfig');
  writeFileSync(rewrites, '[url "git@github.com:"]\n\tinsteadOf = gh:\n');
  const dir = realpathSync(repo.dir);
  assert.ok(readGitFiles(dir, { ...home, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' }));
  assert.ok(readGitFiles(dir, { ...home, GIT_SSL_CAINFO: '/etc/ssl/certs/ca-certificates.crt', GIT_AUTHOR_NAME: 'x' }), 'variables that cannot change the answers');
  assert.equal(readGitFiles(dir, { ...home, GIT_CONFIG_GLOBAL: rewrites }), undefined, 'the named global config has a rewrite');
  assert.equal(readGitFiles(dir, { ...home, GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'url.x.insteadOf', GIT_CONFIG_VALUE_0: 'gh:' }), undefined);
});

test('remote names are case-sensitive and every remote is read, as git reads them', async (t) => {
  const repo = makeRepo({});
  t.after(() => repo.cleanup());
  writeFileSync(
    join(repo.dir, '.git/config'),
    '[core]\n\trepositoryformatversion = 0\n[remote "ORIGIN"]\n\turl = git@github.com:evil/widget.git\n' +
      '[Remote "origin"]\n\tURL = git@github.com:acme/widget.git\n\turl = git@github.com:acme/second.git\n[remote "upstream"]\n\turl = https://github.com/up/widget.git\n',
  );
  const ours = readGitFiles(realpathSync(repo.dir), cleanEnv());
  assert.ok(ours);
  assert.equal(ours.remoteUrl, viaGit(repo.dir).remoteUrl);
  const listed = git(repo.dir, 'config', '--get-regexp', '^remote\\..*\\.url$').split('\n').map((l) => /^remote\.(.+)\.url (.*)$/.exec(l)!);
  const firstOfEach = listed.filter((m, i) => listed.findIndex((n) => n[1] === m[1]) === i).map((m) => ({ name: m[1], url: m[2] }));
  assert.deepEqual(ours.remotes, firstOfEach);
});
