// Whether install can be a locked install (npm ci, --frozen-lockfile, --immutable): only with a
// lockfile "in reach" of the folder it runs in, its own or that of a workspace root above it
// (package.json "workspaces" or pnpm-workspace.yaml). A root lockfile of a repository that is
// not a workspace covers the root package only: `npm ci` in a subfolder fails with EUSAGE.
// Detection reads the files once (`lockfileAtWorkspaceRoot`); the planner asks `lockfileInReach`.
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import { readPackage } from './package-json.js';
import type { Detected, PackageManager } from '../core/model.js';

const dirOf = (lockfile: string) => (posix.dirname(lockfile) === '.' ? '' : posix.dirname(lockfile));

/** Whether the folder holding `lockfile` (relative to the git top level `top`) is a workspace root. */
export function lockfileAtWorkspaceRoot(top: string, lockfile: string | undefined): boolean {
  if (!lockfile) return false;
  const lockDir = dirOf(lockfile);
  const abs = join(top, lockDir);
  const root = readPackage(abs, lockDir);
  return (root.status === 'ok' && (root.pkg.workspaces?.length ?? 0) > 0) || existsSync(join(abs, 'pnpm-workspace.yaml'));
}

/** `installDir` relative to the repository root ('' for the root); `pm` needs its own lockfile. Reads no file. */
export function lockfileInReach(d: Detected, pm: PackageManager, installDir: string): boolean {
  const lockfile = d.packageManager.lockfile;
  if (!lockfile || d.packageManager.name !== pm) return false;
  const lockDir = dirOf(lockfile);
  if (lockDir === installDir) return true;
  if (lockDir !== '' && !installDir.startsWith(`${lockDir}/`)) return false;
  if (lockDir === '' && installDir === '') return false;
  return d.packageManager.atWorkspaceRoot === true;
}
