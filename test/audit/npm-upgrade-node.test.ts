// An npm upgrade the job's Node cannot take stops the job with EBADENGINE before it publishes:
// npm 11 runs on Node ^20.17.0 || >=22.9.0, npm 12 (npm@latest) on ^22.22.2 || ^24.15.0 || >=26.0.0.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditWorkflow } from '../../src/audit/index.js';
import { nodeRefusesNpm, upgradeTarget } from '../../src/audit/npm-upgrade-node.js';
import { edit, GOOD, lineWith } from './fixtures.js';

const upgraded = (node: string, upgrade: string) =>
  edit(edit(GOOD, 'node-version: 24', `node-version: ${node}`), '      - run: npm ci\n', `      - run: ${upgrade}\n      - run: npm ci\n`);
const oldNpm = (source: string) => auditWorkflow(source, 'p.yml').filter((f) => f.id === 'old-npm').map((f) => `${f.level} ${f.line}`);

test('an upgrade to npm 11 on Node 16 or 18 fails: an error at the upgrade line', () => {
  for (const [node, upgrade] of [['18', 'npm install -g npm@11'], ["'16.x'", 'npm i -g npm@^11.5.1'], ['18', 'npm install -g npm@latest']] as const) {
    const source = upgraded(node, upgrade);
    assert.deepEqual(oldNpm(source), [`error ${lineWith(source, upgrade)}`], `${upgrade} on Node ${node}`);
  }
  const [finding] = auditWorkflow(upgraded('18', 'npm install -g npm@11'), 'p.yml').filter((f) => f.id === 'old-npm');
  assert.match(finding!.message, /fails on Node 18: npm 11 runs on Node \^20\.17\.0 \|\| >=22\.9\.0/);
});

test('npm@latest is npm 12: Node 20 refuses it, Node 22 and 24 take it, npm 11 runs on Node 20', () => {
  assert.deepEqual(oldNpm(upgraded('20', 'npm install -g npm@latest')).map((f) => f.split(' ')[0]), ['error']);
  assert.deepEqual(oldNpm(upgraded('22', 'npm install -g npm@latest')), []);
  assert.deepEqual(oldNpm(upgraded('20', 'npm install -g npm@^11.5.1')), []);
  assert.deepEqual(oldNpm(upgraded('22.12', 'npm install -g npm@latest')).map((f) => f.split(' ')[0]), ['error']);
});

test('the Node versions and upgrade targets are read as npm reads its engines', () => {
  assert.equal(upgradeTarget('npm install -g npm@latest'), 12);
  assert.equal(upgradeTarget('npm i -g "npm@^11.5.1"'), 11);
  assert.equal(upgradeTarget('npm install -g npm@10'), undefined);
  for (const v of ['16', '18.x', '18.20.8', '20.16', '21', 'v19.1.0']) assert.equal(nodeRefusesNpm(v, 11), true, v);
  for (const v of ['20', '20.17.0', '22.9', '24', 'lts/*', '>=18']) assert.equal(nodeRefusesNpm(v, 11), false, v);
  for (const v of ['20', '22.12', '24.10.0', '25', '23']) assert.equal(nodeRefusesNpm(v, 12), true, v);
  for (const v of ['22', '22.22.2', '24', '26']) assert.equal(nodeRefusesNpm(v, 12), false, v);
});

test('a Node version a step prints from .nvmrc with the older ::set-output is read like the $GITHUB_OUTPUT form', async () => {
  const { parseDocument } = await import('yaml');
  const { nodeVersionFile } = await import('../../src/audit/node-version.js');
  type Map = Parameters<typeof nodeVersionFile>[1];
  for (const run of ['echo ::set-output name=NVMRC::$(cat .nvmrc)', 'echo "NVMRC=$(cat .nvmrc)" >> "$GITHUB_OUTPUT"']) {
    const job = parseDocument(`steps:\n  - id: nvm\n    run: ${JSON.stringify(run)}\n  - uses: actions/setup-node@v4\n    with:\n      node-version: '\${{ steps.nvm.outputs.NVMRC }}'\n`).contents as Map;
    const setup = (job as unknown as { get(key: string): { items: Map[] } }).get('steps').items[1] as unknown as { get(key: string): Map };
    assert.equal(nodeVersionFile(setup.get('with'), job), '.nvmrc', run);
  }
});

test('a global npm pin below 11.5.1 before the publish: a warning at the pin, whatever the Node', () => {
  for (const pin of ['npm install -g npm@10.9.7', 'npm i --global npm@"^10"', 'npm install -g npm@11.5.0']) {
    const source = upgraded('24', pin);
    assert.deepEqual(oldNpm(source), [`warning ${lineWith(source, pin)}`], pin);
  }
  assert.deepEqual(oldNpm(upgraded('24', 'npm install -g npm@10.9.7 && npm install -g npm@^11.5.1')), []);
  assert.deepEqual(oldNpm(upgraded('24', 'npm install -g npm@11.6.0')), []);
});
