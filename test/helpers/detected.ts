// Detected facts built by hand, for tests of the pure planner.
import type { Detected, PackageInfo } from '../../src/core/model.js';

export function packageInfo(data: Record<string, unknown>, dir = ''): PackageInfo {
  const raw = JSON.stringify(data, null, 2) + '\n';
  const repository = data.repository;
  return {
    dir,
    manifestPath: `/repo/${dir ? dir + '/' : ''}package.json`,
    raw,
    name: data.name as string | undefined,
    version: data.version as string | undefined,
    private: data.private === true,
    repository: typeof repository === 'string' ? { url: repository } : (repository as PackageInfo['repository']),
    scripts: (data.scripts as PackageInfo['scripts']) ?? {},
  };
}

export function detected(overrides: Partial<Detected> = {}): Detected {
  return {
    root: '/repo',
    pkg: packageInfo({ name: '@acme/widget', version: '1.2.3', repository: 'github:acme/widget', scripts: { build: 'tsc', test: 'node --test' } }),
    workspacePackages: [],
    packageManager: { name: 'npm', source: 'lockfile', lockfile: 'package-lock.json' },
    git: { isRepo: true, remoteUrl: 'git@github.com:acme/widget.git', host: 'github.com', github: { owner: 'acme', name: 'widget' }, slug: 'acme/widget', defaultBranch: 'main', prefix: '' },
    workflows: [],
    ciFiles: [],
    npmrcTokens: [],
    repositoryMismatches: [],
    isMonorepo: false,
    findings: [],
    ...overrides,
  };
}
