// A job that runs semantic-release older than 25 (or @semantic-release/npm older than 13) cannot
// publish once the token is gone (ENONPMTOKEN): migrate refuses one from package.json and names the
// upgrade; one named on the run line is raised there, unless a plugin it pins does not run with 25.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { meetsSemanticRelease25, refuseOldSemanticRelease, SEMANTIC_RELEASE } from '../../src/migrate/old-semantic-release.js';
import { MigrateError } from '../../src/migrate/errors.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { loadPins } from '../../src/render/pins.js';

const withPackage = (devDependencies: Record<string, string>) => (path: string) =>
  path === 'package.json' ? JSON.stringify({ name: 'widget', version: '1.0.0', devDependencies }) : undefined;

test('semantic-release 24 or @semantic-release/npm 12 in package.json: refused, naming each and the upgrade', () => {
  assert.throws(
    () => refuseOldSemanticRelease('release', 'npx semantic-release', withPackage({ 'semantic-release': '^24.2.0', '@semantic-release/npm': '^12.0.1' })),
    (error: unknown) =>
      error instanceof MigrateError &&
      /job "release" publishes with semantic-release, and semantic-release \^24\.2\.0 and @semantic-release\/npm \^12\.0\.1 cannot publish/.test(error.message) &&
      /Upgrade semantic-release to \^25\.0\.1 and @semantic-release\/npm to \^13\.1\.0/.test(error.message),
  );
  assert.throws(() => refuseOldSemanticRelease('release', 'npx semantic-release', withPackage({ 'semantic-release': '^25.0.3', '@semantic-release/npm': '^12.0.1' })), /@semantic-release\/npm \^12\.0\.1 cannot publish/);
});

test('semantic-release 25, a version named on the run line, or no version known: not refused', () => {
  assert.deepEqual(refuseOldSemanticRelease('release', 'npx semantic-release', withPackage({ 'semantic-release': '^25.0.3' })), []);
  assert.deepEqual(refuseOldSemanticRelease('release', 'npx semantic-release@25', withPackage({ 'semantic-release': '^24.0.0' })), []);
  assert.deepEqual(refuseOldSemanticRelease('release', 'npx semantic-release', withPackage({})), []);
  assert.deepEqual(refuseOldSemanticRelease('release', 'npx semantic-release', () => 'not json'), []);
  // An old one on the run line is returned, to be raised there.
  assert.deepEqual(refuseOldSemanticRelease('release', 'npx semantic-release@24', withPackage({ 'semantic-release': '^25.0.3' })), [{ name: 'semantic-release', major: 24 }]);
  assert.deepEqual(refuseOldSemanticRelease('release', 'npx -p semantic-release@^17.4.0 -p @semantic-release/npm@7 -p multi-semantic-release@2 semantic-release', withPackage({})), [
    { name: 'semantic-release', major: 17 },
    { name: '@semantic-release/npm', major: 7 },
  ]);
});

test('the run-line pattern is semantic-release itself, not a plugin named after it', () => {
  assert.match('npx semantic-release --dry-run', SEMANTIC_RELEASE);
  assert.match('npx semantic-release@25', SEMANTIC_RELEASE);
  assert.match('node --run semantic-release', SEMANTIC_RELEASE);
  assert.doesNotMatch('npm i -D semantic-release-monorepo', SEMANTIC_RELEASE);
});

test('an old version on the run line beside an old one in package.json: refused, naming each where it is', () => {
  // Both: the line's version and an old @semantic-release/npm in package.json, each where it is.
  assert.throws(
    () => refuseOldSemanticRelease('release', 'npx semantic-release@24', withPackage({ '@semantic-release/npm': '^12.0.1' })),
    /Name semantic-release@25\.0\.1 on the run line instead of semantic-release@24 \(with plugin versions that support it\), and upgrade @semantic-release\/npm to \^13\.1\.0 in package\.json and commit the lockfile, then migrate again\./,
  );
});

