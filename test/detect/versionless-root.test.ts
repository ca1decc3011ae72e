// A workspace root with a name but no "version" beside publishable workspaces: npm refuses to
// publish a package without a version, so it is no package of the set. Doctor does not warn
// that it lacks a version, and the repository fix (migrate's "repository" edit) leaves it alone.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { detect } from '../../src/detect/index.js';
import { repositoryPackages } from '../../src/detect/named-packages.js';
import { makeRepo, type TempRepo } from '../helpers/repo.js';

const repos: TempRepo[] = [];
after(() => repos.forEach((r) => r.cleanup()));

const RELEASE = `on:
  create:
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pnpm install
      - run: pnpm publish:all
        env:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

const repo = (root: object, workspaces: Record<string, object>) => {
  const files: Record<string, string | object> = { 'package.json': root, 'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n", '.github/workflows/release.yml': RELEASE };
  for (const [dir, pkg] of Object.entries(workspaces)) files[`${dir}/package.json`] = pkg;
  const made = makeRepo({ remote: 'https://github.com/acme/react-base.git', files });
  repos.push(made);
  return made.dir;
};
const SCRIPTS = { 'publish:all': 'pnpm --filter "./packages/**" -r publish --access public --no-git-checks' };
const HOOKS = { name: '@acme-base/hooks', version: '0.2.0' };

test('a versionless workspace root is not in the package set and gets no no-version warning', async () => {
  const d = await detect(repo({ name: 'react-base', scripts: SCRIPTS }, { 'packages/hooks': HOOKS }));
  assert.deepEqual(repositoryPackages(d).map((p) => p.name), ['@acme-base/hooks']);
  assert.equal(d.findings.some((f) => f.id === 'no-version'), false, JSON.stringify(d.findings.map((f) => f.id)));
});

test('a root with a version, or a single package without one, stays in the set (and the latter is warned about)', async () => {
  const versioned = await detect(repo({ name: 'react-base', version: '1.0.0', scripts: SCRIPTS }, { 'packages/hooks': HOOKS }));
  assert.deepEqual(repositoryPackages(versioned).map((p) => p.name), ['react-base', '@acme-base/hooks']);
  const single = makeRepo({ remote: 'https://github.com/acme/widget.git', files: { 'package.json': { name: 'widget' }, '.github/workflows/release.yml': RELEASE.replace('pnpm publish:all', 'npm publish') } });
  repos.push(single);
  const d = await detect(single.dir);
  assert.deepEqual(repositoryPackages(d).map((p) => p.name), ['widget']);
  assert.equal(d.findings.some((f) => f.id === 'no-version'), true);
});
