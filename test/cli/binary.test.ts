// End to end: the built binary in real temporary git repositories.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { makePackageRepo, makeRepo } from '../helpers/repo.js';
import { runCli, recordingBrowser, ROOT } from '../helpers/cli.js';

const WORKFLOW = '.github/workflows/publish.yml';
const pkgVersion = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;

test('--help lists every flag and exits 0', () => {
  const r = runCli(['--help']);
  assert.equal(r.code, 0);
  for (const flag of ['--yes', '--dry-run', '--repo', '--workflow', '--trigger', '--environment', '--no-environment', '--node', '--package-manager', '--no-fix-repository', '--force', '--no-open', '--help', '--version']) {
    assert.ok(r.stdout.includes(flag), `help mentions ${flag}`);
  }
});

test('--version prints the package version', () => {
  const r = runCli(['-v']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trim(), pkgVersion);
});

test('bad usage exits 2 with a message and no stack trace', () => {
  for (const args of [['--frobnicate'], ['--trigger', 'push', '--yes'], ['--repo', 'not a repo', '--yes'], ['--workflow', '.github/workflows/x.yml', '--yes'], ['--node', '20', '--yes'], ['a', 'b']]) {
    const r = runCli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.ok(r.stderr.trim().length > 0);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
});

test('a directory that does not exist is bad usage', () => {
  const r = runCli(['/nonexistent/dir', '--yes']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /no such directory/);
});

test('without a terminal and without --yes it exits 2 naming --yes, and writes nothing', (t) => {
  const repo = makePackageRepo();
  t.after(() => repo.cleanup());
  const r = runCli([repo.dir]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--yes/);
  assert.equal(repo.git('status', '--porcelain'), '');
});

test('--yes writes the workflow, prints the npm values, opens the page and prints the checklist', (t) => {
  const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
  const browser = recordingBrowser();
  t.after(() => repo.cleanup());
  const r = runCli([repo.dir, '--yes'], { env: { ...browser.env, CI: undefined } });
  assert.equal(r.code, 0, r.stderr);
  const wf = readFileSync(join(repo.dir, WORKFLOW), 'utf8');
  const doc = parse(wf);
  assert.deepEqual(doc.permissions, {});
  assert.equal(doc.jobs.publish.permissions['id-token'], 'write');
  assert.equal(doc.jobs.publish.environment, 'npm');
  assert.doesNotMatch(wf, /NODE_AUTH_TOKEN|NPM_TOKEN/);
  assert.deepEqual(browser.urls(), ['https://www.npmjs.com/package/@acme/widget/access']);
  for (const text of ['Organization or user', 'acme', 'widget', 'publish.yml', 'Allow npm publish', 'npm access set mfa=publish @acme/widget', 'gh secret delete NPM_TOKEN --repo acme/widget', 'npm token list']) {
    assert.ok(r.stdout.includes(text), `output has ${text}`);
  }
  assert.deepEqual(repo.git('status', '--porcelain').split('\n'), ['?? .github/']);
});

test('a second run with the same answers changes nothing and says so', (t) => {
  const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
  t.after(() => repo.cleanup());
  assert.equal(runCli([repo.dir, '--yes']).code, 0);
  const before = readFileSync(join(repo.dir, WORKFLOW), 'utf8');
  const r = runCli([repo.dir, '--yes']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Nothing to change/);
  assert.equal(readFileSync(join(repo.dir, WORKFLOW), 'utf8'), before);
  assert.ok(!existsSync(join(repo.dir, WORKFLOW + '.bak')));
});

test('--dry-run prints every file and writes nothing', (t) => {
  const repo = makePackageRepo();
  t.after(() => repo.cleanup());
  const r = runCli([repo.dir, '--dry-run', '--trigger', 'tag']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /\.github\/workflows\/publish\.yml \(new file\)/);
  assert.match(r.stdout, /tags:/);
  assert.match(r.stdout, /"repository"/, 'shows the package.json change as a diff');
  assert.match(r.stdout, /nothing was written/i);
  assert.equal(repo.git('status', '--porcelain'), '');
});

test('an existing different workflow is kept unless --force, which keeps a backup', (t) => {
  const mine = 'name: mine\non: push\njobs: {}\n';
  const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' }, files: { [WORKFLOW]: mine } });
  t.after(() => repo.cleanup());
  const refused = runCli([repo.dir, '--yes']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /--force/);
  assert.match(refused.stderr, /^-name: mine$/m, 'shows the diff');
  assert.equal(readFileSync(join(repo.dir, WORKFLOW), 'utf8'), mine);
  assert.equal(repo.git('status', '--porcelain'), '');

  const forced = runCli([repo.dir, '--yes', '--force']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal(readFileSync(join(repo.dir, WORKFLOW + '.bak'), 'utf8'), mine);
  assert.notEqual(readFileSync(join(repo.dir, WORKFLOW), 'utf8'), mine);
});

test('package.json "repository" is fixed to match, unless --no-fix-repository', (t) => {
  const repo = makePackageRepo({ pkg: { repository: { type: 'git', url: 'https://github.com/someone/else.git' } } });
  t.after(() => repo.cleanup());
  const kept = runCli([repo.dir, '--yes', '--no-fix-repository', '--workflow', 'release.yml']);
  assert.equal(kept.code, 0, kept.stderr);
  assert.match(kept.stdout, /E422/);
  assert.equal(JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8')).repository.url, 'https://github.com/someone/else.git');

  const fixed = runCli([repo.dir, '--yes']);
  assert.equal(fixed.code, 0, fixed.stderr);
  assert.deepEqual(JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8')).repository, {
    type: 'git',
    url: 'git+https://github.com/acme/widget.git',
  });
});

test('flags change the workflow: trigger, environment, node, workflow name', (t) => {
  const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
  t.after(() => repo.cleanup());
  const r = runCli([repo.dir, '--yes', '--trigger', 'manual', '--no-environment', '--node', '22', '--workflow', 'npm.yaml']);
  assert.equal(r.code, 0, r.stderr);
  const doc = parse(readFileSync(join(repo.dir, '.github/workflows/npm.yaml'), 'utf8'));
  assert.ok('workflow_dispatch' in doc.on);
  assert.equal(doc.jobs.publish.environment, undefined);
  const setupNode = doc.jobs.publish.steps.find((s: { uses?: string }) => s.uses?.startsWith('actions/setup-node@'));
  assert.equal(String(setupNode.with['node-version']), '22');
  assert.match(r.stdout, /Environment name\s+\(leave empty\)/);
});

test('missing pieces are clear messages, not crashes', (t) => {
  const noPkg = makeRepo({ remote: 'git@github.com:acme/widget.git' });
  const privatePkg = makePackageRepo({ pkg: { private: true } });
  const noRemote = makeRepo({ files: { 'package.json': { name: 'widget', version: '1.0.0' } } });
  t.after(() => {
    noPkg.cleanup();
    privatePkg.cleanup();
    noRemote.cleanup();
  });
  const a = runCli([noPkg.dir, '--yes']);
  assert.equal(a.code, 1);
  assert.match(a.stderr, /package\.json/);
  const b = runCli([privatePkg.dir, '--yes']);
  assert.equal(b.code, 1);
  assert.match(b.stderr, /private/);
  const c = runCli([noRemote.dir, '--yes']);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /--repo/);
  const d = runCli([noRemote.dir, '--yes', '--repo', 'acme/widget']);
  assert.equal(d.code, 0, d.stderr);
  for (const r of [a, b, c]) assert.doesNotMatch(r.stderr, /\n\s+at /);
});

test('token values are never printed', (t) => {
  const secret = 'npm_SuperSecretValue0123456789abcdefXYZ';
  const repo = makePackageRepo({
    pkg: { repository: 'github:acme/widget' },
    files: {
      '.npmrc': `//registry.npmjs.org/:_authToken=${secret}\n`,
      '.github/workflows/old.yml': 'on: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n',
    },
  });
  t.after(() => repo.cleanup());
  // An existing token workflow is migrated in place (with --force: it edits a file).
  const r = runCli([repo.dir, '--yes', '--force']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!(r.stdout + r.stderr).includes('SuperSecretValue'));
  assert.match(r.stdout, /old\.yml already publishes to npm with a token, so it is migrated in place/);
  assert.match(r.stdout, /\.npmrc:1/);
  assert.match(r.stdout, /\.github\/workflows\/old\.yml:8 NODE_AUTH_TOKEN/);
});

test('an unsupported Node.js gets one clear line and exit 1', (t) => {
  const old = process.env.CTP_OLD_NODE;
  const version = old ? (spawnSync(old, ['-v'], { encoding: 'utf8' }).stdout ?? '').trim() : '';
  if (!old || !/^v(1\d|20|21)\./.test(version)) {
    t.skip('no Node.js older than 22 available (set CTP_OLD_NODE; .ci/run does)');
    return;
  }
  const r = runCli(['--help'], { node: old });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /needs Node\.js 22\.14 or newer/);
  assert.ok(r.stderr.includes(version.slice(1)));
  assert.match(r.stderr, /end of life/);
});

