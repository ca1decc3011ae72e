// End to end: the built binary at the root of each monorepo layout (npm, pnpm, Yarn 4,
// Yarn 1, bun workspaces), in real temporary git repositories, with --yes and --packages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { makeRepo, type TempRepo } from '../helpers/repo.js';
import { runCli } from '../helpers/cli.js';
import { auditWorkflow } from '../../src/audit/index.js';
import { actionlint } from '../../src/audit/actionlint.js';
import { LAYOUTS, monorepoFiles, type Layout, type MonorepoOptions } from '../fixtures/monorepos.js';

const WORKFLOW = '.github/workflows/publish.yml';
const REPO = { owner: 'acme', name: 'widget' };

function monorepo(layout: Layout, options?: MonorepoOptions): TempRepo {
  return makeRepo({ remote: 'git@github.com:acme/widget.git', files: monorepoFiles(layout, options) });
}

const json = (repo: TempRepo, path: string) => JSON.parse(readFileSync(join(repo.dir, path), 'utf8'));

/** `yarn pack` etc.: the packing a layout with workspace: ranges needs (none for npm and Yarn 1). */
const PACK: Record<Layout, string | undefined> = {
  npm: undefined,
  pnpm: 'pnpm pack --pack-destination',
  yarn: 'yarn pack --out',
  yarn1: undefined,
  bun: 'bun pm pack --destination',
};
const INSTALL: Record<Layout, string> = {
  npm: 'npm ci',
  pnpm: 'pnpm install --frozen-lockfile',
  yarn: 'yarn install --immutable',
  yarn1: 'yarn install --frozen-lockfile',
  bun: 'bun install --frozen-lockfile',
};

for (const layout of LAYOUTS) {
  test(`${layout} workspaces: --yes publishes every public package from one workflow`, async (t) => {
    const repo = monorepo(layout);
    t.after(() => repo.cleanup());
    const r = runCli([repo.dir, '--yes', '--trigger', 'tag']);
    assert.equal(r.code, 0, r.stderr);
    const text = readFileSync(join(repo.dir, WORKFLOW), 'utf8');
    assert.deepEqual(auditWorkflow(text, WORKFLOW, { repo: REPO }).filter((f) => f.level !== 'info'), []);
    assert.deepEqual(await actionlint(text, WORKFLOW), []);
    const doc = parse(text);
    assert.deepEqual(doc.on.push.tags, ['v*', 'acme-cli@*', '@acme/core@*']);
    const steps = doc.jobs.publish.steps as { run?: string; env?: Record<string, string> }[];
    assert.equal(steps.find((s) => s.env?.PACKAGE_DIRS)?.env?.PACKAGE_DIRS, 'packages/cli\npackages/core');
    assert.ok(steps.some((s) => s.run === INSTALL[layout]), `installs with ${INSTALL[layout]}`);
    const publish = steps.at(-1)?.run ?? '';
    assert.match(publish, /grep -qiE 'cannot publish over\|EPUBLISHCONFLICT'/, 'skips versions already on npm');
    const pack = PACK[layout];
    assert.equal(publish.includes(pack ?? '\u0000'), pack !== undefined, `packs: ${pack ?? 'no'}`);
    assert.doesNotMatch(text, /internal/, 'a private package is never published');
    // Each package gets its own repository.directory and its own publisher.
    for (const dir of ['packages/core', 'packages/cli']) {
      assert.deepEqual(json(repo, `${dir}/package.json`).repository, { type: 'git', url: 'git+https://github.com/acme/widget.git', directory: dir });
    }
    assert.equal(json(repo, 'packages/internal/package.json').repository, undefined);
    for (const name of ['@acme/core', 'acme-cli']) {
      assert.ok(r.stdout.includes(`https://www.npmjs.com/package/${name}/access`), `publisher page of ${name}`);
      assert.ok(r.stdout.includes(`npm trust github ${name} --file publish.yml --repo acme/widget --env npm --allow-publish`));
    }
    assert.match(r.stdout, /for p in acme-cli @acme\/core; do npm trust github "\$p"/);
    // A second run with the same answers changes nothing.
    const again = runCli([repo.dir, '--yes', '--trigger', 'tag']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Nothing to change/);
  });
}

test('--packages chooses some of the packages; the rest are left alone', (t) => {
  const repo = monorepo('pnpm');
  t.after(() => repo.cleanup());
  const r = runCli([repo.dir, '--yes', '--packages', 'acme-cli']);
  assert.equal(r.code, 0, r.stderr);
  const doc = parse(readFileSync(join(repo.dir, WORKFLOW), 'utf8'));
  const steps = doc.jobs.publish.steps as { env?: Record<string, string> }[];
  assert.equal(steps.find((s) => s.env?.PACKAGE_DIRS)?.env?.PACKAGE_DIRS, 'packages/cli');
  assert.equal(json(repo, 'packages/core/package.json').repository, undefined);
  assert.ok(r.stdout.includes('https://www.npmjs.com/package/acme-cli/access'));
  assert.ok(!r.stdout.includes('https://www.npmjs.com/package/@acme/core/access'));
});

test('unknown --packages names exit 2 listing the valid ones, before anything is written', (t) => {
  const repo = monorepo('npm');
  t.after(() => repo.cleanup());
  for (const names of ['nope', '@acme/internal', 'acme-cli,nope']) {
    const r = runCli([repo.dir, '--yes', '--packages', names]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--packages: .*Choose from: acme-cli, @acme\/core\./);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
  assert.equal(runCli([repo.dir, '--yes', '--packages', 'Bad Name']).code, 2);
  assert.equal(repo.git('status', '--porcelain'), '');
});

test('a monorepo root without a publishable package is refused with the reason', (t) => {
  const repo = makeRepo({
    remote: 'git@github.com:acme/widget.git',
    files: {
      'package.json': { name: 'acme', private: true, workspaces: ['packages/*'] },
      'packages/internal/package.json': { name: '@acme/internal', private: true },
    },
  });
  t.after(() => repo.cleanup());
  const r = runCli([repo.dir, '--yes']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /none of its workspace packages can be published/);
});

test('a monorepo with release-please gets one config listing each chosen package', (t) => {
  const repo = monorepo('npm', { repositoryOk: true });
  t.after(() => repo.cleanup());
  const r = runCli([repo.dir, '--yes', '--release', 'release-please']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(json(repo, 'release-please-config.json').packages, {
    'packages/cli': { 'release-type': 'node' },
    'packages/core': { 'release-type': 'node' },
  });
  assert.deepEqual(json(repo, '.release-please-manifest.json'), { 'packages/cli': '2.1.0', 'packages/core': '1.0.0' });
  const doc = parse(readFileSync(join(repo.dir, WORKFLOW), 'utf8'));
  assert.deepEqual(Object.keys(doc.jobs), ['release-please', 'publish']);
  // Run again: release-please is now detected, and nothing changes.
  const again = runCli([repo.dir, '--yes']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /Nothing to change/);
});
