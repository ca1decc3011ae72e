// Locating and reading the shipped `templates/` directory (data files, not code).
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

/** Names (without `.hbs`) of the partials directly inside a templates subdirectory, sorted. */
export function partialNames(relativeDir: string): string[] {
  const abs = join(templatesDir(), ...relativeDir.split('/'));
  if (!existsSync(abs)) return [];
  return readdirSync(abs)
    .filter((file) => file.endsWith('.hbs'))
    .sort()
    .map((file) => file.slice(0, -'.hbs'.length));
}
