// The one publish rule (src/audit/publish-rule.ts): the line scanner that runs before the first
// prompt and the YAML model doctor and migrate use must agree on every workflow of the corpus.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { test } from 'node:test';
import { parseWorkflow } from '../../src/audit/index.js';
import { commandPublishes, registryKind, runPublishesWith, stepFactsPublish } from '../../src/audit/publish-rule.js';
import { stepRegistryKind } from '../../src/audit/registry.js';
import { expandBashArrays } from '../../src/audit/bash-arrays.js';
import { isTokenEnv, isTokenInput } from '../../src/audit/token-forms.js';
import { SCRIPT_MAX_BYTES } from '../../src/audit/script-files.js';
import { scanWorkflow } from '../../src/detect/workflow-scan.js';
import { readPublishContext } from '../../src/detect/workflows.js';
import { ROOT } from '../helpers/cli.js';

const CORPUS = join(ROOT, 'test', 'fixtures', 'real-world');

test('the line scanner and the YAML model agree on what publishes, for every corpus workflow', () => {
  let compared = 0;
  for (const name of readdirSync(CORPUS)) {
    const top = join(CORPUS, name, 'repo');
    const dir = join(top, '.github', 'workflows');
    if (!existsSync(dir)) continue;
    const context = readPublishContext(top);
    for (const file of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
      const content = readFileSync(join(dir, file), 'utf8');
      const parsed = parseWorkflow(content, file, context);
      assert.ok(parsed.ok, `${name}/${file} parses`);
      assert.equal(scanWorkflow(file, content, context).publishes, parsed.workflow.publishes, `${name}/${file}`);
      compared++;
    }
  }
  assert.ok(compared >= 25, `${compared} workflows compared`);
});

test('publish commands: release tools, dry runs and preview publishers', () => {
  for (const line of ['npm publish --access public', 'yarn npm publish', 'pnpm -r publish', 'yarn lerna publish from-git --yes', 'yarn auto shipit -vv', 'napi prepublish -t npm', 'npx semantic-release', 'pnpm exec changeset publish', 'npx nx release publish']) {
    assert.equal(commandPublishes(line), true, line);
  }
  for (const line of ['npm publish --dry-run', 'pnpm dlx pkg-pr-new@0.0 publish --compact', 'npx pkg-pr-new publish', '# npm publish', 'npm whoami']) {
    assert.equal(commandPublishes(line), false, line);
  }
});

test('a --dry-run whose value may turn it off publishes: false, =false, or a variable the run fills in', () => {
  for (const line of ['pnpm publish packages/editor --tag latest --dry-run "${INPUTS_DRY_RUN}"', 'npm publish --dry-run=false', 'npm publish --dry-run false', 'npm publish --dry-run ${{ inputs.dry_run }}']) {
    assert.equal(commandPublishes(line), true, line);
  }
  for (const line of ['npm publish --dry-run --tag next', 'npm publish --dry-run', 'pnpm publish --dry-run --no-git-checks']) {
    assert.equal(commandPublishes(line), false, line);
  }
});

test('beachball publishes: by its bin, through a package runner, or its script file', () => {
  for (const line of ['npx beachball publish --yes', 'yarn beachball publish -n $NPM_TOKEN', 'node ./node_modules/beachball/bin/beachball.js publish -n ${{ secrets.NPM_AUTH }} --yes']) {
    assert.equal(commandPublishes(line), true, line);
  }
  for (const line of ['npx beachball check', 'npx beachball bump', 'yarn beachball change']) assert.equal(commandPublishes(line), false, line);
});

test('rush publish publishes only with --publish (-p); without it Rush shows what it would change', () => {
  for (const line of ['rush publish --publish --tag beta --apply --set-access-level public', 'node common/scripts/install-run-rush.js publish -p --include-all', 'pnpm rush publish --apply -p']) {
    assert.equal(commandPublishes(line), true, line);
  }
  for (const line of ['rush publish --apply --target-branch main', 'rush publish --pack --include-all', 'rush publish --apply; echo --publish']) assert.equal(commandPublishes(line), false, line);
});

