// detect(): package manager, workspaces, default branch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detect } from '../../src/detect/index.js';
import type { Detected } from '../../src/core/model.js';
import { git, makeRepo } from '../helpers/repo.js';

const ids = (d: Detected) => d.findings.map((f) => f.id).sort();
const PKG = { name: 'pm-test', version: '1.0.0', repository: 'github:acme/widget' };

async function detectFiles(files: Record<string, string | object>): Promise<Detected> {
  const r = makeRepo({ remote: 'https://github.com/acme/widget', files });
  try {
    return await detect(r.dir);
  } finally {
    r.cleanup();
  }
}

const lockfiles: Array<[string, string]> = [
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
];
for (const [file, name] of lockfiles) {
  test(`lockfile ${file} -> ${name}`, async () => {
    const d = await detectFiles({ 'package.json': PKG, [file]: '{}\n' });
    assert.deepEqual(d.packageManager, { name, source: 'lockfile', lockfile: file });
    assert.deepEqual(ids(d), []);
  });
}

test('no lockfile -> npm by default', async () => {
  const d = await detectFiles({ 'package.json': PKG });
  assert.deepEqual(d.packageManager, { name: 'npm', source: 'default' });
});

test('packageManager field wins over the lockfile', async () => {
  const d = await detectFiles({ 'package.json': { ...PKG, packageManager: 'pnpm@9.1.0+sha512.abc' }, 'pnpm-lock.yaml': '' });
  assert.deepEqual(d.packageManager, { name: 'pnpm', source: 'packageManager', lockfile: 'pnpm-lock.yaml' });
  assert.equal(d.pkg?.packageManagerField, 'pnpm@9.1.0+sha512.abc');

  const mismatch = await detectFiles({ 'package.json': { ...PKG, packageManager: 'yarn@4.5.0' }, 'package-lock.json': '{}' });
  assert.deepEqual(mismatch.packageManager, { name: 'yarn', source: 'packageManager' });
  assert.deepEqual(ids(mismatch), ['package-manager-mismatch']);

  const unknown = await detectFiles({ 'package.json': { ...PKG, packageManager: 'deno@2' }, 'yarn.lock': '' });
  assert.deepEqual(unknown.packageManager, { name: 'yarn', source: 'lockfile', lockfile: 'yarn.lock' });
});

test('several lockfiles are reported', async () => {
  const d = await detectFiles({ 'package.json': PKG, 'yarn.lock': '', 'package-lock.json': '{}' });
  assert.equal(d.packageManager.name, 'npm');
  assert.deepEqual(ids(d), ['multiple-lockfiles']);
});

test('subdirectory package uses the top-level packageManager field', async (t) => {
  const r = makeRepo({
    remote: 'https://github.com/acme/mono',
    files: {
      'package.json': { private: true, packageManager: 'yarn@4.5.0' },
      'yarn.lock': '',
      'libs/x/package.json': { name: 'x', version: '1.0.0' },
    },
  });
  t.after(() => r.cleanup());
  const d = await detect(join(r.dir, 'libs/x'));
  assert.deepEqual(d.packageManager, { name: 'yarn', source: 'packageManager', lockfile: 'yarn.lock' });
});

test('npm workspaces monorepo: publishable packages only', async () => {
  const repository = { type: 'git', url: 'git+https://github.com/acme/widget.git' };
  const d = await detectFiles({
    'package.json': { name: 'root', private: true, workspaces: ['packages/*', './tools/cli', '!packages/skip'] },
    'package-lock.json': '{}',
    'packages/a/package.json': { name: '@acme/a', version: '1.0.0', repository: { ...repository, directory: 'packages/a' } },
    'packages/b/package.json': { name: '@acme/b', version: '1.0.0', private: true },
    'packages/c/package.json': { version: '1.0.0' },
    'packages/d/README.md': 'no package.json',
    'packages/skip/package.json': { name: '@acme/skip', version: '1.0.0' },
    'packages/broken/package.json': '{',
    'tools/cli/package.json': { name: 'acme-cli', version: '2.0.0' },
    'tools/other/package.json': { name: 'not-a-workspace', version: '2.0.0' },
  });
  assert.deepEqual(d.pkg?.workspaces, ['packages/*', './tools/cli', '!packages/skip']);
  assert.deepEqual(d.workspacePackages.map((p) => [p.name, p.dir]), [['@acme/a', 'packages/a'], ['acme-cli', 'tools/cli']]);
  assert.deepEqual(ids(d), ['invalid-workspace-package-json', 'monorepo', 'repository-mismatch']);
  const mono = d.findings.find((f) => f.id === 'monorepo');
  assert.equal(mono?.level, 'info');
  assert.match(mono?.message ?? '', /2 publishable packages: @acme\/a \(packages\/a\), acme-cli \(tools\/cli\)/);
  // only the workspace package without repository is flagged; the private root is not
  assert.equal(d.findings.find((f) => f.id === 'repository-mismatch')?.file, 'tools/cli/package.json');
  assert.equal(d.isMonorepo, true);
  assert.deepEqual(d.repositoryMismatches.map((m) => m.file), ['tools/cli/package.json']);
});

