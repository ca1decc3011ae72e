// `npm config delete //registry.npmjs.org/:_authToken` removes the line setup-node wrote so npm
// uses the OIDC token: doctor does not call it a token write, and migrate keeps it. A line that
// writes one (`npm config set ...:_authToken`, `echo ... >> .npmrc`) is still both.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditWorkflow } from '../../src/audit/index.js';
import { writesAuthToken } from '../../src/audit/token-forms.js';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';

const repo = { owner: 'acme', name: 'widget' };

const WORKFLOW = `on:
  push:
    tags: ['v*']
permissions:
  contents: read
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
          registry-url: https://registry.npmjs.org
      - run: npm ci
      - name: Publish (OIDC)
        run: |
          npm config delete //registry.npmjs.org/:_authToken 2>/dev/null || true
          npm publish
`;

test('deleting an _authToken is not writing one; setting or echoing one is', () => {
  assert.equal(writesAuthToken('npm config delete //registry.npmjs.org/:_authToken 2>/dev/null || true'), false);
  assert.equal(writesAuthToken('npm config set //registry.npmjs.org/:_authToken "$NODE_AUTH_TOKEN"'), true);
  assert.equal(writesAuthToken("echo '//registry.npmjs.org/:_authToken=${NPM_TOKEN}' > .npmrc"), true);
  assert.equal(writesAuthToken('npm config delete //registry.npmjs.org/:_authToken && npm config set //registry.npmjs.org/:_authToken "$T"'), true);
});

test('doctor reports no token write for the delete line', () => {
  const findings = auditWorkflow(WORKFLOW, '.github/workflows/publish.yml', { repo });
  assert.deepEqual(findings.filter((f) => /_authToken/.test(f.message)), []);
});

test('migrate keeps the delete line', () => {
  const result = migrateWorkflow(WORKFLOW, '.github/workflows/publish.yml', { pins: loadPins(), repo });
  assert.match(result.after, /npm config delete \/\/registry\.npmjs\.org\/:_authToken/);
  assert.deepEqual(result.changes.filter((c) => /_authToken/.test(c)), []);
});

// Yarn 2+ reads its token from .yarnrc.yml (solana-nft-programs/generator, v24d sample): once the
// token env is gone, `npmAuthToken: "${NPM_AUTH_TOKEN}"` there stops every Yarn command.
const YARNRC = `on:
  push:
    tags: ['v*']
env:
  NPM_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm ci
      - run: |
          echo 'npmRegistries:' >> ~/.yarnrc.yml
          echo '  "https://registry.npmjs.org":' >> ~/.yarnrc.yml
          echo '    npmAuthToken: "\${NPM_AUTH_TOKEN}"' >> ~/.yarnrc.yml
          echo 'npmScopes:' >> .yarnrc.yml
          echo '  acme:' >> .yarnrc.yml
          echo '    npmAuthToken: \${NPM_AUTH_TOKEN}' >> .yarnrc.yml
          echo '    npmAlwaysAuth: true' >> .yarnrc.yml
          yarn config set npmAuthToken "$NPM_AUTH_TOKEN"
          yarn config get npmRegistryServer
      - run: npm publish
`;

test('an npmAuthToken written to .yarnrc.yml or set with yarn config is a token write', () => {
  assert.equal(writesAuthToken(`echo 'npmAuthToken: "\${NPM_AUTH_TOKEN}"' >> .yarnrc.yml`), true);
  assert.equal(writesAuthToken('yarn config set npmAuthToken "$NPM_AUTH_TOKEN"'), true);
  assert.equal(writesAuthToken('yarn config unset npmAuthToken'), false);
  const findings = auditWorkflow(YARNRC, '.github/workflows/publish.yml', { repo }).filter((f) => /npmAuthToken to \.yarnrc\.yml/.test(f.message));
  assert.deepEqual(findings.map((f) => f.line), [18, 21, 23]);
});

test('migrate removes those lines, and the npmRegistries entry they leave empty', () => {
  const result = migrateWorkflow(YARNRC, '.github/workflows/publish.yml', { pins: loadPins(), repo });
  const run = result.after.slice(result.after.indexOf('      - run: |'), result.after.indexOf('      - run: npm publish'));
  assert.equal(run, `      - run: |
          echo 'npmScopes:' >> .yarnrc.yml
          echo '  acme:' >> .yarnrc.yml
          echo '    npmAlwaysAuth: true' >> .yarnrc.yml
          yarn config get npmRegistryServer
`);
  assert.ok(result.changes.some((c) => /removed the line that wrote an npmAuthToken to \.yarnrc\.yml/.test(c)), result.changes.join('\n'));
});

test('an rm of the .npmrc the removed token line wrote becomes rm -f (the file is no longer there)', () => {
  const text = YARNRC.replace(/ {6}- run: \|\n[\s\S]*?(?= {6}- run: npm publish)/, `      - run: echo "//registry.npmjs.org/:_authToken=\${NPM_AUTH_TOKEN}" > .npmrc\n`) + '      - run: rm .npmrc\n      - run: |\n          npm pack\n          rm -v ~/.npmrc\n';
  const result = migrateWorkflow(text, '.github/workflows/publish.yml', { pins: loadPins(), repo });
  assert.doesNotMatch(result.after, /_authToken/);
  assert.match(result.after, /- run: rm -f \.npmrc\n/);
  assert.match(result.after, /\n {10}rm -f -v ~\/\.npmrc\n/);
  // Without a token line removed, an rm stays as it is.
  assert.match(migrateWorkflow(WORKFLOW + '      - run: rm .npmrc\n', '.github/workflows/publish.yml', { pins: loadPins(), repo }).after, /- run: rm \.npmrc\n/);
});
