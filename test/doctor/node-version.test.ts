// Where the publishing job's Node comes from, as setup-node and a local composite action decide it:
// `node-version-file` (.nvmrc, .tool-versions, package.json volta/devEngines/engines), `env:` values,
// and a local action that installs Node (possibly an older one after the workflow's). The built
// binary's `doctor --json` runs in a real git repository; the old-npm finding must say the
// resolved version, and never claim an old npm for a Node that ships 11.5.1 or newer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';
import { WIDGET_PKG as PKG } from '../helpers/widget-repo.js';


function workflow(setup: string, env = ''): string {
  return `name: Publish
on:
  push:
    tags: ['v*']
${env}jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
${setup}      - run: npm ci
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
}

const fileSetup = (file: string) => `      - uses: actions/setup-node@v4\n        with:\n          node-version-file: ${file}\n`;

/** The old-npm messages doctor reports for a repository holding `files`. */
function oldNpm(files: Record<string, string | object>): Array<{ line: number; message: string }> {
  const repo = makeRepo({ remote: 'https://github.com/acme/widget.git', files: { 'package.json': PKG, ...files } });
  try {
    const run = runCli(['doctor', '--json'], { cwd: repo.dir });
    assert.ok(run.code === 0 || run.code === 1, `exit ${run.code}: ${run.stderr}`);
    const report = JSON.parse(run.stdout) as { findings: Array<{ id: string; line: number; message: string }> };
    return report.findings.filter((f) => f.id === 'old-npm').map(({ line, message }) => ({ line, message }));
  } finally {
    repo.cleanup();
  }
}

const WF = '.github/workflows/publish.yml';

test('node-version-file: the version in the file decides, read as setup-node reads it', () => {
  assert.deepEqual(oldNpm({ [WF]: workflow(fileSetup('.nvmrc')), '.nvmrc': '24\n' }), []);
  assert.deepEqual(oldNpm({ [WF]: workflow(fileSetup('.node-version')), '.node-version': 'v24.11.1\n' }), []);
  // .tool-versions: the nodejs line, wherever it is.
  const tools = oldNpm({ [WF]: workflow(fileSetup('.tool-versions')), '.tool-versions': 'python 3.12.4\nnodejs 20.11.0\n' });
  assert.equal(tools.length, 1);
  assert.match(tools[0]!.message, /Node 20\.11\.0 \(from \.tool-versions\) ships npm older than 11\.5\.1/);
  assert.equal(tools[0]!.line, 10);
  // Node 24 before 24.5.0 ships npm 11.3 or 11.4: still too old.
  assert.match(oldNpm({ [WF]: workflow(fileSetup('.nvmrc')), '.nvmrc': '24.1.0\n' })[0]?.message ?? '', /Node 24\.1\.0 \(from \.nvmrc\)/);
});

test('node-version-file: package.json gives volta.node, then devEngines.runtime, then engines.node', () => {
  const pkg = (extra: object) => ({ [WF]: workflow(fileSetup('package.json')), 'package.json': { ...PKG, ...extra } });
  assert.deepEqual(oldNpm(pkg({ volta: { node: '24.11.0' }, engines: { node: '18' } })), []);
  assert.match(oldNpm(pkg({ devEngines: { runtime: { name: 'node', version: '^20.19.0' } }, engines: { node: '>=24' } }))[0]?.message ?? '', /Node \^20\.19\.0 \(from package\.json\)/);
  // A range resolves to the newest Node it allows.
  assert.deepEqual(oldNpm(pkg({ engines: { node: '>=22.14' } })), []);
  assert.match(oldNpm(pkg({}))[0]?.message ?? '', /comes from package\.json, which cannot be read here/);
});

test('an env value that resolves to Node 24 is not called old; one that resolves to 20 is named', () => {
  const setup = '      - uses: actions/setup-node@v4\n        with:\n          node-version: ${{ env.NODE_VERSION }}\n';
  assert.deepEqual(oldNpm({ [WF]: workflow(setup, 'env:\n  NODE_VERSION: 24\n') }), []);
  const old = oldNpm({ [WF]: workflow(setup, 'env:\n  NODE_VERSION: 20.x\n') });
  assert.match(old[0]?.message ?? '', /Node 20\.x ships npm older than 11\.5\.1/);
  assert.doesNotMatch(old[0]?.message ?? '', /\$\{\{/);
});

test('a node-version read from a step output that prints .nvmrc resolves to the file\'s version', () => {
  const setup = `      - id: nvm\n        run: echo "NVMRC=$(cat .nvmrc)" >> $GITHUB_OUTPUT\n      - uses: actions/setup-node@v4\n        with:\n          node-version: '\${{steps.nvm.outputs.NVMRC}}'\n`;
  assert.deepEqual(oldNpm({ [WF]: workflow(setup), '.nvmrc': '24\n' }), []);
  assert.match(oldNpm({ [WF]: workflow(setup), '.nvmrc': '18\n' })[0]?.message ?? '', /Node 18 ships npm older than 11\.5\.1/);
});

const ACTION = `name: Setup
description: Node and dependencies
inputs:
  node-version:
    description: The Node version
    default: '18'
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v4
      with:
        node-version: \${{ inputs.node-version }}
        registry-url: https://registry.npmjs.org
    - shell: bash
      run: npm ci
`;

test('a local composite action that sets up Node: its version (input or default) decides', () => {
  const uses = (withs = '') => `      - uses: ./.github/actions/setup\n${withs}`;
  const defaulted = oldNpm({ [WF]: workflow(uses()), '.github/actions/setup/action.yml': ACTION });
  assert.equal(defaulted.length, 1);
  assert.match(defaulted[0]!.message, /Node 18 \(set up by \.\/\.github\/actions\/setup\) ships npm older than 11\.5\.1/);
  assert.equal(defaulted[0]!.line, 10);
  assert.deepEqual(oldNpm({ [WF]: workflow(uses("        with:\n          node-version: '24'\n")), '.github/actions/setup/action.yml': ACTION }), []);
});

test('a local action that reinstalls an older Node after the workflow\'s Node 24 is the Node that publishes', () => {
  const setup = "      - uses: actions/setup-node@v4\n        with:\n          node-version: '24'\n      - uses: ./.github/actions/setup\n";
  const found = oldNpm({ [WF]: workflow(setup), '.github/actions/setup/action.yml': ACTION });
  assert.equal(found.length, 1);
  assert.equal(found[0]!.line, 13);
  assert.match(found[0]!.message, /Node 18 \(set up by \.\/\.github\/actions\/setup\)/);
  // The same action before the workflow's setup-node: Node 24 wins.
  const before = "      - uses: ./.github/actions/setup\n      - uses: actions/setup-node@v4\n        with:\n          node-version: '24'\n";
  assert.deepEqual(oldNpm({ [WF]: workflow(before), '.github/actions/setup/action.yml': ACTION }), []);
});
