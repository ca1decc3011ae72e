// pull-request-publish: a job that publishes with trusted publishing in a workflow pull requests
// start. npm matches the workflow file, not the event: the note (pull_request) or warning
// (pull_request_target, where a fork's pull request gets the OIDC token too) unless the job or
// every publish step keeps that event out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditWorkflow } from '../../src/audit/index.js';
import { keepsOut } from '../../src/audit/rules-pull-request.js';
import { edit, GOOD } from './fixtures.js';
import { runCli } from '../helpers/cli.js';
import { makePackageRepo } from '../helpers/repo.js';

const REPO = { owner: 'acme', name: 'widget' };
const on = (events: string, guard?: string, stepGuard?: string) => {
  let source = edit(GOOD, 'on:\n  release:\n    types: [published]\n', `on:\n${events}`);
  if (guard) source = edit(source, "    if: github.repository == 'acme/widget'\n", `    if: github.repository == 'acme/widget' && ${guard}\n`);
  if (stepGuard) source = edit(source, '      - run: npm publish\n', `      - run: npm publish\n        if: ${stepGuard}\n`);
  return auditWorkflow(source, '.github/workflows/publish.yml', { repo: REPO }).filter((f) => f.id === 'pull-request-publish' || f.id === 'dangerous-triggers');
};
const ids = (findings: ReturnType<typeof on>) => findings.map((f) => `${f.level} ${f.id}`);

test('pull_request: a note that names who can publish (a branch of this repository), and the fix', () => {
  const [note] = on('  push:\n    tags: [v*]\n  pull_request:\n');
  assert.equal(note?.level, 'info');
  assert.match(note!.message, /runs on pull_request: npm's trusted publisher matches the workflow file \(and environment, when set\), not the event/);
  assert.match(note!.message, /a pull request from a branch of this repository can publish \(one from a fork gets no OIDC token on pull_request\)/);
  assert.match(note!.fix!, /if: github\.event_name != 'pull_request'/);
});

test('pull_request_target: a warning (a fork gets the OIDC token there), beside the dangerous-triggers error', () => {
  const found = on('  release:\n    types: [published]\n  pull_request_target:\n');
  assert.deepEqual(ids(found), ['error dangerous-triggers', 'warning pull-request-publish']);
  assert.match(found[1]!.message, /a pull request from a fork gets the OIDC token too, and can publish/);
  // A branch ref is the base branch's on pull_request_target: it keeps nothing out there.
  assert.deepEqual(ids(on('  pull_request_target:\n', "github.ref == 'refs/heads/main'")), ['error dangerous-triggers', 'warning pull-request-publish']);
});

test('a job or every publish step that keeps pull requests out: nothing to say', () => {
  assert.deepEqual(ids(on('  push:\n  pull_request:\n', "github.event_name == 'push'")), []);
  assert.deepEqual(ids(on('  push:\n  pull_request:\n', undefined, "startsWith(github.ref, 'refs/tags/')")), []);
  assert.deepEqual(ids(on('  push:\n  pull_request:\n', "github.ref == 'refs/heads/main'")), []);
  assert.deepEqual(ids(on('  pull_request:\n    types: [closed]\n', 'github.event.pull_request.merged == true')), []);
  // A condition that lets a pull request through another way is not read as a guard.
  assert.deepEqual(ids(on('  push:\n  pull_request:\n', "(github.event_name == 'push' || github.event_name == 'pull_request')")), ['info pull-request-publish']);
  assert.deepEqual(ids(on('  push:\n  pull_request:\n', "!startsWith(github.ref, 'refs/tags/')")), ['info pull-request-publish']);
});

test('keepsOut reads one condition or several joined by &&', () => {
  assert.equal(keepsOut("github.event_name != 'pull_request'", 'pull_request'), true);
  assert.equal(keepsOut("github.event_name != 'pull_request'", 'pull_request_target'), false);
  assert.equal(keepsOut("github.event_name == 'pull_request_target'", 'pull_request'), true);
  assert.equal(keepsOut('github.ref_type == \'tag\' && github.repository == \'a/b\'', 'pull_request_target'), true);
  assert.equal(keepsOut(undefined, 'pull_request'), false);
});

test('--migrate names it under "Left for you" (what is migrated does not change)', () => {
  const repo = makePackageRepo({
    files: {
      '.github/workflows/publish.yml': `name: Publish
on:
  push:
    branches: [main]
  pull_request:
    branches: [main]
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          registry-url: https://registry.npmjs.org
      - run: npm ci
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`,
    },
  });
  try {
    const run = runCli([repo.dir, '--migrate', '--yes', '--force']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const left = (run.stdout.split('Left for you')[1] ?? '').replace(/\s*\n\s*/g, ' ');
    assert.match(left, /Job "publish" publishes with trusted publishing and runs on pull_request: .* a pull request from a branch of this repository can publish/);
    assert.match(left, /\(\.github\/workflows\/publish\.yml:11\)/);
  } finally {
    repo.cleanup();
  }
});
