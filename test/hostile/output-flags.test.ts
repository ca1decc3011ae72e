// Points 13-18: --json stays one JSON document (usage errors too), flag values are echoed
// clipped, registries off npmjs are reported, remote names are case-sensitive, a fork clone
// needs --repo under --yes, and --ci-file cannot point inside .git.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectClean, run, scene, snapshot, type Scene, type SceneOptions } from './harness.js';
import { assertSafeOutput, oneJson } from './output-cases.js';
import { git } from '../helpers/repo.js';

function inScene(options: SceneOptions, body: (s: Scene, before: Map<string, string>) => void) {
  return () => {
    const s = scene(options);
    try {
      body(s, snapshot(s.base));
    } finally {
      s.cleanup();
    }
  };
}

// 13: with --json, stdout is one document whatever goes wrong.
for (const [name, args] of [
  ['doctor: an unknown flag', ['doctor', '--json', '--bogus']],
  ['doctor: --registry without --registry-check', ['doctor', '--json', '--registry', 'http://127.0.0.1:9']],
  ['doctor: an unknown --format', ['doctor', '--json', '--format', 'bogus']],
  ['doctor --format json: an unknown flag', ['doctor', '--format', 'json', '--bogus']],
  ['doctor: --from without a value', ['doctor', '--json', '--from']],
  ['doctor: a directory that does not exist', ['doctor', '--json', 'no-such-dir']],
  ['retire: an unknown flag', ['retire', '--json', '--bogus']],
  ['retire: --json without --yes or --dry-run', ['retire', '--json']],
  ['retire: a token value given to --revoke', ['retire', '--json', '--yes', '--revoke', 'npm_HostileMarker0123456789abcdefABCDEF']],
  ['retire: a bad --repo', ['retire', '--json', '--dry-run', '--repo', 'not a repo']],
] as const) {
  test(`--json usage error, ${name}: one JSON error document, exit 2`, inScene({}, (s, before) => {
    const r = run(s, [...args]);
    expectClean(s, before, r, { code: 2 });
    assertSafeOutput(r);
    const doc = oneJson(r);
    assert.equal(doc.schema, 'create-trusted-publish/error@1');
    assert.equal(doc.ok, false);
    assert.equal(doc.command, args[0]);
    const error = doc.error as { kind: string; message: string; exitCode: number };
    assert.deepEqual([error.kind, error.exitCode], ['usage', 2]);
    assert.ok(error.message.length > 10 && r.stderr.includes(error.message.split('\n')[0]!));
  }));
}

test('without --json a usage error leaves stdout empty', inScene({}, (s, before) => {
  const r = run(s, ['doctor', '--bogus']);
  expectClean(s, before, r, { code: 2, says: '--bogus' });
  assert.equal(r.stdout, '');
}));

// 14: a 100 KB flag value is not a 100 KB message.
const HUGE = 'x'.repeat(100_000);
for (const [flag, value] of [
  ['--packages', HUGE],
  ['--repo', `acme/${HUGE}`],
  ['--workflow', `${HUGE}.yml`],
  ['--environment', `${HUGE}!`],
  ['--node', HUGE],
  ['--trigger', HUGE],
] as const) {
  test(`${flag} with 100 KB is refused with a short message`, inScene({}, (s, before) => {
    const r = run(s, ['--yes', '--no-open', flag, value]);
    expectClean(s, before, r, { code: 2, says: flag });
    assert.ok(r.stderr.length < 2_000, `${r.stderr.length} characters`);
  }));
}

test('doctor --registry with 100 KB is refused with a short message', inScene({}, (s, before) => {
  const r = run(s, ['doctor', '--registry-check', '--registry', `http://${HUGE}`]);
  expectClean(s, before, r, { code: 2 });
  assert.ok(r.stderr.length < 2_000, `${r.stderr.length} characters`);
}));

// 15: a package that publishes somewhere else than registry.npmjs.org.
test('publishConfig.registry on GitHub Packages stops the run with the reason', inScene({ pkg: { publishConfig: { registry: 'https://npm.pkg.github.com' } } }, (s, before) => {
  const r = run(s, ['--yes', '--no-open']);
  expectClean(s, before, r, { code: 1, says: 'npm.pkg.github.com' });
  assert.match(r.stderr, /registry\.npmjs\.org only/);
}));

test('doctor: publishConfig.registry off npmjs is an error, ok: false', inScene({ pkg: { publishConfig: { registry: 'http://localhost:4873/' } } }, (s, before) => {
  const r = run(s, ['doctor', '--json']);
  expectClean(s, before, r, { code: 1 });
  const doc = oneJson(r);
  assert.equal(doc.ok, false);
  assert.ok((doc.findings as Array<{ id: string; level: string }>).some((f) => f.id === 'registry-not-npmjs' && f.level === 'error'));
}));

