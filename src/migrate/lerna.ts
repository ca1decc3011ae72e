// A job that runs `lerna publish` publishes with lerna's own OIDC exchange: which lerna (or
// lerna-lite) does it, from which release, is src/audit/lerna-version.ts.
import { belowOidcFloor, lernaOf, lernaUpgrade, lernaVersion } from '../audit/lerna-version.js';
import { lowestVersion } from '../npm/versions.js';
import { MigrateError } from './errors.js';

/** `npx lerna@6 publish`, `npx -p lerna@^8.1.0 lerna publish`: the lerna version named on a run line. */
const LERNA_PIN = /(?<![\w@/.-])lerna@["']?([\^~]?v?\d[\w.*+-]*)/;

/**
 * A job that runs `lerna publish` with a lerna package.json pins below its OIDC floor cannot
 * publish once the token is gone: that lerna has no OIDC exchange. Moving it several majors (lerna
 * 7 dropped `lerna bootstrap`, for one) is the project's change, so the migration stops and names it.
 */
export function refuseOldLerna(jobId: string, readFile: ((path: string) => string | undefined) | undefined, run = ''): void {
  // `npx lerna@6 publish` runs that lerna whatever package.json asks for. It is not raised there
  // as semantic-release is: lerna.json and the commands around it change across those majors.
  const named = LERNA_PIN.exec(run)?.[1];
  const tool = named ? { ...lernaVersion({ devDependencies: { lerna: named } }), entry: 'lerna@' } : lernaOf(readFile);
  if (!belowOidcFloor(tool)) return;
  throw new MigrateError(
    `job "${jobId}" publishes with lerna publish, and ${named ? 'its run line names' : 'package.json asks for'} ${tool.entry}${named ? '' : ' '}${tool.range}: ${tool.label} exchanges the OIDC token itself only from ${tool.floor} on (${tool.circleci} on CircleCI), so without the token this ${tool.label} cannot publish. ${lernaUpgrade(tool)}${named ? ' (lerna.json and commands such as lerna bootstrap may need changes)' : ''}, then migrate again.`,
  );
}

/**
 * What a job that runs `lerna publish` leaves for the user: nothing when package.json asks for a
 * lerna (or lerna-lite) at or above its floor; a check when it names no version (an older one is
 * refused above).
 */
export function lernaLeft(jobId: string, readFile: ((path: string) => string | undefined) | undefined, run = ''): string | undefined {
  if (lowestVersion(lernaOf(readFile).range) !== undefined || LERNA_PIN.test(run)) return undefined;
  return `job "${jobId}": lerna publish exchanges the OIDC token itself from lerna 9.0.0 on (10.0.0 on CircleCI), lerna-lite 4.9.0 on (5.2.1 on CircleCI), and package.json names no lerna version: check the one this job runs before you delete the token.`;
}
