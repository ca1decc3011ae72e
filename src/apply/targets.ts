// What is really at each path a plan writes, checked before the first write: the plan is
// made from what detection could read, and a file it could not read (no permission, a named
// pipe, a symbolic link) looks like no file at all. Nothing is written through a folder that
// resolves outside the repository, over a file that is not a regular file, over a file that
// cannot be read, or into a folder that cannot be written.
import { accessSync, constants, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { FileChange } from '../model.js';
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

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException).code;
}

/** The deepest folder of `dir` (or `dir` itself) that exists. */
function existingAncestor(dir: string, root: string): string {
  let p = dir;
  for (;;) {
    try {
      lstatSync(p);
      return p;
    } catch (error) {
      if (code(error) !== 'ENOENT' || p === root || dirname(p) === p) return p;
      p = dirname(p);
    }
  }
}

/** A problem with the folder the file goes in, or undefined. */
function folderProblem(c: FileChange, abs: string, root: string, realRoot: string): string | undefined {
  const existing = existingAncestor(dirname(abs), root);
  const shown = relative(root, existing) || '.';
  let real: string;
  try {
    real = realpathSync(existing);
  } catch (error) {
    return `${c.path}: the folder ${shown} cannot be resolved (${code(error) ?? 'error'}).`;
  }
  if (!inside(realRoot, real)) {
    return `${c.path}: ${shown} leads to ${real}, outside the repository (through a symbolic link). Nothing is written there.`;
  }
  try {
    if (!lstatSync(real).isDirectory()) return `${c.path}: ${shown} is not a folder.`;
    accessSync(real, constants.W_OK | constants.X_OK);
  } catch (error) {
    return `${c.path}: cannot write in ${shown} (${code(error) === 'EACCES' || code(error) === 'EPERM' || code(error) === 'EROFS' ? 'permission denied' : (code(error) ?? 'error')}).`;
  }
  return undefined;
}

export function checkTarget(c: FileChange, root: string, realRoot: string): TargetCheck {
  const abs = join(root, c.path);
  if (!inside(root, abs) || isAbsolute(c.path)) return { change: c, abs, state: 'missing', problem: `${c.path} is outside the repository.` };
  const folder = folderProblem(c, abs, root, realRoot);
  if (folder) return { change: c, abs, state: 'missing', problem: folder };
  let st;
  try {
    st = lstatSync(abs);
  } catch (error) {
    if (code(error) === 'ENOENT') return { change: c, abs, state: 'missing' };
    return { change: c, abs, state: 'missing', problem: `${c.path} cannot be inspected (${code(error) ?? 'error'}).` };
  }
  if (st.isSymbolicLink()) {
    const to = readlinkSync(abs);
    return {
      change: c,
      abs,
      state: 'link',
      consent: `${c.path} is a symbolic link (to ${to}): replacing it turns it into a regular file (the link is kept as a .bak).`,
    };
  }
  const kind = specialKind(st);
  if (kind) return { change: c, abs, state: 'missing', problem: `${c.path} is ${kind}, not a regular file: it is not replaced. Remove it or choose another name.` };
  const read = readBytes(abs);
  if (!('bytes' in read)) {
    return { change: c, abs, state: 'file', problem: `${c.path} exists but ${read.problem}: it is not replaced. Fix its permissions (or remove it), then run again.` };
  }
  // An edit of a file that is not UTF-8 would write U+FFFD where its bytes were. (A whole
  // new file over it is fine: the replaced one is kept byte for byte as a .bak.)
  const bad = c.kind === 'update' && c.after.includes('\uFFFD') ? invalidUtf8At(read.bytes) : undefined;
  if (bad !== undefined) {
    return { change: c, abs, state: 'file', problem: `${c.path} is not valid UTF-8 (at byte ${bad}): editing it would replace those bytes. Save it as UTF-8, then run again.` };
  }
  if (c.kind === 'create') return { change: c, abs, state: 'file', consent: `${c.path} already exists and differs.` };
  return { change: c, abs, state: 'file' };
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
