// `pnpm -r --filter=./packages/* publish` in a repository with no pnpm-workspace.yaml: the packages
// doctor (and so migrate) names are the ones the real pnpm selects, each of the two majors the
// rehearsal installs asked with `pnpm ls` (publish skips the private ones).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';
import { packageBin, PNPM_VERSIONS } from '../rehearsal/tools.js';

const workflow = (run: string) => `on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: ${run}
        env:
          NPM_AUTH_TOKEN: \${{ secrets.NPM_AUTH_TOKEN }}
`;

const pkg = (name: string, extra: object = {}) => ({ name, version: '1.0.0', ...extra });
const LAYOUT = {
  'package.json': { name: 'root', private: true, scripts: { pub: 'pnpm run build && pnpm -r --filter=./packages/* publish', build: 'node -e 0' } },
  'packages/hooks/package.json': pkg('acme-hooks'),
  'packages/core/package.json': pkg('@acme/core'),
  'packages/internal/package.json': pkg('acme-internal', { private: true }),
  'packages/group/nested/package.json': pkg('acme-nested'),
  'examples/demo/package.json': pkg('acme-demo'),
  'plugins/one/package.json': pkg('acme-plugin-one'),
};

/** The packages doctor names for the repository. */
const doctorPackages = (dir: string) => (JSON.parse(runCli(['doctor', dir, '--json']).stdout) as { packages: string[] }).packages.sort();

/** The projects the real pnpm selects with that filter, without the private ones. */
function pnpmSelects(bin: string, dir: string, filter: string): string[] {
  const out = execFileSync(join(bin, 'pnpm'), ['-r', `--filter=${filter}`, 'ls', '--depth', '-1', '--parseable'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  const manifests = out.split('\n').filter(Boolean).map((path) => JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as { name: string; private?: boolean });
  return manifests.filter((p) => !p.private).map((p) => p.name).sort();
}

for (const [what, run, filter] of [
  ['through a package.json script', 'npm run pub', './packages/*'],
  ['in the run line, the filter in braces', 'pnpm -r --filter "{packages/*}" publish --no-git-checks', '{packages/*}'],
] as const) {
  test(`pnpm -r with a path filter and no pnpm-workspace.yaml, ${what}: doctor names what pnpm publishes`, (t) => {
    const repo = makeRepo({ remote: 'https://github.com/acme/hooks.git', files: { ...LAYOUT, '.github/workflows/npm.yml': workflow(run) } });
    t.after(() => repo.cleanup());
    assert.deepEqual(doctorPackages(repo.dir), ['@acme/core', 'acme-hooks']);
    for (const version of PNPM_VERSIONS) {
      const bin = packageBin('pnpm', version);
      if (!bin.ok) return t.skip(bin.reason);
      assert.deepEqual(pnpmSelects(bin.value, repo.dir, filter), ['@acme/core', 'acme-hooks'], `pnpm ${version}`);
    }
  });
}

test('a pnpm publish filtered by name, or a repository with a pnpm-workspace.yaml, is not read as a path filter', (t) => {
  const byName = makeRepo({ remote: 'https://github.com/acme/hooks.git', files: { ...LAYOUT, '.github/workflows/npm.yml': workflow('pnpm -r --filter=./packages/* --filter acme-hooks publish') } });
  t.after(() => byName.cleanup());
  assert.deepEqual(doctorPackages(byName.dir), []);
  const declared = makeRepo({ remote: 'https://github.com/acme/hooks.git', files: { ...LAYOUT, 'pnpm-workspace.yaml': 'packages:\n  - plugins/*\n', '.github/workflows/npm.yml': workflow('npm run pub') } });
  t.after(() => declared.cleanup());
  assert.deepEqual(doctorPackages(declared.dir), ['acme-plugin-one']);
});