test('npm deprecate, owner, access, unpublish or dist-tag with a token is no publish: the npm CLI exchanges OIDC for publish only', () => {
  const step = { withKeys: [], tokenInput: false, stepToken: true, jobToken: false };
  assert.equal(stepFactsPublish({ ...step, run: 'npm dist-tag add "@acme/widget@${GITHUB_REF_NAME#v}" latest' }), false);
  assert.equal(stepFactsPublish({ ...step, run: "npm deprecate '@acme/old@3.x' 'Use @acme/new.'" }), false);
  assert.equal(stepFactsPublish({ ...step, run: 'VERSION=$(node -p "1")\nif [[ "$VERSION" == 3.* ]]; then\n  npm owner add bot @acme/widget\nfi' }), false);
  // A step that also publishes still publishes.
  assert.equal(stepFactsPublish({ ...step, run: 'npm publish\nnpm deprecate @acme/widget@1 old' }), true);
});

test('package.json scripts are followed one level', () => {
  const scripts = { release: 'changeset publish', 'ci-publish': 'tsx scripts/publish.ts', build: 'tsc' };
  assert.equal(runPublishesWith('pnpm release', { scripts }), true);
  assert.equal(runPublishesWith('npm run release -- --tag next', { scripts }), true);
  assert.equal(runPublishesWith('yarn build', { scripts }), false);
  assert.equal(runPublishesWith('pnpm run ci-publish', { scripts }), false, 'the script itself publishes nothing visible: the token rule decides');
});

test('token forms: usual names, custom names holding an npm secret, token inputs; not an empty value', () => {
  assert.equal(isTokenEnv('YARN_NPM_AUTH_TOKEN', '${{ secrets.NPM_TOKEN }}'), true);
  assert.equal(isTokenEnv('NPM_API_KEY', '${{ secrets.NPM_TOKEN }}'), true);
  assert.equal(isTokenEnv('SECRET_NPM_TOKEN', '${{secrets.NPM_PUBLISH_TOKEN}}'), true);
  assert.equal(isTokenEnv('NPM_TOKEN', "''"), false);
  assert.equal(isTokenEnv('GITHUB_TOKEN', '${{ secrets.BOT_TOKEN }}'), false);
  assert.equal(isTokenInput('token', '${{ secrets.NPM_TOKEN }}'), true);
  assert.equal(isTokenInput('token', '${{ secrets.GITHUB_TOKEN }}'), false);
  assert.equal(isTokenInput('github-token', '${{ secrets.NPM_TOKEN }}'), false);
});

test('a token on a step that is not an install or a check publishes until proven otherwise', () => {
  const step = { withKeys: [], tokenInput: false, stepToken: true, jobToken: false };
  assert.equal(stepFactsPublish({ ...step, run: 'bash scripts/deploy.sh' }), true);
  assert.equal(stepFactsPublish({ ...step, run: 'npm ci' }), false);
  assert.equal(stepFactsPublish({ ...step, run: 'npm whoami' }), false);
  // An install that picks its package manager in shell branches, with plain variables, is still an install.
  const branches = 'debug=${{ inputs.debug && \'--verbose\' || \'\' }}\nif [ "$PM" = "yarn" ]; then\n  flag="${FLAG}"\n  yarn install $flag\nelif [ "$PM" = "pnpm" ]; then\n  pnpm install\nelse\n  npm ci $debug\nfi';
  assert.equal(stepFactsPublish({ ...step, run: branches }), false);
  assert.equal(stepFactsPublish({ ...step, run: branches.replace('npm ci', 'npm publish') }), true);
  assert.equal(stepFactsPublish({ ...step, run: 'out=$(./release.sh)\nnpm ci' }), true);
  assert.equal(stepFactsPublish({ ...step, stepToken: false, jobToken: true, run: 'pnpm nx-release' }), true);
  assert.equal(stepFactsPublish({ ...step, stepToken: false, jobToken: true, run: 'pnpm test' }), false);
  assert.equal(stepFactsPublish({ ...step, stepToken: false, uses: 'acme/some-action@v1', tokenInput: true }), true);
  // A third-party action handed the token in its env (primer/publish's NPM_AUTH_TOKEN); setup and install actions are not.
  assert.equal(stepFactsPublish({ ...step, uses: 'primer/publish@3.0.0' }), true);
  assert.equal(stepFactsPublish({ ...step, uses: 'bahmutov/npm-install@v1' }), false);
  assert.equal(stepFactsPublish({ ...step, uses: 'actions/setup-node@v4' }), false);
});