test('workspaces in { packages } form', async () => {
  const d = await detectFiles({
    'package.json': { private: true, workspaces: { packages: ['libs/*'] } },
    'libs/one/package.json': { name: 'one', version: '1.0.0' },
  });
  assert.deepEqual(d.workspacePackages.map((p) => p.name), ['one']);
  assert.ok(!ids(d).includes('private-package'));
});

test('pnpm-workspace.yaml monorepo', async () => {
  const d = await detectFiles({
    'package.json': { name: 'root', private: true },
    'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n  - \"apps/**\"\n  - '!**/internal'\nonlyBuiltDependencies: [esbuild]\n",
    'pnpm-lock.yaml': 'lockfileVersion: 9\n',
    'packages/a/package.json': { name: 'a', version: '1.0.0', repository: { url: 'github:acme/widget', directory: 'packages/a' } },
    'packages/internal/package.json': { name: 'internal', version: '1.0.0' },
    'packages/priv/package.json': { name: 'priv', version: '1.0.0', private: true },
    'apps/web/package.json': { name: 'web', version: '1.0.0', repository: { url: 'github:acme/widget', directory: 'apps/web' } },
    'apps/web/sub/package.json': { name: 'web-sub', version: '1.0.0', repository: { url: 'github:acme/widget', directory: 'apps/web/sub' } },
  });
  assert.equal(d.packageManager.name, 'pnpm');
  assert.deepEqual(d.workspacePackages.map((p) => p.name), ['web', 'web-sub', 'a']);
  assert.deepEqual(ids(d), ['monorepo']);
  // A "directory" that differs is a note, never an E422: no mismatch.
  assert.deepEqual(d.repositoryMismatches, []);
});

test('pnpm-workspace.yaml without packages is not a monorepo', async () => {
  const d = await detectFiles({
    'package.json': PKG,
    'pnpm-workspace.yaml': 'onlyBuiltDependencies:\n  - esbuild\n',
  });
  assert.deepEqual(ids(d), []);
  assert.deepEqual(d.workspacePackages, []);
});

test('default branch from origin/HEAD, else the current branch', async (t) => {
  const originDir = mkdtempSync(join(tmpdir(), 'ctp-origin-'));
  const r = makeRepo({ branch: 'dev', files: { 'package.json': PKG } });
  t.after(() => {
    r.cleanup();
    rmSync(originDir, { recursive: true, force: true });
  });
  git(originDir, 'init', '-q', '--bare', '-b', 'release');
  r.git('remote', 'add', 'origin', originDir);
  r.git('push', '-q', 'origin', 'dev:release');
  r.git('remote', 'set-head', 'origin', '-a');
  r.git('remote', 'set-url', 'origin', 'git@github.com:acme/widget.git');
  const d = await detect(r.dir);
  assert.equal(d.git.defaultBranch, 'release');
  assert.deepEqual(d.git.github, { owner: 'acme', name: 'widget' });

  r.git('remote', 'set-head', 'origin', '-d');
  assert.equal((await detect(r.dir)).git.defaultBranch, 'dev');
  const fresh = makeRepo({ branch: 'trunk', commit: false });
  t.after(() => fresh.cleanup());
  assert.equal((await detect(fresh.dir)).git.defaultBranch, 'trunk');
  fresh.git('commit', '-q', '--allow-empty', '-m', 'x');
  fresh.git('checkout', '-q', '--detach');
  assert.equal((await detect(fresh.dir)).git.defaultBranch, undefined);
});
