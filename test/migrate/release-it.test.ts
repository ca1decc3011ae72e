// release-it's npm check needs a token: --migrate sets npm.skipChecks where it can do so faithfully.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { releaseItSkipChecks, releaseItWorkspaces } from '../../src/migrate/release-it.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';

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

test('the "release-it" key of package.json gains skipChecks inside its "npm" block; nothing else in package.json changes', () => {
  const before = '{\n  "name": "@acme/fetch",\n  "devDependencies": {\n    "release-it": "^16.2.1"\n  },\n  "release-it": {\n    "github": {\n      "release": false\n    },\n    "npm": {\n      "publish": true\n    }\n  }\n}\n';
  const { edit, left } = releaseItSkipChecks('release', files({ 'package.json': before }));
  assert.equal(left, undefined);
  assert.equal(edit?.path, 'package.json');
  assert.equal(edit?.after, before.replace('"npm": {\n      "publish": true', '"npm": {\n      "skipChecks": true,\n      "publish": true'));
});

test('no "npm" key in a multi-line configuration: one line adds it as the first key', () => {
  const before = '{\n  "git": false,\n  "hooks": {\n    "after:bump": ["bun run build"]\n  }\n}\n';
  const { edit } = releaseItSkipChecks('r', files({ 'packages/client/.release-it.json': before }), 'packages/client');
  assert.equal(edit?.path, 'packages/client/.release-it.json');
  assert.equal(edit?.after, '{\n  "npm": { "skipChecks": true },\n  "git": false,\n  "hooks": {\n    "after:bump": ["bun run build"]\n  }\n}\n');
  // A one-line "npm" object gains it inside.
  assert.equal(releaseItSkipChecks('r', files({ '.release-it.json': '{\n  "npm": { "publish": true }\n}\n' })).edit?.after, '{\n  "npm": { "skipChecks": true, "publish": true }\n}\n');
});

test('the workspaces a script runs release-it in: `npm run release --workspaces` and each workspace\'s "release": "release-it"', () => {
  const repo = files({
    'packages/client/package.json': '{ "name": "@acme/client", "scripts": { "release": "release-it" } }',
    'packages/module/package.json': '{ "name": "@acme/module", "scripts": { "release": "release-it --ci" } }',
    'packages/store/package.json': '{ "name": "@acme/store", "scripts": { "release": "changeset publish" } }',
  });
  const workspaces = { '@acme/client': 'packages/client', '@acme/module': 'packages/module', '@acme/store': 'packages/store' };
  assert.deepEqual(releaseItWorkspaces('npm run release\nnpm run release --workspaces && release-it', repo, workspaces), ['packages/client', 'packages/module']);
  assert.deepEqual(releaseItWorkspaces('npm -ws run release', repo, workspaces), ['packages/client', 'packages/module']);
  assert.deepEqual(releaseItWorkspaces('npm run release && release-it', repo, workspaces), []);
});

test('package.json gets both edits when release-it is configured there and its "repository" names another repository', (t) => {
  const pkg = { name: 'widget-fetch', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/old-fetch.git' }, 'release-it': { npm: { publish: true } } };
  const workflow = [
    'name: release',
    'on: workflow_dispatch',
    'jobs:',
    '  release:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-node@v4',
    '        with:',
    '          node-version: 24',
    '      - run: npm ci',
    '      - run: npm config set //registry.npmjs.org/:_authToken $NPM_TOKEN',
    '        env:',
    '          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}',
    '      - run: npx release-it --ci',
    '',
  ].join('\n');
  const repo = makeRepo({ remote: 'https://github.com/acme/widget-fetch.git', files: { 'package.json': JSON.stringify(pkg, null, 2) + '\n', '.github/workflows/release.yml': workflow } });
  t.after(() => repo.cleanup());
  const run = runCli([repo.dir, '--migrate', '--yes', '--force']);
  assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  const after = JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8')) as typeof pkg & { 'release-it': { npm: { skipChecks?: boolean } } };
  assert.equal(after.repository.url, 'git+https://github.com/acme/widget-fetch.git');
  assert.equal(after['release-it'].npm.skipChecks, true);
});