test('registries: npmjs.com, a proxy in front of it, or another one', () => {
  assert.equal(registryKind('https://registry.npmjs.org/'), 'npmjs');
  assert.equal(registryKind("'https://external-dot-oss-automation.appspot.com/'"), 'proxy');
  assert.equal(registryKind('https://wombat-dressing-room.appspot.com'), 'proxy');
  assert.equal(registryKind('https://npm.pkg.github.com'), 'other');
});

test('publib-npm publishes, with no token in sight, to its NPM_REGISTRY (else npmjs.com)', () => {
  assert.equal(commandPublishes('npx -p publib@latest publib-npm'), true);
  const kinds = (registry: string) => {
    const content = `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    env:\n      NPM_CONFIG_REGISTRY: https://npm.pkg.github.com\n    steps:\n      - run: npx -p publib@latest publib-npm\n${registry}`;
    const parsed = parseWorkflow(content, 'release.yml');
    assert.ok(parsed.ok);
    const job = parsed.workflow.jobs[0]!;
    return job.steps.map((step) => stepRegistryKind(parsed.workflow, job, step));
  };
  assert.deepEqual(kinds(''), ['npmjs']);
  assert.deepEqual(kinds('        env:\n          NPM_REGISTRY: npm.pkg.github.com\n'), ['other']);
});

test('a token on a build, lint or test script is proof enough that the step does not publish', () => {
  const step = { withKeys: [], tokenInput: false, stepToken: true, jobToken: false };
  for (const run of ['npm run lint', 'yarn test:unit', 'pnpm build', 'npm ci\nnpm test']) assert.equal(stepFactsPublish({ ...step, run }), false, run);
  assert.equal(stepFactsPublish({ ...step, run: 'npm run build && npm publish' }), true);
});

test('a package.json script named for an npm publish publishes, whatever program it runs', () => {
  const scripts = { 'publish:npm': 'node scripts/publish-npm.cjs', 'npm-release': 'tsx release.ts', 'publish:docs': 'node docs.js' };
  assert.equal(runPublishesWith('npm run publish:npm -- npm-dist', { scripts }), true);
  assert.equal(runPublishesWith('pnpm npm-release', { scripts }), true);
  assert.equal(runPublishesWith('npm run publish:docs', { scripts }), false);
  assert.equal(runPublishesWith('npm run publish:npm -- --dry-run', { scripts }), false);
  // Only a script the package.json has.
  assert.equal(runPublishesWith('npm run publish:npm', {}), false);
});

/** A repository in a temp folder with these files (mode 0755 for scripts), read by the real reader. */
function withRepo(files: Record<string, string>, check: (top: string, context: ReturnType<typeof readPublishContext>) => void): void {
  const top = realpathSync(mkdtempSync(join(tmpdir(), 'ctp-script-')));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(top, path)), { recursive: true });
      writeFileSync(join(top, path), text, { mode: 0o755 });
    }
    check(top, readPublishContext(top));
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
}

const PUBLISH_SH = '#!/usr/bin/env bash\nset -e\nyarn build\nnpm publish --access public\n';

