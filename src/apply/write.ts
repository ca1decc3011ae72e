// The only code in the product that writes files. Every write is atomic (temp file in the
// same directory, then rename), replacing a file keeps a backup, and nothing that needs
// consent is written without it. Every target is checked before the first write
// (targets.ts); a write that still fails rolls back the ones before it, so a run writes
// all its files or none.
import { closeSync, constants, copyFileSync, fsyncSync, linkSync, lstatSync, openSync, readlinkSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { FileChange } from '../core/model.js';
import { ConsentNeededError, FailedError } from '../core/errors.js';
import { checkTargets, exists, type TargetCheck } from './targets.js';
import { removeStaleTemps, tempPath, withTempCleanup } from './temp.js';
import { holdFolder } from './folder.js';

export interface WriteResult {
  path: string;
  kind: FileChange['kind'];
  /** Backup of the previous content, relative to the repository root. */
  backup?: string;
}

/** `file.bak`, or `file.bak.2`, `.bak.3`... when one is already there (a dangling link counts). */
function backupPath(abs: string): string {
  let candidate = `${abs}.bak`;
  for (let n = 2; exists(candidate); n++) candidate = `${abs}.bak.${n}`;
  return candidate;
}

/**
 * Keeps what is at `abs` at `target`: the same link for a symbolic link; for a file, a second
 * name for it (a hard link: the write below renames a new file over `abs` and never changes
 * this one), or a copy where the file system refuses hard links.
 */
function backUp(t: TargetCheck, target: string): void {
  if (t.state === 'link') {
    symlinkSync(readlinkSync(t.abs), target);
    return;
  }
  try {
    linkSync(t.abs, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw error;
    copyFileSync(t.abs, target, constants.COPYFILE_EXCL);
  }
}

// Synchronous: a few small files, and each fs/promises call would be a thread-pool round trip.
function atomicWrite(t: TargetCheck, content: string, temps: Set<string>): void {
  const tmp = tempPath(t.abs);
  // A regular file keeps its mode; a link is replaced by a plain file.
  const mode = t.state === 'file' ? lstatSync(t.abs).mode & 0o777 : 0o644;
  temps.add(tmp);
  let renamed = false;
  try {
    const fd = openSync(tmp, 'wx', mode);
    try {
      writeFileSync(fd, content, 'utf8');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, t.abs);
    renamed = true;
  } finally {
    if (!renamed) rmSync(tmp, { force: true });
    temps.delete(tmp);
  }
}

export interface ApplyOptions {
  /** Absolute repository root the change paths are relative to. */
  root: string;
  /** Consent to replace files that need it (`--force` or an interactive yes). */
  consent: boolean;
}

/** Files that would be replaced without consent. */
export function blockedChanges(changes: readonly FileChange[], consent: boolean): FileChange[] {
  return consent ? [] : changes.filter((c) => c.needsConsent && c.kind === 'update');
}

/** What a failed run undoes: created folders and files, replaced contents. */
interface Undo {
  abs: string;
  createdDir?: string;
  /** Where the previous file or link was copied; undefined when there was none. */
  saved?: string;
  /** The saved copy is the user's .bak (kept after success), not a temp file. */
  keep: boolean;
}

function rollBack(done: readonly Undo[]): void {
  for (const u of [...done].reverse()) {
    try {
      if (u.saved) {
        renameSync(u.saved, u.abs);
        // A hard link to a file that was never replaced: rename leaves both names.
        rmSync(u.saved, { force: true });
      } else rmSync(u.abs, { force: true });
      if (u.createdDir) rmSync(u.createdDir, { recursive: true, force: true });
    } catch {
      // Best effort: the message says which file failed.
    }
  }
}

function refuse(checks: readonly TargetCheck[], consent: boolean): void {
  const problems = checks.flatMap((t) => (t.problem ? [t.problem] : []));
  if (problems.length > 0) throw new FailedError(`${problems.join('\n')}\nNothing was written.`);
  if (consent) return;
  const blocked = checks.filter((t) => (t.change.needsConsent && t.change.kind === 'update') || t.consent);
  if (blocked.length === 0) return;
  throw new ConsentNeededError(blocked.map((t) => t.consent ?? `${t.change.path} already exists and differs.`));
}

export async function applyChanges(changes: readonly FileChange[], options: ApplyOptions): Promise<WriteResult[]> {
  const checks = checkTargets(changes, options.root);
  refuse(checks, options.consent);
  const byChange = new Map(checks.map((t) => [t.change, t]));
  const results: WriteResult[] = [];
  const done: Undo[] = [];
  const held: Array<() => void> = [];
  await withTempCleanup((temps) => {
    for (const c of changes) {
      const checked = byChange.get(c);
      if (c.kind === 'unchanged' || !checked) {
        results.push({ path: c.path, kind: c.kind });
        continue;
      }
      try {
        // Written through its folder held open, not through a path a swapped folder could redirect.
        const folder = holdFolder(options.root, dirname(checked.abs));
        held.push(folder.release);
        const t: TargetCheck = { ...checked, abs: join(folder.path, basename(checked.abs)) };
        const createdDir = folder.created;
        removeStaleTemps(folder.path);
        // A .bak is kept only when the user agreed to replace what is there; any other
        // replaced file is saved to a temp file until every write has succeeded.
        const keep = t.state !== 'missing' && (c.needsConsent || t.consent !== undefined);
        const undo: Undo = { abs: t.abs, keep, ...(createdDir ? { createdDir } : {}) };
        if (t.state !== 'missing') {
          const saved = keep ? backupPath(t.abs) : tempPath(t.abs);
          if (!keep) temps.add(saved);
          backUp(t, saved);
          undo.saved = saved;
        }
        done.push(undo);
        atomicWrite(t, c.after, temps);
        results.push({ path: c.path, kind: t.state === 'missing' ? 'create' : 'update', backup: keep && undo.saved ? join(dirname(c.path), basename(undo.saved)) : undefined });
      } catch (error) {
        rollBack(done);
        const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
        throw new FailedError(`Could not write ${c.path} (${reason}). Every file this run had written was put back: nothing was changed.`);
      }
    }
    for (const u of done) {
      if (!u.saved || u.keep) continue;
      unlinkSync(u.saved);
      temps.delete(u.saved);
    }
  }).finally(() => held.forEach((release) => release()));
  return results;
}
