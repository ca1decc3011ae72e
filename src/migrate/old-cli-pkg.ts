// The Dart cli_pkg package's `pkg-npm-deploy` task publishes with NPM_TOKEN. Before 2.15.0 it stops
// without one ("pkg.npmToken must be set to deploy to npm."); from 2.15.0 it runs `npm publish` with
// npm's own credentials, which is where the OIDC exchange happens. Migrate does not edit the Dart
// lockfile: a pubspec.lock that pins an older cli_pkg means the migration stops and names the upgrade.
import { CLI_PKG_DEPLOY } from '../audit/publish-rule.js';
import { versionAtLeast } from '../npm/versions.js';
import { MigrateError } from './errors.js';

/** The first cli_pkg that deploys to npm without a token. */
export const CLI_PKG_OIDC = '2.15.0';

/** The cli_pkg version a pubspec.lock pins, if it lists one. */
export function lockedCliPkg(lock: string): string | undefined {
  return /^ {2}cli_pkg:\n(?: {4}.*\n)*? {4}version: "?([\w.+-]+)"?/m.exec(lock)?.[1];
}

/** Refuses a job that runs cli_pkg's deploy task when the repository's pubspec.lock pins a cli_pkg older than 2.15.0. */
export function refuseOldCliPkg(jobId: string, run: string, readFile: ((path: string) => string | undefined) | undefined): void {
  if (!CLI_PKG_DEPLOY.test(run)) return;
  const locked = lockedCliPkg(readFile?.('pubspec.lock') ?? '');
  if (locked === undefined || versionAtLeast(locked, CLI_PKG_OIDC)) return;
  throw new MigrateError(
    `job "${jobId}" publishes with the cli_pkg task pkg-npm-deploy, and pubspec.lock pins cli_pkg ${locked}, which stops without NPM_TOKEN: ` +
      `cli_pkg publishes with npm's own credentials (the OIDC exchange) from ${CLI_PKG_OIDC} on. Upgrade cli_pkg to ^${CLI_PKG_OIDC} (dart pub upgrade cli_pkg) and commit pubspec.lock, then migrate again.`,
  );
}
