// A publishing job that comments on its pull request (a canary's versions) keeps the write
// access the comment needs once the migration gives it its own permissions block.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

const workflow = (comment: string) => `on:
  push:
    branches-ignore: [main]
jobs:
  canary:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm publish --tag canary
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
${comment}`;

test('a comment action or `gh pr comment` keeps issues: write and pull-requests: write in the publishing job', () => {
  for (const comment of [
    '      - uses: peter-evans/create-or-update-comment@v1\n        with:\n          issue-number: 1\n          body: canary published\n',
    '      - run: gh pr comment 1 --body "canary published"\n        env:\n          GH_TOKEN: ${{ github.token }}\n',
    // Another action named for comments, handed the GITHUB_TOKEN.
    '      - uses: NejcZdovc/comment-pr@v1\n        with:\n          message: canary published\n        env:\n          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n',
  ]) {
    const job = parse(migrateWorkflow(workflow(comment), '.github/workflows/canary.yml', { pins, repo }).after).jobs.canary;
    assert.equal(job.permissions?.issues, 'write', comment);
    assert.equal(job.permissions?.['pull-requests'], 'write', comment);
    assert.equal(job.permissions?.['id-token'], 'write', comment);
  }
  const plain = parse(migrateWorkflow(workflow(''), '.github/workflows/canary.yml', { pins, repo }).after);
  assert.equal(plain.jobs.canary.permissions?.issues ?? plain.permissions?.issues, undefined, 'no comment, no issues scope');
});
