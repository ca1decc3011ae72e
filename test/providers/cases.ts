// Inputs shared by the provider tests: the golden cases and every variant the wizard can produce.
import { PACKAGE_MANAGERS } from '../../src/core/model.js';
import type { CircleciInput } from '../../src/providers/circleci/config.js';
import type { GitlabJobInput } from '../../src/providers/gitlab/job.js';

export const GITLAB_BASE: GitlabJobInput = {
  namespace: 'acme',
  project: 'widget',
  environment: 'npm',
  node: '24',
  packageManager: 'npm',
  packageDir: '',
  packageName: 'widget',
  hasBuild: true,
  hasTest: true,
  ciFile: '.gitlab-ci.yml',
};

export const CIRCLECI_BASE: CircleciInput = {
  orgId: '8f2b1c3d-0a4e-4b6f-9c7d-1e2f3a4b5c6d',
  projectId: '0c6e2a4b-7d1f-4e3a-9b8c-5d4e3f2a1b0c',
  pipelineDefinitionId: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9',
  vcsOrigin: 'github.com/acme/widget',
  node: '24',
  packageManager: 'npm',
  packageDir: '',
  packageName: 'widget',
  hasBuild: true,
  hasTest: true,
};

/** File name under test/golden/gitlab/ -> input. */
export const GITLAB_GOLDEN: Record<string, GitlabJobInput> = {
  'job-npm-env.yml': GITLAB_BASE,
  'job-npm-noenv.yml': { ...GITLAB_BASE, environment: null },
  'job-pnpm-env.yml': { ...GITLAB_BASE, packageManager: 'pnpm', hasBuild: false },
  'job-pnpm-noenv-subgroup.yml': { ...GITLAB_BASE, namespace: 'acme/tools', packageManager: 'pnpm', environment: null },
  'job-subdir-node22-yarn.yml': {
    ...GITLAB_BASE,
    node: '22',
    packageManager: 'yarn',
    packageDir: 'packages/widget',
    packageName: '@acme/widget',
  },
  'job-bun-node26.yml': { ...GITLAB_BASE, node: '26', packageManager: 'bun', hasTest: false },
  // A package in a subfolder whose lockfile is at the root of a repository that is not a workspace.
  'job-subdir-no-lockfile.yml': { ...GITLAB_BASE, packageDir: 'tools/cli', lockfile: false },
};

/** File name under test/golden/circleci/ -> input. */
export const CIRCLECI_GOLDEN: Record<string, CircleciInput> = {
  'config-npm.yml': CIRCLECI_BASE,
  'config-pnpm-subdir-context.yml': {
    ...CIRCLECI_BASE,
    packageManager: 'pnpm',
    packageDir: 'packages/widget',
    packageName: '@acme/widget',
    contextIds: ['5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d'],
    contextNames: ['npm-release'],
  },
  'config-yarn-node24.21.yml': { ...CIRCLECI_BASE, node: '24.21', packageManager: 'yarn', hasBuild: false },
  'config-bun.yml': { ...CIRCLECI_BASE, packageManager: 'bun', vcsOrigin: 'bitbucket.org/acme/widget' },
  'config-subdir-no-lockfile.yml': { ...CIRCLECI_BASE, packageDir: 'tools/cli', lockfile: false },
};

/** Every combination of the switches that change the shape of a GitLab job. */
export function gitlabVariants(): GitlabJobInput[] {
  const out: GitlabJobInput[] = [];
  for (const packageManager of PACKAGE_MANAGERS) {
    for (const node of ['22', '24', '26']) {
      for (const environment of ['npm', null]) {
        for (const packageDir of ['', 'packages/a']) {
          for (const [hasBuild, hasTest] of [[true, true], [false, false], [true, false]] as const) {
            out.push({ ...GITLAB_BASE, packageManager, node, environment, packageDir, hasBuild, hasTest });
          }
        }
      }
    }
  }
  return out;
}

/** Every combination of the switches that change the shape of a CircleCI config. */
export function circleciVariants(): CircleciInput[] {
  const out: CircleciInput[] = [];
  for (const packageManager of PACKAGE_MANAGERS) {
    for (const packageDir of ['', 'packages/a']) {
      for (const contexts of [false, true]) {
        for (const [hasBuild, hasTest] of [[true, true], [false, false]] as const) {
          out.push({
            ...CIRCLECI_BASE,
            packageManager,
            packageDir,
            hasBuild,
            hasTest,
            ...(contexts ? { contextIds: ['5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d'], contextNames: ['npm-release'] } : {}),
          });
        }
      }
    }
  }
  return out;
}