const pins = loadPins();
const path = '.github/workflows/release.yml';
const workflow = (run: string, node = '16') => `on:
  push:
    branches: [main]
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: ${node}
      - run: npm ci
      - run: ${run}
        env:
          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
const migrate = (run: string, devDependencies: Record<string, string> = {}, node?: string) =>
  migrateWorkflow(workflow(run, node), path, { pins, repo: { owner: 'acme', name: 'widget' }, readFile: withPackage(devDependencies) });

test('semantic-release named on the run line below 25 is raised there, on Node 24, with a line under Left for you', () => {
  const result = migrate('npx semantic-release@17');
  assert.match(result.after, /run: npx semantic-release@25\n/);
  assert.match(result.after, /node-version: 24\n/);
  assert.doesNotMatch(result.after, /NPM_TOKEN/);
  assert.ok(result.changes.includes('job "release": runs semantic-release@25 (was @17), the first that publishes with trusted publishing'), result.changes.join('\n'));
  assert.deepEqual(result.left, ['job "release" now runs semantic-release@25 (was @17): check its breaking changes (https://github.com/semantic-release/semantic-release/releases).']);
  // `-p` forms, @semantic-release/npm with them, quotes kept; plugins that run with 25 stay as they are.
  const pinned = migrate(`npx --yes -p "semantic-release@^19.0.5" -p @semantic-release/npm@9.0.1 -p @semantic-release/git@10 -p conventional-changelog-conventionalcommits@8 semantic-release`);
  assert.match(pinned.after, /npx --yes -p "semantic-release@25" -p @semantic-release\/npm@13 -p @semantic-release\/git@10 -p conventional-changelog-conventionalcommits@8 semantic-release/);
  // semantic-release 25 on the line already: nothing to raise.
  assert.deepEqual(migrate('npx semantic-release@25').left, []);
});

test('a plugin pinned on the run line or in package.json that does not run with semantic-release 25: refused, naming it', () => {
  assert.throws(
    () => migrate('npx -p semantic-release@17 -p @semantic-release/git@9 -p @semantic-release/changelog@5.0.1 semantic-release'),
    (error: unknown) =>
      error instanceof MigrateError &&
      /job "release" runs semantic-release@17, which cannot publish with trusted publishing \(ENONPMTOKEN\), and semantic-release 25, the first that can, does not run with @semantic-release\/git@9 \(10 or later runs with it\), @semantic-release\/changelog@5 \(6 or later runs with it\)\. Upgrade them/.test(error.message),
  );
  assert.throws(() => migrate('npx semantic-release@17', { 'conventional-changelog-conventionalcommits': '^7.0.2' }), /does not run with conventional-changelog-conventionalcommits@7 \(package\.json \^7\.0\.2\) \(8 or later runs with it\)/);
});

test('a raised semantic-release on a Node its engines refuse: refused; Node versions it runs on', () => {
  assert.throws(() => migrate('npx semantic-release@24', {}, '24.5.0'), /would run semantic-release 25 on Node 24\.5\.0, and it needs Node \^22\.14\.0 \|\| >=24\.10\.0/);
  for (const ok of ['24', '22', 'lts/*', '24.10.0', '^22.1', '25']) assert.equal(meetsSemanticRelease25(ok), true, ok);
  for (const old of ['20', '22.12.0', '24.9', '~24.5', '18.x']) assert.equal(meetsSemanticRelease25(old), false, old);
  assert.equal(meetsSemanticRelease25('>=20'), undefined);
});

const actionWorkflow = (plugins: string) => `on:
  push:
    branches: [main]
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: cycjimmy/semantic-release-action@v3
        with:
          semantic_version: 19.0.5
          extra_plugins: |
${plugins}
        env:
          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
const migrateAction = (plugins: string) => migrateWorkflow(actionWorkflow(plugins), path, { pins, repo: { owner: 'acme', name: 'widget' }, readFile: withPackage({}) });

test('semantic-release-action with semantic_version below 25: raised to 25, or refused naming a plugin that does not run with it', () => {
  const result = migrateAction('            @semantic-release/git@10.0.1');
  assert.match(result.after, /semantic_version: 25\n/);
  assert.ok(result.changes.includes('job "release": semantic_version 25 (was 19.0.5), the first semantic-release that publishes with trusted publishing'), result.changes.join('\n'));
  assert.ok(result.left.some((line) => line.startsWith('job "release" now runs semantic-release 25 (semantic_version was 19.0.5)')), result.left.join('\n'));
  assert.throws(
    () => migrateAction('            @semantic-release/git@10.0.1\n            conventional-changelog-conventionalcommits@5.0.0'),
    /semantic_version of cycjimmy\/semantic-release-action.*does not run with conventional-changelog-conventionalcommits@5 \(8 or later runs with it\)\. Upgrade it in extra_plugins/,
  );
});
