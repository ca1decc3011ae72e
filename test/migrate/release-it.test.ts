// release-it's npm check needs a token: --migrate sets npm.skipChecks where it can do so faithfully.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { releaseItSkipChecks } from '../../src/migrate/release-it.js';

const files = (map: Record<string, string>) => (path: string) => map[path];

test('an "npm" block gains skipChecks on a line of its own; the rest stays as written', () => {
  const before = '{\n  "git": { "push": true },\n  "npm": {\n    "publishArgs": ["--provenance"]\n  }\n}\n';
  const { edit, left } = releaseItSkipChecks('release', files({ '.release-it.json': before }));
  assert.equal(left, undefined);
  assert.equal(edit?.after, '{\n  "git": { "push": true },\n  "npm": {\n    "skipChecks": true,\n    "publishArgs": ["--provenance"]\n  }\n}\n');
});

test('no "npm" block: the file is printed again only when that gives it back as written', () => {
  const plain = '{\n\t"github": {\n\t\t"release": true\n\t}\n}\n';
  assert.equal(releaseItSkipChecks('r', files({ '.release-it.json': plain })).edit?.after, '{\n\t"github": {\n\t\t"release": true\n\t},\n\t"npm": {\n\t\t"skipChecks": true\n\t}\n}\n');
  const inline = '{ "github": { "release": true } }\n';
  const result = releaseItSkipChecks('r', files({ '.release-it.json': inline }));
  assert.equal(result.edit, undefined);
  assert.match(result.left ?? '', /job "r": release-it checks the npm token .* set "npm": \{ "skipChecks": true \} in \.release-it\.json/);
});

test('already skipping checks: nothing to do; configuration elsewhere is named, not edited', () => {
  assert.deepEqual(releaseItSkipChecks('r', files({ '.release-it.json': '{ "npm": { "skipChecks": true } }' })), {});
  assert.match(releaseItSkipChecks('r', files({ '.release-it.js': 'module.exports = {}' })).left ?? '', /in \.release-it\.js\.$/);
  assert.match(releaseItSkipChecks('r', files({ 'package.json': '{ "release-it": { "git": {} } }' })).left ?? '', /in the "release-it" key of package\.json\.$/);
});
