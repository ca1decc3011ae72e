// The doctor's preflight checks, each on the smallest workflow that shows it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { workflowDoctor, type WorkflowSource } from '../../src/doctor/index.js';
import { GOOD, SETUP_NODE, edit, lineWith } from '../audit/fixtures.js';

const repo = { owner: 'acme', name: 'widget' };
const wf = (content: string, fileName = 'publish.yml'): WorkflowSource => ({ path: `.github/workflows/${fileName}`, fileName, content });
const ids = (files: WorkflowSource[]) => workflowDoctor(files, repo).findings.map((f) => `${f.level} ${f.id}:${f.line}`);

test('a workflow that meets every rule has no finding', () => {
  assert.deepEqual(ids([wf(GOOD)]), []);
});

test('setup-node up to v6 with registry-url: the placeholder token; v7 is fine', () => {
  const v4 = edit(edit(GOOD, SETUP_NODE, 'actions/setup-node@v4'), '          package-manager-cache: false\n', '          registry-url: https://registry.npmjs.org\n');
  assert.ok(ids([wf(v4)]).includes(`warning setup-node-placeholder-token:${lineWith(v4, 'registry-url')}`));
  const v7 = edit(GOOD, '          package-manager-cache: false\n', '          package-manager-cache: false\n          registry-url: https://registry.npmjs.org\n');
  assert.ok(!ids([wf(v7)]).some((id) => id.includes('placeholder')));
});

test('self-hosted runners: an error for self-hosted, a warning for a custom label, nothing for hosted or a matrix', () => {
  const runsOn = (value: string) => ids([wf(edit(GOOD, 'runs-on: ubuntu-latest', `runs-on: ${value}`))]).filter((id) => id.includes('self-hosted'));
  assert.deepEqual(runsOn('[self-hosted, linux]'), ['error self-hosted-runner:9']);
  assert.deepEqual(runsOn('build-box'), ['warning self-hosted-runner:9']);
  // Blacksmith machines register with GitHub as self-hosted runners.
  assert.deepEqual(runsOn('blacksmith-2vcpu-ubuntu-2404'), ['error self-hosted-runner:9']);
  assert.deepEqual(runsOn('{ group: big-runners }'), ['warning self-hosted-runner:9']);
  assert.deepEqual(runsOn('macos-15'), []);
  assert.deepEqual(runsOn('${{ matrix.os }}'), []);
});

test('a custom runner label: a warning naming it, the reason and the larger-runner case; labels .github/actionlint.yaml lists as self-hosted are an error', () => {
  const content = edit(GOOD, 'runs-on: ubuntu-latest', 'runs-on: acme-large-builder');
  const warning = workflowDoctor([wf(content)], repo).findings.find((f) => f.id === 'self-hosted-runner');
  assert.equal(warning?.level, 'warning');
  assert.match(warning!.message, /the runner label acme-large-builder, which this tool cannot tell is GitHub-hosted: npm refuses trusted publishing from a self-hosted runner \(E422\); a GitHub-hosted larger runner is fine/);
  for (const [path, config] of [
    ['.github/actionlint.yaml', 'self-hosted-runner:\n  labels:\n    - acme-large-builder\n'],
    ['.github/actionlint.yml', 'self-hosted-runner:\n  labels: [other, "acme-*"]\n'],
  ] as const) {
    const readFile = (p: string) => (p === path ? config : undefined);
    const found = workflowDoctor([wf(content)], repo, { readFile }).findings.filter((f) => f.id === 'self-hosted-runner');
    assert.deepEqual(found.map((f) => f.level), ['error'], path);
    assert.match(found[0]!.message, /the runner label acme-large-builder, which \.github\/actionlint\.yaml lists as self-hosted/);
  }
  // A configuration that lists other labels, or cannot be read, changes nothing.
  for (const config of ['self-hosted-runner:\n  labels: [gpu-box]\n', 'self-hosted-runner: [\n']) {
    const found = workflowDoctor([wf(content)], repo, { readFile: (p) => (p === '.github/actionlint.yaml' ? config : undefined) }).findings.filter((f) => f.id === 'self-hosted-runner');
    assert.deepEqual(found.map((f) => f.level), ['warning'], config);
  }
});

test('a removed Ubuntu runner image: an error on the publishing job, nothing for a current one', () => {
  const runsOn = (value: string) => ids([wf(edit(GOOD, 'runs-on: ubuntu-latest', `runs-on: ${value}`))]).filter((id) => /retired|self-hosted/.test(id));
  assert.deepEqual(runsOn('ubuntu-18.04'), ['error retired-runner:9']);
  assert.deepEqual(runsOn('[ubuntu-20.04]'), ['error retired-runner:9']);
  assert.deepEqual(runsOn('ubuntu-22.04'), []);
  assert.deepEqual(runsOn('ubuntu-24.04'), []);
});

