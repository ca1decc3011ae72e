// `bun publish` has no OIDC exchange: --migrate publishes with npm publish instead, or stops with the
// reason where npm would publish something else (bun's workspace:/catalog: versions, bun-only
// flags). And a publish script's empty-token guard goes, while every other guard stays.
// Through the built binary in a real repository (the real-world corpus covers the plain cases).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { withoutTokenGuards } from '../../src/migrate/token-guards.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo } from '../helpers/repo.js';
import { TAG_TOKEN_PUBLISH } from '../helpers/token-workflows.js';

const workflow = (publish: string) => `name: Release
on:
  push:
    tags: ['v*']
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: oven-sh/setup-bun@v2
      - run: bun install --frozen-lockfile
      - run: ${publish}
        env:
          NPM_CONFIG_TOKEN: \${{ secrets.NPM_TOKEN }}
`;

function migrate(publish: string, pkg: object) {
  const repo = makeRepo({
    remote: 'https://github.com/acme/widget.git',
    files: { '.github/workflows/release.yml': workflow(publish), 'package.json': { name: 'widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' }, ...pkg }, 'bun.lock': '{\n  "lockfileVersion": 1,\n  "packages": {},\n}\n' },
  });
  const run = runCli([repo.dir, '--migrate', '--yes', '--force']);
  const after = readFileSync(join(repo.dir, '.github/workflows/release.yml'), 'utf8');
  const changed = repo.git('diff', '--name-only');
  repo.cleanup();
  return { run, after, changed };
}

test('bun publish becomes npm publish, its npm-compatible flags kept', () => {
  const { run, after } = migrate('bun publish --access public --tag next', {});
  assert.equal(run.code, 0, run.stderr);
  assert.match(after, /- run: npm publish --access public --tag next\n/);
  assert.doesNotMatch(after, /bun publish|NPM_CONFIG_TOKEN/);
  assert.match(run.stdout, /bun publish -> npm publish/);
});

test('a package with workspace: versions is refused with the reason, nothing written', () => {
  const { run, changed } = migrate('bun publish', { dependencies: { 'widget-core': 'workspace:*' } });
  assert.equal(run.code, 1, run.stdout);
  assert.match(run.stderr, /widget-core@workspace:\*, a version only bun resolves when it packs/);
  assert.match(run.stderr, /bun pm pack/);
  assert.equal(changed, '');
});

test('a bun-only flag is refused by name, nothing written', () => {
  const { run, changed } = migrate('bun publish --gzip-level 5', {});
  assert.equal(run.code, 1, run.stdout);
  assert.match(run.stderr, /npm publish has no --gzip-level/);
  assert.equal(changed, '');
});

test('bun publish --tolerate-republish on a line of its own: npm publish unless npm view lists the version', () => {
  const { run, after } = migrate('bun publish --access public --tolerate-republish', {});
  assert.equal(run.code, 0, run.stderr);
  const script = [
    '      - run: |',
    `          pkg_name=$(node -p "require('./package.json').name")`,
    `          pkg_version=$(node -p "require('./package.json').version")`,
    '          if [ "$(npm view "$pkg_name@$pkg_version" version 2>/dev/null)" = "$pkg_version" ]; then',
    '            echo "$pkg_name@$pkg_version is already published: skipped"',
    '          else',
    '            npm publish --access public',
    '          fi',
    '',
  ].join('\n');
  assert.ok(after.includes(script), after);
  assert.doesNotMatch(after, /bun publish|tolerate-republish|NPM_CONFIG_TOKEN/);
  assert.match(run.stdout, /bun publish --tolerate-republish -> npm publish, skipped when `npm view` already lists/);
});

test('--tolerate-republish inside a longer command, or with a tarball, is still refused by name', () => {
  for (const publish of ['cd dist && bun publish --tolerate-republish', 'bun publish ./widget.tgz --tolerate-republish']) {
    const { run, changed } = migrate(publish, {});
    assert.equal(run.code, 1, `${publish}: ${run.stdout}`);
    assert.match(run.stderr, /npm publish has no --tolerate-republish/);
    assert.equal(changed, '');
  }
});

