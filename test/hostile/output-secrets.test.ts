// Point 5: secret-looking values in the repository's own files never reach the terminal, in
// any diff or message: the refusal diff, --dry-run, --migrate, doctor text and JSON, retire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectClean, run, scene, snapshot, type Scene } from './harness.js';
import { MARKERS, assertSafeOutput, leakyWorkflow, oneJson } from './output-cases.js';

const WORKFLOW = '.github/workflows/publish.yml';

function withScene(files: Record<string, string | object>, pkg: object | undefined, body: (s: Scene, before: Map<string, string>) => void): void {
  const s = scene({ files, ...(pkg ? { pkg } : {}) });
  try {
    body(s, snapshot(s.base));
  } finally {
    s.cleanup();
  }
}

for (const [kind, token] of Object.entries(MARKERS)) {
  test(`--yes refusal diff of an existing workflow hides a ${kind} token`, () => {
    withScene({ [WORKFLOW]: leakyWorkflow(token) }, undefined, (s, before) => {
      const r = run(s, ['--yes', '--no-open']);
      expectClean(s, before, r, { code: 1, says: 'NODE_AUTH_TOKEN: ', changes: [] });
      assertSafeOutput(r);
    });
  });
}

test('--migrate --dry-run shows the diff of a workflow with a literal token, token hidden', () => {
  withScene({ [WORKFLOW]: leakyWorkflow(MARKERS.ghp) }, undefined, (s, before) => {
    const r = run(s, ['--migrate', '--dry-run']);
    assertSafeOutput(r);
    assert.match(`${r.stdout}${r.stderr}`, /ghp_\*\*\*/);
    expectClean(s, before, r, { code: r.code ?? -1, changes: [] });
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}`);
  });
});

test('--dry-run: credentials in package.json "repository" are not printed in the diff', () => {
  const url = `git+https://octocat:${MARKERS.ghp}@github.com/acme/old.git`;
  withScene({}, { repository: { type: 'git', url } }, (s, before) => {
    const r = run(s, ['--dry-run', '--no-open']);
    expectClean(s, before, r, { code: 0, says: 'https://octocat:***@github.com/acme/old.git' });
    assertSafeOutput(r);
  });
});

test('--dry-run: a password in a repository URL is hidden whatever its shape', () => {
  const url = `https://someone:${MARKERS.password}@github.com/acme/old.git`;
  withScene({}, { repository: url }, (s, before) => {
    const r = run(s, ['--dry-run', '--no-open']);
    expectClean(s, before, r, { code: 0, says: ':***@github.com' });
    assertSafeOutput(r);
  });
});

test('--yes --force writes the workflow; the backup keeps the file as it was, the output hides the token', () => {
  withScene({ [WORKFLOW]: leakyWorkflow(MARKERS.pat) }, undefined, (s) => {
    const r = run(s, ['--yes', '--force', '--no-open']);
    assert.equal(r.code, 0, r.stderr);
    assertSafeOutput(r);
  });
});

test('doctor text and JSON name the literal-token line without printing the token', () => {
  withScene({ [WORKFLOW]: leakyWorkflow(MARKERS.glpat), '.npmrc': `//registry.npmjs.org/:_authToken=${MARKERS.gho}\n` }, undefined, (s, before) => {
    const text = run(s, ['doctor']);
    expectClean(s, before, text, { code: 1, says: WORKFLOW });
    assertSafeOutput(text);
    const json = run(s, ['doctor', '--json']);
    expectClean(s, before, json, { code: 1 });
    assertSafeOutput(json);
    assert.equal(oneJson(json).ok, false);
  });
});

test('a usage error that echoes a token-shaped flag value hides it', () => {
  withScene({}, undefined, (s, before) => {
    const r = run(s, ['--yes', '--repo', MARKERS.ghp]);
    expectClean(s, before, r, { code: 2, says: '--repo' });
    assertSafeOutput(r);
  });
});

test('retire --dry-run with a literal token in a workflow step prints no token', () => {
  withScene({ [WORKFLOW]: leakyWorkflow(MARKERS.npm) }, undefined, (s, before) => {
    const r = run(s, ['retire', '--dry-run', '--registry', 'http://127.0.0.1:9']);
    expectClean(s, before, r, { code: r.code ?? -1 });
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}`);
    assertSafeOutput(r);
  });
});