test('a removed Windows or macOS runner image is an error too, named with its removal date and the label to use', () => {
  const found = (value: string) => workflowDoctor([wf(edit(GOOD, 'runs-on: ubuntu-latest', `runs-on: ${value}`))], repo).findings.filter((f) => f.id === 'retired-runner');
  for (const [label, date, instead] of [['windows-2019', '2025-06-30', 'windows-latest'], ['windows-2016', '2022-04-01', 'windows-latest'], ['macos-13', '2025-12-04', 'macos-latest'], ['macOS-12', '2024-12-03', 'macos-latest'], ['macos-11', '2024-06-28', 'macos-latest']] as const) {
    const [finding] = found(label);
    assert.equal(finding?.level, 'error', label);
    assert.ok(finding!.message.includes(`${label}, a runner image GitHub has removed (${date})`), finding!.message);
    assert.ok((finding!.fix ?? '').includes(`runs-on: ${instead}`), finding!.fix);
  }
  assert.match(found('ubuntu-20.04')[0]!.message, /has removed \(2025-04-15\)/);
  for (const current of ['windows-2022', 'windows-2025', 'windows-latest', 'macos-14', 'macos-15-intel', 'macos-latest']) assert.deepEqual(found(current), [], current);
});

test('a removed runner image on a job the publish waits for (however far back) is an error too; on another job it is not', () => {
  const jobs = `jobs:
  lint:
    runs-on: ubuntu-18.04
    steps:
      - run: npm run lint
  build:
    runs-on: ubuntu-20.04
    steps:
      - run: npm run build
  test:
    needs: [build]
    runs-on: ubuntu-latest
    steps:
      - run: npm test
  publish:
    needs: test
`;
  const content = edit(GOOD, 'jobs:\n  publish:\n', jobs);
  const found = workflowDoctor([wf(content)], repo).findings.filter((f) => f.id === 'retired-runner');
  assert.deepEqual(found.map((f) => `${f.level}:${f.line}`), [`error:${lineWith(content, 'ubuntu-20.04')}`]);
  assert.match(found[0]!.message, /^Job "build", which the publishing job "publish" waits for, runs on ubuntu-20\.04, a runner image GitHub has removed/);
});

test('forced provenance is a note that names the private-repository failure', () => {
  const forced = edit(GOOD, 'run: npm publish', 'run: npm publish --provenance --access public');
  const finding = workflowDoctor([wf(forced)], repo).findings.find((f) => f.id === 'forced-provenance');
  assert.equal(finding?.level, 'info');
  assert.match(finding!.message, /private/);
  assert.ok(!ids([wf(edit(GOOD, 'run: npm publish', 'run: npm publish --provenance=false'))]).some((id) => id.includes('provenance')));
});

test('bun publish and Yarn 1 publish cannot use OIDC; semantic-release@24 in a script cannot either', () => {
  assert.ok(ids([wf(edit(GOOD, 'run: npm publish', 'run: bun publish'))]).includes(`error bun-publish:${lineWith(GOOD, 'npm publish')}`));
  assert.ok(ids([wf(edit(GOOD, 'run: npm publish', 'run: yarn publish --non-interactive'))]).some((id) => id.startsWith('error yarn1-publish')));
  assert.ok(!ids([wf(edit(GOOD, 'run: npm publish', 'run: yarn npm publish'))]).some((id) => id.includes('yarn1')));
  // `yarn publish:latest` runs a package.json script (changesets here), not Yarn 1's publish command.
  assert.ok(!ids([wf(edit(GOOD, 'run: npm publish', 'run: yarn publish:latest'))]).some((id) => id.includes('yarn1')));
  assert.ok(ids([wf(edit(GOOD, 'run: npm publish', 'run: npx semantic-release@24'))]).some((id) => id.startsWith('warning release-tool-outdated')));
});

test('semantic-release-action: an old action, or any version with semantic_version below 25, is outdated', () => {
  const action = (ref: string, version?: string) =>
    ids([wf(edit(GOOD, 'run: npm publish', `uses: cycjimmy/semantic-release-action@${ref}${version ? `\n        with:\n          semantic_version: ${version}` : ''}`))]).filter((id) => id.includes('release-tool-outdated'));
  assert.equal(action('v6', '19.0.5').length, 1);
  assert.equal(action('v4').length, 1);
  assert.deepEqual(action('v6'), []);
  assert.deepEqual(action('v6', '25'), []);
  assert.deepEqual(action('v5', '25.0.2'), []);
});

test('publib-npm with no token needs NPM_TRUSTED_PUBLISHER', () => {
  const publib = (env: string) => ids([wf(edit(GOOD, 'run: npm publish', `run: npx -p publib@latest publib-npm${env}`))]).filter((id) => id.includes('publib'));
  assert.equal(publib('').length, 1);
  assert.deepEqual(publib('\n        env:\n          NPM_TRUSTED_PUBLISHER: "true"'), []);
});

const CALLEE = edit(GOOD, 'on:\n  release:\n    types: [published]\n', 'on:\n  workflow_call:\n');
const caller = (permissions: string) => `on:\n  push:\n    tags: ['v*']\npermissions: {}\njobs:\n  release:\n${permissions}    uses: ./.github/workflows/publish.yml\n`;

