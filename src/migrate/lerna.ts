// `lerna publish` uploads with libnpmpublish and does its own OIDC exchange (a copy of the npm
// CLI's), so the npm CLI's version does not matter to it, but lerna's own does: the exchange is in
// lerna 9.0.0 and newer for GitHub Actions and GitLab, and 10.0.0 and newer for CircleCI
// (lerna/lerna: libs/core/src/lib/oidc.ts, called from npm-publish.ts before each upload).
const FIRST_OIDC_MAJOR = 9;

/** The lerna version range package.json asks for, or undefined. */
function lernaRange(readFile: ((path: string) => string | undefined) | undefined): string | undefined {
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

/**
 * What a job that runs `lerna publish` leaves for the user: nothing when package.json asks for
 * lerna 9 or newer; an upgrade when it asks for an older one; a check when it cannot be known.
 */
export function lernaLeft(jobId: string, readFile: ((path: string) => string | undefined) | undefined): string | undefined {
  const range = lernaRange(readFile);
  const major = range === undefined ? undefined : /^\s*(?:[\^~]|>=?)?\s*v?(\d+)/.exec(range)?.[1];
  if (major !== undefined && Number(major) >= FIRST_OIDC_MAJOR) return undefined;
  if (major !== undefined) {
    return `job "${jobId}": lerna ${range} cannot publish with trusted publishing: lerna exchanges the OIDC token itself from 9.0.0 on (10.0.0 on CircleCI). Upgrade lerna before you delete the token.`;
  }
  return `job "${jobId}": lerna publish exchanges the OIDC token itself from lerna 9.0.0 on (10.0.0 on CircleCI), and package.json names no lerna version: check the one this job runs before you delete the token.`;
}
