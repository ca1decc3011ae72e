// An Angular library that ng-packagr builds: the repository holds the library's package.json beside
// its ng-package.json, and the build writes the published package.json into `dest` (ng-packagr's
// default is `dist`, relative to the ng-package.json folder). A workflow publishes from that
// build folder, which the repository does not hold.
import { join, posix } from 'node:path';
import { readText } from './read.js';
import { descendants } from './workspaces.js';

/** Build output and caches that hold no ng-package.json of the library's own. */
const SKIP = /(?:^|\/)(?:dist|tmp|coverage|out-tsc)(?:\/|$)/;

/** The `dest` of an ng-package.json text, relative to the repository top; undefined when unreadable. */
function destOf(text: string, dir: string): string | undefined {
  try {
    const dest = (JSON.parse(text) as { dest?: unknown }).dest;
    return posix.join(dir, typeof dest === 'string' ? dest : 'dist');
  } catch {
    return undefined;
  }
}

/**
 * The folder (relative to `top`) of the library whose ng-packagr build writes `folder`, when exactly
 * one ng-package.json names it as its `dest`; undefined otherwise.
 */
export function ngPackagrSource(top: string, folder: string): string | undefined {
  const found = descendants(top, '', 0)
    .filter((dir) => !SKIP.test(dir))
    .filter((dir) => {
      const text = readText(join(top, dir, 'ng-package.json'));
      return text !== undefined && destOf(text, dir) === folder;
    });
  return found.length === 1 ? found[0] : undefined;
}
