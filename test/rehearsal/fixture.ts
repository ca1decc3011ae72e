// A rehearsal's repository: a real git repository in a temp dir, the tool run on it like a user
// would (the built binary, --yes), its files committed and tagged; the trusted publishers
// parsed from what the tool printed and configured on the fake registry.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliAsync } from '../helpers/cli.js';
import { makeRepo, type TempRepo } from '../helpers/repo.js';
import { writeLockfile, type LockTool } from './lockfiles.js';
import type { Machine } from './machine.js';
import { runGithubJob, type GithubEvent, type GithubRun, type RunResult } from './runner-github.js';
import { parsePrinted, type Publisher } from './publishers.js';

export interface Setup {
  repo: TempRepo;
  /** Printed publishers, by package name. */
  publishers: Map<string, Publisher>;
  stdout: string;
}

/**
 * Scripts for the cases that rehearse the build and test steps: the build leaves a file in the
 * package, which the published file list must then hold. Most cases have none (fewer steps, faster).
 */
export const SCRIPTS = { build: "node -e \"require('fs').writeFileSync('built.txt', 'built')\"", test: 'node -e 0' };

/** A package.json naming the repository the jobs run in. */
export function pkg(name: string, version: string, extra: object = {}): object {
  return { name, version, repository: { type: 'git', url: 'git+https://github.com/acme/widget.git' }, ...extra };
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
/** A tool a case needs could not be installed: the case is skipped with this reason. */
export class ToolMissing extends Error {}

export async function setUp(machine: Machine, o: { files: Record<string, string | object>; args: string[]; sub?: string; tags?: string[]; versions?: Record<string, string[]>; access?: 'public' | 'restricted'; remote?: string; edit?: (repo: TempRepo) => void; lock?: LockTool; registryDependency?: boolean }): Promise<Setup> {
  const repo = makeRepo({ remote: o.remote ?? 'git@github.com:acme/widget.git', files: o.files });
  const missing = o.lock && (await writeLockfile(o.lock, repo.dir, o.registryDependency ? machine.registry.url : undefined));
  if (missing) {
    repo.cleanup();
    throw new ToolMissing(missing);
  }
  const r = await runCliAsync([join(repo.dir, o.sub ?? ''), '--yes', '--no-open', ...o.args], { env: { NO_COLOR: '1' } });
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  o.edit?.(repo);
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

export interface GithubCase {
  files: Record<string, string | object>;
  args: string[];
  sub?: string;
  tags?: string[];
  event: GithubEvent;
  /** owner/name of the repository the job runs in (default acme/widget, the remote's). */
  repository?: string;
  remote?: string;
  edit?: (repo: TempRepo) => void;
  /** The package manager that writes the lockfile before the tool runs. */
  lock?: LockTool;
  /** The fixture depends on REGISTRY_DEPENDENCY: its lockfile is resolved against the fake registry. */
  registryDependency?: boolean;
  versions?: Record<string, string[]>;
  access?: 'public' | 'restricted';
  job?: string;
  workflow?: string;
  needs?: GithubRun['needs'];
  env?: Record<string, string>;
  /** Changes the registry's publishers before the run (a negative control). */
  tamper?: (publishers: Map<string, Publisher>) => void;
  /** The job pushes (a version commit, tags): a bare clone of the repository stands in for github.com. */
  pushes?: boolean;
}

export interface Rehearsal {
  result: RunResult;
  /** `name@version` accepted by the registry for this case's packages, in order (`stage:` for staged). */
  published: string[];
  setup?: Setup;
}

/** Sets the case up, runs the job, and reports what the registry accepted for its packages. */
export async function rehearseGithub(machine: Machine, c: GithubCase): Promise<Rehearsal> {
  let setup: Setup;
  try {
    setup = await setUp(machine, c);
  } catch (error) {
    if (error instanceof ToolMissing) return { result: { status: 'skipped-tool', reason: error.message }, published: [] };
    throw error;
  }
  const remote = c.pushes ? mkdtempSync(join(tmpdir(), 'ctp-remote-')) : undefined;
  try {
    c.tamper?.(setup.publishers);
    if (remote) execFileSync('git', ['clone', '-q', '--bare', setup.repo.dir, join(remote, 'origin.git')]);
    const result = await runGithubJob(machine, {
      source: setup.repo.dir,
      workflow: c.workflow ?? '.github/workflows/publish.yml',
      repository: c.repository ?? 'acme/widget',
      event: c.event,
      job: c.job ?? 'publish',
      ...(c.needs ? { needs: c.needs } : {}),
      ...(c.env ? { env: c.env } : {}),
      ...(remote ? { gitRemote: join(remote, 'origin.git') } : {}),
    });
    const published = machine.registry.published.filter((p) => setup.publishers.has(p.name)).map((p) => `${p.stage ? 'stage:' : ''}${p.name}@${p.version}`);
    return { result, published, setup };
  } finally {
    setup.repo.cleanup();
    if (remote) rmSync(remote, { recursive: true, force: true });
  }
}

/** The log of a run, for assertion messages. */
export const logOf = (r: RunResult): string => ('log' in r ? r.log : r.status === 'skipped-tool' ? r.reason : r.status);
