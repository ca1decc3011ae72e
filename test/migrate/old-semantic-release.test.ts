// A job that runs semantic-release older than 25 (or @semantic-release/npm older than 13) cannot
// publish once the token is gone (ENONPMTOKEN): migrate refuses it and names the upgrade.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refuseOldSemanticRelease, SEMANTIC_RELEASE } from '../../src/migrate/old-semantic-release.js';
import { MigrateError } from '../../src/migrate/errors.js';

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
  assert.doesNotThrow(() => refuseOldSemanticRelease('release', 'npx semantic-release', withPackage({ 'semantic-release': '^25.0.3' })));
  assert.doesNotThrow(() => refuseOldSemanticRelease('release', 'npx semantic-release@25', withPackage({ 'semantic-release': '^24.0.0' })));
  assert.doesNotThrow(() => refuseOldSemanticRelease('release', 'npx semantic-release', withPackage({})));
  assert.doesNotThrow(() => refuseOldSemanticRelease('release', 'npx semantic-release', () => 'not json'));
  assert.throws(() => refuseOldSemanticRelease('release', 'npx semantic-release@24', withPackage({ 'semantic-release': '^25.0.3' })), /semantic-release @24 cannot publish/);
});

test('the run-line pattern is semantic-release itself, not a plugin named after it', () => {
  assert.match('npx semantic-release --dry-run', SEMANTIC_RELEASE);
  assert.match('npx semantic-release@25', SEMANTIC_RELEASE);
  assert.match('node --run semantic-release', SEMANTIC_RELEASE);
  assert.doesNotMatch('npm i -D semantic-release-monorepo', SEMANTIC_RELEASE);
});

test('a version named on the run line is upgraded there: the refusal does not send the user to package.json', () => {
  const run = 'pnpm --package=semantic-release@19 --package=@semantic-release/git@10 dlx semantic-release';
  assert.throws(
    () => refuseOldSemanticRelease('release', run, withPackage({})),
    (error: unknown) =>
      error instanceof MigrateError &&
      /Name semantic-release@25\.0\.1 on the run line instead of semantic-release@19/.test(error.message) &&
      !/package\.json/.test(error.message),
  );
  // Both: the line's version and an old @semantic-release/npm in package.json, each where it is.
  assert.throws(
    () => refuseOldSemanticRelease('release', 'npx semantic-release@24', withPackage({ '@semantic-release/npm': '^12.0.1' })),
    /Name semantic-release@25\.0\.1 on the run line instead of semantic-release@24 \(with plugin versions that support it\), and upgrade @semantic-release\/npm to \^13\.1\.0 in package\.json and commit the lockfile, then migrate again\./,
  );
});
