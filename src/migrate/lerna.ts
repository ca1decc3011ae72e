// A job that runs `lerna publish` needs lerna 9 or newer for trusted publishing (see
// ../audit/lerna-version.ts): an older one is refused, an unknown one left for the user to check.
import { LERNA_FIRST_OIDC_MAJOR, lernaMajor, lernaRange } from '../audit/lerna-version.js';
import { MigrateError } from './errors.js';

/**
 * A job that runs `lerna publish` with a lerna package.json pins below 9 cannot publish once the
 * token is gone: lerna has no OIDC exchange there. Moving it several majors (lerna 7 dropped
 * `lerna bootstrap`, for one) is the project's change, so the migration stops and names it.
 */
export function refuseOldLerna(jobId: string, readFile: ((path: string) => string | undefined) | undefined): void {
  const range = lernaRange(readFile);
  const major = lernaMajor(range);
  if (major === undefined || major >= LERNA_FIRST_OIDC_MAJOR) return;
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
