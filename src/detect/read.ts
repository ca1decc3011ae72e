// Detection reads a handful of small local files. It reads them synchronously: each
// fs/promises call is a round trip through libuv's thread pool (~0.13 ms here, and readFile
// is four of them), while a synchronous read of a small file takes ~0.01 ms. Loading
// fs/promises alone costs ~1 ms of start-up.
//
// Only regular files are read. A named pipe (FIFO) or a device in a repository would block
// a plain open or read forever (or never end, like /dev/zero): every file is opened with
// O_NONBLOCK, then checked with fstat on the open descriptor (no race between a check and
// the open), and read only when it is a regular file.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** Why a path that exists cannot be read as a file, in a few words ("a named pipe (FIFO)"). */
export function specialKind(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

export type Opened = { fd: number; size: number } | { problem: string; missing: boolean };

/** Opens a regular file for reading without ever blocking; otherwise says why not. */
export function openRegular(path: string): Opened {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: 'missing', missing: true };
    if (code === 'EACCES' || code === 'EPERM') return { problem: 'cannot be read (permission denied)', missing: false };
    if (code === 'EISDIR') return { problem: 'is a folder', missing: false };
    if (code === 'ELOOP') return { problem: 'is a symbolic link that loops', missing: false };
    return { problem: `cannot be opened (${code ?? 'error'})`, missing: false };
  }
  try {
    const st = fstatSync(fd);
    const kind = specialKind(st);
    if (kind === undefined) return { fd, size: st.size };
    closeSync(fd);
    return { problem: `is ${kind}, not a regular file`, missing: false };
  } catch {
    closeSync(fd);
    return { problem: 'cannot be read', missing: false };
  }
}

function readAll(fd: number, size: number, limit = Infinity): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  let chunk = Buffer.alloc(Math.min(Math.max(size, 4096) + 1, limit));
  for (;;) {
    const n = readSync(fd, chunk, 0, Math.min(chunk.length, limit - total), null);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total >= limit) break;
    chunk = Buffer.alloc(chunk.length);
  }
  return Buffer.concat(chunks, total);
}

/** The raw bytes of a regular file, or why they cannot be read. */
export function readBytes(path: string, limit?: number): { bytes: Buffer } | { problem: string; missing: boolean } {
  const opened = openRegular(path);
  if (!('fd' in opened)) return opened;
  try {
    return { bytes: readAll(opened.fd, opened.size, limit) };
  } catch (error) {
    return { problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, missing: false };
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

/** Where `bytes` stop being UTF-8 (a byte offset), or undefined when they are valid UTF-8. */
export function invalidUtf8At(bytes: Uint8Array): number | undefined {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return undefined;
  } catch {
    // Rare: find the offset by decoding growing prefixes along valid boundaries.
    const text = Buffer.from(bytes).toString('utf8');
    const bad = text.indexOf('\uFFFD');
    return Buffer.byteLength(text.slice(0, Math.max(bad, 0)), 'utf8');
  }
}