test('doctor: an .npmrc scope registry for the package scope is a warning naming the line', inScene({ files: { '.npmrc': '@acme:registry=https://npm.pkg.github.com\n' } }, (s, before) => {
  const r = run(s, ['doctor']);
  expectClean(s, before, r, { code: 1, says: '.npmrc:1' });
  assert.match(r.stdout, /registry-not-npmjs/);
}));

// SOURCE: the publish setup described in 4hel/4hel.github.io@5a6bd66539c4a45c078214f0b06bf55d1cc41df7
// (_posts/programming/2021-02-04-npm-registry.md): a scoped package, `registry=` on GitHub
// Packages with the owner in the path, a git:// repository URL.
test('--dry-run: a package whose .npmrc publishes to GitHub Packages is warned about, naming the line', inScene({
  pkg: { name: '@octo/lib', repository: 'git://github.com/acme/widget.git' },
  files: { '.npmrc': 'registry=https://npm.pkg.github.com/octo\n' },
}, (s, before) => {
  const r = run(s, ['--dry-run', '--no-open']);
  expectClean(s, before, r, { code: 0, says: 'https://npm.pkg.github.com/octo' });
  assert.match(r.stdout, /\.npmrc/);
  assert.match(r.stdout, /registry\.npmjs\.org/);
}));

test('doctor: a scope registry written with capitals still matches the package scope', inScene({ files: { '.npmrc': '@Acme:registry=https://npm.pkg.github.com\n' } }, (s, before) => {
  const r = run(s, ['doctor', '--json']);
  expectClean(s, before, r, { code: 1 });
  assert.ok((oneJson(r).findings as Array<{ id: string }>).some((f) => f.id === 'registry-not-npmjs'));
}));

test('an .npmrc registry on npmjs (or another scope) is fine', inScene({ files: { '.npmrc': 'registry=https://registry.npmjs.org/\n@other:registry=https://npm.pkg.github.com\n' } }, (s, before) => {
  const r = run(s, ['doctor', '--json']);
  expectClean(s, before, r, { code: r.code ?? -1 });
  assert.ok(!(oneJson(r).findings as Array<{ id: string }>).some((f) => f.id === 'registry-not-npmjs'));
}));

// 16: [remote "ORIGIN"] is not origin.
test('remote names are case-sensitive: [remote "ORIGIN"] before [remote "origin"] does not win', inScene({}, (s) => {
  s.write('.git/config', '[core]\n\trepositoryformatversion = 0\n[remote "ORIGIN"]\n\turl = git@github.com:evil/widget.git\n[Remote "origin"]\n\tURL = git@github.com:acme/widget.git\n');
  const before = snapshot(s.base);
  const r = run(s, ['--dry-run', '--no-open']);
  expectClean(s, before, r, { code: 0, says: 'acme/widget' });
  assert.doesNotMatch(r.stdout, /evil/);
}));

// 17: a fork clone.
function forkScene(s: Scene): void {
  git(s.repo, 'remote', 'set-url', 'origin', 'git@github.com:someone/widget.git');
  git(s.repo, 'remote', 'add', 'upstream', 'https://github.com/acme/widget.git');
}

test('a fork clone under --yes is refused, naming both repositories and --repo', inScene({}, (s) => {
  forkScene(s);
  const before = snapshot(s.base);
  const r = run(s, ['--yes', '--no-open']);
  expectClean(s, before, r, { code: 1, says: '--repo acme/widget' });
  assert.match(r.stderr, /upstream/);
  assert.match(r.stderr, /someone\/widget/);
}));

test('a fork clone with --repo naming the package repository goes on, package.json untouched', inScene({}, (s) => {
  forkScene(s);
  const before = snapshot(s.base);
  const r = run(s, ['--yes', '--no-open', '--repo', 'acme/widget']);
  expectClean(s, before, r, { code: 0, changes: ['.github/*'] });
  assert.match(r.stdout, /acme\/widget/);
}));

test('doctor warns about a fork clone', inScene({}, (s) => {
  forkScene(s);
  const before = snapshot(s.base);
  const r = run(s, ['doctor', '--json']);
  expectClean(s, before, r, { code: 1 });
  assert.ok((oneJson(r).findings as Array<{ id: string }>).some((f) => f.id === 'fork-clone'));
}));

// 18: --ci-file inside .git.
for (const path of ['.git/hooks/x.yml', '.GIT/config.yml', '.git/ci.yml']) {
  test(`--ci-file ${path} is refused: it is inside .git`, inScene({}, (s) => {
    git(s.repo, 'remote', 'set-url', 'origin', 'git@gitlab.com:acme/widget.git');
    const before = snapshot(s.base);
    const r = run(s, ['--yes', '--no-open', '--ci-file', path]);
    expectClean(s, before, r, { code: 2, says: '.git' });
  }));
}
