// The real tools a rehearsal runs, installed once from the npm registry into .ci/tools/ (like
// .ci/run installs Node) and reused by later runs: npm itself, and tarballs of pnpm that the
// fake registry serves to a workflow's own `npm install -g pnpm@x`. When the registry cannot be
// reached, the tool is missing and the cases that need it are skipped with the reason printed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';

export const TOOLS = join(ROOT, '.ci', 'tools');
/** The npm the jobs run: 11.5.1 is the floor for trusted publishing, 11.15.0 for npm stage publish. */
export const NPM_VERSION = '11.19.1';
/** The pnpm the fixtures name in "packageManager" (the workflow installs it from the fake registry). */
export const PNPM_VERSION = '10.20.0';
/** pnpm 11, which publishes with its own OIDC exchange (the generated jobs still pack with it and publish with npm). */
export const PNPM11_VERSION = '11.28.10';
export const PNPM_VERSIONS = [PNPM_VERSION, PNPM11_VERSION] as const;
/**
 * The stand-in for cimg/node's pnpm. The images install the newest pnpm when they are built;
 * from pnpm 11 on, its switch to another version downloads @pnpm/exe and a platform binary, too
 * large to mirror here, so the stand-in is pnpm 10, which switches through the `pnpm` package.
 */
export const CIMG_PNPM_VERSION = PNPM_VERSION;
/** A small package without dependencies from the npm registry, for fixtures with a registry dependency (a pnpm catalog). */
export const REGISTRY_DEPENDENCY = { name: 'ms', version: '2.1.3' } as const;
/** Yarn Berry (4.10.3 is the floor for `yarn npm publish` with OIDC) and Yarn 1, run through corepack. */
export const YARN_VERSION = '4.18.1';
export const YARN1_VERSION = '1.22.22';
/** Node 24 ships corepack; the `node` package on npm does not, so it comes from npm too. */
export const COREPACK_VERSION = '0.36.0';
export const BUN_VERSION = '1.4.5';
/** The Changesets CLI a changesets fixture names in devDependencies (changesets/action v2 needs v3). */
export const CHANGESETS_VERSION = '3.0.3';
/** The library JS-DevTools/npm-publish v4.1.5 runs (its package on the npm registry has the same version). */
export const NPM_PUBLISH_ACTION = '4.1.5';
/** semantic-release with @semantic-release/npm 13.1.0 or newer (its lockfile has 13.2.0), which trust npmjs.com's OIDC. */
export const SEMANTIC_RELEASE_VERSION = '25.0.9';

/** The npm that installs the tools: the one running `npm test`, else the one on PATH. */
function bootstrapNpm(): [string, string[]] {
  const execpath = process.env.npm_execpath;
  return execpath && execpath.endsWith('.js') ? [process.execPath, [execpath]] : ['npm', []];
}

let configuredRegistry: string | undefined;
/** The registry this machine's npm is set up to use (read before the empty user config below hides it). */
function registry(): string {
  if (configuredRegistry) return configuredRegistry;
  const [cmd, pre] = bootstrapNpm();
  configuredRegistry = execFileSync(cmd, [...pre, 'config', 'get', 'registry'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  return configuredRegistry;
}

function npm(args: string[], cwd: string): string {
  const [cmd, pre] = bootstrapNpm();
  // An empty user config: nothing from the developer's ~/.npmrc (tokens included) is read.
  mkdirSync(TOOLS, { recursive: true });
  if (!existsSync(join(TOOLS, 'npmrc'))) writeFileSync(join(TOOLS, 'npmrc'), '');
  // The lockfile keeps each tarball's URL (the fake registry serves them by it), whatever the
  // machine's npm config says (`npm test` exports omit-lockfile-registry-resolved if set there).
  return execFileSync(cmd, [...pre, ...args, `--registry=${registry()}`, '--omit-lockfile-registry-resolved=false', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 180_000,
    env: { ...process.env, npm_config_userconfig: join(TOOLS, 'npmrc') },
  });
}

/** Runs `fill(tmp)` once for `dir`: concurrent test files race to a rename, the loser's copy is dropped. */
export function once(dir: string, fill: (tmp: string) => void): string {
  if (existsSync(dir)) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    fill(tmp);
    if (!existsSync(dir)) renameSync(tmp, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}

export type Tool<T> = { ok: true; value: T } | { ok: false; reason: string };

function attempt<T>(what: string, make: () => T): Tool<T> {
  try {
    return { ok: true, value: make() };
  } catch (error) {
    const message = String(error instanceof Error ? (error as Error & { stderr?: unknown }).stderr || error.message : error);
    return { ok: false, reason: `${what} could not be installed from the npm registry: ${message.trim().split('\n')[0]}` };
  }
}

/** The folder holding `npm` and `npx` of NPM_VERSION. */
export function npmBin(): Tool<string> {
  return attempt(`npm@${NPM_VERSION}`, () => {
    const dir = once(join(TOOLS, `npm-${NPM_VERSION}`), (tmp) => npm(['install', '--prefix', tmp, `npm@${NPM_VERSION}`], tmp));
    return join(dir, 'node_modules', '.bin');
  });
}

/** The tarball of `name@version` from the npm registry, and its package.json. */
export function tarball(name: string, version: string): Tool<{ file: string; manifest: Record<string, unknown> }> {
  return attempt(`${name}@${version}`, () => {
    const dir = once(join(TOOLS, 'tarballs', `${name.replace('/', '+')}-${version}`), (tmp) => npm(['pack', `${name}@${version}`, '--pack-destination', tmp], tmp));
    const file = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))!);
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', file, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    return { file, manifest };
  });
}

