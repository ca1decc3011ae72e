// What is really at each path a plan writes, checked before the first write: the plan is
// made from what detection could read, and a file it could not read (no permission, a named
// pipe, a symbolic link) looks like no file at all. Nothing is written through a folder that
// resolves outside the repository, over a file that is not a regular file, over a file that
// cannot be read, or into a folder that cannot be written.
import { accessSync, constants, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { FileChange } from '../core/model.js';
import { invalidUtf8At, readBytes, specialKind } from '../detect/read.js';

export interface TargetCheck {
  change: FileChange;
  abs: string;
  /** What is at the path now. */
  state: 'missing' | 'file' | 'link';
  /** Why the change cannot be written at all (consent does not help). */
  problem?: string;
  /** Why replacing it needs consent, beyond what the plan says. */
  consent?: string;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

const code = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** True when something (a dangling link too) is at `path`. */
export function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A problem with the folder the file goes in, or undefined. */
function folderProblem(c: FileChange, abs: string, root: string, realRoot: string): string | undefined {
  // The deepest existing folder on the way: what a recursive mkdir would create in.
  let existing = dirname(abs);
  while (existing !== root && !exists(existing)) existing = dirname(existing);
  const shown = relative(root, existing) || '.';
  try {
    const real = realpathSync(existing);
    if (!inside(realRoot, real)) return `${c.path}: ${shown} leads to ${real}, outside the repository (through a symbolic link). Nothing is written there.`;
    if (!lstatSync(real).isDirectory()) return `${c.path}: ${shown} is not a folder.`;
    accessSync(real, constants.W_OK | constants.X_OK);
    return undefined;
  } catch (error) {
    return `${c.path}: cannot write in ${shown} (${/^(EACCES|EPERM|EROFS)$/.test(code(error) ?? '') ? 'permission denied' : code(error)}).`;
  }
}

export function checkTarget(c: FileChange, root: string, realRoot: string): TargetCheck {
  const abs = join(root, c.path);
  const t = (state: TargetCheck['state'], more: Partial<TargetCheck> = {}): TargetCheck => ({ change: c, abs, state, ...more });
  const problem = !inside(root, abs) ? `${c.path} is outside the repository.` : folderProblem(c, abs, root, realRoot);
  if (problem) return t('missing', { problem });
  if (!exists(abs)) return t('missing');
  const st = lstatSync(abs);
  if (st.isSymbolicLink()) {
    return t('link', { consent: `${c.path} is a symbolic link (to ${readlinkSync(abs)}): replacing it turns it into a regular file (the link is kept as a .bak).` });
  }
  const kind = specialKind(st);
  if (kind) return t('missing', { problem: `${c.path} is ${kind}, not a regular file: it is not replaced. Remove it or choose another name.` });
  const read = readBytes(abs);
  if (!('bytes' in read)) return t('file', { problem: `${c.path} exists but ${read.problem}: it is not replaced. Fix its permissions (or remove it), then run again.` });
  // An edit of a file that is not UTF-8 would write U+FFFD where its bytes were. (A whole
  // new file over it is fine: the replaced one is kept byte for byte as a .bak.)
  const bad = c.kind === 'update' && c.after.includes('\uFFFD') ? invalidUtf8At(read.bytes) : undefined;
  if (bad !== undefined) {
    return t('file', { problem: `${c.path} is not valid UTF-8 (at byte ${bad}): editing it would replace those bytes. Save it as UTF-8, then run again.` });
  }
  return t('file', c.kind === 'create' ? { consent: `${c.path} already exists and differs.` } : {});
}

/** Checks every path the changes write (unchanged files are not written, so not checked). */
export function checkTargets(changes: readonly FileChange[], root: string): TargetCheck[] {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = root;
  }
  return changes.filter((c) => c.kind !== 'unchanged').map((c) => checkTarget(c, root, realRoot));
}

/** The problems no consent can lift, one per line; empty when there are none. */
export function targetProblems(changes: readonly FileChange[], root: string): string[] {
  return checkTargets(changes, root).flatMap((t) => (t.problem ? [t.problem] : []));
}

/**
 * The changes with every target that needs consent marked so (a symbolic link in the way,
 * a file detection could not see): front-ends then ask before replacing it, as they do for
 * a workflow the user wrote, and the plan says "replace" instead of "create".
 */
export function markConsent(changes: readonly FileChange[], root: string): FileChange[] {
  const needing = new Set(checkTargets(changes, root).filter((t) => t.consent && !t.problem).map((t) => t.change));
  if (needing.size === 0) return [...changes];
  return changes.map((c) => (needing.has(c) ? { ...c, kind: 'update', needsConsent: true } : c));
}
