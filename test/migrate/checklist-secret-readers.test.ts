// After a migration, the checklist's last step deletes the secret that fed the publish; when steps
// that do not publish read the same secret (a checkout, a login to GitHub Packages), the migration
// leaves them, and deleting the secret would break them: the step says so and offers no command.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterMigration } from '../../src/migrate/after.js';
import { scanWorkflow } from '../../src/detect/index.js';
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

const secretStep = (content: string) => {
  const path = '.github/workflows/release.yml';
  const d = detected({ workflows: [{ path, fileName: 'release.yml', content, ...scanWorkflow(path, content) }] });
  const migrated = { path, content, trustFile: 'release.yml', environment: null };
  return afterMigration(d, migrated, { owner: 'acme', name: 'widget' }).checklist.find((c) => c.id === 'secret:ADMIN_TOKEN');
};

test('a token secret that a step which does not publish also reads: kept, with the place named', () => {
  const item = secretStep(RELEASE);
  assert.equal(item?.title, 'Keep the ADMIN_TOKEN secret until nothing else reads it');
  assert.match(item?.detail ?? '', /\(\.github\/workflows\/release\.yml:8\)/);
  assert.equal(item?.command, undefined);
});

test('a token secret only the publish reads: deleted', () => {
  const item = secretStep(RELEASE.replace(/\n {8}with:\n {10}token: .*\n/, '\n'));
  assert.equal(item?.title, 'Delete the ADMIN_TOKEN repository secret');
  assert.equal(item?.command, 'gh secret delete ADMIN_TOKEN --repo acme/widget');
});

test('a check of the token the migration removed reads nothing: the secret is deleted', () => {
  const path = '.github/workflows/release.yml';
  const before = `on: workflow_dispatch
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - name: Confirm the token
        run: |
          if [ -n "\${{ secrets.NPM_TOKEN }}" ]; then
            echo "set"
          else
            echo "not set"
            exit 1
          fi
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  const after = `on: workflow_dispatch
jobs:
  release:
    runs-on: ubuntu-latest
    permissions:
      id-token: write
    steps:
      - run: npm publish
`;
  const d = detected({ workflows: [{ path, fileName: 'release.yml', content: before, ...scanWorkflow(path, before) }] });
  const item = afterMigration(d, { path, content: after, trustFile: 'release.yml', environment: null }, { owner: 'acme', name: 'widget' }).checklist.find((c) => c.id === 'secret:NPM_TOKEN');
  assert.equal(item?.title, 'Delete the NPM_TOKEN repository secret');
});
