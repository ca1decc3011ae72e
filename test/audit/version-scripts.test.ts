// A version bump runs the package's preversion, version and postversion scripts (npm, pnpm, Yarn 1):
// a release that publishes from postversion is a publish, for doctor and migrate alike.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runPublishesWith, scriptsRun } from '../../src/audit/publish-rule.js';
import { isYarnBerry } from '../../src/audit/version-scripts.js';
import { withPackageScripts } from '../../src/migrate/scripts.js';

const scripts = { preversion: 'pnpm test', version: 'update-changelog', postversion: 'pnpm publish --access public', test: 'node --test' };

test('npm, pnpm and Yarn 1 bumps run the version scripts; `npm run version` runs only that script', () => {
  for (const line of ['pnpm version patch', 'npm version minor --no-git-tag-version', 'npm version "$NEXT" -m "release %s"', 'yarn version --patch', 'yarn version --new-version 2.0.0', 'npm version from-git']) {
    assert.deepEqual(scriptsRun(line, scripts), ['preversion', 'version', 'postversion'], line);
  }
  assert.deepEqual(scriptsRun('npm run version', scripts), ['version']);
  assert.deepEqual(scriptsRun('npm version patch', { postversion: 'git push --follow-tags' }), ['postversion']);
});

test('no bump, --ignore-scripts, or Yarn 2+: no version script runs', () => {
  for (const line of ['npm version', 'npm version --json', 'pnpm version patch --ignore-scripts', 'npm version major --ignore-scripts=true', '# npm version patch', 'echo npm version']) {
    assert.deepEqual(scriptsRun(line, scripts), [], line);
  }
  assert.deepEqual(scriptsRun('npm version patch --ignore-scripts false', scripts), ['preversion', 'version', 'postversion']);
  assert.deepEqual(scriptsRun('yarn version patch', scripts, true), []);
  assert.deepEqual(scriptsRun('yarn version patch', scripts, false), ['preversion', 'version', 'postversion']);
});

test('a bump whose postversion script publishes is a publish', () => {
  assert.equal(runPublishesWith('pnpm version patch', { scripts }), true);
  assert.equal(runPublishesWith('if true; then\n  pnpm version major\nfi', { scripts }), true);
  assert.equal(runPublishesWith('pnpm version patch --ignore-scripts', { scripts }), false);
  assert.equal(runPublishesWith('yarn version patch', { scripts, yarnBerry: true }), false);
  assert.equal(runPublishesWith('npm version patch', { scripts: { postversion: 'git push --follow-tags' } }), false);
});

test('Yarn 2+ from packageManager, else from .yarnrc.yml', () => {
  const files = (map: Record<string, string>) => (path: string) => map[path];
  assert.equal(isYarnBerry(files({ 'package.json': '{ "packageManager": "yarn@4.5.0" }' })), true);
  assert.equal(isYarnBerry(files({ 'package.json': '{ "packageManager": "yarn@1.22.22" }', '.yarnrc.yml': '' })), false);
  assert.equal(isYarnBerry(files({ 'package.json': '{}', '.yarnrc.yml': 'nodeLinker: node-modules\n' })), true);
  assert.equal(isYarnBerry(files({ 'package.json': '{ "packageManager": "pnpm@9.6.0" }' })), false);
});

test('migrate reads the version scripts a step runs, as the publish rule does', () => {
  const pkg = JSON.stringify({ scripts: { postversion: 'pnpm publish', postpublish: 'git push --follow-tags' } });
  assert.equal(withPackageScripts('pnpm version patch', (path) => (path === 'package.json' ? pkg : undefined)), 'pnpm version patch\npnpm publish');
  const berry = JSON.stringify({ packageManager: 'yarn@4.5.0', scripts: { postversion: 'yarn npm publish' } });
  assert.equal(withPackageScripts('yarn version patch', (path) => (path === 'package.json' ? berry : undefined)), 'yarn version patch');
});

test('a script name that starts with @ (`npm run @ci:release`, marko-js/marko@fda50b2 package.json) is followed', () => {
  assert.deepEqual(scriptsRun('npm run @ci:release-alias', { '@ci:release-alias': 'node scripts/publish-alias.ts' }), ['@ci:release-alias']);
});
