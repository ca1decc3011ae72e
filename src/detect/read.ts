// Detection reads a handful of small local files. It reads them synchronously: each
// fs/promises call is a round trip through libuv's thread pool (~0.13 ms here, and readFile
// is four of them), while a synchronous read of a small file takes ~0.01 ms. Loading
// fs/promises alone costs ~1 ms of start-up.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';

/** The file's text, or undefined when it cannot be read (missing, a directory, no access). */
export function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The first `bytes` bytes of the file as text (a lockfile can be megabytes), or undefined. */
export function readHead(path: string, bytes: number): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.toString('utf8', 0, read);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
