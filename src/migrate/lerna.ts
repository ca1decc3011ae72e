// `lerna publish` uploads with libnpmpublish and does its own OIDC exchange (a copy of the npm
// CLI's), so the npm CLI's version does not matter to it, but lerna's own does: the exchange is in
// lerna 9.0.0 and newer for GitHub Actions and GitLab, and 10.0.0 and newer for CircleCI
// (lerna/lerna: libs/core/src/lib/oidc.ts, called from npm-publish.ts before each upload).
import { MigrateError } from './errors.js';

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

/** The major of the lerna range package.json asks for, or undefined when it names none. */
function lernaMajor(range: string | undefined): number | undefined {
  const major = range === undefined ? undefined : /^\s*(?:[\^~]|>=?)?\s*v?(\d+)/.exec(range)?.[1];
  return major === undefined ? undefined : Number(major);
}

/**
 * A job that runs `lerna publish` with a lerna package.json pins below 9 cannot publish once the
 * token is gone: lerna has no OIDC exchange there. Moving it several majors (lerna 7 dropped
 * `lerna bootstrap`, for one) is the project's change, so the migration stops and names it.
 */
export function refuseOldLerna(jobId: string, readFile: ((path: string) => string | undefined) | undefined): void {
  const range = lernaRange(readFile);
  const major = lernaMajor(range);
  if (major === undefined || major >= FIRST_OIDC_MAJOR) return;
  throw new MigrateError(
    `job "${jobId}" publishes with lerna publish, and package.json asks for lerna ${range}: lerna exchanges the OIDC token itself only from 9.0.0 on (10.0.0 on CircleCI), so without the token this lerna cannot publish. Upgrade lerna to 9 or newer, then migrate again.`,
  );
}

/**
 * What a job that runs `lerna publish` leaves for the user: nothing when package.json asks for
 * lerna 9 or newer; a check when it names no lerna version (an older one is refused above).
 */
export function lernaLeft(jobId: string, readFile: ((path: string) => string | undefined) | undefined): string | undefined {
  if (lernaMajor(lernaRange(readFile)) !== undefined) return undefined;
  return `job "${jobId}": lerna publish exchanges the OIDC token itself from lerna 9.0.0 on (10.0.0 on CircleCI), and package.json names no lerna version: check the one this job runs before you delete the token.`;
}
