// A release split across local JavaScript actions (runs: using: node20): one exports the publish
// command into GITHUB_ENV, a later one runs it (an input or a variable) with the token in its
// env. Modelled on infinite-table/infinite-react@f52c9c92 .github/actions (will-release-check
// exports `npm run release:${kind}`; execute-cmd's start.js starts start.sh, which runs
// `bash -c $INPUT_CMD`), and on the execSync(process.env.X) / core.getInput form.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { jsAction, scriptCandidates } from '../../src/audit/js-action.js';
import { parseWorkflow } from '../../src/audit/workflow-model.js';
import { readPublishContext, readWorkflows } from '../../src/detect/workflows.js';

const tops: string[] = [];
after(() => tops.forEach((top) => rmSync(top, { recursive: true, force: true })));

function repo(files: Record<string, string>): string {
  const top = mkdtempSync(join(tmpdir(), 'js-action-'));
  tops.push(top);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(top, path)), { recursive: true });
    writeFileSync(join(top, path), text);
  }
  return top;
}

const files = (entries: Record<string, string>) => (path: string) => entries[path];
const CHECK = '.github/actions/check';
const RUN = '.github/actions/run';
const node = (main: string) => `name: x\nruns:\n  using: 'node20'\n  main: '${main}'\n`;
const EXPORTS = "const core = require('@actions/core');\ncore.exportVariable(\n  'RELEASE_CMD',\n  `npm run release:${kind}`,\n);\n";
const START_JS = "const { spawn } = require('child_process');\nspawn('bash', [path.join(__dirname, 'start.sh')], { stdio: 'inherit' });\n";
const START_SH = '#!/bin/sh\nCMD=${INPUT_COMMAND}\n[ -z "$CMD" ] && exit 1\nbash -c $CMD\n';
const PKG = JSON.stringify({ name: 'w', scripts: { 'release:nobump': 'npm run registry-publish', 'registry-publish': 'npm publish --access public', build: 'tsc' } });
const workflow = (token: string, command = '$RELEASE_CMD') =>
  `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: './${CHECK}'\n      - run: npm ci\n      - uses: './${RUN}'\n        with:\n          command: ${command}\n${token}`;

test('what a JavaScript action runs and exports: a shell script of the action, an input, an env variable', () => {
  const read = files({ [`${CHECK}/index.js`]: EXPORTS, [`${RUN}/start.js`]: START_JS, [`${RUN}/start.sh`]: START_SH });
  // A bundle that is not there (or over the cap) is read from its source next to it.
  assert.deepEqual(jsAction(CHECK, node('out/index.js'), read)?.exports, { RELEASE_CMD: 'npm run release:*' });
  assert.deepEqual(jsAction(RUN, node('start.js'), read)?.runs, ['INPUT_COMMAND']);
  const direct = files({ 'a/main.js': "const cmd = core.getInput('cmd');\nexecSync(cmd);\nexecSync(process.env.PUBLISH_CMD);\nfs.appendFileSync(process.env.GITHUB_ENV, `NEXT=npm publish --tag ${tag}\\n`);\n" });
  const found = jsAction('a', node('main.js'), direct);
  assert.deepEqual(found?.runs, ['INPUT_CMD', 'PUBLISH_CMD']);
  assert.deepEqual(found?.exports, { NEXT: 'npm publish --tag *' });
  // Exporting a publish command is not publishing; running one is.
  assert.equal(found?.publishes, false);
  assert.equal(jsAction('a', node('main.js'), files({ 'a/main.js': "execSync('npm publish --access public');\n" }))?.publishes, true);
  assert.equal(jsAction('a', "runs:\n  using: composite\n  steps: []\n", direct), undefined);
  assert.deepEqual(scriptCandidates('npm run release:*', { 'release:nobump': 'x', 'release:canary': 'y', build: 'z' }), ['npm run release:nobump', 'npm run release:canary']);
});

test('doctor and the audit model: the action that runs the command an earlier action exported publishes', () => {
  const top = repo({
    '.github/workflows/release.yml': workflow('        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n'),
    'package.json': PKG,
    [`${CHECK}/action.yml`]: node('out/index.js'),
    [`${CHECK}/index.js`]: EXPORTS,
    [`${RUN}/action.yml`]: node('start.js'),
    [`${RUN}/start.js`]: START_JS,
    [`${RUN}/start.sh`]: START_SH,
  });
  const context = readPublishContext(top);
  assert.equal(readWorkflows(top, context)[0]?.publishes, true);
  const model = parseWorkflow(workflow('', '${{ env.RELEASE_CMD }}'), '.github/workflows/release.yml', context);
  assert.ok(model.ok);
  assert.deepEqual(model.workflow.jobs[0]!.steps.map((s) => s.publishes), [false, false, true]);
  // The command runs only after the export: a step before it is handed nothing.
  const before = `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: './${RUN}'\n        with:\n          command: $RELEASE_CMD\n      - uses: './${CHECK}'\n`;
  const early = parseWorkflow(before, '.github/workflows/release.yml', context);
  assert.ok(early.ok && !early.workflow.publishes);
  // Written to GITHUB_ENV by an earlier run line, and run by the action through its input.
  const echoed = `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "RELEASE_CMD=npm publish --tag next" >> "$GITHUB_ENV"\n      - uses: ./${RUN}\n        with:\n          command: \${{ env.RELEASE_CMD }}\n`;
  const fromRun = parseWorkflow(echoed, '.github/workflows/release.yml', context);
  assert.ok(fromRun.ok);
  assert.deepEqual(fromRun.workflow.jobs[0]!.steps.map((s) => s.publishes), [false, true]);
  // A command that builds is no publish.
  const build = repo({ '.github/workflows/release.yml': workflow(''), 'package.json': PKG, [`${CHECK}/action.yml`]: node('index.js'), [`${CHECK}/index.js`]: "core.exportVariable('RELEASE_CMD', 'npm run build');\n", [`${RUN}/action.yml`]: node('start.js'), [`${RUN}/start.js`]: START_JS, [`${RUN}/start.sh`]: START_SH });
  assert.equal(readWorkflows(build)[0]?.publishes, false);
});
