// Whether the install step can be a locked install (npm ci, --frozen-lockfile, --immutable):
// only when a lockfile is "in reach" of the folder it runs in. npm, pnpm, Yarn and Bun look
// for the lockfile in that folder, or at the workspace root above it when the folder is one
// of its workspaces; a lockfile at the repository root of a package that is not a workspace
// covers the root package only, and `npm ci` in the package's folder fails with EUSAGE.
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { readPackage } from '../detect/package-json.js';
import { globToRegExp } from '../detect/workspaces.js';
import type { Detected, PackageManager } from '../model.js';

/** The git top level, from the folder the user pointed at and its prefix. */
function topLevel(d: Detected): string {
  const depth = d.git.prefix ? d.git.prefix.split('/').length : 0;
  return depth ? join(d.root, ...Array<string>(depth).fill('..')) : d.root;
}

/** True when `dir` (relative to the repository root) is a workspace of the package in `rootDir`. */
function isWorkspaceOf(d: Detected, rootDir: string, dir: string): boolean {
  const abs = join(topLevel(d), rootDir);
  const read = readPackage(abs, rootDir);
  const globs = read.status === 'ok' ? (read.pkg.workspaces ?? []) : [];
  const rel = rootDir ? dir.slice(rootDir.length + 1) : dir;
  if (globs.some((glob) => globToRegExp(glob.replace(/^\.\//, '').replace(/\/$/, '')).test(rel))) return true;
  // pnpm lists its workspaces in pnpm-workspace.yaml: a member's install reaches the root lockfile.
  return existsSync(join(abs, 'pnpm-workspace.yaml'));
}

/**
 * `installDir`: where install runs, relative to the repository root ('' for the root);
 * `pm`: the package manager the workflow installs with (its own lockfile is needed).
 */
export function lockfileInReach(d: Detected, pm: PackageManager, installDir: string): boolean {
  const lockfile = d.packageManager.lockfile;
  if (!lockfile || d.packageManager.name !== pm) return false;
  const lockDir = posix.dirname(lockfile) === '.' ? '' : posix.dirname(lockfile);
  if (lockDir === installDir) return true;
  const inside = lockDir === '' ? installDir !== '' : installDir.startsWith(`${lockDir}/`);
  return inside && isWorkspaceOf(d, lockDir, installDir);
}