test('a run: line that executes a shell script of the repository publishes when the script does (bash, sh, source, ., a direct path)', () => {
  withRepo({ 'scripts/publish.sh': PUBLISH_SH, 'bin/publish-npm': PUBLISH_SH, 'scripts/test.sh': '#!/bin/sh\nnpm test\n' }, (_top, context) => {
    for (const run of ['bash scripts/publish.sh', 'bash -e ./scripts/publish.sh', 'sh scripts/publish.sh', 'source ./scripts/publish.sh;', '. scripts/publish.sh', './scripts/publish.sh', 'bin/publish-npm', 'HUSKY=0 bash ./bin/publish-npm', 'yarn build && ./scripts/publish.sh --tag next', 'cd scripts && bash publish.sh', 'bash "$GITHUB_WORKSPACE/scripts/publish.sh"', 'bash ${{ github.workspace }}/scripts/publish.sh']) {
      assert.equal(runPublishesWith(run, context), true, run);
    }
    for (const run of ['bash scripts/test.sh', 'bash scripts/publish.sh --dry-run', "bash -c 'echo scripts/publish.sh'", 'publish.sh', 'cat scripts/publish.sh', 'bash scripts/missing.sh', 'bash $DIR/publish.sh']) {
      assert.equal(runPublishesWith(run, context), false, run);
    }
    assert.equal(runPublishesWith('bash scripts/publish.sh', { scripts: context.scripts ?? {} }), false, 'without a reader nothing is read');
  });
});

test("a script is found from the step's working-directory (its own, the job's or the workflow's defaults.run), by the scanner and the model alike", () => {
  const workflow = (dirs: { step?: string; job?: string; top?: string }) =>
    [
      'on: push',
      ...(dirs.top ? ['defaults:', '  run:', `    working-directory: ${dirs.top}`] : []),
      'jobs:',
      '  release:',
      '    runs-on: ubuntu-latest',
      ...(dirs.job ? ['    defaults:', '      run:', `        working-directory: ${dirs.job}`] : []),
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - name: Publish',
      ...(dirs.step ? [`        working-directory: ${dirs.step}`] : []),
      '        run: bash ./ci/publish.sh',
      '',
    ].join('\n');
  withRepo({ 'packages/lib/ci/publish.sh': PUBLISH_SH }, (_top, context) => {
    for (const [dirs, publishes] of [
      [{}, false],
      [{ step: 'packages/lib' }, true],
      [{ job: 'packages/lib' }, true],
      [{ top: 'packages/lib' }, true],
      [{ step: 'packages', job: 'packages/lib' }, false],
      [{ step: '../outside/packages/lib' }, false],
    ] as const) {
      const content = workflow(dirs);
      const parsed = parseWorkflow(content, 'release.yml', context);
      assert.ok(parsed.ok);
      assert.equal(parsed.workflow.publishes, publishes, `model ${JSON.stringify(dirs)}`);
      assert.equal(scanWorkflow('release.yml', content, context).publishes, publishes, `scanner ${JSON.stringify(dirs)}`);
    }
  });
});

test('script files are followed one level: a script that runs another script is not followed further', () => {
  withRepo({ 'scripts/ci.sh': '#!/bin/sh\nbash scripts/publish.sh\n', 'scripts/publish.sh': PUBLISH_SH, 'package.json': JSON.stringify({ scripts: { release: 'lerna publish from-git --yes' } }) }, (_top, context) => {
    assert.equal(runPublishesWith('bash scripts/publish.sh', context), true);
    assert.equal(runPublishesWith('bash scripts/ci.sh', context), false);
  });
  withRepo({ 'scripts/ci.sh': '#!/bin/sh\nyarn release\n', 'package.json': JSON.stringify({ scripts: { release: 'lerna publish from-git --yes' } }) }, (_top, context) => {
    assert.equal(runPublishesWith('bash scripts/ci.sh', context), true, 'a package.json script the shell script runs counts, as from a run: line');
  });
});

test('a package.json script that runs a repository shell script publishes when the script does (one level, from the top)', () => {
  const pkg = JSON.stringify({ scripts: { 'release:canary': './scripts/publish-canary.sh', 'release:check': 'bash scripts/check.sh', chain: 'yarn build && sh ./scripts/publish-canary.sh' } });
  const canary = '#!/usr/bin/env bash\nset -o errexit\nyarn changeset version --snapshot canary\nyarn changeset publish --no-git-tag --tag canary\n';
  withRepo({ 'package.json': pkg, 'scripts/publish-canary.sh': canary, 'scripts/check.sh': '#!/bin/sh\nnpm test\n' }, (_top, context) => {
    for (const run of ['yarn release:canary', 'npm run release:canary', 'pnpm run chain']) assert.equal(runPublishesWith(run, context), true, run);
    for (const run of ['yarn release:check', 'yarn other']) assert.equal(runPublishesWith(run, context), false, run);
    assert.equal(runPublishesWith('yarn release:canary', { scripts: context.scripts ?? {} }), false, 'without a reader nothing is read');
  });
});

