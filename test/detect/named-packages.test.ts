// The packages the publishing workflows name: only when every publish names its package literally
// is the repository's package set narrowed to them (doctor's and migrate's set, --packages aside).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { namedInPublishes, repositoryPackages } from '../../src/detect/named-packages.js';
import { detected, packageInfo } from '../helpers/detected.js';
import type { WorkflowFile } from '../../src/core/model.js';

const TOKEN = '        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n';
const workflow = (runs: string[]): WorkflowFile => ({
  path: '.github/workflows/release.yml',
  fileName: 'release.yml',
  content: `on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci\n${runs.map((run) => `      - run: ${run}\n${TOKEN}`).join('')}`,
  publishes: true,
  tokenUses: [],
});
const named = (...runs: string[]) => namedInPublishes([workflow(runs)]);

test('yarn workspace <name> npm publish, and the pack-then-npm-publish the migration writes for it', () => {
  assert.deepEqual(named('yarn workspace @acme/beacon-cli npm publish --access public'), ['@acme/beacon-cli']);
  assert.deepEqual(named('yarn workspace @acme/beacon-cli pack --out "$PWD/acme-beacon-cli.tgz" && npm publish "$PWD/acme-beacon-cli.tgz" --access public'), ['@acme/beacon-cli']);
});

test('npm publish --workspace / -w / --workspace=, by name or by folder, across several steps', () => {
  assert.deepEqual(named('npm publish --workspace @acme/core --provenance', 'npm publish -w packages/cli', 'npm publish --workspace=@acme/ui --access public'), ['@acme/core', 'packages/cli', '@acme/ui']);
});

test('pnpm --filter <exact name> publish, before or after publish', () => {
  assert.deepEqual(named('pnpm --filter @acme/core publish --no-git-checks', 'pnpm publish -F widget --access public'), ['@acme/core', 'widget']);
});

test('no narrowing when one publish names no package, or not literally', () => {
  for (const runs of [
    ['yarn workspace @acme/cli npm publish', 'cd cli && npm publish --access public'],
    ['npm publish --workspaces'],
    ['pnpm -r publish'],
    ['pnpm publish --filter "./packages/**"'],
    ['pnpm --filter @acme/core... publish'],
    ['npm publish --workspace ${{ inputs.package }}'],
    ['npm publish -w "$PKG"'],
    ['npm publish acme-cli.tgz'],
    ['yarn workspaces foreach --no-private npm publish'],
    ['yarn release'],
  ]) assert.equal(named(...runs), undefined, runs.join(' / '));
});

test("npm publish <folder> names that folder, from the repository's top or from the step's working directory", () => {
  assert.deepEqual(named('npm publish packages/core', 'npm publish ./packages/cli/ --access public'), ['packages/core', 'packages/cli']);
  // A folder that holds no package of the repository (a build's dist/) leaves the set whole: repositoryPackages matches names against packages.
  assert.deepEqual(named('npm publish ./dist'), ['dist']);
  // A bare publish at the top publishes the top package ('.'), beside any other the workflow names.
  assert.deepEqual(named('npm publish .'), ['.']);
  assert.deepEqual(named('yarn workspace @acme/cli npm publish', 'npm publish --access public'), ['@acme/cli', '.']);
  const sub: WorkflowFile = { ...workflow(['npm publish packages/core']), content: workflow(['npm publish packages/core']).content.replace('  publish:\n', '  publish:\n    defaults:\n      run:\n        working-directory: site\n') };
  assert.deepEqual(namedInPublishes([sub]), ['site/packages/core']);
});

test("a bare npm publish in a literal working directory names that folder; one with an expression names none", () => {
  // The shape of dotansimha/graphql-code-generator's rust.yml (see the v16c fixtures).
  const at = (dir: string, run: string): WorkflowFile => ({ ...workflow([run]), content: workflow([run]).content.replace(`      - run: ${run}\n`, `      - run: ${run}\n        working-directory: ${dir}\n`) });
  assert.deepEqual(namedInPublishes([at('./packages/presets/swc-plugin', 'npm publish --access=public')]), ['packages/presets/swc-plugin']);
  assert.deepEqual(namedInPublishes([at('packages/cli', 'npm publish ../core')]), ['packages/core']);
  assert.equal(namedInPublishes([at('${{ matrix.dir }}', 'npm publish')]), undefined);
  assert.equal(namedInPublishes([at('packages/cli', 'npm publish ../../..')]), undefined);
});

test('a publishing step with no run: (an action) leaves the set as it is', () => {
  const w = workflow(['npm publish -w @acme/core']);
  const action: WorkflowFile = { ...w, path: '.github/workflows/action.yml', fileName: 'action.yml', content: 'on: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: JS-DevTools/npm-publish@v3\n        with:\n          token: ${{ secrets.NPM_TOKEN }}\n' };
  assert.equal(namedInPublishes([w, action]), undefined);
});

