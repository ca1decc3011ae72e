// Rehearsal with each package manager: install with it (pnpm from the npm registry, Yarn Berry
// and Yarn 1 through corepack, bun from setup-bun), publish with npm. In workspaces with
// `workspace:` ranges the package manager packs, so the published manifest has real versions.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startMachine, type Machine } from './machine.js';
import { assertOnlyOidcCredentials, logOf, pkg, rehearseGithub, SCRIPTS, type GithubCase } from './fixture.js';
import type { LockTool } from './lockfiles.js';
import { PNPM_VERSION, YARN1_VERSION, YARN_VERSION } from './tools.js';

let machine: Machine;
before(async () => (machine = await startMachine()));
after(() => machine?.close());

const MANAGERS: Record<string, { lock: LockTool; packageManager?: string; workspaceFile?: boolean }> = {
  pnpm: { lock: 'pnpm', packageManager: `pnpm@${PNPM_VERSION}`, workspaceFile: true },
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

/** A workspace root whose cli package depends on core with a `workspace:^` range; each package has a build. */
function workspaces(label: string, scope: string): GithubCase {
  const m = MANAGERS[label]!;
  const root = { name: `${scope}-root`, version: '0.0.0', private: true, ...(m.workspaceFile ? {} : { workspaces: ['packages/*'] }), ...(m.packageManager ? { packageManager: m.packageManager } : {}) };
  return {
    files: {
      'package.json': root,
      ...(m.workspaceFile ? { 'pnpm-workspace.yaml': 'packages:\n  - packages/*\n' } : {}),
      'packages/core/package.json': pkg(`@${scope}/core`, '1.2.3', { publishConfig: { access: 'public' }, scripts: { build: SCRIPTS.build } }),
      'packages/cli/package.json': pkg(`@${scope}/cli`, '1.2.3', { publishConfig: { access: 'public' }, scripts: { build: SCRIPTS.build }, dependencies: { [`@${scope}/core`]: 'workspace:^' } }),
    },
    lock: m.lock,
    args: ['--trigger', 'tag'],
    tags: ['v1.2.3'],
    event: { name: 'push', ref: 'refs/tags/v1.2.3' },
  };
}

describe('package managers', { concurrency: 3 }, () => {
  for (const label of Object.keys(MANAGERS)) {
    const slug = label.replace(' ', '-');
    test(`${label}, one package: installs with ${label}, npm publishes once`, async (t) => {
      const r = await rehearseGithub(machine, single(label, `@acme/${slug}-single`));
      if (r.result.status === 'skipped-tool') return t.skip(r.result.reason);
      assert.equal(r.result.status, 'passed', logOf(r.result));
      assert.deepEqual(r.published, [`@acme/${slug}-single@1.2.3`]);
      assertOnlyOidcCredentials(machine);
    });
    if (label === 'yarn 1') continue; // Yarn 1 has no workspace: ranges
    test(`${label} workspaces with workspace:^: built in every workspace, packed by ${label}, the published manifest has the real range`, async (t) => {
      const scope = `${slug}-ws`;
      const r = await rehearseGithub(machine, workspaces(label, scope));
      if (r.result.status === 'skipped-tool') return t.skip(r.result.reason);
      assert.equal(r.result.status, 'passed', logOf(r.result));
      assert.deepEqual(r.published.sort(), [`@${scope}/cli@1.2.3`, `@${scope}/core@1.2.3`]);
      const cli = machine.registry.published.find((p) => p.name === `@${scope}/cli`)!;
      assert.match(String((cli.manifest.dependencies as Record<string, string>)[`@${scope}/core`]), /^[\^~]?1\.2\.3$/);
      assert.ok(cli.files.includes('built.txt'), cli.files.join(', '));
      assertOnlyOidcCredentials(machine);
    });
  }
});

