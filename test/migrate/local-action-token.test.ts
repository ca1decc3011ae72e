// A local composite action handed the npm token as an input: --migrate stops handing it, and the
// action stops reading it (its env line, then its input declaration) — unless another caller hands
// that input something else, or the action still reads it elsewhere (named under "Left for you").
// Through the built binary in a real repository; doctor after the migration.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { migrateWidget } from '../helpers/widget-repo.js';

const ACTION = '.github/actions/publish/action.yml';

const action = (extra = '') => `name: Publish
description: Publishes the package
inputs:
  npm-token:
    description: The npm token
    required: true
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v4
      with:
        node-version: 24
${extra}    - shell: bash
      run: npm publish
      env:
        NODE_AUTH_TOKEN: \${{ inputs.npm-token }}
`;

const caller = (jobs = '') => `name: Release
on:
  release:
    types: [published]
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: ./.github/actions/publish
        with:
          npm-token: \${{ secrets.NPM_TOKEN }}
${jobs}`;

const migrate = (files: Record<string, string>) => migrateWidget(files);

test('the only caller stops handing the token: the action loses the env line and the input', () => {
  const { repo, run, read } = migrate({ [ACTION]: action(), '.github/workflows/release.yml': caller() });
  try {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const after = read(ACTION);
    assert.doesNotMatch(after, /npm-token|NODE_AUTH_TOKEN/);
    assert.match(after, /^ {6}run: npm publish\n$/m);
    assert.match(run.stdout, /\.github\/actions\/publish\/action\.yml: removed NODE_AUTH_TOKEN \(inputs\.npm-token\)/);
    assert.match(run.stdout, /\.github\/actions\/publish\/action\.yml: removed the npm-token input/);
    const doctor = runCli([repo.dir, 'doctor', '--json']);
    assert.doesNotMatch(doctor.stdout, /use-trusted-publishing/);
  } finally {
    repo.cleanup();
  }
});

test('another caller hands the same input a GITHUB_TOKEN (GitHub Packages): the action keeps it', () => {
  const github = `  github:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: ./.github/actions/publish
        with:
          npm-token: \${{ secrets.GITHUB_TOKEN }}
`;
  // Named as MacPaw/macpaw-ui names it: a GITHUB_TOKEN in an input named for npm would read as an npm token.
  const shared = action().replaceAll('npm-token', 'auth-token');
  const { repo, run, read } = migrate({ [ACTION]: shared, '.github/workflows/release.yml': caller(github).replaceAll('npm-token', 'auth-token') });
  try {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(read(ACTION), shared);
    assert.doesNotMatch(read('.github/workflows/release.yml'), /secrets\.NPM_TOKEN/);
    assert.match(read('.github/workflows/release.yml'), /auth-token: \$\{\{ secrets\.GITHUB_TOKEN \}\}/);
  } finally {
    repo.cleanup();
  }
});

test('the action still reads the input elsewhere: it stays, and is named under "Left for you"', () => {
  const extra = `    - uses: ./.github/actions/login
      with:
        token: \${{ inputs.npm-token }}
`;
  const login = `name: Login
description: Checks a token
inputs:
  token:
    description: A token
runs:
  using: composite
  steps:
    - shell: bash
      run: test -n "$T"
      env:
        T: \${{ inputs.token }}
`;
  const { repo, run, read } = migrate({ [ACTION]: action(extra), '.github/actions/login/action.yml': login, '.github/workflows/release.yml': caller() });
  try {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const after = read(ACTION);
    assert.match(after, /^ {2}npm-token:$/m, 'the declaration stays');
    assert.doesNotMatch(after, /NODE_AUTH_TOKEN/);
    assert.match(run.stdout, /Left for you[\s\S]*\.github\/actions\/publish\/action\.yml still reads inputs\.npm-token/);
  } finally {
    repo.cleanup();
  }
});

test('a composite action step that reads a token secret (which composite actions cannot) loses that line', () => {
  const own = `name: Publish
description: Publishes the package
runs:
  using: composite
  steps:
    - shell: bash
      run: npm publish
      env:
        NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  const workflow = caller().replace('        with:\n          npm-token: ${{ secrets.NPM_TOKEN }}\n', '');
  const { repo, run, read } = migrate({ [ACTION]: own, '.github/workflows/release.yml': workflow });
  try {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.doesNotMatch(read(ACTION), /secrets\.|NODE_AUTH_TOKEN/);
    assert.match(run.stdout, /removed NODE_AUTH_TOKEN \(secrets\.NPM_TOKEN, which a composite action cannot read\)/);
  } finally {
    repo.cleanup();
  }
});
