// `lerna publish` uploads with libnpmpublish and does its own OIDC exchange (a copy of the npm
// CLI's), so the npm CLI's version does not matter to it, but lerna's own does: the exchange is in
// lerna 9.0.0 and newer for GitHub Actions and GitLab, and 10.0.0 and newer for CircleCI
// (lerna/lerna: libs/core/src/lib/oidc.ts, called from npm-publish.ts before each upload).
// Doctor and migrate read the version package.json asks for here.

/** A line that runs `lerna publish`. */
export const LERNA_PUBLISH = /\blerna\s+publish\b/;

/** The first lerna major with the OIDC exchange (on GitHub Actions and GitLab). */
export const LERNA_FIRST_OIDC_MAJOR = 9;

/** The lerna version range the top package.json asks for, or undefined. */
export function lernaRange(readFile: ((path: string) => string | undefined) | undefined): string | undefined {
  const text = readFile?.('package.json');
  if (text === undefined) return undefined;
  try {
    const pkg = JSON.parse(text) as { devDependencies?: Record<string, unknown>; dependencies?: Record<string, unknown> };
    const range = pkg.devDependencies?.['lerna'] ?? pkg.dependencies?.['lerna'];
    return typeof range === 'string' ? range : undefined;
  } catch {
    return undefined;
  }
}

/** The major of a lerna version range, or undefined when it names none. */
export function lernaMajor(range: string | undefined): number | undefined {
  const major = range === undefined ? undefined : /^\s*(?:[\^~]|>=?)?\s*v?(\d+)/.exec(range)?.[1];
  return major === undefined ? undefined : Number(major);
}
