// A publish a few package.json scripts down (`release` runs `run-s build npm:release`, and
// `npm:release` publishes), inside `aegir release`, in each workspace folder a shell loop enters, or
// in the Nx targets `nx run-many` runs: the publish rule sees it without a token beside the step,
// within its bounds (depth, script count, folder count, file size) and never outside the repository.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { nxRunMany } from '../../src/audit/nx-targets.js';
import { commandPublishes, runPublishesWith } from '../../src/audit/publish-rule.js';
import { chainedScripts } from '../../src/audit/script-chains.js';
import { readPublishContext } from '../../src/detect/workflows.js';

const temps: string[] = [];
after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A repository folder holding `files` (objects are written as JSON). */
function repo(files: Record<string, unknown>): string {
  const top = mkdtempSync(join(tmpdir(), 'ctp-chains-'));
  temps.push(top);
  for (const [path, value] of Object.entries(files)) {
    mkdirSync(dirname(join(top, path)), { recursive: true });
    writeFileSync(join(top, path), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  }
  return top;
}

test('run-s, run-p and npm-run-all names, npm:* globs and nested runs are followed to the publish', () => {
  const scripts = { release: 'run-s build docs:no-publish npm:release docs', 'npm:release': 'aegir exec --bail false npm -- publish', build: 'tsc', docs: 'typedoc', 'docs:no-publish': 'typedoc --publish false' };
  assert.equal(runPublishesWith('npm run --if-present release', { scripts }), true);
  assert.equal(runPublishesWith('npm run release', { scripts: { ...scripts, release: 'run-s build "npm:*"' } }), true, 'a glob names npm:release');
  assert.equal(runPublishesWith('yarn ship', { scripts: { ship: 'npm-run-all --serial build --parallel lint test -s go', go: 'npm run push', push: 'pnpm publish -r', build: 'tsc', lint: 'eslint .', test: 'node --test' } }), true);
  // Nothing down the chain publishes, or the chain only dry-runs.
  assert.equal(runPublishesWith('npm run --if-present release', { scripts: { ...scripts, release: 'run-s build docs' } }), false);
  assert.equal(runPublishesWith('npm run check', { scripts: { check: 'run-p lint test', lint: 'eslint .', test: 'npm publish --dry-run' } }), false);
  // A glob matches within one `:` segment: `npm:*` is not `npm:release:extra`.
  assert.deepEqual(chainedScripts('npm run all', { all: 'run-s "npm:*"', 'npm:x:y': 'npm publish', 'npm:a': 'tsc' }).map((s) => s.name), ['all', 'npm:a']);
  // `npm version` is npm's own command, not the script of that name.
  assert.deepEqual(chainedScripts('npm version patch', { version: 'npm publish' }), []);
});

test('aegir release runs semantic-release: it publishes', () => {
  assert.equal(commandPublishes('aegir release'), true);
  assert.equal(runPublishesWith('npm run --if-present release', { scripts: { release: 'aegir release' } }), true);
  assert.equal(commandPublishes('aegir build && aegir test'), false);
});

test('chains are bounded: a publish deeper than four scripts is not followed, and cycles end', () => {
  const deep = { s1: 'npm run s2', s2: 'npm run s3', s3: 'npm run s4', s4: 'npm run s5', s5: 'npm publish' };
  assert.equal(runPublishesWith('npm run s2', { scripts: deep }), true, 'four scripts down');
  assert.equal(runPublishesWith('npm run s1', { scripts: deep }), false, 'five scripts down is past the bound');
  const cycle = { a: 'run-s b', b: 'run-p a c', c: 'tsc' };
  assert.deepEqual(chainedScripts('npm run a', cycle).map((s) => s.name), ['a', 'b', 'c']);
  const wide = Object.fromEntries([['all', 'run-p "w:*"'], ...Array.from({ length: 200 }, (_, i) => [`w:${i}`, 'tsc'])]);
  assert.equal(chainedScripts('npm run all', wide).length, 64);
});

const LOOP = [
  'LAST_TAG=$(git describe --tags --abbrev=0 2>/dev/null || echo "")',
  'for dir in packages/*/; do',
  '  dir=${dir%/}',
  '  if [ -z "$LAST_TAG" ] || git diff --name-only "$LAST_TAG" HEAD -- "$dir/" | grep -q .; then',
  '    (cd "$dir" && pnpm run release) || failed="$failed $dir"',
  '  fi',
  'done',
].join('\n');

test("a loop over workspace folders runs each folder's script: the scripts are read from the listed folders", () => {
  const pkg = (scripts: Record<string, string>) => ({ name: 'x', version: '1.0.0', scripts });
  const top = repo({ 'package.json': { name: 'root', private: true }, 'packages/a/package.json': pkg({ build: 'tsc' }), 'packages/b/package.json': pkg({ release: 'npm run build && npx auto shipit', build: 'tsc' }) });
  const context = readPublishContext(top);
  assert.equal(runPublishesWith(LOOP, context), true);
  assert.equal(runPublishesWith('for d in packages/*; do npm --prefix "$d" run release; done', context), true);
  assert.equal(runPublishesWith('for d in packages/*; do\n  pnpm -C "${d}" run release\ndone', context), true);
  // The loop runs another script, no loop enters the folder, or no listing is given.
  assert.equal(runPublishesWith(LOOP.replace('run release', 'run build'), context), false);
  assert.equal(runPublishesWith('for d in packages/*; do echo "$d"; done; pnpm run release', context), false);
  assert.equal(runPublishesWith(LOOP, { ...context, listDirs: undefined }), false);
  // A folder's scripts are those of its own package.json: the root has no release script.
  assert.equal(runPublishesWith('pnpm run release', context), false);
});

test('a loop never reads outside the repository, climbs out, or reads an oversized package.json', () => {
  const outside = repo({ 'pkgs/evil/package.json': { scripts: { release: 'npm publish' } } });
  const top = repo({ 'package.json': { name: 'root', private: true }, 'packages/big/package.json': `{"scripts":{"release":"npm publish"},"pad":"${'x'.repeat(300 * 1024)}"}` });
  symlinkSync(join(outside, 'pkgs', 'evil'), join(top, 'packages', 'linked'));
  const context = readPublishContext(top);
  assert.equal(runPublishesWith(LOOP, context), false, 'the symbolic link out is not listed, the large file is not read');
  assert.equal(runPublishesWith(`for d in ../${outside.split('/').pop()}/pkgs/*; do (cd "$d" && npm run release); done`, context), false);
  assert.deepEqual(context.listDirs!('/etc/*'), []);
  assert.deepEqual(context.listDirs!('**'), []);
});

test('nx run-many names its targets and projects', () => {
  assert.deepEqual(nxRunMany('pnpm nx run-many -t publish --all'), [{ targets: ['publish'] }]);
  assert.deepEqual(nxRunMany('npx nx run-many --target=build,publish --projects=a,b --parallel=1'), [{ targets: ['build', 'publish'], projects: ['a', 'b'] }]);
  assert.deepEqual(nxRunMany('nx run-many -t build -p internal shopkit-types && echo done'), [{ targets: ['build'], projects: ['internal', 'shopkit-types'] }]);
  assert.deepEqual(nxRunMany('nx run app:publish'), []);
});

test("nx run-many runs each listed project's target: project.json commands are read", () => {
  const project = (name: string, publish?: string) => ({ name, targets: { build: { executor: 'nx:run-commands', options: { command: 'pnpm run build' } }, ...(publish ? { publish: { executor: 'nx:run-commands', options: { command: publish } } } : {}) } });
  const top = repo({
    'package.json': { name: 'kit', private: true, scripts: { build: 'tsc' } },
    'pnpm-workspace.yaml': "packages:\n  - 'modules/*'\n",
    'modules/client/project.json': project('client', "pnpm publish --no-git-checks || echo 'Already published'"),
    'modules/internal/project.json': project('internal'),
  });
  const context = readPublishContext(top);
  assert.equal(runPublishesWith('pnpm nx run-many -t publish --all', context), true, 'a pnpm-workspace.yaml folder');
  assert.equal(runPublishesWith('pnpm nx run-many -t publish -p client', context), true);
  assert.equal(runPublishesWith('pnpm nx run-many -t publish -p internal', context), false, 'that project has no publish target');
  assert.equal(runPublishesWith('pnpm nx run-many -t build --all', context), false);
  assert.equal(runPublishesWith('pnpm nx run-many -t publish --all', { ...context, listDirs: undefined }), false);
});
