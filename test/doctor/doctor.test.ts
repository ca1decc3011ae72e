// doctor() on real temp repositories: what it gathers besides the workflow rules, its two
// output formats, and that no token value ever reaches either.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { doctor, mustFix } from '../../src/doctor/index.js';
import { DOCTOR_SCHEMA, doctorJson, formatDoctor } from '../../src/doctor/format.js';
import { makePackageRepo } from '../helpers/repo.js';
import { GOOD, edit } from '../audit/fixtures.js';
import { fixtureRepo } from '../migrate/fixtures.js';

const SECRET = 'npm_Zq8TotallyRealLookingTokenValue0123456789';

test('token leftovers are reported by file and line, never by value', async (t) => {
  const repo = makePackageRepo({
    pkg: { repository: 'github:acme/widget' },
    files: {
      '.npmrc': `//registry.npmjs.org/:_authToken=${SECRET}\nalways-auth=true\n@acme:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=\${GH_PACKAGES_TOKEN}\n`,
      '.github/workflows/publish.yml': edit(GOOD, '      - run: npm publish\n', `      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${SECRET}\n`),
    },
  });
  t.after(() => repo.cleanup());
  const report = await doctor(repo.dir);
  const at = (id: string) => report.findings.filter((f) => f.id === id).map((f) => `${f.file}:${f.line}`);
  assert.deepEqual(at('npmrc-literal-token'), ['.npmrc:1']);
  assert.deepEqual(at('npmrc-always-auth'), ['.npmrc:2']);
  assert.deepEqual(at('npmrc-token'), ['.npmrc:4']);
  assert.deepEqual(at('use-trusted-publishing'), ['.github/workflows/publish.yml:25']);
  const text = formatDoctor(report) + JSON.stringify(doctorJson(report));
  assert.ok(!text.includes(SECRET), 'no token value in the output');
  assert.ok(!text.includes('Zq8'), 'not even part of it');
  assert.equal(mustFix(report.findings), true);
});

test('a read-only install token on a step that does not publish is a note, not a failure', async (t) => {
  const install = edit(GOOD, '      - run: npm ci\n', '      - run: npm ci\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_READ_TOKEN }}\n');
  const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' }, files: { '.github/workflows/publish.yml': install } });
  t.after(() => repo.cleanup());
  const report = await doctor(repo.dir);
  assert.deepEqual(report.findings.map((f) => `${f.level} ${f.id}`), ['info install-token']);
  assert.equal(mustFix(report.findings), false);
});

test('package.json: forced provenance, an old Yarn Berry and an old semantic-release', async (t) => {
  const repo = makePackageRepo({
    pkg: { repository: 'github:acme/widget', packageManager: 'yarn@4.5.0', publishConfig: { provenance: true }, devDependencies: { 'semantic-release': '^24.2.0' }, scripts: { release: 'yarn npm publish --access public' } },
    files: { '.github/workflows/publish.yml': GOOD },
  });
  t.after(() => repo.cleanup());
  const report = await doctor(repo.dir);
  const got = report.findings.filter((f) => f.file === 'package.json').map((f) => `${f.level} ${f.id}`);
  for (const id of ['info forced-provenance', 'warning yarn-berry-old', 'warning release-tool-outdated']) assert.ok(got.includes(id), `${id} in ${got.join(', ')}`);
});

test('an old Yarn Berry is only a note when nothing publishes through Yarn (npm publishes, e.g. a tarball Yarn packed)', async (t) => {
  const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget', packageManager: 'yarn@3.2.1' }, files: { '.github/workflows/publish.yml': GOOD } });
  t.after(() => repo.cleanup());
  const report = await doctor(repo.dir);
  const berry = report.findings.find((f) => f.id === 'yarn-berry-old');
  assert.equal(berry?.level, 'info');
  assert.match(berry?.message ?? '', /nothing here publishes through Yarn/);
});