test('only text files of the repository, of a bounded size, are read as scripts: no binary, no larger file, no link or path out, no FIFO', () => {
  withRepo({ 'scripts/big.sh': `${'# filler line for size\n'.repeat(Math.ceil(SCRIPT_MAX_BYTES / 23))}npm publish\n`, 'scripts/bin.sh': 'npm publish\n\0\x01\x02', 'repo/scripts/publish.sh': 'echo inside\n' }, (top, context) => {
    assert.equal(runPublishesWith('bash scripts/big.sh', context), false, 'larger than the cap');
    assert.equal(runPublishesWith('bash scripts/bin.sh', context), false, 'binary');
    const outside = realpathSync(mkdtempSync(join(tmpdir(), 'ctp-outside-')));
    try {
      writeFileSync(join(outside, 'publish.sh'), PUBLISH_SH);
      symlinkSync(join(outside, 'publish.sh'), join(top, 'scripts', 'linked.sh'));
      symlinkSync(outside, join(top, 'linked-dir'));
      assert.equal(runPublishesWith('bash scripts/linked.sh', context), false, 'a link to a file outside');
      assert.equal(runPublishesWith('bash linked-dir/publish.sh', context), false, 'a folder link that leads outside');
      assert.equal(runPublishesWith(`bash ../${basename(outside)}/publish.sh`, context, ''), false, 'a path that climbs out');
      assert.equal(runPublishesWith(`bash ${join(outside, 'publish.sh')}`, context), false, 'an absolute path');
      assert.equal(runPublishesWith('cd repo && bash ../../x/publish.sh', context), false);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    symlinkSync('publish-real.sh', join(top, 'scripts', 'inner.sh'));
    writeFileSync(join(top, 'scripts', 'publish-real.sh'), PUBLISH_SH);
    assert.equal(runPublishesWith('bash scripts/inner.sh', context), true, 'a link inside the repository is read');
    execFileSync('mkfifo', [join(top, 'scripts', 'fifo.sh')]);
    assert.equal(runPublishesWith('bash scripts/fifo.sh', context), false, 'a FIFO is never opened for a blocking read');
  });
});

test('text echo or printf only prints is no publish; a publish beside it, in a substitution or piped into a shell is', () => {
  for (const line of ['echo "Verification passed; the npm publish was skipped."', "echo 'Run npm publish by hand'", 'printf "%s\\n" "npm publish skipped"', 'if [ -z "$T" ]; then echo "no token: npm publish skipped"; fi']) {
    assert.equal(commandPublishes(line), false, line);
  }
  for (const line of ['echo "publishing" && npm publish', 'echo "$(npm publish --tag next)"', 'echo "npm publish" | bash', 'sh -c "npm publish"', 'retry 3 "npm publish"', 'echo "use --dry-run to try"; npm publish']) {
    assert.equal(commandPublishes(line), true, line);
  }
  // A job that only says the publish was skipped publishes nothing, for the scanner and the model alike.
  const content = 'on: release\njobs:\n  skipped:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          echo "NPM_TOKEN is not set."\n          echo "Verification passed; the npm publish was skipped."\n';
  const parsed = parseWorkflow(content, 'release.yml', {});
  assert.ok(parsed.ok);
  assert.equal(parsed.workflow.publishes, false);
  assert.equal(scanWorkflow('release.yml', content, {}).publishes, false);
});

test("npm run <script> with --workspace (-w, a name or a folder) or --workspaces runs the workspaces' own scripts: read from their package.json", () => {
  const pkg = (name: string, scripts: Record<string, string>) => JSON.stringify({ name, version: '0.1.0', scripts });
  const files = {
    'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'], scripts: { build: 'tsc -b' } }),
    'packages/core/package.json': pkg('@acme/core', { 'publish:next': 'npm version prerelease && npm publish --tag next', build: 'tsc' }),
    'packages/dsl/package.json': pkg('@acme/dsl', { build: 'tsc' }),
  };
  withRepo(files, (_top, context) => {
    for (const run of ['npm run publish:next --provenance --workspace=@acme/core', 'npm -w packages/core run publish:next', 'npm run-script publish:next --workspace packages', 'npm run publish:next --workspaces --if-present', 'npm ci && npm run publish:next --ws']) {
      assert.equal(runPublishesWith(run, context), true, run);
    }
    // Another workspace's script, a script the named one lacks, the root's scripts, a name after `--`, a dry run.
    for (const run of ['npm run publish:next --workspace=@acme/dsl', 'npm run build --workspaces', 'npm run publish:next', 'npm run publish:next -- --workspace=@acme/core', 'npm run publish:next -w @acme/core --dry-run']) {
      assert.equal(runPublishesWith(run, context), false, run);
    }
  });
});

