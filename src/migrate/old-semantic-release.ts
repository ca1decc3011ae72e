// semantic-release publishes through @semantic-release/npm, which runs its own npm: it exchanges
// the OIDC token from @semantic-release/npm 13.1.0 (semantic-release 25.0.1) on, and older ones stop
// at their token check (ENONPMTOKEN). Migrate leaves package.json's dependencies alone (the lockfile
// would no longer match), so removing the token from a job that runs an older one would leave a
// workflow that cannot publish: the migration stops and names the upgrade, as for an old lerna.
import { RELEASE_TOOL_MINIMUM } from '../core/model.js';
import { declaredTools } from '../detect/release.js';
import { FIRST_WITH_OIDC } from '../plan/notes.js';
import { MigrateError } from './errors.js';

/** A run line that starts semantic-release (not a plugin such as semantic-release-monorepo). */
export const SEMANTIC_RELEASE = /\bsemantic-release(?![\w-])/;

/**
 * Refuses a job that runs semantic-release when package.json asks for semantic-release older than
 * 25 or @semantic-release/npm older than 13. A version named on the run line
 * (`npx semantic-release@25`) is the one that runs.
 */
export function refuseOldSemanticRelease(jobId: string, run: string, readFile: ((path: string) => string | undefined) | undefined): void {
  let tools;
  try {
    tools = declaredTools(JSON.parse(readFile?.('package.json') ?? '{}'));
  } catch {
    return;
  }
  const named = /\bsemantic-release@v?(\d+)/.exec(run)?.[1];
  const core = named ? { range: `@${named}`, major: Number(named) } : tools['semantic-release'];
  const old = (['semantic-release', '@semantic-release/npm'] as const)
    .map((name) => ({ name, tool: name === 'semantic-release' ? core : tools[name] }))
    .filter(({ name, tool }) => tool?.major !== undefined && tool.major < RELEASE_TOOL_MINIMUM[name]);
  if (old.length === 0) return;
  // A version named on the run line is changed there; one from package.json there, with its lockfile.
  const onLine = (name: string) => name === 'semantic-release' && named !== undefined;
  const fixes = [
    ...old.filter(({ name }) => onLine(name)).map(() => `name semantic-release@${FIRST_WITH_OIDC['semantic-release']} on the run line instead of semantic-release@${named} (with plugin versions that support it)`),
    ...(old.some(({ name }) => !onLine(name)) ? [`upgrade ${old.filter(({ name }) => !onLine(name)).map(({ name }) => `${name} to ^${FIRST_WITH_OIDC[name]}`).join(' and ')} in package.json and commit the lockfile`] : []),
  ];
  throw new MigrateError(
    `job "${jobId}" publishes with semantic-release, and ${old.map(({ name, tool }) => `${name} ${tool!.range}`).join(' and ')} ` +
      `cannot publish with trusted publishing: semantic-release exchanges the OIDC token itself from ${FIRST_WITH_OIDC['semantic-release']} ` +
      `(@semantic-release/npm ${FIRST_WITH_OIDC['@semantic-release/npm']}) on, and older ones stop without the token (ENONPMTOKEN). ` +
      `${fixes.join(', and ').replace(/^./, (c) => c.toUpperCase())}, then migrate again.`,
  );
}