test('a reusable publish workflow called through another reusable one names the workflow that starts the chain', () => {
  const middle = `on:\n  workflow_call:\npermissions: {}\njobs:\n  publish:\n    permissions:\n      contents: read\n      id-token: write\n    uses: ./.github/workflows/publish.yml\n`;
  const top = `on:\n  workflow_dispatch:\npermissions: {}\njobs:\n  release:\n    permissions:\n      contents: read\n      id-token: write\n    uses: ./.github/workflows/middle.yml\n`;
  const note = workflowDoctor([wf(CALLEE), wf(middle, 'middle.yml'), wf(top, 'release.yml')], repo).findings.find((f) => f.id === 'reusable-workflow' && f.file === '.github/workflows/publish.yml');
  assert.match(note!.message, /called by release\.yml \(through middle\.yml\)/);
  assert.match(note!.fix!, /^Enter release\.yml as/);
});

test('a reusable publish workflow names its callers; a caller without id-token: write is an error', () => {
  const files = [wf(CALLEE), wf(caller(''), 'release.yml')];
  const findings = workflowDoctor(files, repo).findings;
  const note = findings.find((f) => f.id === 'reusable-workflow');
  assert.match(note!.message, /called by release\.yml/);
  assert.match(note!.fix!, /Enter release\.yml/);
  const error = findings.find((f) => f.id === 'reusable-caller-permissions');
  assert.equal(error?.file, '.github/workflows/release.yml');
  assert.equal(error?.line, 6);
  const granted = workflowDoctor([wf(CALLEE), wf(caller('    permissions:\n      contents: read\n      id-token: write\n'), 'release.yml')], repo).findings;
  assert.ok(!granted.some((f) => f.id === 'reusable-caller-permissions'));
  assert.deepEqual(workflowDoctor([wf(CALLEE), wf(caller(''), 'release.yml')], repo).checked, ['.github/workflows/publish.yml', '.github/workflows/release.yml']);
});

test('a reusable workflow nobody in the repository calls says where npm looks', () => {
  const note = workflowDoctor([wf(CALLEE)], repo).findings.find((f) => f.id === 'reusable-workflow');
  assert.match(note!.message, /nothing in this repository calls it/);
});

test('no-fork-guard: not for a reusable workflow nothing here calls (github.repository is the caller\'s there); still for one called here', () => {
  const open = edit(CALLEE, "    if: github.repository == 'acme/widget'\n", '');
  assert.ok(!workflowDoctor([wf(open)], repo).findings.some((f) => f.id === 'no-fork-guard'));
  const granted = caller('    permissions:\n      contents: read\n      id-token: write\n');
  assert.ok(workflowDoctor([wf(open), wf(granted, 'release.yml')], repo).findings.some((f) => f.id === 'no-fork-guard'));
});

test('a workflow that does not publish is not checked at all', () => {
  const lint = 'on: pull_request_target\njobs:\n  lint:\n    runs-on: self-hosted\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm run lint\n';
  assert.deepEqual(workflowDoctor([wf(lint, 'lint.yml')], repo).findings, []);
});

test('token-check: a step that looks a version up with the GITHUB_TOKEN as NODE_AUTH_TOKEN checks no npm token', () => {
  const job = (token: string) => `on: push\npermissions: {}\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm view "$NAME@$VERSION" version\n        env:\n          NODE_AUTH_TOKEN: ${token}\n`;
  assert.deepEqual(ids([wf(job('${{ secrets.GITHUB_TOKEN }}'), 'view.yml')]), []);
  assert.deepEqual(ids([wf(job('${{ github.token }}'), 'view.yml')]), []);
  assert.deepEqual(ids([wf(job('${{ secrets.NPM_TOKEN }}'), 'view.yml')]), ['warning token-check:9']);
});

test('token-check: a scheduled workflow that only runs npm whoami with the token', () => {
  const check = 'on:\n  schedule:\n    - cron: "0 0 * * 1"\npermissions: {}\njobs:\n  whoami:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm whoami\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n';
  assert.deepEqual(ids([wf(check, 'token-check.yml')]), ['warning token-check:11']);
});

test('whoami-without-token: npm whoami left in a publishing job with no token stops it; with a token, or || true, it does not', () => {
  const check = (run: string) => ids([wf(edit(GOOD, 'run: npm publish', `run: ${run}`))]).filter((id) => id.includes('whoami'));
  assert.deepEqual(check('npm whoami && npm publish'), [`error whoami-without-token:${lineWith(GOOD, 'run: npm publish')}`]);
  assert.deepEqual(check('npm whoami || exit 1; npm publish'), [`error whoami-without-token:${lineWith(GOOD, 'run: npm publish')}`]);
  assert.deepEqual(check('npm whoami || true; npm publish'), []);
  const withToken = edit(GOOD, 'run: npm publish', 'run: npm whoami && npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}');
  assert.deepEqual(ids([wf(withToken)]).filter((id) => id.includes('whoami')), []);
});
