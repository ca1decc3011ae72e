// The only code in the product that writes files. Every write is atomic (temp file in the
// same directory, then rename), replacing a file keeps a backup, and nothing that needs
// consent is written without it. Either every check passes before the first write, or
// nothing is written.
import { closeSync, constants, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FileChange } from '../model.js';
import { FailedError } from '../cli/errors.js';

export interface WriteResult {
  path: string;
  kind: FileChange['kind'];
  /** Backup of the previous content, relative to the repository root. */
  backup?: string;
}

/** `file.bak`, or `file.bak.2`, `.bak.3`... when one is already there. */
function backupPath(abs: string): string {
  let candidate = `${abs}.bak`;
  for (let n = 2; existsSync(candidate); n++) candidate = `${abs}.bak.${n}`;
  return candidate;
}

// Synchronous: a few small files, and each fs/promises call would be a thread-pool round trip.
function atomicWrite(abs: string, content: string): void {
  mkdirSync(dirname(abs), { recursive: true });
  // Unique enough with 'wx' below, which refuses to reuse an existing name.
  const tmp = join(dirname(abs), `.${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}.ctp-tmp`);
  let mode: number | undefined;
  try {
    mode = statSync(abs).mode & 0o777;
  } catch {
    mode = undefined;
  }
  const fd = openSync(tmp, 'wx', mode ?? 0o644);
  try {
    writeFileSync(fd, content, 'utf8');
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw error;
  }
  closeSync(fd);
  try {
    renameSync(tmp, abs);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
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

export async function applyChanges(changes: readonly FileChange[], options: ApplyOptions): Promise<WriteResult[]> {
  const blocked = blockedChanges(changes, options.consent);
  if (blocked.length > 0) {
    throw new FailedError(
      `${blocked.map((c) => c.path).join(', ')} already exists and differs. Nothing was written.\n` +
        'Re-run with --force to replace it (the current file is kept as a .bak backup), or choose another --workflow name.',
    );
  }
  const results: WriteResult[] = [];
  for (const c of changes) {
    const abs = join(options.root, c.path);
    if (c.kind === 'unchanged') {
      results.push({ path: c.path, kind: c.kind });
      continue;
    }
    let backup: string | undefined;
    if (c.kind === 'update' && c.needsConsent) {
      const target = backupPath(abs);
      copyFileSync(abs, target, constants.COPYFILE_EXCL);
      backup = target.slice(options.root.length + 1);
    }
    atomicWrite(abs, c.after);
    results.push({ path: c.path, kind: c.kind, backup });
  }
  return results;
}