test('empty-token guards go from a script; other guards and guards that do more stay', () => {
  const script = [
    'set -e',
    'if [ -z "$INPUT_TAG" ]; then',
    '  echo "no tag"',
    '  exit 1',
    'fi',
    'if [ -z "${NODE_AUTH_TOKEN}" ]; then',
    '  echo "::error::NPM_TOKEN is not set"',
    '  exit 1',
    'fi',
    'if [[ -z "$NPM_TOKEN" ]]; then',
    '  npm login',
    '  exit 1',
    'fi',
    'npm publish',
  ].join('\n');
  const { script: out, tested } = withoutTokenGuards(script, (name) => name === 'NODE_AUTH_TOKEN' || name === 'NPM_TOKEN');
  assert.deepEqual(tested, ['NODE_AUTH_TOKEN']);
  assert.equal(out, ['set -e', 'if [ -z "$INPUT_TAG" ]; then', '  echo "no tag"', '  exit 1', 'fi', 'if [[ -z "$NPM_TOKEN" ]]; then', '  npm login', '  exit 1', 'fi', 'npm publish'].join('\n'));
});

test('a guard that tests the npm secret itself (`-n "${{ secrets.NPM_TOKEN }}"`, else exit) goes; one of the GITHUB_TOKEN stays', () => {
  const github = ['if [ -n "${{ secrets.GITHUB_TOKEN }}" ]; then', '  echo "GITHUB_TOKEN is set"', 'else', '  echo "GITHUB_TOKEN is not set"', '  exit 1', 'fi'];
  const npm = ['if [ -n "${{ secrets.NPM_TOKEN }}" ]; then', '  echo "NPM_TOKEN is set"', 'else', '  echo "NPM_TOKEN is not set"', '  exit 1', 'fi'];
  const { script, tested, secrets } = withoutTokenGuards([...github, ...npm, 'pnpm build'].join('\n'), () => false);
  assert.deepEqual(secrets, ['NPM_TOKEN']);
  assert.deepEqual(tested, []);
  assert.equal(script, [...github, 'pnpm build'].join('\n'));
  // A set test whose "set" branch does more than say so is no guard: it stays.
  const works = ['if [ -n "$NPM_TOKEN" ]; then', '  npm publish', 'else', '  exit 1', 'fi'].join('\n');
  assert.equal(withoutTokenGuards(works, () => true).script, works);
});

test('an empty test of the npm secret that stops, with an `else` that only says so, goes; one whose `else` does more stays', () => {
  // The shape of LIT-Protocol/js-sdk's release check (see the v16c fixtures).
  const guard = ['if [ -z "${{ secrets.NODE_AUTH_TOKEN }}" ]; then', '  echo "NODE_AUTH_TOKEN is not set."', '  exit 1', 'else', '  echo "NODE_AUTH_TOKEN is available."', 'fi'];
  const { script, secrets } = withoutTokenGuards([...guard, 'pnpm build'].join('\n'), () => false);
  assert.deepEqual(secrets, ['NODE_AUTH_TOKEN']);
  assert.equal(script, 'pnpm build');
  const works = ['if [ -z "$NPM_TOKEN" ]; then', '  exit 1', 'else', '  npm publish', 'fi'].join('\n');
  assert.equal(withoutTokenGuards(works, () => true).script, works);
  const saysOnly = ['if [ -z "$NPM_TOKEN" ]; then', '  echo "no token"', 'else', '  echo "token"', 'fi'].join('\n');
  assert.equal(withoutTokenGuards(saysOnly, () => true).script, saysOnly);
});

test('a guard that says and stops on one line (`echo ... && exit 1`) goes; one that does more on that line stays', () => {
  const guard = ['if [[ -z "$NODE_AUTH_TOKEN" ]]; then', '  echo "::error ::NPM_TOKEN is not set." && exit 1', 'fi'];
  const semicolon = ['if [ -z "$NPM_TOKEN" ]; then', '  echo "no token"; exit 2', 'fi'];
  const { script, tested } = withoutTokenGuards([...guard, ...semicolon, 'npm publish --tag "$DIST_TAG"'].join('\n'), () => true);
  assert.deepEqual(tested, ['NODE_AUTH_TOKEN', 'NPM_TOKEN']);
  assert.equal(script, 'npm publish --tag "$DIST_TAG"');
  const logsIn = ['if [ -z "$NPM_TOKEN" ]; then', '  echo "logging in"; npm login; exit 1', 'fi', 'npm publish'].join('\n');
  assert.equal(withoutTokenGuards(logsIn, () => true).script, logsIn);
});