test('changeset publish goes through Yarn Berry only from Changesets CLI 3: with CLI 2 an old Yarn Berry is a note', async (t) => {
  // The shape of MoralisWeb3/Moralis-JS-SDK's release.yml (see the v20b fixture): changesets/action@v1 runs `yarn release`, a script around `changeset publish`.
  const berry = async (cli: string) => {
    const repo = makePackageRepo({
      pkg: { repository: 'github:acme/widget', packageManager: 'yarn@3.3.0', scripts: { release: 'yarn build && changeset publish' }, devDependencies: { '@changesets/cli': cli } },
      files: { '.github/workflows/publish.yml': edit(GOOD, '      - run: npm publish\n', '      - run: yarn release\n') },
    });
    t.after(() => repo.cleanup());
    return (await doctor(repo.dir)).findings.find((f) => f.id === 'yarn-berry-old');
  };
  const two = await berry('^2.25.2');
  assert.equal(two?.level, 'info');
  assert.match(two?.message ?? '', /nothing here publishes through Yarn/);
  // CLI 3 picks `yarn npm publish` under Yarn Berry: the old Yarn stops the publish.
  assert.equal((await berry('^3.0.1'))?.level, 'warning');
});

test('no publish workflow is a note; nothing networked runs without --registry-check', async (t) => {
  const repo = makePackageRepo({ pkg: { repository: 'github:acme/widget' } });
  t.after(() => repo.cleanup());
  const report = await doctor(repo.dir, { fetch: () => assert.fail('fetch must not be called') });
  assert.deepEqual(report.findings.map((f) => f.id), ['no-publish-workflow']);
  assert.equal(report.registry, undefined);
});

test('text output groups by file with file:line and the fix; JSON has the stable schema', async (t) => {
  const repo = fixtureRepo('plain');
  t.after(() => repo.cleanup());
  const report = await doctor(repo.dir);
  const text = formatDoctor(report);
  assert.match(text, /^\.github\/workflows\/release\.yml$/m);
  assert.match(text, /^ {2}✖ \.github\/workflows\/release\.yml:32 {2}NODE_AUTH_TOKEN is set in the publish step env.*\[use-trusted-publishing\]$/m);
  assert.match(text, /^ {6}fix: Remove the token/m);
  assert.match(text, /\d+ errors?, \d+ warnings?, \d+ notes?: fix the errors and warnings/);
  assert.match(text, /--migrate/);
  const json = doctorJson(report);
  assert.equal(json.schema, DOCTOR_SCHEMA);
  assert.equal(json.ok, false);
  assert.deepEqual(Object.keys(json).sort(), ['counts', 'findings', 'ok', 'packages', 'publishing', 'registry', 'root', 'schema', 'workflows']);
  for (const f of json.findings) assert.deepEqual(Object.keys(f), ['id', 'level', 'message', 'file', 'line', 'fix']);
  assert.deepEqual(json.packages, ['@acme/widget']);
  assert.equal(json.counts.error, json.findings.filter((f) => f.level === 'error').length);
});

test('publishing lists the files that publish to npmjs.com and their callers, not a GitHub Packages publish nor a caller-less check', async (t) => {
  const callee = edit(GOOD, 'on:\n', 'on:\n  workflow_call:\n');
  const gpr = edit(GOOD, '          node-version: 24\n', "          node-version: 24\n          registry-url: 'https://npm.pkg.github.com'\n");
  const repo = makePackageRepo({
    pkg: { repository: 'github:acme/widget' },
    files: {
      '.github/workflows/publish.yml': callee,
      '.github/workflows/release.yml': 'on:\n  push:\n    tags: [v*]\njobs:\n  publish:\n    permissions:\n      contents: read\n      id-token: write\n    uses: ./.github/workflows/publish.yml\n',
      '.github/workflows/gpr.yml': gpr,
      '.github/workflows/ci.yml': 'on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
    },
  });
  t.after(() => repo.cleanup());
  const report = await doctor(repo.dir);
  assert.deepEqual(report.publishing, ['.github/workflows/publish.yml', '.github/workflows/release.yml']);
  assert.ok(report.workflows.includes('.github/workflows/gpr.yml'), 'the GitHub Packages publish is still checked');
  assert.deepEqual(doctorJson(report).publishing, report.publishing);
});
