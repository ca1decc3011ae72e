// Ship.js: `shipjs trigger` publishes with npm, then pushes its release tag with the checkout's
// credentials and makes the GitHub release. Doctor sees it publish, and --migrate keeps what the
// tag push and the release need, naming the placeholder token Ship.js below 0.28 still writes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { commandPublishes } from '../../src/audit/publish-rule.js';
import { actionlint } from '../../src/audit/actionlint.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { shipjsLeft } from '../../src/migrate/shipjs.js';
import { loadPins } from '../../src/render/pins.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'kit' };

const WORKFLOW = `on:
  push:
    branches: [main]
jobs:
  release:
    if: "startsWith(github.event.head_commit.message, 'chore: release v')"
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm ci
      - run: npx shipjs trigger
        env:
          GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }}
          NPM_AUTH_TOKEN: \${{ secrets.NPM_AUTH_TOKEN }}
`;

const files = (map: Record<string, string>) => (path: string) => map[path];

test('shipjs trigger publishes; shipjs prepare and a dry run do not', () => {
  for (const line of ['npx shipjs trigger', 'yarn shipjs trigger', 'pnpm exec shipjs trigger']) assert.equal(commandPublishes(line), true, line);
  for (const line of ['npx shipjs prepare --yes', 'npx shipjs trigger --dry-run', 'npx shipjs trigger -D']) assert.equal(commandPublishes(line), false, line);
});

test('the job keeps its checkout credentials and contents: write for the tag push and the GitHub release', async () => {
  const result = migrateWorkflow(WORKFLOW, '.github/workflows/release.yml', { pins, repo, readFile: files({ 'package.json': '{ "devDependencies": { "shipjs": "^0.27.0" } }' }) });
  const job = parse(result.after).jobs.release;
  assert.deepEqual(job.permissions, { contents: 'write', 'id-token': 'write' });
  assert.equal(job.steps[0].with['persist-credentials'], undefined, result.after);
  assert.equal(job.steps[3].env.NPM_AUTH_TOKEN, undefined);
  assert.ok(result.left.some((line) => line.includes('actions/checkout keeps its credentials') && line.includes('shipjs trigger')), result.left.join('\n'));
  assert.ok(result.left.some((line) => line.includes('package.json asks for shipjs ^0.27.0') && line.includes('useOidcTokenProvider: true')), result.left.join('\n'));
  assert.deepEqual(await actionlint(result.after, '.github/workflows/release.yml'), []);
});

test('the placeholder token is named below 0.28 or without useOidcTokenProvider, and not with both', () => {
  const pkg = (range: string) => `{ "devDependencies": { "shipjs": "${range}" } }`;
  const config = 'module.exports = {\n  useOidcTokenProvider: true,\n};\n';
  assert.match(shipjsLeft('r', files({ 'package.json': pkg('0.27.0'), 'ship.config.js': config })) ?? '', /package\.json asks for shipjs 0\.27\.0/);
  assert.match(shipjsLeft('r', files({ 'package.json': pkg('^0.28.2') })) ?? '', /ship\.config\.js does not set useOidcTokenProvider: true/);
  assert.match(shipjsLeft('r', files({ 'package.json': '{}' })) ?? '', /package\.json names no shipjs version/);
  assert.equal(shipjsLeft('r', files({ 'package.json': pkg('^0.28.2'), 'ship.config.js': config })), undefined);
  assert.equal(shipjsLeft('r', files({ 'package.json': pkg('~1.0.0'), 'ship.config.cjs': config })), undefined);
});
