// A repository on GitHub (acme/widget) with a migrated publish workflow, the recording gh on
// PATH, and the real npm pointed at the loopback registry: what every retire test starts from.
import type { FakeRegistry, FakeToken, RecordedRequest } from './registry-server.js';
import { fakeGh, type FakeGh } from './fake-gh/index.js';
import { makePackageRepo, makeRepo, type TempRepo } from './repo.js';

/** A trusted-publishing workflow: no token anywhere. */
export const PUBLISH_YML = `name: Publish
on:
  release:
    types: [published]
permissions: {}
jobs:
  publish:
    runs-on: ubuntu-latest
    environment: npm
    permissions:
      contents: read
      id-token: write
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - run: npm ci
      - run: npm publish
`;

/** CI that installs private dependencies with NPM_TOKEN: line 13 reads the secret. */
export const CI_YML = `name: CI
on: [push]
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
      - run: npm ci
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
      - run: npm test
`;

export const TOKENS: FakeToken[] = [
  { key: 'a1b2c3d4e5f6', token: 'npm_SECRETa1', name: 'ci-publish', created: '2026-01-02T00:00:00.000Z', readonly: false, cidr_whitelist: null },
  { key: 'f6e5d4c3b2a1', token: 'npm_SECRETf6', name: 'laptop', created: '2026-03-04T00:00:00.000Z', readonly: true, cidr_whitelist: null },
  { key: '0a0b0c0d0e0f', token: 'npm_SECRET0a', name: 'old-deploy', created: '2025-11-30T00:00:00.000Z', readonly: false, cidr_whitelist: null },
];

export interface World {
  repo: TempRepo;
  gh: FakeGh;
  env: Record<string, string>;
  /** Requests the registry received since this world was made. */
  requests(): RecordedRequest[];
  cleanup(): void;
}

/** `packages`: name -> has provenance. More than one makes a workspace monorepo. */
export function world(registry: FakeRegistry, options: { packages?: Record<string, boolean>; files?: Record<string, string>; secrets?: string[] } = {}): World {
  const packages = options.packages ?? { '@acme/widget': true };
  for (const [name, attestations] of Object.entries(packages)) registry.packages.set(name, { latest: '1.2.3', versions: { '1.2.3': { attestations } } });
  registry.tokens = TOKENS.map((t) => ({ ...t }));
  registry.access.clear();
  const files = { '.github/workflows/publish.yml': PUBLISH_YML, ...options.files };
  const names = Object.keys(packages);
  const repo =
    names.length === 1
      ? makePackageRepo({ pkg: { name: names[0], repository: 'github:acme/widget' }, files })
      : makeRepo({
          remote: 'git@github.com:acme/widget.git',
          files: {
            'package.json': { name: 'widget-monorepo', private: true, workspaces: ['packages/*'] },
            'package-lock.json': { name: 'widget-monorepo', lockfileVersion: 3, packages: {} },
            ...Object.fromEntries(names.map((name, i) => [`packages/p${i}/package.json`, { name, version: '1.2.3', repository: { type: 'git', url: 'git+https://github.com/acme/widget.git', directory: `packages/p${i}` } }])),
            ...files,
          },
        });
  const gh = fakeGh({ 'acme/widget': options.secrets ?? ['NPM_TOKEN', 'CODECOV_TOKEN'] });
  const start = registry.requests.length;
  const env = Object.fromEntries(Object.entries({ ...registry.npmEnv(), ...gh.env }).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return { repo, gh, env, requests: () => registry.requests.slice(start), cleanup: () => repo.cleanup() };
}

/** Requests that change something or read the account: anything but a package document GET. */
export const accountRequests = (requests: RecordedRequest[]) => requests.filter((r) => r.method !== 'GET' || r.path.startsWith('/-/'));
