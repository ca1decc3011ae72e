// Read one package.json into PackageInfo. Missing or invalid files become findings.
import { join } from 'node:path';
import { readText, unreadableReason } from './read.js';
import type { Finding, PackageInfo } from '../core/model.js';
import { checkPackageName } from '../text/package-name.js';
import { shown } from '../text/output.js';
import { clip } from '../text/clip.js';

export type ReadResult =
  | { status: 'ok'; pkg: PackageInfo }
  | { status: 'missing' }
  | { status: 'unreadable'; error: string }
  | { status: 'invalid'; error: string };

type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `repository` as a string (`o/r`, `github:o/r`, a URL) or object, as `{ type, url, directory }`. */
export function normaliseRepository(value: unknown): PackageInfo['repository'] {
  if (typeof value === 'string') return value.trim() ? { type: 'git', url: value.trim() } : undefined;
  if (!isObject(value)) return undefined;
  const out: NonNullable<PackageInfo['repository']> = {};
  const type = str(value.type);
  const url = str(value.url);
  const directory = str(value.directory);
  if (type !== undefined) out.type = type;
  if (url !== undefined) out.url = url;
  if (directory !== undefined) out.directory = directory;
  return out;
}

/** `workspaces` as an array of globs, or `{ packages: [...] }`. */
export function normaliseWorkspaces(value: unknown): string[] | undefined {
  const list = isObject(value) ? value.packages : value;
  if (!Array.isArray(list)) return undefined;
  return list.filter((v): v is string => typeof v === 'string');
}

/** Runtime dependencies whose range only a package manager resolves (`workspace:`, `catalog:`). */
export function workspaceRanges(data: Json): string[] {
  const names = new Set<string>();
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
    const deps = data[field];
    if (!isObject(deps)) continue;
    for (const [name, range] of Object.entries(deps)) {
      if (typeof range === 'string' && /^\s*(?:workspace|catalog):/.test(range)) names.add(name);
    }
  }
  return [...names].sort();
}

export function toPackageInfo(data: Json, raw: string, manifestPath: string, dir: string): PackageInfo {
  const scripts = isObject(data.scripts) ? data.scripts : {};
  const pkg: PackageInfo = {
    dir,
    manifestPath,
    raw,
    private: data.private === true || data.private === 'true',
    scripts: {},
  };
  const name = str(data.name);
  const version = str(data.version);
  const build = str(scripts.build);
  const test = str(scripts.test);
  const repository = normaliseRepository(data.repository);
  const packageManager = str(data.packageManager);
  const workspaces = normaliseWorkspaces(data.workspaces);
  if (name) pkg.name = name;
  if (version) pkg.version = version;
  if (build !== undefined) pkg.scripts.build = build;
  if (test !== undefined) pkg.scripts.test = test;
  if (repository) pkg.repository = repository;
  if (isObject(data.publishConfig)) pkg.publishConfig = data.publishConfig;
  if (packageManager) pkg.packageManagerField = packageManager;
  if (workspaces) pkg.workspaces = workspaces;
  const local = workspaceRanges(data);
  if (local.length > 0) pkg.workspaceRanges = local;
  return pkg;
}

/**
 * Read `<absDir>/package.json`. `dir` is the directory relative to the repository root,
 * stored in PackageInfo.dir.
 */
export function readPackage(absDir: string, dir: string): ReadResult {
  const manifestPath = join(absDir, 'package.json');
  const raw = readText(manifestPath);
  if (raw === undefined) {
    const problem = unreadableReason(manifestPath);
    return problem ? { status: 'unreadable', error: problem } : { status: 'missing' };
  }
  let data: unknown;
  try {
    data = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { status: 'invalid', error: error instanceof Error ? error.message : String(error) };
  }
  if (!isObject(data)) return { status: 'invalid', error: 'the top level is not an object' };
  return { status: 'ok', pkg: toPackageInfo(data, raw, manifestPath, dir) };
}

/** Findings for the target package.json itself. */
export function packageFindings(result: ReadResult, file: string, isWorkspaceRoot: boolean): Finding[] {
  // A Rush (or lerna) root needs no package.json of its own: rush.json names the packages.
  if (result.status === 'missing' && isWorkspaceRoot) return [];
  if (result.status === 'missing') {
    return [{
      id: 'no-package-json',
      level: 'error',
      message: 'There is no package.json in this directory.',
      fix: 'Run the tool in the directory of the package you publish.',
    }];
  }
  if (result.status === 'unreadable') {
    return [{
      id: 'unreadable-package-json',
      level: 'error',
      message: `package.json ${result.error}.`,
      file,
      fix: 'Make package.json a regular file you can read, then run the tool again.',
    }];
  }
  if (result.status === 'invalid') {
    return [{
      id: 'invalid-package-json',
      level: 'error',
      message: `package.json is not valid JSON: ${result.error}`,
      file,
      fix: 'Fix the syntax error, then run the tool again.',
    }];
  }
  const findings: Finding[] = [];
  if (result.pkg.private && !isWorkspaceRoot) {
    findings.push({
      id: 'private-package',
      level: 'error',
      message: `package.json has "private": true, so ${result.pkg.name ?? 'this package'} cannot be published.`,
      file,
      fix: 'Remove "private": true if the package is meant to be published.',
    });
  }
  if (!result.pkg.name && !result.pkg.private && !isWorkspaceRoot) {
    findings.push({ id: 'no-package-name', level: 'error', message: 'package.json has no "name".', file });
  }
  // A workspace root without a version is no package npm could publish: its workspaces are the packages.
  if (isWorkspaceRoot && result.pkg.version === undefined) return findings;
  findings.push(...nameFindings(result.pkg, file, 'error'));
  return findings;
}

/** A name for a message: control characters visible, secrets masked, long names cut. */
export const showName = (name: string): string => clip(shown(name), 80);

/**
 * npm's naming rules for a package that would be published: a broken rule is `level` (an error
 * for the package here, a warning for a workspace package, which is then skipped); a rule for
 * new names only is a warning. A missing "version" is a warning: the first release needs one.
 */
export function nameFindings(pkg: PackageInfo, file: string, level: 'error' | 'warning'): Finding[] {
  if (pkg.private || pkg.name === undefined) return [];
  const findings: Finding[] = [];
  const { errors, legacy } = checkPackageName(pkg.name);
  if (errors.length > 0) {
    findings.push({
      id: 'invalid-package-name',
      level,
      message: `"name" "${showName(pkg.name)}" breaks npm's naming rules: ${errors.join('; ')}.${level === 'warning' ? ' Skipped.' : ''}`,
      file,
      fix: 'Give it a valid npm name.',
    });
  } else if (legacy.length > 0) {
    findings.push({
      id: 'legacy-package-name',
      level: 'warning',
      message: `"name" "${showName(pkg.name)}": ${legacy.join('; ')}. npm accepts new versions of an existing package, not a new one.`,
      file,
    });
  }
  if (pkg.version === undefined) {
    findings.push({
      id: 'no-version',
      level: 'warning',
      message: `${showName(pkg.name)} has no "version": npm cannot publish it.`,
      file,
      fix: 'Add a "version", then run again.',
    });
  }
  return findings;
}

/** True when npm could publish a package with this name (rules for new names aside). */
export function publishableName(name: string): boolean {
  return checkPackageName(name).errors.length === 0;
}
