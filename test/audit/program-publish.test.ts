// A publish inside a JavaScript or TypeScript release script a publishing step runs. The forms
// are the ones public release scripts use, each modelled on one read at source:
//   spawnSync('npm', ['publish', …], { cwd })          12-apps/shared-packages@47e4931 scripts/publish.mjs
//   execFileSync('npm', ['publish', tarball, …])        123oqwe/deepseek-harness@6884a3d scripts/release/publish.ts
//   execSync(`npm publish ${outputPath} --tag=${tag}`)  the Nx-workspace publishAll scripts the code index lists
//   a command string run later (`pnpm nx release publish …`)  nrwl/nx@008b0bc scripts/nx-release.ts
//   runIfNotDry('npm', publicArgs), publicArgs = ['publish', …], in an imported helper  vitejs/vite@05bc8b9 scripts/releaseUtils.ts
//   const npm = (args) => spawnSync('npm', args); npm(['publish', …]); npm(['unpublish', …])  jdutton/vibe-agent-toolkit@0801cf9
//   zx: $`npm publish --access public`
//   execa('yarn', lernaPublishArgs), the list ['lerna', 'publish', …] written over several lines  webiny/webiny-js@53fc875 scripts/release/Release.js
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { programAdminLine, programCommands, programFilesRun, programRunsTool, runsProgramPublish } from '../../src/audit/program-publish.js';
import { LERNA_PUBLISH } from '../../src/audit/lerna-version.js';
import { runPublishesWith } from '../../src/audit/publish-rule.js';
import { workspaceBinsRun } from '../../src/audit/workspace-bins.js';
import { repoReader } from '../../src/detect/workflows.js';

const files = (entries: Record<string, string>) => (path: string) => entries[path];
const publishes = (text: string) => programCommands(text).publish.length > 0;

test('the publish forms of real release scripts are seen', () => {
  assert.ok(publishes(`import { spawnSync } from 'node:child_process';\nfor (const dir of dirs) {\n  spawnSync('npm', ['publish', '--access', 'public'], { cwd: dir, stdio: 'inherit' });\n}`));
  assert.ok(publishes(`execFileSync('npm', ['publish', join(from, file), '--access', 'public'], { stdio: 'inherit' });`));
  assert.ok(publishes('execSync(`npm publish ${outputPath} --tag=${tag} --access=public`, { stdio: "inherit" });'));
  assert.ok(publishes('await $`npm publish --access public`'));
  // A folder change chained before it (devbro1/pashmak@01aa97a scripts/publish_to_npm.js).
  assert.ok(publishes('execSync(`cd ${dir} && npm publish`, { stdio: "inherit" });'));
  assert.ok(!publishes('execSync(`cd ${dir} && npm pack`);'));
  assert.ok(publishes(`await execa('pnpm', ['publish', '--no-git-checks'], { cwd })`));
  assert.ok(publishes(`await execa('yarn', ['npm', 'publish', '--access', 'public'])`));
  // pnpm with a filter first (aomi-labs/aomi-widget@bfcaafc scripts/publish-package-if-needed.mjs).
  assert.ok(publishes(`const run = spawnSync("pnpm", ["--filter", name, "publish", "--access", "public"], { stdio: "inherit" });`));
  assert.ok(publishes(`spawnSync('pnpm', ['-r', '--filter=./packages/*', 'publish'])`));
  assert.ok(!publishes(`spawnSync('pnpm', ['--filter', name, 'run', 'publish'])`));
  // A command string built first and run later.
  assert.ok(publishes('let publishCommand = `pnpm nx release publish --registry=${registry} --tag=${tag}`;\nif (dryRun) publishCommand += " --dry-run";\nexecSync(publishCommand, { stdio: [0, 1, 2] });'));
  // A helper called with 'npm' and a list held in a name: the file's own ['publish', …] list.
  assert.deepEqual(programCommands(`export async function publishPackage(dir, tag) {\n  const publicArgs = ['publish', '--access', 'public']\n  if (tag) publicArgs.push('--tag', tag)\n  await runIfNotDry('npm', publicArgs, { cwd: dir })\n}`).publish, [2]);
});

