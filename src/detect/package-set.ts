// Which packages of a repository get published: the rules beyond the workspace globs. Test
// fixtures, examples, playgrounds and docs sites are not packages to publish; a package needs a
// name and a version; napi-rs packages publish one platform package per target.
import { join } from 'node:path';
import { readText } from './read.js';
import { parseJsonWithComments } from '../text/json-comments.js';
import type { PackageInfo } from '../core/model.js';

/** A directory segment that holds test data, examples or a docs site, not a published package. */
const NOT_PUBLISHED = /(?:^|\/)(?:__fixtures__|fixtures?|__tests__|tests?|e2e|examples?|playgrounds?|demos?|docs|website|sandbox(?:es)?)(?:\/|$)/i;

/** True for a workspace directory that is test data, an example, a playground or a docs site. */
export const isExcludedDir = (rel: string): boolean => NOT_PUBLISHED.test(rel);

/** A package that can be published: a name and a version, not private. */
export const isPublishable = (pkg: PackageInfo): boolean => Boolean(pkg.name && pkg.version && !pkg.private);

/** The `packages` globs of lerna.json in `root`, if it lists any. */
export function lernaGlobs(root: string): string[] | undefined {
  const raw = readText(join(root, 'lerna.json'));
  if (raw === undefined) return undefined;
  try {
    const list = (JSON.parse(raw) as { packages?: unknown }).packages;
    // lerna's default when lerna.json names no packages.
    return Array.isArray(list) ? list.filter((g): g is string => typeof g === 'string') : ['packages/*'];
  } catch {
    return undefined;
  }
}

/**
 * The folders of the rush.json projects in `root` that Rush publishes (`shouldPublish: true`, or a
 * `versionPolicyName`, whose projects `rush publish` publishes), if root holds a rush.json.
 */
export function rushProjectFolders(root: string): string[] | undefined {
  const raw = readText(join(root, 'rush.json'));
  if (raw === undefined) return undefined;
  try {
    const projects = (parseJsonWithComments(raw) as { projects?: unknown } | null)?.projects;
    if (!Array.isArray(projects)) return [];
    return projects
      .filter((p): p is { projectFolder: string } => typeof p === 'object' && p !== null && typeof (p as { projectFolder?: unknown }).projectFolder === 'string')
      .filter((p) => (p as { shouldPublish?: unknown }).shouldPublish === true || typeof (p as { versionPolicyName?: unknown }).versionPolicyName === 'string')
      .map((p) => p.projectFolder)
      // A folder is matched as a glob: one that reads as a pattern is not a plain folder.
      .filter((folder) => !/^!|[*?]/.test(folder));
  } catch {
    return undefined;
  }
}

const ARCH: Record<string, string> = { x86_64: 'x64', aarch64: 'arm64', i686: 'ia32', armv7: 'arm', riscv64gc: 'riscv64' };
const NAPI_V2_DEFAULTS = ['x86_64-apple-darwin', 'x86_64-pc-windows-msvc', 'x86_64-unknown-linux-gnu'];

/** The napi-rs platform suffix of a Rust target triple: `aarch64-apple-darwin` -> `darwin-arm64`. */
export function napiPlatform(triple: string): string {
  if (triple.startsWith('wasm32')) return 'wasm32-wasi';
  const [arch = '', ...rest] = triple.split('-');
  const tail = rest.join('-');
  const os = ['darwin', 'windows', 'android', 'freebsd', 'linux'].find((name) => tail.includes(name)) ?? tail;
  // Only Linux and Windows packages name their ABI (gnu, musl, msvc, gnueabihf).
  const abi = os === 'linux' || os === 'windows' ? /(gnueabihf|musleabihf|gnu|musl|msvc)$/.exec(tail)?.[1] : undefined;
  return [os === 'windows' ? 'win32' : os, ARCH[arch] ?? arch, abi].filter(Boolean).join('-');
}

/** The platform packages a napi-rs package publishes (`napi.targets`, or v2's `napi.triples`), by name. */
export function napiPlatformPackages(pkg: PackageInfo): string[] {
  if (!pkg.name) return [];
  let napi: { targets?: unknown; triples?: { defaults?: unknown; additional?: unknown } } | undefined;
  try {
    napi = (JSON.parse(pkg.raw) as { napi?: typeof napi }).napi;
  } catch {
    return [];
  }
  if (!napi || typeof napi !== 'object') return [];
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : []);
  const triples = napi.targets !== undefined
    ? strings(napi.targets)
    : [...(napi.triples?.defaults === false ? [] : napi.triples ? NAPI_V2_DEFAULTS : []), ...strings(napi.triples?.additional)];
  return [...new Set(triples.map((t) => `${pkg.name}-${napiPlatform(t)}`))];
}