/** The folder holding a package's bins after `npm install --prefix` (pnpm, corepack, bun). */
export function packageBin(name: string, version: string): Tool<string> {
  return attempt(`${name}@${version}`, () => {
    const dir = once(join(TOOLS, `${name}-${version}`), (tmp) => npm(['install', '--prefix', tmp, `${name}@${version}`], tmp));
    return join(dir, 'node_modules', '.bin');
  });
}

/** Corepack with the filled cache and no network: what a job's `corepack enable` runs with here. */
export const corepackEnv = (home: string): Record<string, string> => ({
  COREPACK_HOME: home,
  COREPACK_ENABLE_NETWORK: '0',
  COREPACK_ENABLE_DOWNLOAD_PROMPT: '0',
});

/**
 * A COREPACK_HOME holding Yarn Berry, Yarn 1 and pnpm, filled once from the npm registry: the
 * runner's corepack finds them there, with network access turned off (COREPACK_ENABLE_NETWORK=0).
 */
export function corepackHome(): Tool<string> {
  const corepack = packageBin('corepack', COREPACK_VERSION);
  if (!corepack.ok) return corepack;
  return attempt('Yarn through corepack', () => {
    const home = once(join(TOOLS, `corepack-home-${YARN_VERSION}-${YARN1_VERSION}-pnpm-${PNPM_VERSION}`), (tmp) => {
      for (const spec of [`yarn@${YARN_VERSION}`, `yarn@${YARN1_VERSION}`, `pnpm@${PNPM_VERSION}`]) {
        execFileSync(process.execPath, [join(corepack.value, 'corepack'), 'install', '-g', spec], {
          cwd: tmp,
          stdio: ['ignore', 'pipe', 'pipe'],
          timeout: 180_000,
          // Yarn 1.22.22 on npm is signed with a key corepack no longer lists: filling this cache
          // skips the signature check (the jobs themselves never download).
          env: { ...process.env, COREPACK_HOME: tmp, COREPACK_NPM_REGISTRY: registry().replace(/\/$/, ''), COREPACK_ENABLE_DOWNLOAD_PROMPT: '0', COREPACK_INTEGRITY_KEYS: '0' },
        });
      }
      // yarn.js is CommonJS; without this the project's package.json ("type": "module") would claim it.
      // Written before the folder appears: rewriting it later raced with jobs reading it.
      writeFileSync(join(tmp, 'package.json'), '{ "type": "commonjs" }\n');
    });
    return home;
  });
}

export interface Locked {
  /** package-lock.json of an install of the tool alone. */
  lock: { packages: Record<string, Record<string, unknown>> };
  /** The npm cache that install filled: it holds every tarball the lockfile names. */
  cache: string;
}

/**
 * A package with its dependencies, installed once from the npm registry with its own npm cache:
 * the fake registry serves those tarballs to a job's `npm ci` of a lockfile naming them.
 */
export function lockedInstall(name: string, version: string): Tool<Locked> {
  return attempt(`${name}@${version}`, () => {
    // The real path: through a symbolic link (.ci/tools may be one), npm writes the lockfile's paths relative to the other.
    const dir = once(join(TOOLS, `locked-${name.replace('/', '+')}-${version}`), (tmp) => npm(['install', '--prefix', realpathSync(tmp), '--cache', join(tmp, 'cache'), `${name}@${version}`], realpathSync(tmp)));
    return { lock: JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')) as Locked['lock'], cache: join(dir, 'cache') };
  });
}
