// A step that only records whether the npm token is set, as a step output, read by the publish
// step's condition: with the token retired the output always says "absent", so the test goes from
// the condition and the recording step goes; an output also read anywhere else stops the migration.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { loadPins } from '../../src/render/pins.js';
import { migrateWorkflow } from '../../src/migrate/index.js';
import { readPresenceScript } from '../../src/migrate/token-presence-output.js';

const pins = loadPins();
const repo = { owner: 'acme', name: 'widget' };

test('readPresenceScript: which value says the variable is set', () => {
  const emptyTest = 'if [ "$NODE_AUTH_TOKEN" == "" ]; then\n  echo "present=NO" >> $GITHUB_OUTPUT\nelse\n  echo "present=YES" >> $GITHUB_OUTPUT\nfi\n';
  assert.deepEqual(readPresenceScript(emptyTest), { output: 'present', present: 'YES', absent: 'NO', variable: 'NODE_AUTH_TOKEN' });
  const setTest = 'if [ -n "${NPM_TOKEN}" ]; then\n  echo "ok=true" >> "$GITHUB_OUTPUT"\nelse\n  echo "ok=false" >> "$GITHUB_OUTPUT"\nfi';
  assert.deepEqual(readPresenceScript(setTest), { output: 'ok', present: 'true', absent: 'false', variable: 'NPM_TOKEN' });
  // Anything more than the test and the two outputs is not only a presence check.
  assert.equal(readPresenceScript(emptyTest.replace('fi\n', 'fi\nnpm whoami\n')), undefined);
  assert.equal(readPresenceScript(emptyTest.replace('present=YES', 'other=YES')), undefined);
});

const workflow = (publishIf: string, extra = '') => `on:
  push:
    branches: [main]
env:
  NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Check the token
        id: check
        run: |
          if [ "$NODE_AUTH_TOKEN" == "" ]; then
            echo "present=NO" >> $GITHUB_OUTPUT
          else
            echo "present=YES" >> $GITHUB_OUTPUT
          fi
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      - name: Publish
        if: ${publishIf}
        run: npm publish
${extra}`;

test('the publish no longer waits on the output, and the recording step goes', () => {
  const result = migrateWorkflow(workflow("(steps.check.outputs.present == 'YES') && github.ref == 'refs/heads/main'"), '.github/workflows/publish.yml', { pins, repo });
  const steps = parse(result.after).jobs.publish.steps as Array<{ name?: string; if?: string }>;
  assert.deepEqual(steps.filter((s) => s.name).map((s) => s.name), ['Publish']);
  assert.equal(steps.find((s) => s.name === 'Publish')!.if, "github.ref == 'refs/heads/main'");
  assert.doesNotMatch(result.after, /NODE_AUTH_TOKEN|steps\.check/);
});

test('a step that runs only without the token goes with it', () => {
  const extra = `      - name: Say it was skipped
        if: steps.check.outputs.present == 'NO'
        run: echo "no token, nothing published"
`;
  const result = migrateWorkflow(workflow("steps.check.outputs.present == 'YES'", extra), '.github/workflows/publish.yml', { pins, repo });
  const steps = parse(result.after).jobs.publish.steps as Array<{ name?: string; if?: string }>;
  assert.deepEqual(steps.filter((s) => s.name).map((s) => s.name), ['Publish']);
  assert.equal(steps.find((s) => s.name === 'Publish')!.if, undefined);
});

test('an output the job also reads elsewhere stops the migration, naming the step', () => {
  const extra = `      - run: echo "token present=\${{ steps.check.outputs.present }}"
`;
  assert.throws(
    () => migrateWorkflow(workflow("steps.check.outputs.present == 'YES'", extra), '.github/workflows/publish.yml', { pins, repo }),
    (error: Error) => error.name === 'MigrateError' && /the step "Check the token" records whether NODE_AUTH_TOKEN is set in steps\.check\.outputs\.present/.test(error.message),
  );
});

test('a branch that also prints why (echo "…skipping publish") is still only a presence check; one that writes elsewhere is not', () => {
  // The shape of the v19c token gates (`id: npm_gate`, `publish=true|false`, a message on the false branch).
  const gate = 'if [ -n "$NPM_TOKEN" ]; then\n  echo "publish=true" >> "$GITHUB_OUTPUT"\nelse\n  echo "publish=false" >> "$GITHUB_OUTPUT"\n  echo "NPM_TOKEN secret is missing; skipping publish." >&2\nfi\n';
  assert.deepEqual(readPresenceScript(gate), { output: 'publish', present: 'true', absent: 'false', variable: 'NPM_TOKEN' });
  assert.equal(readPresenceScript(gate.replace('>&2', '>> "$GITHUB_ENV"')), undefined);
});

test('a gate whose output later steps read is retired with their conditions, never removed on its own', () => {
  const gated = workflow("steps.check.outputs.present == 'YES'").replace('            echo "present=NO" >> $GITHUB_OUTPUT\n', '            echo "present=NO" >> $GITHUB_OUTPUT\n            echo "no token: skipping the publish"\n');
  const result = migrateWorkflow(gated, '.github/workflows/publish.yml', { pins, repo });
  assert.doesNotMatch(result.after, /steps\.check|NODE_AUTH_TOKEN/);
  assert.equal((parse(result.after).jobs.publish.steps as Array<{ name?: string; if?: string }>).find((s) => s.name === 'Publish')!.if, undefined);
});
