// Points 6, 20, 21: package names follow npm's rules for every provider (the broken rule is
// named), every printed command is one shell word per value, a missing "version" is flagged
// and never replaced by a made-up v1.0.0, and doctor reports an invalid name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expectClean, run, scene, snapshot, type Scene, type SceneOptions } from './harness.js';
import { assertSafeOutput, oneJson } from './output-cases.js';
import { git } from '../helpers/repo.js';

const CIRCLECI = ['--provider', 'circleci', '--circleci-org-id', '11111111-2222-3333-4444-555555555555', '--circleci-project-id', '66666666-7777-8888-9999-000000000000', '--circleci-pipeline-id', 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee', '--vcs-origin', 'github.com/acme/widget'];
const PROVIDERS: Record<string, { args: string[]; remote?: string }> = {
  github: { args: [] },
  gitlab: { args: [], remote: 'git@gitlab.com:acme/widget.git' },
  circleci: { args: CIRCLECI },
};

function inScene(options: SceneOptions, body: (s: Scene) => void, remote?: string) {
  return () => {
    const s = scene(options);
    try {
      if (remote) git(s.repo, 'remote', 'set-url', 'origin', remote);
      body(s);
    } finally {
      s.cleanup();
    }
  };
}

const INVALID: Array<[string, RegExp]> = [
  ['$(touch /tmp/ctp-pwned)', /"name"\s+or\s+"@scope\/name"/],
  ['.hidden', /cannot start with "\."/],
  ['_under', /cannot start with "_"/],
  [' widget', /spaces/],
  ['@acme/', /"name"\s+or\s+"@scope\/name"/],
  ['a/b', /"name"\s+or\s+"@scope\/name"/],
  ['node_modules', /not allowed/],
  ['@acme/${{ github.token }}', /URL-safe/],
  ['wid\nget', /URL-safe/],
  ['@acme/.dot', /after the scope/],
];

for (const [name, rule] of INVALID) {
  for (const [provider, { args, remote }] of Object.entries(PROVIDERS)) {
    if (provider !== 'github' && !['$(touch /tmp/ctp-pwned)', '@acme/${{ github.token }}', '.hidden'].includes(name)) continue;
    test(`${provider}: package name ${JSON.stringify(name)} is refused naming the rule`, inScene({ pkg: { name } }, (s) => {
      const before = snapshot(s.base);
      const r = run(s, ['--yes', '--no-open', ...args]);
      expectClean(s, before, r, { code: 1, says: rule });
      assert.match(r.stderr, /npm's naming rules/);
      assertSafeOutput(r);
      assert.ok(!existsSync('/tmp/ctp-pwned'));
    }, remote));
  }
}

test('doctor reports an invalid package name as an error; JSON says ok: false', inScene({ pkg: { name: 'Bad Name!' } }, (s) => {
  const before = snapshot(s.base);
  const text = run(s, ['doctor']);
  expectClean(s, before, text, { code: 1, says: 'invalid-package-name' });
  const json = oneJson(run(s, ['doctor', '--json']));
  assert.equal(json.ok, false);
  const ids = (json.findings as Array<{ id: string; level: string }>).filter((f) => f.id === 'invalid-package-name');
  assert.deepEqual(ids.map((f) => f.level), ['error']);
}));

test('a name valid only for old packages (capitals) is a warning, not a refusal', inScene({ pkg: { name: 'JSONStream', repository: 'github:acme/widget' } }, (s) => {
  const before = snapshot(s.base);
  const r = run(s, ['--dry-run', '--no-open']);
  expectClean(s, before, r, { code: 0, says: 'npm accepts new versions' });
  const json = oneJson(run(s, ['doctor', '--json']));
  assert.ok((json.findings as Array<{ id: string }>).some((f) => f.id === 'legacy-package-name'));
}));

/** Runs the printed command line through a real shell with `npm` replaced by printf. */
function wordsOf(line: string): string[] {
  const out = execFileSync('sh', ['-c', `npm() { printf '%s\\n' "$@"; }; ${line}`], { encoding: 'utf8' });
  return out.replace(/\n$/, '').split('\n');
}

for (const name of ["it's", 'wid(get)', 'wow!', 'st*r']) {
  test(`the printed npm trust line keeps ${JSON.stringify(name)} one shell word`, inScene({ pkg: { name, repository: 'github:acme/widget' } }, (s) => {
    const before = snapshot(s.base);
    const r = run(s, ['--dry-run', '--no-open']);
    expectClean(s, before, r, { code: 0 });
    const line = /npm trust github .*$/m.exec(r.stdout)?.[0];
    assert.ok(line, r.stdout);
    const words = wordsOf(line);
    assert.deepEqual(words.slice(0, 3), ['trust', 'github', name]);
    assert.ok(words.includes('--allow-publish'));
  }));
}

test('a missing "version" is flagged, and the checklist never invents v1.0.0', inScene({ pkg: { version: undefined } }, (s) => {
  const before = snapshot(s.base);
  const r = run(s, ['--yes', '--no-open']);
  expectClean(s, before, r, { code: 0, says: 'no "version"', changes: ['.github/*'] });
  assert.match(r.stdout, /Then retire the token/);
  assert.match(r.stdout, /add\s+one\s+first/);
  assert.doesNotMatch(r.stdout, /v1\.0\.0/);
  const json = oneJson(run(s, ['doctor', '--json']));
  assert.ok((json.findings as Array<{ id: string }>).some((f) => f.id === 'no-version'));
}));

test('GitLab: a missing "version" gives no made-up tag either', inScene({ pkg: { version: undefined } }, (s) => {
  const before = snapshot(s.base);
  const r = run(s, ['--yes', '--no-open']);
  expectClean(s, before, r, { code: 0, says: 'no "version"', changes: ['.gitlab-ci.yml', 'package.json'] });
  assert.match(r.stdout, /add\s+one\s+first/);
  assert.doesNotMatch(r.stdout, /v1\.0\.0/);
}, 'git@gitlab.com:acme/widget.git'));

test('a monorepo: a workspace package with an invalid name is skipped with a warning', inScene({
  pkg: { name: 'root', private: true, workspaces: ['packages/*'] },
  files: {
    'packages/good/package.json': { name: '@acme/good', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git', directory: 'packages/good' } },
    'packages/bad/package.json': { name: '@acme/$(id)', version: '1.0.0' },
  },
}, (s) => {
  const before = snapshot(s.base);
  const r = run(s, ['--dry-run', '--no-open']);
  expectClean(s, before, r, { code: 0, says: '@acme/good' });
  assert.ok(!r.stdout.includes('npm trust github @acme/$(id)') && !r.stdout.includes("'@acme/$(id)'"), r.stdout);
  const doctor = oneJson(run(s, ['doctor', '--json']));
  const bad = (doctor.findings as Array<{ id: string; file: string }>).find((f) => f.id === 'invalid-package-name');
  assert.equal(bad?.file, join('packages/bad', 'package.json'));
}));
