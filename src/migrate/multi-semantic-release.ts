// multi-semantic-release runs semantic-release once per workspace package, with the semantic-release
// its own package depends on: that core loads @semantic-release/npm from its own folder first, so
// the project's versions do not decide. Trusted publishing needs semantic-release 25.0.1
// (@semantic-release/npm 13.1.0) running; what each runner bundles, read from its package.json:
// - @qiwi/semrel-toolkit (`multi-semrel`, `semrel`) pins semantic-release with `~`: ~17.4.2 in 1.x,
//   ~18.0.1 in 3.1.4;
// - @qiwi/multi-semantic-release depends on semantic-release ^21.0.5 in 7.1.2 (^24.2.3 on its main
//   branch, unreleased): older than 25 either way.
// Both are refused, naming the bundled version. Another runner (the unscoped multi-semantic-release,
// @anolilab/multi-semantic-release) cannot be checked offline: a line under "Left for you" says so.
import { declaredRange, readManifest } from '../npm/manifest.js';
import { FIRST_WITH_OIDC } from '../plan/notes.js';
import { MigrateError } from './errors.js';

/** A run line that starts a multi-semantic-release runner (the toolkit's `multi-semrel` or `multi-semantic-release`). */
export const MULTI_SEMANTIC_RELEASE = /\bmulti-semrel\b|\bmulti-semantic-release\b/;

const BUNDLED: Record<string, string> = {
  '@qiwi/semrel-toolkit': 'semantic-release ~18.0.1 (~17.4.2 in its 1.x releases)',
  '@qiwi/multi-semantic-release': 'semantic-release ^21.0.5 (7.1.2; ^24 on its main branch)',
};

/**
 * Refuses a job whose publish runs a multi-semantic-release runner known to bundle a semantic-release
 * older than 25; returns a "Left for you" line when the runner is another one.
 */
export function multiSemanticReleaseLeft(jobId: string, run: string, readFile: ((path: string) => string | undefined) | undefined): string {
  const manifest = readManifest(readFile);
  const declares = (name: string): boolean => declaredRange(manifest, name) !== undefined;
  const runner = /@qiwi\/semrel-toolkit\b/.test(run) || declares('@qiwi/semrel-toolkit')
    ? '@qiwi/semrel-toolkit'
    : /@qiwi\/multi-semantic-release\b/.test(run) || declares('@qiwi/multi-semantic-release')
      ? '@qiwi/multi-semantic-release'
      : undefined;
  const minimum = `semantic-release ${FIRST_WITH_OIDC['semantic-release']} (@semantic-release/npm ${FIRST_WITH_OIDC['@semantic-release/npm']})`;
  if (runner) {
    throw new MigrateError(
      `job "${jobId}" publishes with multi-semantic-release from ${runner}, which runs its own ${BUNDLED[runner]}: ` +
        `it stops without the token (ENONPMTOKEN), since semantic-release exchanges the OIDC token itself only from ${minimum} on. ` +
        `Release each package with semantic-release ${FIRST_WITH_OIDC['semantic-release']} or later (or a multi-semantic-release that runs it), then migrate again.`,
    );
  }
  return `job "${jobId}" runs multi-semantic-release, whose own semantic-release cannot be checked offline: trusted publishing needs ${minimum} there, or the publish stops without the token (ENONPMTOKEN).`;
}