// A publish kept in a bash array inside a function, modelled on drmhse/sso@a31ec1a
// (.github/workflows/publish-npm-packages.yml): `args=(publish --workspace "${dir}" …)`, a dry run
// appended in one branch, then `npm "${args[@]}"`.
test('`npm "${args[@]}"` publishes when the script assigns args=(publish …); appends and other arrays do not decide', () => {
  const run = [
    'publish_package() {',
    '  local dir="$1" name version args',
    '  if npm view "${name}@${version}" version >/dev/null 2>&1; then return; fi',
    '  args=(publish --workspace "${dir}" --access public)',
    '  if [[ "${DRY_RUN}" == "true" ]]; then',
    '    args+=(--dry-run)',
    '  else',
    '    args+=(--provenance)',
    '  fi',
    '  npm "${args[@]}"',
    '}',
    'publish_package packages/widget-node',
  ].join('\n');
  assert.ok(runPublishesWith(run));
  assert.ok(stepFactsPublish({ run, withKeys: [], tokenInput: false, stepToken: false, jobToken: true }));
  assert.ok(runPublishesWith('cmd=(publish --filter @acme/x --no-git-checks)\npnpm ${cmd[*]}'));
  // An array that views, a dry run assigned with the command, an array never assigned: no publish.
  assert.ok(!runPublishesWith('args=(view "$name" version)\nnpm "${args[@]}"'));
  assert.ok(!runPublishesWith('args=(publish --dry-run)\nnpm "${args[@]}"'));
  assert.ok(!runPublishesWith('npm "${args[@]}"'));
  assert.equal(expandBashArrays('echo "${args[@]}"\nargs=(publish)'), 'echo "${args[@]}"\nargs=(publish)');
});

test("`npm run publish` in a working-directory runs that folder's script; a `${{ matrix.X }}` folder over a literal list stands for each value", () => {
  const pkg = (script: string) => JSON.stringify({ name: 'w', version: '1.0.0', scripts: { publish: script } });
  withRepo({ 'package.json': '{"private":true}', 'orm/package.json': pkg('npm publish package.tgz'), 'zod/package.json': pkg('npm publish package.tgz'), 'docs/package.json': pkg('echo none') }, (_top, context) => {
    assert.equal(runPublishesWith('npm run publish', context, 'orm'), true);
    assert.equal(runPublishesWith('npm run publish', context, 'docs'), false);
    assert.equal(runPublishesWith('npm run publish', context), false);
    const workflow = (list: string) => `on: workflow_dispatch\njobs:\n  release:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        package: ${list}\n    steps:\n      - run: npm run publish\n        working-directory: \${{ matrix.package }}\n`;
    const publishes = (yaml: string) => {
      const parsed = parseWorkflow(yaml, '.github/workflows/r.yml', context);
      assert.ok(parsed.ok);
      assert.equal(scanWorkflow('.github/workflows/r.yml', yaml, context).publishes, parsed.workflow.publishes, 'the scanner agrees');
      return parsed.workflow.publishes;
    };
    assert.equal(publishes(workflow('[orm, zod]')), true);
    assert.equal(publishes(workflow('\n          - orm\n          - zod')), true);
    assert.equal(publishes(workflow('[docs]')), false);
  });
});