test('with no remote, --repo is what package.json "repository" is checked and fixed against', (t) => {
  const repo = makeRepo({ files: { 'package.json': { name: 'widget', version: '1.0.0' } } });
  t.after(() => repo.cleanup());
  const r = runCli([repo.dir, '--yes', '--repo', 'acme/widget']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8')).repository, {
    type: 'git',
    url: 'git+https://github.com/acme/widget.git',
  });
});

test('output piped into a reader that stops early (| head): no stack trace, and a --yes run still writes everything', async (t) => {
  const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
  t.after(() => repo.cleanup());
  const child = spawn(process.execPath, [join(ROOT, 'bin/create-trusted-publish.js'), '--yes'], {
    cwd: repo.dir,
    env: { ...process.env, NO_COLOR: '1', BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The reading end closes before the CLI has started (Node takes ~20 ms to boot), so every
  // write to stdout fails with EPIPE, as after `| head -1`.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(stderr, '', 'nothing on stderr: no EPIPE stack trace');
  assert.equal(code, 0);
  assert.ok(existsSync(join(repo.dir, '.github/workflows/publish.yml')), 'the workflow was written');
  assert.ok(existsSync(join(repo.dir, '.github/dependabot.yml')), 'the Dependabot file was written');
});

test('--yes beside a token-publishing workflow migrates it instead of adding publish.yml; without --force nothing is written', (t) => {
  const repo = makePackageRepo({
    files: { '.github/workflows/release.yml': 'on:\n  release:\n    types: [published]\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n' },
  });
  t.after(() => repo.cleanup());
  const refused = runCli([repo.dir, '--yes']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /--force/);
  assert.equal(repo.git('status', '--porcelain'), '');
  const r = runCli([repo.dir, '--yes', '--force']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!existsSync(join(repo.dir, '.github/workflows/publish.yml')), 'no second publishing workflow');
  assert.doesNotMatch(readFileSync(join(repo.dir, '.github/workflows/release.yml'), 'utf8'), /NODE_AUTH_TOKEN/);
  assert.match(r.stdout, /acme \/ widget \/ release\.yml/);
  const named = runCli([repo.dir, '--yes', '--workflow', 'release.yml']);
  assert.equal(named.code, 1);
  assert.match(named.stderr, /--migrate/);
});
