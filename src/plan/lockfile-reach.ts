// Whether install can be a locked install (npm ci, --frozen-lockfile, --immutable): only with a
// lockfile "in reach" of the folder it runs in, its own or that of a workspace root above it
// (package.json "workspaces" or pnpm-workspace.yaml). A root lockfile of a repository that is
// not a workspace covers the root package only: `npm ci` in a subfolder fails with EUSAGE.
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { readPackage } from '../detect/package-json.js';
import type { Detected, PackageManager } from '../model.js';

/** `installDir` relative to the repository root ('' for the root); `pm` needs its own lockfile. */
export function lockfileInReach(d: Detected, pm: PackageManager, installDir: string): boolean {
  const lockfile = d.packageManager.lockfile;
  if (!lockfile || d.packageManager.name !== pm) return false;
  const lockDir = posix.dirname(lockfile) === '.' ? '' : posix.dirname(lockfile);
  if (lockDir === installDir) return true;
  if (lockDir !== '' && !installDir.startsWith(`${lockDir}/`)) return false;
  if (lockDir === '' && installDir === '') return false;
  // The git top level, from the folder the user pointed at and its prefix.
  const depth = d.git.prefix ? d.git.prefix.split('/').length : 0;
  const abs = join(d.root, ...Array<string>(depth).fill('..'), lockDir);
  const root = readPackage(abs, lockDir);
  return (root.status === 'ok' && (root.pkg.workspaces?.length ?? 0) > 0) || existsSync(join(abs, 'pnpm-workspace.yaml'));
}