test('prints, comments, dry runs and other npm commands are not publishes', () => {
  assert.ok(!publishes(`spawnSync('npm', ['publish', '--dry-run'], { cwd: pkgDir })`));
  assert.ok(!publishes(`spawnSync('pnpm', ['--filter', name, 'publish', '--dry-run'])`));
  assert.ok(!publishes(`console.log('npm publish failed: run npm publish again by hand')`));
  assert.ok(!publishes(`throw new Error('npm publish is not allowed here')`));
  assert.ok(!publishes(`// execSync('npm publish')\n/* spawnSync('npm', ['publish']) */\nexecSync('npm view acme version')`));
  assert.ok(!publishes(`spawnSync('npm', ['view', name, 'version'], { encoding: 'utf8' })`));
  // A ['publish', …] list with no package manager called with a name: `gh release` and the like.
  assert.ok(!publishes(`const args = ['publish', '--draft'];\nspawnSync('gh', ['release', 'create', tag]);`));
  assert.ok(!publishes(`const text = 'Publishing to npm'; log(text);`));
});

test('unpublish and deprecate on a failure path are found at their line', () => {
  const text = [
    "const npm = (args, cwd) => spawnSync('npm', args, { cwd, stdio: 'inherit' }).status;",
    "const args = ['publish', '--access', 'public', '--tag', tag];",
    'if (npm(args, dir) !== 0) {',
    "  if (npm(['unpublish', spec, '--force']) !== 0) npm(['deprecate', spec, 'Incomplete release']);",
    '}',
  ].join('\n');
  assert.deepEqual(programCommands(text), { publish: [2], admin: [4] });
  assert.deepEqual(programCommands("execSync(`npm deprecate ${spec} 'broken'`)").admin, [1]);
  assert.deepEqual(programCommands("spawnSync('npm', ['publish'])").admin, []);
  // Reading the access or the dist-tags changes nothing (ever-co/ever-cli@cdd50d3 scripts/check-npm-publish-prereqs.js).
  assert.deepEqual(programCommands("execFileSync('npm', ['access', 'list', 'packages', '@acme', '--json'])\nexecSync('npm dist-tag ls widget')").admin, []);
  assert.deepEqual(programCommands("execFileSync('npm', ['access', 'set', 'status=public', '@acme/x'])").admin, [1]);
});

test('the program files a line runs, the way each runner takes them', () => {
  const readFile = files({ 'scripts/release.ts': 'x', 'scripts/publish.mjs': 'x', 'tools/ship.ts': 'x', 'packages/cli/scripts/pub.js': 'x', 'scripts/tasks/publish.ts': 'x' });
  assert.deepEqual(programFilesRun('tsx scripts/release.ts --from dist', readFile), ['scripts/release.ts']);
  assert.deepEqual(programFilesRun('npx --yes tsx ./scripts/release.ts', readFile), ['scripts/release.ts']);
  assert.deepEqual(programFilesRun('pnpm exec tsx scripts/release.ts', readFile), ['scripts/release.ts']);
  assert.deepEqual(programFilesRun('node --import tsx scripts/release.ts', readFile), ['scripts/release.ts']);
  assert.deepEqual(programFilesRun('bun run tools/ship.ts', readFile), ['tools/ship.ts']);
  assert.deepEqual(programFilesRun('vite-node tools/ship.ts && esno scripts/release.ts', readFile), ['tools/ship.ts', 'scripts/release.ts']);
  assert.deepEqual(programFilesRun('ts-node scripts/tasks/publish', readFile), ['scripts/tasks/publish.ts'], 'the extension a program tries');
  assert.deepEqual(programFilesRun('node scripts/release.js', readFile), ['scripts/release.ts'], 'a .js name of a TypeScript source');
  assert.deepEqual(programFilesRun('cd packages/cli && node scripts/pub.js', readFile), ['packages/cli/scripts/pub.js']);
  assert.deepEqual(programFilesRun('node scripts/pub.js', readFile, 'packages/cli'), ['packages/cli/scripts/pub.js'], 'in the step working directory');
  assert.deepEqual(programFilesRun('node -e "require(\'./scripts/publish.mjs\')"', readFile), []);
  assert.deepEqual(programFilesRun('node ../outside/publish.mjs', readFile), []);
  assert.deepEqual(programFilesRun('python scripts/release.ts', readFile), []);
});

