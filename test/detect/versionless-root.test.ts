// A workspace root with a name but no "version" beside publishable workspaces: npm refuses to
// publish a package without a version, so it is no package of the set. Doctor does not warn
// that it lacks a version, and the repository fix (migrate's "repository" edit) leaves it alone.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { detect } from '../../src/detect/index.js';
import { repositoryPackages } from '../../src/detect/named-packages.js';
import { offlineFindings } from '../../src/doctor/index.js';
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

// A single top package.json with a name and no version that only installs test dependencies, beside
// publishes that all read other folders: a package the workflow builds (cli_pkg's build/npm) and one below.
const DEPLOY = `on:
  push:
    tags: ['*']
jobs:
  deploy_npm:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: dart run grinder pkg-npm-deploy
        env:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
  deploy_parser:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm publish
        working-directory: pkg/widget-parser/
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
const TESTS_ONLY = { name: 'widget-lang', devDependencies: { chokidar: '^4.0.0' } };
const PARSER = { name: 'widget-parser', version: '0.4.12' };

const single = (workflow: string) => {
  const made = makeRepo({ remote: 'https://github.com/acme/widget-lang.git', files: { 'package.json': TESTS_ONLY, 'pkg/widget-parser/package.json': PARSER, '.github/workflows/release.yml': workflow } });
  repos.push(made);
  return made.dir;
};

test('a versionless top package.json that no publish reads is no package: not in the set, no no-version warning, no repository finding', async () => {
  const d = await detect(single(DEPLOY));
  assert.deepEqual(repositoryPackages(d).map((p) => p.name), ['widget-parser']);
  const ids = offlineFindings(d).findings.filter((f) => f.file === 'package.json').map((f) => f.id);
  assert.deepEqual(ids, []);
});

test('a versionless top package.json that a step publishes stays in the set and is warned about: npm refuses it', async () => {
  // A bare npm publish at the top, beside the folder publishes.
  const d = await detect(single(DEPLOY.replace('dart run grinder pkg-npm-deploy', 'npm publish')));
  assert.deepEqual(repositoryPackages(d).map((p) => p.name), ['widget-lang', 'widget-parser']);
  assert.ok(offlineFindings(d).findings.some((f) => f.id === 'no-version' && f.file === 'package.json'));
  // A publish whose folder cannot be read offline may publish the top: the warning stays.
  const unknown = await detect(single(DEPLOY.replace('dart run grinder pkg-npm-deploy', 'npm publish "$PUBLISH_DIR"')));
  assert.ok(offlineFindings(unknown).findings.some((f) => f.id === 'no-version' && f.file === 'package.json'));
});
