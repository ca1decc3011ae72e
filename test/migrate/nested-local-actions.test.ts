// A local composite action that publishes and calls further local actions: one sets up Node (from
// .nvmrc, Node 22 with npm 10), one only writes the token it is handed into .npmrc. --migrate puts
// the npm upgrade inside the publishing action after that Node setup (an upgrade before the action
// would be undone by its Node, one after it comes too late), and drops the step that runs the
// token writer (it would write an empty _authToken). Through the built binary; doctor after.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { migrateWidget } from '../helpers/widget-repo.js';

const PUBLISH = '.github/actions/publish/action.yml';

const setup = `name: Setup
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v4
      with:
        node-version-file: .nvmrc
    - shell: bash
      run: npm ci
`;

const writer = (extra = '') => `name: Set npm token
inputs:
  token:
    required: true
runs:
  using: composite
  steps:
    - shell: bash
      run: |
        echo "//registry.npmjs.org/:_authToken=\${{ inputs.token }}" > .npmrc
${extra}`;

const publish = `name: Publish
inputs:
  npm-token:
    required: true
runs:
  using: composite
  steps:
    - uses: ./.github/actions/setup

    - uses: ./.github/actions/set-npm-token
      with:
        token: \${{ inputs.npm-token }}

    - shell: bash
      run: npm publish
      env:
        NODE_AUTH_TOKEN: \${{ inputs.npm-token }}
`;

const workflow = `name: Release
on:
  release:
    types: [published]
permissions:
  contents: read
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: ./.github/actions/publish
        with:
          npm-token: \${{ secrets.NPM_TOKEN }}
`;

const migrate = (files: Record<string, string>) => migrateWidget({ '.nvmrc': '22\n', '.github/workflows/release.yml': workflow, '.github/actions/setup/action.yml': setup, ...files });

test('the upgrade goes into the publishing action after its nested Node setup; the token writer step goes', () => {
  const { repo, run, read } = migrate({ [PUBLISH]: publish, '.github/actions/set-npm-token/action.yml': writer() });
  try {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const action = read(PUBLISH);
    assert.match(action, /- uses: \.\/\.github\/actions\/setup\n\n {4}- name: Upgrade npm for trusted publishing\n {6}shell: bash\n {6}run: npm install -g npm@\^11\.5\.1\n\n {4}- shell: bash\n {6}run: npm publish\n/);
    assert.doesNotMatch(action, /set-npm-token|npm-token|NODE_AUTH_TOKEN/);
    assert.doesNotMatch(read('.github/workflows/release.yml'), /npm install -g npm|NPM_TOKEN/);
    // The writer's own file stays: another workflow may use it.
    assert.equal(read('.github/actions/set-npm-token/action.yml'), writer());
    const doctor = JSON.parse(runCli(['doctor', repo.dir, '--json']).stdout) as { publishing: string[]; findings: Array<{ id: string; file: string | null }> };
    assert.deepEqual(doctor.publishing, ['.github/workflows/release.yml']);
    assert.deepEqual(doctor.findings.filter((f) => f.id === 'old-npm' || f.id === 'use-trusted-publishing'), []);
    // A second run finds nothing more to upgrade.
    const again = runCli([repo.dir, '--migrate', '--yes', '--force']);
    assert.equal(read(PUBLISH), action, again.stdout);
  } finally {
    repo.cleanup();
  }
});

test('a nested action that does more than write the token stays, and its input is named', () => {
  const busy = writer('    - shell: bash\n      run: git config user.name bot\n');
  const { repo, run, read } = migrate({ [PUBLISH]: publish, '.github/actions/set-npm-token/action.yml': busy });
  try {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(read(PUBLISH), /- uses: \.\/\.github\/actions\/set-npm-token\n {6}with:\n {8}token: \$\{\{ inputs\.npm-token \}\}/);
    assert.match(run.stdout.replace(/\s+/g, ' '), /still reads inputs\.npm-token/);
  } finally {
    repo.cleanup();
  }
});
