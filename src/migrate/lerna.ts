// A job that runs `lerna publish` publishes with lerna's own OIDC exchange: which lerna (or
// lerna-lite) does it, from which release, is src/audit/lerna-version.ts.
import { belowOidcFloor, lernaOf, lernaUpgrade } from '../audit/lerna-version.js';
import { lowestVersion } from '../npm/versions.js';
import { MigrateError } from './errors.js';

/**
 * A job that runs `lerna publish` with a lerna package.json pins below its OIDC floor cannot
 * publish once the token is gone: that lerna has no OIDC exchange. Moving it several majors (lerna
 * 7 dropped `lerna bootstrap`, for one) is the project's change, so the migration stops and names it.
 */
export function refuseOldLerna(jobId: string, readFile: ((path: string) => string | undefined) | undefined): void {
  const tool = lernaOf(readFile);
  if (!belowOidcFloor(tool)) return;
  throw new MigrateError(
    `job "${jobId}" publishes with lerna publish, and package.json asks for ${tool.entry} ${tool.range}: ${tool.label} exchanges the OIDC token itself only from ${tool.floor} on (${tool.circleci} on CircleCI), so without the token this ${tool.label} cannot publish. ${lernaUpgrade(tool)}, then migrate again.`,
  );
}

/**
 * What a job that runs `lerna publish` leaves for the user: nothing when package.json asks for a
 * lerna (or lerna-lite) at or above its floor; a check when it names no version (an older one is
 * refused above).
 */
export function lernaLeft(jobId: string, readFile: ((path: string) => string | undefined) | undefined): string | undefined {
  if (lowestVersion(lernaOf(readFile).range) !== undefined) return undefined;
  return `job "${jobId}": lerna publish exchanges the OIDC token itself from lerna 9.0.0 on (10.0.0 on CircleCI), lerna-lite 4.9.0 on (5.2.1 on CircleCI), and package.json names no lerna version: check the one this job runs before you delete the token.`;
}
