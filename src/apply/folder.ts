// The folder a file is written in, held open from the checks to the write. Between the
// checks (targets.ts) and the write, a folder on the way (`.github/workflows`) can be
// swapped for a symbolic link to somewhere outside the repository. On Linux each folder is
// opened one name at a time from the repository root without following links, and the
// writes go through the open folder (/proc/self/fd/N/name, which always means that very
// folder, wherever a path now leads). Elsewhere the folder's real path is checked again
// right before the write.
import { closeSync, constants, existsSync, lstatSync, mkdirSync, openSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';

export interface Folder {
  /** A path to write through: the open folder's, or the checked real path. */
  path: string;
  /** The first folder this made (through the open parent), to remove on a roll back. */
  created?: string;
}

const BY_FD = process.platform === 'linux' && existsSync('/proc/self/fd');
const OPEN = constants.O_RDONLY | constants.O_DIRECTORY | (constants.O_NOFOLLOW ?? 0);

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

const outside = () => new Error('a folder on the way now leads outside the repository');

/** Opens (and makes) the folders of `dir`, relative to `root`; close them with `release`. */
export function holdFolder(root: string, dir: string): Folder & { release(): void } {
  const realRoot = realpathSync(root);
  const parts = relative(root, dir).split(sep).filter(Boolean);
  if (!BY_FD) {
    let created: string | undefined;
    try {
      created = mkdirSync(dir, { recursive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (!inside(realRoot, realpathSync(dir))) throw outside();
    return { path: dir, ...(created ? { created } : {}), release: () => {} };
  }
  const fds = [openSync(realRoot, constants.O_RDONLY | constants.O_DIRECTORY)];
  const release = () => fds.splice(0).forEach((fd) => closeSync(fd));
  const here = () => `/proc/self/fd/${fds[fds.length - 1]}`;
  let created: string | undefined;
  try {
    for (let hops = 0; parts.length > 0; ) {
      const at = `${here()}/${parts[0]}`;
      try {
        fds.push(openSync(at, OPEN));
        parts.shift();
        continue;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' && ++hops <= 40) {
          try {
            mkdirSync(at);
            created ??= at;
          } catch (made) {
            // Made meanwhile by someone else: open what is there now, as above.
            if ((made as NodeJS.ErrnoException).code !== 'EEXIST') throw made;
          }
          continue;
        }
        if ((code !== 'ELOOP' && code !== 'ENOTDIR') || !lstatSync(at).isSymbolicLink() || ++hops > 40) throw error;
      }
      // A link inside the repository (allowed by the checks): follow it by its real path,
      // again one name at a time from the root.
      const real = realpathSync(at);
      if (!inside(realRoot, real)) throw outside();
      parts.splice(0, 1, ...relative(realRoot, real).split(sep).filter(Boolean));
      fds.splice(1).forEach((fd) => closeSync(fd));
    }
  } catch (error) {
    release();
    throw error;
  }
  return { path: here(), ...(created ? { created } : {}), release };
}