test('the publish rule follows a step, or its package.json script, into a program file and its relative imports (one level)', () => {
  const scripts = { 'ci-publish': 'tsx scripts/publishCI.ts', build: 'tsx scripts/build.ts' };
  const readFile = files({
    'scripts/publishCI.ts': "import { publishPackage } from './releaseUtils'\nawait publishPackage(dir, tag)",
    'scripts/releaseUtils.ts': "import { deeper } from './deeper.js'\nexport async function publishPackage(dir, tag) {\n  const publishArgs = ['publish', '--access', 'public']\n  await runUnlessDry('npm', publishArgs, dir)\n}",
    'scripts/build.ts': "import { x } from './deeper.js'\nexecSync('tsc -p .')",
    'scripts/deeper.ts': "execSync('npm publish')",
  });
  assert.equal(runPublishesWith('pnpm run ci-publish v5.1.0', { scripts, readFile }), true);
  assert.equal(runPublishesWith('tsx scripts/publishCI.ts v5.1.0', { readFile }), true);
  // One level of imports: build.ts imports deeper.ts, which publishes, and is read; releaseUtils's own import is not.
  assert.equal(runsProgramPublish('tsx scripts/build.ts', { readFile }), true);
  assert.equal(runsProgramPublish('tsx scripts/publishCI.ts', { readFile: files({ 'scripts/publishCI.ts': "import { p } from './releaseUtils'\np()", 'scripts/releaseUtils.ts': "import './deeper'", 'scripts/deeper.ts': "execSync('npm publish')" }) }), false);
  // Without the file, or with a dry run on the line, nothing publishes.
  assert.equal(runPublishesWith('tsx scripts/missing.ts', { readFile }), false);
  assert.equal(runPublishesWith('tsx scripts/publishCI.ts --dry-run', { readFile }), false);
  assert.deepEqual(programAdminLine('pnpm run ci-publish', { scripts, readFile }), undefined);
});

test("a repository's own multi-command CLI publishes only through its release command", () => {
  // Shaped on techfreaque/next-vibe: one TypeScript CLI the workflow runs with bun for `check`,
  // `build --dry-run` on pull requests and `release` on a tag.
  const readFile = files({ 'src/cli/runtime.ts': "if (command === 'release') run('npm', ['publish', '--access', 'public'])", 'scripts/publish.mjs': "spawnSync('npm', ['publish'])" });
  assert.equal(runsProgramPublish('bun src/cli/runtime.ts release --ci --skip-git-tag', { readFile }), true);
  assert.equal(runsProgramPublish('bun src/cli/runtime.ts check', { readFile }), false);
  assert.equal(runsProgramPublish('bun src/cli/runtime.ts build --dry-run', { readFile }), false);
  assert.equal(runsProgramPublish('bun src/cli/runtime.ts', { readFile }), true, 'no command word: the file runs as it is');
  // A release script takes its words as values (a dist-tag, a folder): it still publishes.
  assert.equal(runsProgramPublish('node scripts/publish.mjs next', { readFile }), true);
});

