// publib-npm (projen's release workflows) asks for NPM_TOKEN unless NPM_TRUSTED_PUBLISHER is set:
// migrate sets it on the step, raises a publib named on the line too old to read it, and says
// that projen writes the workflow back unless its npmTrustedPublishing option is set.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { loadPins } from '../../src/render/pins.js';

const pins = loadPins();
const workflow = (run: string, env = '          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n') => `on:
  push:
    branches: [main]
jobs:
  release_npm:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - name: Release
        env:
          NPM_DIST_TAG: latest
${env}        run: ${run}
`;
const migrate = (run: string, files: Record<string, string> = {}, env?: string) =>
  migrateWorkflow(workflow(run, env), '.github/workflows/release.yml', { pins, repo: { owner: 'acme', name: 'widget' }, readFile: (path) => files[path] });

test('publib-npm: NPM_TRUSTED_PUBLISHER set in place of the token, named in the changes', () => {
  const result = migrate('npx -p publib@latest publib-npm');
  assert.match(result.after, /NPM_DIST_TAG: latest\n {10}NPM_TRUSTED_PUBLISHER: "true"\n {8}run: npx -p publib@latest publib-npm\n/);
  assert.doesNotMatch(result.after, /NPM_TOKEN/);
  assert.ok(result.changes.includes('job "release_npm": publib-npm publishes with trusted publishing (NPM_TRUSTED_PUBLISHER: "true")'), result.changes.join('\n'));
  assert.deepEqual(result.left.filter((line) => line.includes('projen')), []);
});

test('publib-npm: an old publib on the line is raised to 0.2.1008; ranges that reach it stay', () => {
  const old = migrate('npx -p "publib@0.2.900" publib-npm');
  assert.match(old.after, /run: npx -p "publib@0\.2\.1008" publib-npm/);
  assert.ok(old.changes.includes('job "release_npm": runs publib@0.2.1008 (was 0.2.900), the first with NPM_TRUSTED_PUBLISHER'), old.changes.join('\n'));
  assert.match(migrate('npx -p publib@^0.1.5 publib-npm').after, /publib@0\.2\.1008 publib-npm/);
  assert.match(migrate('npx -p publib@^0.2.500 publib-npm').after, /publib@\^0\.2\.500 publib-npm/);
  assert.match(migrate('npx -p publib@0.2.1058 publib-npm').after, /publib@0\.2\.1058 publib-npm/);
});

test('publib-npm in a projen project: the lasting change, npmTrustedPublishing, is left for the user', () => {
  const result = migrate('npx -p publib@latest publib-npm', { '.projenrc.ts': 'new Project({})' });
  assert.ok(result.left.some((line) => /projen generates this workflow \(\.projenrc\.ts\): set npmTrustedPublishing: true/.test(line)), result.left.join('\n'));
});
