// A reusable workflow (`workflow_call`) that also starts itself (`workflow_dispatch`) and has no
// caller in the repository: when it starts itself, npm sees that file as the workflow, so it is the
// trusted publisher the migration names. Without a trigger of its own, its callers are elsewhere.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detect } from '../../src/detect/index.js';
import { planMigration } from '../../src/migrate/index.js';
import { makeRepo } from '../helpers/repo.js';

const workflow = (on: string) => `name: Release
on:
${on}
permissions:
  contents: read
  id-token: write
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm ci
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

async function plan(on: string) {
  const repo = makeRepo({
    remote: 'https://github.com/acme/widget.git',
    files: {
      'package.json': JSON.stringify({ name: 'acme-widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } }, null, 2),
      'package-lock.json': '{"lockfileVersion": 3, "packages": {}}\n',
      '.github/workflows/release.yml': workflow(on),
    },
  });
  try {
    return planMigration(await detect(repo.dir));
  } finally {
    repo.cleanup();
  }
}

test('a reusable workflow with workflow_dispatch of its own and no caller here is the trusted publisher', async () => {
  const p = await plan('  workflow_call:\n    secrets:\n      NPM_TOKEN:\n        required: true\n  workflow_dispatch:\n');
  assert.deepEqual(p.trustFiles, ['release.yml']);
  assert.equal(p.trustFile, 'release.yml');
  assert.ok(!p.notes.some((n) => /called from outside this repository/.test(n)), p.notes.join('\n'));
});

test('a reusable workflow started only by workflow_call, with no caller here: no entry, the callers elsewhere are named', async () => {
  const p = await plan('  workflow_call:\n    secrets:\n      NPM_TOKEN:\n        required: true\n');
  assert.deepEqual(p.trustFiles, []);
  assert.ok(p.notes.some((n) => /release\.yml is called from outside this repository/.test(n)), p.notes.join('\n'));
});
