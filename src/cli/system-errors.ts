// Expected failures of the file system, each said in plain words with the file and the fix,
// instead of "Something went wrong". Node's errors carry `code`, `syscall` and `path`.
import { relative, isAbsolute } from 'node:path';

type SystemError = Error & { code?: string; syscall?: string; path?: string; dest?: string };

function isSystemError(error: unknown): error is SystemError {
  return error instanceof Error && typeof (error as SystemError).code === 'string';
}

/** The path as the user knows it: relative to the current directory when inside it. */
function where(path: string | undefined): string {
  if (!path) return 'a file';
  let cwd: string | undefined;
  try {
    cwd = process.cwd();
  } catch {
    cwd = undefined;
  }
  const rel = cwd && isAbsolute(path) ? relative(cwd, path) : path;
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** A temp file of ours (`.<pid>-<time>-<random>.ctp-tmp`): name its destination instead. */
function target(error: SystemError): string | undefined {
  const tmp = error.path && /\.ctp-tmp$/.test(error.path);
  return tmp && error.dest ? error.dest : error.path;
}

/** What each expected error means, and the fix: `[what, fix]`, after the file's name. */
const KNOWN: Record<string, [string, string]> = {
  ENOENT: [': no such file (removed while this ran?)', 'Let other runs finish.'],
  EISDIR: [' is a directory, not a file', 'Move it away.'],
  ENOTDIR: [': part of this path is a file', 'Move that file away.'],
  EACCES: [': permission denied', 'Make it and its folder writable (chmod u+w).'],
  EROFS: [' is on a read-only file system', 'Use a writable copy.'],
  EEXIST: [' is in the way (a directory, or another run)', 'Move it away, or let the other run finish.'],
  ENOSPC: [': no space left on the device', 'Free some space.'],
};
KNOWN.EPERM = KNOWN.EACCES!;
KNOWN.ENOTEMPTY = KNOWN.EEXIST!;
KNOWN.EDQUOT = KNOWN.ENOSPC!;

/** The message for an expected file-system error, or undefined for anything else. */
export function systemErrorMessage(error: unknown): string | undefined {
  if (!isSystemError(error)) return undefined;
  if (error.syscall === 'uv_cwd' || /process\.cwd/.test(error.message)) {
    return 'The current directory no longer exists (deleted or moved).\ncd into the repository again, then run again.';
  }
  const known = KNOWN[error.code ?? ''];
  return known && `${where(target(error))}${known[0]}.\n${known[1]} Then run again.`;
}
