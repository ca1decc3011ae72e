// Locating and reading the `templates/` directory: the template sources (read only when running
// from source) and actions.json, the one data file the package ships.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The file that marks the templates directory. */
const MARKER = join('templates', 'actions.json');

let cachedDir: string | undefined;

/**
 * The `templates/` directory of this package, found by walking up from this module:
 * `src/render/templates.ts` (two levels below the root) or a bundled `dist/cli.js` (one).
 */
export function templatesDir(): string {
  if (cachedDir) return cachedDir;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, MARKER))) return (cachedDir = join(dir, 'templates'));
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`create-trusted-publish: cannot find ${MARKER} above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** Text of a template file, path relative to `templates/` with `/` separators. */
export function readTemplate(relativePath: string): string {
  return readFileSync(join(templatesDir(), ...relativePath.split('/')), 'utf8');
}

/** File names directly inside a templates subdirectory (none when it does not exist). */
export function templateFileNames(relativeDir: string): string[] {
  const abs = join(templatesDir(), ...relativeDir.split('/'));
  return existsSync(abs) ? readdirSync(abs) : [];
}