test('a guard that is one command goes: `[ -z "$X" ] && echo ... | tee ... && exit 1 || exit 0` over two lines, `[ -n "$X" ] || exit 1`', () => {
  // The shape of vaadin/web-components' snapshot script check (see the v15e fixtures).
  const continued = ['[ -z "$NPM_TOKEN" ] \\', '  && echo "NPM_TOKEN is not set" | tee -a "$GITHUB_STEP_SUMMARY" && exit 1 || exit 0'];
  const orExit = ['test -n "${NODE_AUTH_TOKEN}" || { echo "no token"; exit 1; }', '[[ -n "$NPM_TOKEN" ]] || exit 3'];
  const { script, tested } = withoutTokenGuards([...continued, ...orExit, 'npm publish'].join('\n'), () => true);
  assert.deepEqual(tested, ['NPM_TOKEN', 'NODE_AUTH_TOKEN', 'NPM_TOKEN']);
  assert.equal(script, 'npm publish');
  // One that does something else when the token is set, or tests another variable, stays.
  const other = ['[ -z "$NPM_TOKEN" ] && npm login && exit 1', '[ -z "$VERSION" ] && exit 1', '[ -n "$NPM_TOKEN" ] && npm publish'].join('\n');
  assert.equal(withoutTokenGuards(other, (name) => name === 'NPM_TOKEN').script, other);
});

test('a guard step removed from the top of steps: the blank line after it goes too, no line of bare indentation is left', () => {
  const guarded = TAG_TOKEN_PUBLISH.replace(
    '    steps:\n',
    '    steps:\n      - name: Check token\n        run: |\n          [ -z "$NPM_TOKEN" ] \\\n            && echo "NPM_TOKEN is not set" && exit 1 || exit 0\n        env:\n          NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n\n',
  );
  const repo = makeRepo({
    remote: 'https://github.com/acme/widget.git',
    files: { '.github/workflows/publish.yml': guarded, 'package.json': { name: 'widget', version: '1.0.0', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' } } },
  });
  try {
    const run = runCli([repo.dir, '--migrate', '--yes', '--force']);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /removed "Check token", which only stopped the job when NPM_TOKEN was empty/);
    const after = readFileSync(join(repo.dir, '.github/workflows/publish.yml'), 'utf8');
    assert.doesNotMatch(after, /^[ \t]+$/m);
    assert.match(after, / {4}steps:\n {6}- uses: actions\/checkout@/);
  } finally {
    repo.cleanup();
  }
});

test('a lone set test (`test -n "$X"`, `[ -n "$X" ]`) stops a `run:` script when the token is empty: it goes; one of another variable stays', () => {
  // The shape of a one-time bootstrap publish job (see the v16e fixtures).
  const run = ['test -n "$NODE_AUTH_TOKEN"', '[ -n "${NPM_TOKEN}" ] # set for the first release', 'test -n "$DIST_TAG"', 'npm publish --access public'].join('\n');
  const { script, tested } = withoutTokenGuards(run, (name) => name === 'NODE_AUTH_TOKEN' || name === 'NPM_TOKEN');
  assert.deepEqual(tested, ['NODE_AUTH_TOKEN', 'NPM_TOKEN']);
  assert.equal(script, ['test -n "$DIST_TAG"', 'npm publish --access public'].join('\n'));
  // A set test that is part of a longer command is not this shape.
  const chained = 'test -n "$NODE_AUTH_TOKEN" && npm publish';
  assert.equal(withoutTokenGuards(chained, () => true).script, chained);
});

test('a guard written for `set -u` (`${X:-}`, `${X-}`) goes like the plain one; the same guard of another variable stays', () => {
  // The shape of the v17a guard step (`if [[ -z "${NODE_AUTH_TOKEN:-}" ]]; then … exit 1; fi`).
  const block = ['if [[ -z "${NODE_AUTH_TOKEN:-}" ]]; then', '  echo "error: the NPM_TOKEN secret is not set" >&2', '  exit 1', 'fi'];
  const oneLine = '[ -n "${NPM_TOKEN-}" ] || exit 1';
  const { script, tested } = withoutTokenGuards([...block, oneLine, 'test -n "${NPM_TOKEN:-}"', 'npm publish'].join('\n'), (name) => name === 'NODE_AUTH_TOKEN' || name === 'NPM_TOKEN');
  assert.deepEqual(tested, ['NODE_AUTH_TOKEN', 'NPM_TOKEN', 'NPM_TOKEN']);
  assert.equal(script, 'npm publish');
  // The same shape around another variable stays.
  const other = ['if [[ -z "${RELEASE_TAG:-}" ]]; then', '  exit 1', 'fi', 'npm publish'].join('\n');
  assert.equal(withoutTokenGuards(other, (name) => name === 'NPM_TOKEN').script, other);
});
