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

/** The message for an expected file-system error, or undefined for anything else. */
export function systemErrorMessage(error: unknown): string | undefined {
  if (!isSystemError(error)) return undefined;
  const file = where(target(error));
  switch (error.code) {
    case 'ENOENT':
      if (error.syscall === 'uv_cwd' || /process\.cwd/.test(error.message)) {
        return 'The current directory no longer exists (it was deleted or moved while the shell stayed in it).\ncd into the repository again, then run the command again.';
      }
      return `${file}: no such file or directory (it was removed or moved while this ran, perhaps by another run at the same time).\nRun the command again once nothing else is changing the repository.`;
    case 'EISDIR':
      return `${file} is a directory, where a file should be written.\nMove or rename that directory (or choose another --workflow name), then run again.`;
    case 'ENOTDIR':
      return `${file}: a part of this path is a file, where a directory should be.\nMove that file away, then run again.`;
    case 'EACCES':
    case 'EPERM':
      return `${file}: permission denied.\nMake it (and its folder) writable for you, e.g. chmod u+w on it, or run where you can write.`;
    case 'EROFS':
      return `${file} is on a read-only file system.\nRun the tool in a writable copy of the repository.`;
    case 'EEXIST':
    case 'ENOTEMPTY':
      return `${file} already exists and is in the way (a directory, or another run writing at the same time).\nMove it away, or wait for the other run to finish, then run again.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `${file}: no space left on the device.\nFree some space, then run again.`;
    case 'EMFILE':
    case 'ENFILE':
      return 'Too many open files on this system.\nClose some programs, then run again.';
    case 'ELOOP':
      return `${file}: too many symbolic links (a link that points at itself?).\nFix or remove the link, then run again.`;
    case 'ENAMETOOLONG':
      return `${file}: the path is too long for this file system.\nUse a shorter name, then run again.`;
    default:
      return undefined;
  }
}
