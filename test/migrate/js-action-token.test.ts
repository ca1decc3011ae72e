// A release split across local JavaScript actions: one exports the publish command into
// GITHUB_ENV, a later one runs it. With the token on the step that runs it, the migration takes
// the token away and grants id-token: write; when the first action's code writes the token into
// .npmrc (infinite-table/infinite-react@f52c9c92 .github/actions/will-release-check/index.js),
// it stops at that action and names the line, since it does not edit JavaScript.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { readPublishContext, repoReader } from '../../src/detect/workflows.js';
import { MigrateError } from '../../src/migrate/errors.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { loadPins } from '../../src/render/pins.js';

const pins = loadPins();
const tops: string[] = [];
after(() => tops.forEach((top) => rmSync(top, { recursive: true, force: true })));

const PATH = '.github/workflows/release.yml';
const node = (main: string) => `name: x\nruns:\n  using: 'node20'\n  main: '${main}'\n`;

function migrate(workflow: string, check: string) {
  const top = mkdtempSync(join(tmpdir(), 'js-action-token-'));
  tops.push(top);
  const files: Record<string, string> = {
    [PATH]: workflow,
    'package.json': JSON.stringify({ name: '@acme/widget', scripts: { 'release:nobump': 'npm publish --access public' } }),
    '.github/actions/check/action.yml': node('index.js'),
    '.github/actions/check/index.js': check,
    '.github/actions/run/action.yml': node('start.js'),
    '.github/actions/run/start.js': "const core = require('@actions/core');\nconst command = core.getInput('command');\nrequire('child_process').execSync(command, { stdio: 'inherit' });\n",
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(top, path)), { recursive: true });
    writeFileSync(join(top, path), text);
  }
  return () => migrateWorkflow(workflow, PATH, { pins, repo: { owner: 'acme', name: 'widget' }, readFile: repoReader(top), publish: readPublishContext(top) });
}

const job = (checkEnv: string, runEnv: string) =>
  `on:\n  push:\n    branches: [main]\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-node@v4\n        with:\n          node-version: 20\n      - uses: ./.github/actions/check\n${checkEnv}      - uses: ./.github/actions/run\n        with:\n          command: \${{ env.RELEASE_CMD }}\n${runEnv}`;
const TOKEN = '        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n';
const EXPORT = "core.exportVariable('RELEASE_CMD', `npm run release:${kind}`);\n";

test('the token on the step that runs the exported publish command: removed, with id-token: write and Node 24', () => {
  const result = migrate(job('', TOKEN), EXPORT)();
  assert.match(result.after, /id-token: write/);
  assert.match(result.after, /node-version: 24/);
  assert.doesNotMatch(result.after, /NPM_TOKEN/);
});

test('an action whose code writes the token into .npmrc: refused at its step, naming the line', () => {
  const writes = "const fs = require('fs');\nfs.writeFileSync('.npmrc', `//registry.npmjs.org/:_authToken=${process.env.NPM_TOKEN}`);\n" + EXPORT;
  assert.throws(
    migrate(job(TOKEN.replace('NODE_AUTH_TOKEN', 'NPM_TOKEN'), ''), writes),
    (error: unknown) =>
      error instanceof MigrateError &&
      error.message.startsWith(`${PATH}:12: job "release" publishes, and the local JavaScript action ./.github/actions/check writes the npm token into .npmrc in its code (.github/actions/check/index.js:2).\n`) &&
      /Nothing was written\.$/.test(error.message),
  );
});
