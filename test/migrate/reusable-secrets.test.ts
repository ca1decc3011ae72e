// The token secret a reusable workflow declares, once the migration no longer uses it: callers in
// this repository are migrated too, so the declaration goes; callers elsewhere may still pass
// it (passing an undeclared secret fails), so it stays, but no longer required.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'shared' };

const SHARED = `on:
  workflow_call:
    secrets:
      NPM_TOKEN:
        description: Token for npmjs.com
        required: true
      SLACK_WEBHOOK:
        required: true
env:
  NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: changesets/action@v1
        with:
          publish: pnpm changeset publish
      - run: curl -X POST "\${{ secrets.SLACK_WEBHOOK }}"
`;

const declared = (text: string) => (parseDocument(text).toJS() as { on: { workflow_call: { secrets: Record<string, { required?: boolean }> } } }).on.workflow_call.secrets;

test('called from other repositories: the token secret stays declared, no longer required; other secrets keep theirs', () => {
  const result = migrateWorkflow(SHARED, '.github/workflows/release.yml', { pins, repo, callersMigrated: false });
  assert.deepEqual(declared(result.after), { NPM_TOKEN: { description: 'Token for npmjs.com', required: false }, SLACK_WEBHOOK: { required: true } });
  assert.ok(result.changes.includes('on.workflow_call: secret NPM_TOKEN no longer required (callers can stop passing it)'), result.changes.join('\n'));
  assert.doesNotMatch(result.after, /secrets\.NPM_TOKEN/);
});

test('called only from this repository (callers migrated too): the declaration goes', () => {
  const result = migrateWorkflow(SHARED, '.github/workflows/release.yml', { pins, repo, callersMigrated: true });
  assert.deepEqual(declared(result.after), { SLACK_WEBHOOK: { required: true } });
  assert.ok(result.changes.includes('on.workflow_call: no longer declares secret NPM_TOKEN'), result.changes.join('\n'));
});

// A caller that names a workflow of its own repository by its full path (AzureAD/microsoft-
// authentication-library-for-js, v24a sample), through the built binary in a real repository: it is
// a call of this repository's workflow, so the caller is migrated with it and npm is told the caller.
test('a call of this repository\'s workflow by its full path is migrated as a local call', async () => {
  const { runCli } = await import('../helpers/cli.js');
  const { makeRepo } = await import('../helpers/repo.js');
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const template = `on:
  workflow_call:
    secrets:
      NPM_TOKEN:
        required: true
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm ci
      - run: echo '//registry.npmjs.org/:_authToken=\${NPM_TOKEN}' > .npmrc
      - run: npm publish
        env:
          NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
      - run: rm .npmrc
`;
  const caller = `on:
  workflow_dispatch:
jobs:
  release:
    uses: Acme/Widget/.github/workflows/template.yml@main
    secrets:
      NPM_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  const made = makeRepo({
    remote: 'https://github.com/acme/widget.git',
    files: {
      'package.json': { name: '@acme/widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } },
      'package-lock.json': { name: '@acme/widget', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: '@acme/widget', version: '1.0.0' } } },
      '.github/workflows/template.yml': template,
      '.github/workflows/release.yml': caller,
    },
  });
  try {
    const run = runCli([made.dir, '--migrate', '--yes', '--force']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const after = parseDocument(readFileSync(join(made.dir, '.github/workflows/release.yml'), 'utf8')).toJS() as { jobs: { release: { permissions?: Record<string, string>; secrets?: unknown } } };
    assert.equal(after.jobs.release.permissions?.['id-token'], 'write');
    assert.equal(after.jobs.release.secrets, undefined);
    assert.match(run.stdout, /--file release\.yml --repo acme\/widget/);
    // The .npmrc the removed echo wrote is no longer there to remove.
    assert.match(readFileSync(join(made.dir, '.github/workflows/template.yml'), 'utf8'), /run: rm -f \.npmrc\n/);
    const doctor = JSON.parse(runCli(['doctor', made.dir, '--json']).stdout) as { findings: Array<{ id: string; level: string; file: string }> };
    assert.deepEqual(doctor.findings.filter((f) => f.level === 'error').map((f) => `${f.id} ${f.file}`), []);
  } finally {
    made.cleanup();
  }
});

test('no fork guard on a reusable workflow nothing here calls: github.repository is the caller\'s repository there', () => {
  const result = migrateWorkflow(SHARED, '.github/workflows/release.yml', { pins, repo, callersMigrated: false });
  assert.doesNotMatch(result.after, /github\.repository ==/);
  assert.ok(!result.changes.some((c) => /forks skip it/.test(c)), result.changes.join('\n'));
  // Called from this repository, github.repository is this one: the guard works.
  assert.match(migrateWorkflow(SHARED, '.github/workflows/release.yml', { pins, repo, callersMigrated: true }).after, /if: github\.repository == 'acme\/shared'/);
});
