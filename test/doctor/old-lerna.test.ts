// Doctor names a lerna older than 9 behind a publishing step, wherever the step runs `lerna
// publish`: on its run line, in a package.json script, or in a repository shell script it runs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { workflowDoctor } from '../../src/doctor/workflows.js';

const workflow = (run: string) => `on:
  push:
    branches: [master]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Publish
        run: ${run}
        env:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

function lernaFindings(run: string, files: Record<string, string>, scripts: Record<string, string>, lerna: string | Record<string, string>) {
  const devDependencies = typeof lerna === 'string' ? { lerna } : lerna;
  const all: Record<string, string> = { ...files, 'package.json': JSON.stringify({ name: 'mono', private: true, scripts, devDependencies }) };
  const readFile = (path: string) => all[path];
  const report = workflowDoctor([{ path: '.github/workflows/ci.yml', fileName: 'ci.yml', content: workflow(run) }], undefined, { scripts, readFile });
  return report.findings.filter((f) => f.id === 'release-tool-outdated').map((f) => `${f.line} ${f.message}`);
}

const SCRIPT = '#!/bin/bash\necho "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc\nnpm run release -- --yes\n';
const RELEASE = { release: 'lerna publish from-package --contents build' };

test('lerna 3 behind ./publish.sh and its npm run release: one warning at the step, naming the range', () => {
  const found = lernaFindings('./publish.sh', { 'publish.sh': SCRIPT }, RELEASE, '^3.22.1');
  assert.deepEqual(found.map((f) => f.split(' ')[0]), ['9']);
  assert.match(found[0]!, /Job "build" publishes with lerna publish, and package\.json asks for lerna \^3\.22\.1: lerna exchanges the OIDC token itself only from 9\.0\.0 on/);
});

test('the same for lerna publish on the run line and through a package.json script', () => {
  assert.equal(lernaFindings('npx lerna publish from-git --yes', {}, {}, '^6.6.2').length, 1);
  assert.equal(lernaFindings('npm run release', {}, RELEASE, '~7.1.0').length, 1);
});

test('lerna 9, or a script that does not run lerna: nothing', () => {
  assert.deepEqual(lernaFindings('./publish.sh', { 'publish.sh': SCRIPT }, RELEASE, '^9.0.3'), []);
  assert.deepEqual(lernaFindings('./publish.sh', { 'publish.sh': SCRIPT.replace('npm run release -- --yes', 'npm publish') }, RELEASE, '^3.22.1'), []);
});

test('lerna-lite is held to its own floor, 4.9.0, and the warning names both of its packages', () => {
  const [found, ...rest] = lernaFindings('npx lerna publish from-git --yes', {}, {}, { '@lerna-lite/cli': '^4.8.0', '@lerna-lite/publish': '^4.8.0' });
  assert.deepEqual(rest, []);
  assert.match(found!, /asks for @lerna-lite\/publish \^4\.8\.0: lerna-lite exchanges the OIDC token itself only from 4\.9\.0 on \(5\.2\.1 on CircleCI\)/);
  assert.deepEqual(lernaFindings('npx lerna publish from-git --yes', {}, {}, { '@lerna-lite/cli': '^4.9.0', '@lerna-lite/publish': '^4.9.0' }), []);
});

test('lerna 8 run by a Node release program (a list over several lines handed to yarn, webiny-js@53fc875 scripts/release): the warning', () => {
  const program = 'const { execFileSync } = require("child_process");\nconst args = [\n  "lerna",\n  "publish",\n  "from-package",\n  "--yes"\n];\nexecFileSync("yarn", args);\n';
  assert.equal(lernaFindings('yarn release --tag=next', { 'scripts/release/index.js': program }, { release: 'node ./scripts/release/index.js' }, '8.1.2').length, 1);
  assert.deepEqual(lernaFindings('yarn release --tag=next', { 'scripts/release/index.js': program }, { release: 'node ./scripts/release/index.js' }, '^9.0.3'), []);
});

test('lerna publish handed to changesets/action as its publish input: the same warning, at the step', () => {
  const content = workflow('x').replace('      - name: Publish\n        run: x\n', '      - name: Publish\n        uses: changesets/action@v1\n        with:\n          publish: npx lerna publish from-package --yes\n');
  const readFile = (path: string) => (path === 'package.json' ? JSON.stringify({ name: 'mono', private: true, devDependencies: { lerna: '^8.2.4' } }) : undefined);
  const report = workflowDoctor([{ path: '.github/workflows/ci.yml', fileName: 'ci.yml', content }], undefined, { readFile });
  assert.deepEqual(report.findings.filter((f) => f.id === 'release-tool-outdated').map((f) => f.line), [9]);
});
