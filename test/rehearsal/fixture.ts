// A rehearsal's repository: a real git repository in a temp dir, the tool run on it like a user
// would (the built binary, --yes), its files committed and tagged; the trusted publishers
// parsed from what the tool printed and configured on the fake registry.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { makeRepo, type TempRepo } from '../helpers/repo.js';
import type { Machine } from './machine.js';
import { parsePrinted, type Publisher } from './publishers.js';

export interface Setup {
  repo: TempRepo;
  /** Printed publishers, by package name. */
  publishers: Map<string, Publisher>;
  stdout: string;
}

/** A package.json with a build that leaves a file in the package, and a test that passes. */
export function pkg(name: string, version: string, extra: object = {}): object {
  return {
    name,
    version,
    repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' },
    scripts: { build: "node -e \"require('fs').writeFileSync('built.txt', 'built')\"", test: 'node -e 0' },
    ...extra,
  };
}

/** A package-lock.json npm ci accepts, for a package without dependencies. */
export function npmLock(name: string, version: string, workspaces: Record<string, { name: string; version: string }> = {}): object {
  const packages: Record<string, object> = { '': { name, version, ...(Object.keys(workspaces).length ? { workspaces: Object.keys(workspaces) } : {}) } };
  for (const [dir, p] of Object.entries(workspaces)) {
    packages[dir] = { name: p.name, version: p.version };
    packages[`node_modules/${p.name}`] = { resolved: dir, link: true };
  }
  return { name, version, lockfileVersion: 3, requires: true, packages };
}

/**
 * Writes `files`, runs the tool in `sub` with `args`, commits what it wrote and tags `tags`.
 * `versions`: versions already on the registry (at least one: a trusted publisher needs an existing package).
 */
export function setUp(machine: Machine, o: { files: Record<string, string | object>; args: string[]; sub?: string; tags?: string[]; versions?: Record<string, string[]>; access?: 'public' | 'restricted'; remote?: string }): Setup {
  const repo = makeRepo({ remote: o.remote ?? 'git@github.com:acme/widget.git', files: o.files });
  const r = runCli([join(repo.dir, o.sub ?? ''), '--yes', '--no-open', ...o.args], { env: { NO_COLOR: '1' } });
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', 'ci: publish with trusted publishing');
  for (const tag of o.tags ?? []) repo.git('tag', tag);
  const publishers = parsePrinted(r.stdout);
  for (const [name, publisher] of publishers) {
    machine.registry.addPackage(name, { versions: o.versions?.[name] ?? ['0.0.1'], access: o.access ?? 'public', publishers: [publisher] });
  }
  return { repo, publishers, stdout: r.stdout };
}

/** Every request to the registry carried no credential, an ID token (to the exchange only) or an exchanged token. */
export function assertOnlyOidcCredentials(machine: Machine): void {
  for (const r of machine.registry.requests) {
    assert.ok(r.credential !== 'other', `${r.method} ${r.path} carried a credential that is not from the OIDC exchange`);
    if (r.credential === 'id-token') assert.match(r.path, /^\/-\/npm\/v1\/oidc\/token\/exchange\/package\//);
  }
}
