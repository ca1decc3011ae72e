// Inputs shared by the render tests: the golden cases and every variant the wizard can produce.
import { PACKAGE_MANAGERS, RELEASE_FLOWS, TRIGGERS, type ReleaseFlow } from '../../src/core/model.js';
import type { WorkflowInput } from '../../src/providers/github/workflow.js';
import { usesTrigger } from '../../src/questions/release.js';

export const BASE: WorkflowInput = {
  repo: { owner: 'acme', name: 'widget' },
  trigger: 'release',
  environment: 'npm',
  node: '24',
  packageManager: 'npm',
  packageDir: '',
  packageName: 'widget',
  hasBuild: true,
  hasTest: true,
};

/** A monorepo root with two packages to publish, one with a build script. */
export const MONOREPO: Partial<WorkflowInput> = {
  packageName: 'acme-monorepo',
  packages: [
    { name: '@acme/core', dir: 'packages/core' },
    { name: 'acme-cli', dir: 'packages/cli' },
  ],
  workspaceBuilds: [{ name: '@acme/core', dir: 'packages/core' }],
  hasBuild: false,
};

const flowCases = Object.fromEntries(
  RELEASE_FLOWS.flatMap((release) =>
    PACKAGE_MANAGERS.map((packageManager) => [`flow-${release}-${packageManager}.yml`, { ...BASE, release, packageManager }] as const),
  ),
);

/** File name under test/golden/github/ -> input. */
export const GOLDEN: Record<string, WorkflowInput> = {
  ...Object.fromEntries(
    TRIGGERS.flatMap((trigger) => [
      [`publish-${trigger}-env.yml`, { ...BASE, trigger }],
      [`publish-${trigger}-noenv.yml`, { ...BASE, trigger, environment: null }],
    ]),
  ),
  'publish-pnpm.yml': { ...BASE, packageManager: 'pnpm', hasBuild: false },
  'publish-subdir.yml': { ...BASE, trigger: 'tag', packageDir: 'packages/widget', packageName: '@acme/widget' },
  // The lockfile sits at the root of a repository that is not a workspace: none in reach of tools/cli.
  'publish-subdir-no-lockfile.yml': { ...BASE, trigger: 'tag', packageDir: 'tools/cli', lockfile: false },
  'publish-node22-yarn.yml': { ...BASE, node: '22', packageManager: 'yarn', environment: null },
  // Every package manager x release flow, for one package at the repository root.
  ...flowCases,
  'publish-yarn1.yml': { ...BASE, packageManager: 'yarn', yarnClassic: true },
  'publish-node26-yarn.yml': { ...BASE, node: '26', packageManager: 'yarn' },
  'publish-pnpm-pack-subdir.yml': { ...BASE, packageManager: 'pnpm', packageDir: 'packages/widget', pnpmVersion: '10', pack: true },
  'staged-node22.yml': { ...BASE, release: 'staged', node: '22', trigger: 'tag' },
  'semantic-release-subdir.yml': { ...BASE, release: 'semantic-release', packageDir: 'packages/widget', branch: 'trunk' },
  // Monorepo roots: one workflow publishing several packages from their own folders.
  'monorepo-npm-tag.yml': { ...BASE, ...MONOREPO, trigger: 'tag' },
  'monorepo-pnpm-release.yml': { ...BASE, ...MONOREPO, packageManager: 'pnpm', pack: true },
  'monorepo-yarn-manual.yml': { ...BASE, ...MONOREPO, packageManager: 'yarn', trigger: 'manual', pack: true, environment: null },
  'monorepo-yarn1-tag.yml': { ...BASE, ...MONOREPO, packageManager: 'yarn', yarnClassic: true, trigger: 'tag' },
  'monorepo-bun-staged.yml': { ...BASE, ...MONOREPO, packageManager: 'bun', release: 'staged', pack: true },
  'monorepo-changesets-pnpm.yml': { ...BASE, ...MONOREPO, packageManager: 'pnpm', release: 'changesets' },
  'monorepo-release-please-npm.yml': { ...BASE, ...MONOREPO, release: 'release-please', hasBuild: true },
  'monorepo-subdir-root.yml': {
    ...BASE,
    packageDir: 'js',
    packages: [{ name: '@acme/core', dir: 'js/packages/core' }],
    trigger: 'tag',
  },
};

export interface Variant {
  label: string;
  input: WorkflowInput;
}

const LAYOUTS = ['root', 'subdir', 'monorepo'] as const;

/**
 * Every release flow x trigger (where the flow uses one) x environment or none x package
 * manager x Node 22/24 x scripts or none x root / subfolder / monorepo root.
 */
export function allVariants(): Variant[] {
  const variants: Variant[] = [];
  for (const release of RELEASE_FLOWS)
    for (const trigger of usesTrigger(release) ? TRIGGERS : (['release'] as const))
      for (const environment of ['npm', null])
        for (const packageManager of PACKAGE_MANAGERS)
          for (const node of ['22', '24'])
            for (const scripts of [true, false])
              for (const layout of LAYOUTS) variants.push(variant(release, trigger, environment, packageManager, node, scripts, layout));
  return variants;
}

function variant(
  release: ReleaseFlow,
  trigger: WorkflowInput['trigger'],
  environment: string | null,
  packageManager: WorkflowInput['packageManager'],
  node: string,
  scripts: boolean,
  layout: (typeof LAYOUTS)[number],
): Variant {
  const input: WorkflowInput = {
    ...BASE,
    release,
    trigger,
    environment,
    packageManager,
    node,
    hasBuild: scripts,
    hasTest: scripts,
    packageDir: layout === 'subdir' ? 'packages/widget' : '',
    ...(layout === 'monorepo' ? { ...MONOREPO, hasBuild: scripts, hasTest: scripts } : {}),
    // Yarn 1 on Node 22, Berry on Node 24; packing wherever a package manager other than npm could need it.
    ...(packageManager === 'yarn' && node === '22' ? { yarnClassic: true } : {}),
    ...(packageManager !== 'npm' && layout !== 'root' && !(packageManager === 'yarn' && node === '22') ? { pack: true } : {}),
    ...(packageManager === 'pnpm' && layout !== 'root' ? { pnpmVersion: '10' } : {}),
  };
  const label = [release, trigger, environment ?? 'no-env', packageManager, `node${node}`, scripts ? 'scripts' : 'no-scripts', layout].join(' ');
  return { label, input };
}