test('a workflow that does not publish is not read', () => {
  const ci: WorkflowFile = { path: '.github/workflows/ci.yml', fileName: 'ci.yml', content: 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n', publishes: false, tokenUses: [] };
  assert.deepEqual(namedInPublishes([ci, workflow(['npm publish -w @acme/core'])]), ['@acme/core']);
});

test('yarn npm publish, yarn publish and pnpm publish name the literal folder they run in, like npm publish', () => {
  // The shape of gnosisguild/zodiac-modifier-roles's release.yml (see the v20b fixture): one step per published workspace.
  const at = (steps: Array<[string, string]>): WorkflowFile => {
    let content = workflow(steps.map(([, run]) => run)).content;
    for (const [dir, run] of steps) content = content.replace(`      - run: ${run}\n${TOKEN}`, `      - run: ${run}\n        working-directory: ${dir}\n${TOKEN}`);
    return { ...workflow([]), content };
  };
  assert.deepEqual(namedInPublishes([at([['./packages/deployments', 'yarn npm publish'], ['./packages/sdk', 'yarn npm publish --access public']])]), ['packages/deployments', 'packages/sdk']);
  assert.deepEqual(namedInPublishes([at([['packages/cli', 'yarn publish --non-interactive']])]), ['packages/cli']);
  assert.deepEqual(namedInPublishes([at([['packages/cli', 'pnpm publish --no-git-checks']])]), ['packages/cli']);
  // What the migration writes for a Yarn 2+ publish: pack the folder, publish the tarball.
  assert.deepEqual(namedInPublishes([at([['./packages/sdk', 'yarn pack --out package.tgz && npm publish package.tgz']])]), ['packages/sdk']);
  // At the top: the top package.
  assert.deepEqual(named('yarn npm publish'), ['.']);
  assert.deepEqual(named('yarn pack --out package.tgz && npm publish package.tgz'), ['.']);
  // Through the workspaces, or from a folder an expression names: no narrowing.
  assert.equal(named('pnpm publish -r --no-git-checks'), undefined);
  assert.equal(namedInPublishes([at([['${{ matrix.dir }}', 'yarn npm publish']])]), undefined);
});

test('a workspace root with no "version" is no package to publish; a versioned top package still is', () => {
  // The shape of DinhThienPhuc/reactjs-base (see the v20c fixture): `pnpm --filter "./packages/**/**" -r publish` from a root script.
  const workspaces = [packageInfo({ name: '@acme-base/hooks', version: '0.1.0' }, 'packages/hooks'), packageInfo({ name: '@acme-base/ui', version: '0.1.0' }, 'packages/ui'), packageInfo({ name: 'web', private: true }, 'apps/web')];
  const root = (data: Record<string, unknown>) => repositoryPackages(detected({ pkg: packageInfo(data), workspacePackages: workspaces, workflows: [] })).map((p) => p.name);
  assert.deepEqual(root({ name: 'react-base' }), ['@acme-base/hooks', '@acme-base/ui']);
  assert.deepEqual(root({ name: 'react-base', version: '1.0.0' }), ['react-base', '@acme-base/hooks', '@acme-base/ui']);
  // With no workspaces, a versionless package is still the one to publish (CI may write its version).
  assert.deepEqual(repositoryPackages(detected({ pkg: packageInfo({ name: 'solo' }), workspacePackages: [], workflows: [] })).map((p) => p.name), ['solo']);
});

test('a versioned workspace root that changesets releases around is no package to publish, unless a step publishes the top', () => {
  const workspaces = [packageInfo({ name: '@acme/core', version: '0.1.0' }, 'packages/core'), packageInfo({ name: '@acme/gen', version: '0.1.0' }, 'packages/gen')];
  const changesets = { ...workflow([]), content: workflow([]).content + '      - uses: changesets/action@v1\n        with:\n          publish: npm run cs:publish\n' + TOKEN };
  const names = (workflows: WorkflowFile[]) =>
    repositoryPackages(detected({ pkg: packageInfo({ name: 'acme-monorepo', version: '1.0.0' }), workspacePackages: workspaces, isMonorepo: true, workflows, release: { flow: 'changesets', evidence: [], tools: {}, releasePleaseFiles: [] } })).map((p) => p.name);
  assert.deepEqual(names([changesets]), ['@acme/core', '@acme/gen']);
  assert.deepEqual(names([changesets, { ...workflow(['npm publish']), path: '.github/workflows/top.yml', fileName: 'top.yml' }]), ['acme-monorepo', '@acme/core', '@acme/gen']);
});
