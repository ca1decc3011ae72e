// Detection reads a handful of small local files. It reads them synchronously: each
// fs/promises call is a round trip through libuv's thread pool (and readFile is four of
// them), several times slower than a synchronous read of a small file, and loading
// fs/promises adds to start-up (docs/performance.md has the figures).
//
// Only regular files are read. A named pipe (FIFO) or a device in a repository would block
// a plain open or read forever (or never end, like /dev/zero): every file is opened with
// O_NONBLOCK, then checked with fstat on the open descriptor (no race between a check and
// the open), and read only when it is a regular file.
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync, type Stats } from 'node:fs';

/** Why a path that exists cannot be read as a file, in a few words ("a named pipe (FIFO)"). */
export function specialKind(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

export type Failed = { problem: string; missing: boolean };

/** Opens a regular file for reading without ever blocking; otherwise says why not. */
function openRegular(path: string): { fd: number } | Failed {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: 'missing', missing: true };
    return { problem: code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)' : `cannot be opened (${code})`, missing: false };
  }
  const kind = specialKind(fstatSync(fd));
  if (kind === undefined) return { fd };
  closeSync(fd);
  return { problem: `is ${kind}, not a regular file`, missing: false };
}

/** The raw bytes of a regular file (at most `limit`), or why they cannot be read. */
export function readBytes(path: string, limit?: number): { bytes: Buffer } | Failed {
  const opened = openRegular(path);
  if (!('fd' in opened)) return opened;
  try {
    if (limit === undefined) return { bytes: readFileSync(opened.fd) };
    const buffer = Buffer.alloc(limit);
    return { bytes: buffer.subarray(0, readSync(opened.fd, buffer, 0, limit, 0)) };
  } catch (error) {
    return { problem: `cannot be read (${(error as NodeJS.ErrnoException).code})`, missing: false };
  } finally {
    closeSync(opened.fd);
  }
}

/** The file's text, or undefined when it cannot be read (missing, a directory, a FIFO, no access). */
export function readText(path: string): string | undefined {
  const r = readBytes(path);
  return 'bytes' in r ? r.bytes.toString('utf8') : undefined;
}

/** Why the file exists but cannot be read as text; undefined when it is readable or missing. */
export function unreadableReason(path: string): string | undefined {
  const r = readBytes(path, 1);
  return 'bytes' in r || r.missing ? undefined : r.problem;
}

/** The first `bytes` bytes of the file as text (a lockfile can be megabytes), or undefined. */
export function readHead(path: string, bytes: number): string | undefined {
  const r = readBytes(path, bytes);
  return 'bytes' in r ? r.bytes.toString('utf8') : undefined;
}

/** The byte offset of the first sequence that is not UTF-8, or undefined when all of it is. */
export function invalidUtf8At(bytes: Buffer): number | undefined {
  const text = bytes.toString('utf8');
  if (Buffer.from(text).equals(bytes)) return undefined;
  return Buffer.byteLength(text.slice(0, text.indexOf('\uFFFD')));
}
