// `npm version <bump>` runs the package's preversion, version and postversion scripts
// (libnpmversion), and so does `pnpm version <bump>` (pnpm up to 10 hands `version` to npm; pnpm
// 11's own command runs the same three) and Yarn 1's `yarn version`. A release may publish from
// one of them (`"postversion": "pnpm publish"`). Yarn 2 and newer run none of them, and
// `--ignore-scripts` turns them off.

/** The lifecycle scripts a version bump runs, in order. */
export const VERSION_SCRIPTS = ['preversion', 'version', 'postversion'] as const;

/** `npm version`, `pnpm version`, `yarn version` and the rest of that command (up to `;`, `&`, `|` or a comment). */
const VERSION_COMMAND = /\b(npm|pnpm|yarn)\s+version\b([^;&|#\n]*)/g;

/** A bump: a version or a release word (`patch`, `1.2.3`, `from-git`, `$NEXT`); Yarn 1 also takes `--patch` and `--new-version <v>`. */
const BUMP = /(?:^|\s)[^\s-]/;
const YARN1_BUMP = /(?:^|\s)(?:--(?:major|minor|patch|premajor|preminor|prepatch|prerelease|new-version)\b|[^\s-])/;

/**
 * The package.json scripts a line runs through a version bump, or [] (no bump, `--ignore-scripts`,
 * or Yarn 2+). `line` is shell code without its comment.
 */
export function versionScriptsRun(line: string, scripts: Readonly<Record<string, string>>, yarnBerry = false): string[] {
  for (const [, tool, rest = ''] of line.matchAll(VERSION_COMMAND)) {
    if (/--ignore-scripts\b(?![=\s]+false\b)/.test(rest)) continue;
    if (tool === 'yarn' && yarnBerry) continue;
    if (!(tool === 'yarn' ? YARN1_BUMP : BUMP).test(rest)) continue;
    return VERSION_SCRIPTS.filter((name) => Object.hasOwn(scripts, name));
  }
  return [];
}

/** Yarn 2 or newer, from package.json's packageManager field, else from a .yarnrc.yml (Yarn 1 reads .yarnrc). */
export function isYarnBerry(readFile: (path: string) => string | undefined): boolean {
  let field: unknown;
  try {
    field = (JSON.parse(readFile('package.json') ?? '{}') as { packageManager?: unknown }).packageManager;
  } catch {
    field = undefined;
  }
  const yarn = typeof field === 'string' ? /^\s*yarn@(\d+)\./.exec(field) : null;
  if (yarn) return Number(yarn[1]) >= 2;
  return readFile('.yarnrc.yml') !== undefined;
}
