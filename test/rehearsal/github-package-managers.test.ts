// Rehearsal with each package manager: install with it (pnpm 10 and 11 from the npm registry, Yarn
// Berry and Yarn 1 through corepack, bun from setup-bun), publish with npm. In workspaces with
// `workspace:` ranges (and, with pnpm, a `catalog:` range to a registry dependency) the package
// manager packs, so the published manifest has real versions.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMachine, type Machine } from './machine.js';
import { assertOnlyOidcCredentials, logOf, pkg, rehearseGithub, SCRIPTS, type GithubCase } from './fixture.js';
import type { LockTool } from './lockfiles.js';
import { PNPM11_VERSION, PNPM_VERSION, REGISTRY_DEPENDENCY, YARN1_VERSION, YARN_VERSION } from './tools.js';

let machine: Machine;
before(async () => (machine = await startMachine()));
after(() => machine?.close());

const MANAGERS: Record<string, { lock: LockTool; packageManager?: string; workspaceFile?: boolean }> = {
  pnpm: { lock: 'pnpm', packageManager: `pnpm@${PNPM_VERSION}`, workspaceFile: true },
  'pnpm 11': { lock: 'pnpm', packageManager: `pnpm@${PNPM11_VERSION}`, workspaceFile: true },
  'yarn berry': { lock: 'yarn', packageManager: `yarn@${YARN_VERSION}` },
  'yarn 1': { lock: 'yarn', packageManager: `yarn@${YARN1_VERSION}` },
  bun: { lock: 'bun' },
};

function single(label: string, name: string): GithubCase {
  const m = MANAGERS[label]!;
  return {
    files: { 'package.json': pkg(name, '1.2.3', m.packageManager ? { packageManager: m.packageManager } : {}) },
    lock: m.lock,
    args: [],
    tags: ['v1.2.3'],
    event: { name: 'release', ref: 'refs/tags/v1.2.3' },
  };
}

/**
 * A workspace root whose cli package depends on core with a `workspace:^` range; each package has
 * a build. With pnpm, cli also depends on REGISTRY_DEPENDENCY through the workspace's catalog.
 */
function workspaces(label: string, scope: string): GithubCase {
  const m = MANAGERS[label]!;
  const root = { name: `${scope}-root`, version: '0.0.0', private: true, ...(m.workspaceFile ? {} : { workspaces: ['packages/*'] }), ...(m.packageManager ? { packageManager: m.packageManager } : {}) };
  const catalog = m.workspaceFile ? { [REGISTRY_DEPENDENCY.name]: 'catalog:' } : {};
  return {
    files: {
      'package.json': root,
      ...(m.workspaceFile ? { 'pnpm-workspace.yaml': `packages:\n  - packages/*\ncatalog:\n  ${REGISTRY_DEPENDENCY.name}: ^${REGISTRY_DEPENDENCY.version}\n` } : {}),
      'packages/core/package.json': pkg(`@${scope}/core`, '1.2.3', { publishConfig: { access: 'public' }, scripts: { build: SCRIPTS.build } }),
      'packages/cli/package.json': pkg(`@${scope}/cli`, '1.2.3', { publishConfig: { access: 'public' }, scripts: { build: SCRIPTS.build }, dependencies: { [`@${scope}/core`]: 'workspace:^', ...catalog } }),
    },
    lock: m.lock,
    registryDependency: Boolean(m.workspaceFile),
    args: ['--trigger', 'tag'],
    tags: ['v1.2.3'],
    event: { name: 'push', ref: 'refs/tags/v1.2.3' },
  };
}

describe('package managers', { concurrency: 4 }, () => {
  for (const label of Object.keys(MANAGERS)) {
    const slug = label.replace(' ', '-');
    // pnpm 11's single-package run is the pnpm 10 one with another version: its workspace case covers it.
    if (label !== 'pnpm 11') test(`${label}, one package: installs with ${label}, npm publishes once`, async (t) => {
      const r = await rehearseGithub(machine, single(label, `@acme/${slug}-single`));
      if (r.result.status === 'skipped-tool') return t.skip(r.result.reason);
      assert.equal(r.result.status, 'passed', logOf(r.result));
      assert.deepEqual(r.published, [`@acme/${slug}-single@1.2.3`]);
      assertOnlyOidcCredentials(machine);
    });
    if (label === 'yarn 1') continue; // Yarn 1 has no workspace: ranges
    test(`${label} workspaces with workspace:^${MANAGERS[label]!.workspaceFile ? ' and catalog:' : ''}: built in every workspace, packed by ${label}, the published manifest has the real ranges`, async (t) => {
      const scope = `${slug}-ws`;
      const r = await rehearseGithub(machine, workspaces(label, scope));
      if (r.result.status === 'skipped-tool') return t.skip(r.result.reason);
      assert.equal(r.result.status, 'passed', logOf(r.result));
      assert.deepEqual(r.published.sort(), [`@${scope}/cli@1.2.3`, `@${scope}/core@1.2.3`]);
      const cli = machine.registry.published.find((p) => p.name === `@${scope}/cli`)!;
      const dependencies = cli.manifest.dependencies as Record<string, string>;
      assert.match(String(dependencies[`@${scope}/core`]), /^[\^~]?1\.2\.3$/);
      if (MANAGERS[label]!.workspaceFile) assert.equal(dependencies[REGISTRY_DEPENDENCY.name], `^${REGISTRY_DEPENDENCY.version}`, 'the catalog: range, as the catalog writes it');
      assert.ok(cli.files.includes('built.txt'), cli.files.join(', '));
      assertOnlyOidcCredentials(machine);
    });
  }
});