test('a real repository: missing, oversized, FIFO, directory and outside-symlink script files are skipped without a hang or a crash', () => {
  const top = mkdtempSync(join(tmpdir(), 'ctp-program-'));
  const outside = mkdtempSync(join(tmpdir(), 'ctp-outside-'));
  try {
    const write = (path: string, text: string) => {
      mkdirSync(dirname(join(top, path)), { recursive: true });
      writeFileSync(join(top, path), text);
    };
    write('scripts/publish.mjs', "import { spawnSync } from 'node:child_process';\nspawnSync('npm', ['publish', '--access', 'public'], { stdio: 'inherit' });\n");
    write('scripts/big.mjs', `${'// padding\n'.repeat(8000)}execSync('npm publish');\n`);
    mkdirSync(join(top, 'scripts/dir.mjs'));
    execFileSync('mkfifo', [join(top, 'scripts/fifo.mjs')]);
    writeFileSync(join(outside, 'publish.mjs'), "execSync('npm publish')\n");
    symlinkSync(join(outside, 'publish.mjs'), join(top, 'scripts/link.mjs'));
    const readFile = repoReader(top);
    assert.equal(runPublishesWith('node scripts/publish.mjs', { readFile }), true);
    for (const name of ['big', 'dir', 'fifo', 'link', 'missing']) assert.equal(runPublishesWith(`node scripts/${name}.mjs`, { readFile }), false, name);
  } finally {
    rmSync(top, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  }
});

// A release CLI kept as the bin of a private npm workspace and run with `npm exec --no <bin>`,
// modelled on desrosj/gutenberg@e820c5e (.github/workflows/publish-npm-packages.yml; its release
// commands run `npx lerna publish …` as a command string).
test('`npm exec --no <bin>` and `npx --no <bin>` run the bin file of an npm workspace package', () => {
  const readFile = files({
    'tools/release/package.json': JSON.stringify({ name: '@acme/release-tools', private: true, bin: { 'release-cli': './cli.js' } }),
    'tools/release/cli.js': "const { execSync } = require('node:child_process');\nexecSync(`npx lerna publish ${bump} --dist-tag ${tag} --no-private --yes`, { cwd });\n",
    'tools/lint/package.json': JSON.stringify({ name: '@acme/lint-cli', bin: './lint.js' }),
    'tools/lint/lint.js': "execSync('eslint .')\n",
  });
  const workspaces = [{ dir: 'tools/release', scripts: {} }, { dir: 'tools/lint', scripts: {} }];
  const context = { readFile, workspaces };
  assert.deepEqual(workspaceBinsRun('npm exec --no release-cli -- npm-next --ci --repository-path ../publish', context), ['tools/release/cli.js']);
  assert.deepEqual(workspaceBinsRun('npx --no release-cli npm-latest', context), ['tools/release/cli.js']);
  assert.deepEqual(workspaceBinsRun('cd cli && npm x -- release-cli npm-bugfix', context), ['tools/release/cli.js']);
  // A string bin is named after the package, without its scope.
  assert.deepEqual(workspaceBinsRun('npx lint-cli', context), ['tools/lint/lint.js']);
  // A bin of another package (--package, a version spec) or none of the workspaces': nothing of the repository.
  assert.deepEqual(workspaceBinsRun('npm exec --package=@acme/release-tools@1 -- release-cli npm-next', context), []);
  assert.deepEqual(workspaceBinsRun('npx release-cli@2 npm-next', context), []);
  assert.deepEqual(workspaceBinsRun('npx lerna publish from-git', context), []);
  assert.ok(runPublishesWith('cd cli\nnpm ci\nnpm exec --no release-cli -- npm-next --ci --repository-path ../publish', context));
  assert.ok(!runPublishesWith('npx --no lint-cli', context));
  assert.ok(!runPublishesWith('npm exec --no release-cli -- npm-next', { readFile }), 'without the workspaces, no bin is known');
});

test("lerna run through Yarn with an argument list written over several lines: a publish, at the list's line, and lerna publish is seen", () => {
  const program = 'const tag = flag("tag");\nconst publishArgs = [\n    "lerna",\n    "publish",\n    "from-package",\n    "--dist-tag",\n    tag\n];\nexecFileSync("yarn", publishArgs, { stdio: "inherit" });\n';
  assert.deepEqual(programCommands(program).publish, [2]);
  assert.deepEqual(programCommands('const versionArgs = [\n  "lerna",\n  "version",\n  "--yes"\n];\nexecFileSync("yarn", versionArgs);\n').publish, []);
  const context = { readFile: files({ 'scripts/release/index.js': program }), scripts: { release: 'node ./scripts/release/index.js' } };
  assert.equal(programRunsTool('yarn release --tag=next', LERNA_PUBLISH, context), true);
  assert.equal(programRunsTool('yarn release --tag=next', LERNA_PUBLISH, { ...context, readFile: files({ 'scripts/release/index.js': 'execFileSync("yarn", ["lerna", "version"])' }) }), false);
});
