// Folders relative to the repository root, as the user or package.json gives them.
import { fail, ok, type Parsed } from './parsed.js';

/** The folder names of a relative path: `./packages/a/` and `packages\a` give `packages`, `a`. */
export function dirParts(dir: string): string[] {
  return dir.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
}

/** True for `/x`, `\x` and `C:...`: a path that does not start at the repository root. */
export const isAbsoluteDir = (dir: string): boolean => /^([\\/]|[A-Za-z]:)/.test(dir);

/** `./packages/a/` as `packages/a` ('' for the root); refused when it leaves the repository. */
export function parseRepoDir(dir: string): Parsed<string> {
  const parts = dirParts(dir);
  if (parts.includes('..') || isAbsoluteDir(dir)) return fail(`package directory must be inside the repository: ${JSON.stringify(dir)}`);
  return ok(parts.join('/'));
}
