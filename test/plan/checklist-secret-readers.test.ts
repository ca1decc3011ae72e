// The checklist's last step deletes the secret that fed the publish; when steps that do not
// publish read the same secret (a checkout, a login to GitHub Packages), deleting it would
// break them: the step says so and offers no delete command.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makePlan } from '../../src/plan/index.js';
import { renderer } from '../../src/providers/github/workflow.js';
import { resolveDefaults } from '../../src/questions/resolve.js';
import { detected } from '../helpers/detected.js';

const RELEASE = `on: push
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          token: \${{ secrets.ADMIN_TOKEN }}
      - run: npx semantic-release
        env:
          NPM_TOKEN: \${{ secrets.ADMIN_TOKEN }}
`;

const planFor = (content: string, line: number) => {
  const workflow = { path: '.github/workflows/release.yml', fileName: 'release.yml', content, publishes: true, tokenUses: [{ file: '.github/workflows/release.yml', line, what: 'NPM_TOKEN', secret: 'ADMIN_TOKEN' }] };
  return makePlan(detected({ workflows: [workflow] }), resolveDefaults(detected(), {}), renderer);
};

test('a token secret that a step which does not publish also reads: kept, with the places named', () => {
  const item = planFor(RELEASE, 11).checklist.find((c) => c.id === 'secret:ADMIN_TOKEN');
  assert.equal(item?.title, 'Keep the ADMIN_TOKEN secret until nothing else reads it');
  assert.match(item?.detail ?? '', /\.github\/workflows\/release\.yml:8\)/);
  assert.equal(item?.command, undefined);
});

test('a token secret only the publish reads: deleted', () => {
  const item = planFor(RELEASE.replace(/\n {8}with:\n {10}token: .*\n/, '\n'), 9).checklist.find((c) => c.id === 'secret:ADMIN_TOKEN');
  assert.equal(item?.title, 'Delete the ADMIN_TOKEN repository secret');
  assert.equal(item?.command, 'gh secret delete ADMIN_TOKEN --repo acme/widget');
});
