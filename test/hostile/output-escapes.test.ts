// Point 7: control characters from the repository, the command line and the registry reach
// the terminal only as visible escapes (`\x1b`), in --yes, --dry-run, doctor and retire.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { expectClean, run, runKilled, scene, snapshot, type Run, type Scene, type SceneOptions } from './harness.js';
import { assertSafeOutput, oneJson } from './output-cases.js';

const ESC = '\x1b';
/** Clears the screen, retitles the window, and hides what follows. */
const HOSTILE = `${ESC}[2J${ESC}]0;pwned\x07${ESC}[8m`;

function inScene(options: SceneOptions, body: (s: Scene, before: Map<string, string>) => void | Promise<void>) {
  return async () => {
    const s = scene(options);
    try {
      await body(s, snapshot(s.base));
    } finally {
      s.cleanup();
    }
  };
}

function showsEscaped(r: Run): void {
  assertSafeOutput(r);
  assert.match(`${r.stdout}${r.stderr}`, /\\x1b/, 'the escape is shown as \\x1b');
}

test('a version with terminal escapes: --dry-run shows them escaped', inScene({ pkg: { version: `1.0.0${HOSTILE}` } }, (s, before) => {
  const r = run(s, ['--dry-run', '--no-open']);
  expectClean(s, before, r, { code: 0 });
  showsEscaped(r);
}));

test('a version with terminal escapes: --yes writes and prints them escaped', inScene({ pkg: { version: `2.0.0${HOSTILE}` } }, (s, before) => {
  const r = run(s, ['--yes', '--no-open']);
  expectClean(s, before, r, { code: 0, changes: ['.github/*'] });
  showsEscaped(r);
}));

test('a package name with an escape is refused, the name shown escaped', inScene({ pkg: { name: `@acme/wid${ESC}[2Jget` } }, (s, before) => {
  const r = run(s, ['--yes', '--no-open']);
  expectClean(s, before, r, { code: 1, says: 'URL-safe' });
  showsEscaped(r);
}));

test('doctor text and JSON with an escape in the package name', inScene({ pkg: { name: `wid${ESC}]0;x\x07get` } }, (s, before) => {
  const text = run(s, ['doctor']);
  expectClean(s, before, text, { code: 1, says: 'invalid-package-name' });
  showsEscaped(text);
  const json = run(s, ['doctor', '--json']);
  expectClean(s, before, json, { code: 1 });
  assertSafeOutput(json);
  assert.equal(oneJson(json).ok, false);
}));

test('a remote URL with an escape is an error naming .git/config, shown escaped', inScene({}, (s) => {
  s.write('.git/config', `[core]\n\trepositoryformatversion = 0\n[remote "origin"]\n\turl = https://github.com/acme/wid${ESC}[2Jget.git\n`);
  const again = snapshot(s.base);
  const r = run(s, ['--yes', '--no-open']);
  expectClean(s, again, r, { code: 1, says: '.git/config' });
  showsEscaped(r);
}));

test('--repo answers a remote that cannot be read', inScene({}, (s) => {
  s.write('.git/config', `[core]\n\trepositoryformatversion = 0\n[remote "origin"]\n\turl = https://github.com/acme/wid${ESC}get.git\n`);
  const before = snapshot(s.base);
  const r = run(s, ['--dry-run', '--no-open', '--repo', 'acme/widget']);
  expectClean(s, before, r, { code: 0, says: 'acme/widget' });
  assertSafeOutput(r);
}));

test('a branch name with an escape (hand-edited HEAD) never reaches the terminal raw', inScene({ pkg: { devDependencies: { 'release-please': '^16.0.0' } } }, (s) => {
  writeFileSync(s.at('.git/HEAD'), `ref: refs/heads/ma${ESC}[2Jin\n`);
  const before = snapshot(s.base);
  const r = run(s, ['--dry-run', '--no-open', '--release', 'release-please']);
  expectClean(s, before, r, { code: r.code === 0 ? 0 : 1 });
  assertSafeOutput(r);
}));

test('a workflow file name with an escape and a bidi override: doctor lists it escaped', inScene({}, (s) => {
  s.write(`.github/workflows/pub${ESC}[31mlish\u202e.yml`, 'on: push\njobs:\n  p:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n');
  const before = snapshot(s.base);
  const r = run(s, ['doctor']);
  expectClean(s, before, r, { code: 1 });
  showsEscaped(r);
  assert.match(r.stdout, /\\u202e/);
}));

for (const [flag, value] of [
  ['--workflow', `pub${ESC}[2Jlish.yml`],
  ['--packages', `@acme/x${ESC}]0;t\x07`],
  ['--environment', `np${ESC}[8mm`],
  ['--repo', `acme/wid${ESC}[2Jget`],
] as const) {
  test(`${flag} with an escape is a usage error that shows it escaped`, inScene({}, (s, before) => {
    const r = run(s, ['--yes', '--no-open', flag, value]);
    expectClean(s, before, r, { code: 2, says: flag });
    assertSafeOutput(r);
  }));
}

test('doctor --registry-check: escapes in the registry answer are shown escaped, JSON stays JSON', inScene({}, async (s, before) => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ name: '@acme/widget', 'dist-tags': { latest: `9.9.9${HOSTILE}\u009b2J` }, versions: {} }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  try {
    const text = await runKilled(s, ['doctor', '--registry-check', '--registry', url], 'SIGKILL', 20_000);
    expectClean(s, before, text, { code: 1, says: '9.9.9' });
    showsEscaped(text);
    const json = await runKilled(s, ['doctor', '--json', '--registry-check', '--registry', url], 'SIGKILL', 20_000);
    assertSafeOutput(json);
    assert.match(JSON.stringify(oneJson(json)), /9\.9\.9/);
  } finally {
    server.close();
  }
}));

test('retire --dry-run with an escape in the version prints no raw control character', inScene({ pkg: { version: `1.0.0${HOSTILE}` } }, (s, before) => {
  const r = run(s, ['retire', '--dry-run', '--registry', 'http://127.0.0.1:9']);
  expectClean(s, before, r, { code: r.code === 0 ? 0 : 1 });
  assertSafeOutput(r);
}));
