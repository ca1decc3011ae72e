// What the user types into npmjs.com, in the order the form asks for it, and where.
import type { Answers, PublisherField, PublisherSettings, RepoRef } from '../core/model.js';
import { shellCommand } from '../text/shell.js';
import { githubTrustArgs, type GithubTrust } from './trust-command.js';

/** The npmjs.com page where trusted publishers are added (also the token settings of a package). */
export function accessUrl(packageName: string): string {
  // Scoped names stay literal in the path: /package/@scope/name/access.
  return `https://www.npmjs.com/package/${packageName}/access`;
}

/**
 * The allowed action the publisher needs. Since the multiple-publisher form (Sept 2026) stage
 * publish is always allowed and "Allow npm publish" is an optional tick: staged leaves it off.
 */
export function allowedAction(answers: Pick<Answers, 'release'>): PublisherSettings['allow'] {
  return answers.release === 'staged' ? 'npm stage publish' : 'npm publish';
}

/** The GitHub publisher the answers describe, for the `npm trust github` command line. */
export function githubTrust(repo: RepoRef, answers: Pick<Answers, 'workflow' | 'environment' | 'release'>): GithubTrust {
  return { repo, workflow: answers.workflow, environment: answers.environment, stage: answers.release === 'staged' };
}

/** A field of the form left empty. */
export const emptyField = (label: string): PublisherField => ({ label, value: '', note: 'leave empty' });

/** The "Allowed actions" field of a publisher that runs `npm publish`. */
export const ALLOW_PUBLISH_FIELD: PublisherField = { label: 'Allowed actions', value: 'Allow npm publish', note: 'tick it: new publishers allow only staged publishing' };

/** What stands for a package whose name only its CI build knows (never a guessed name). */
export const UNNAMED_PACKAGE = 'the package this workflow builds';

/** Where the CI-built packages are: `dist/x, dist/y`; `build/services/*` (a loop over its folders) reads "one per folder of build/services". */
export const builtPlaces = (dirs: readonly string[]): string => dirs.map((d) => (d.endsWith('/*') ? `one per folder of ${d.slice(0, -2)}` : d)).join(', ');

/** More than one package, or a loop that publishes one per folder. */
export const severalBuilt = (dirs: readonly string[]): boolean => dirs.length > 1 || dirs.some((d) => d.endsWith('/*'));

/** The package (or packages, one per folder) a CI build names: "The package this workflow builds in dist/x (its name is set in CI)". */
export function unnamedHeading(dirs: readonly string[]): string {
  if (dirs.some((d) => d.endsWith('/*'))) return `Each package this workflow builds, ${dirs[0]!.endsWith('/*') ? '' : 'in '}${builtPlaces(dirs)} (their names are set in CI; each needs its own trusted publisher)`;
  if (dirs.length > 1) return `Each package this workflow builds, in ${dirs.join(', ')} (their names are set in CI)`;
  const what = `${UNNAMED_PACKAGE[0]!.toUpperCase()}${UNNAMED_PACKAGE.slice(1)}`;
  return `${what}${dirs.length === 1 ? ` in ${dirs[0]}` : ''} (its name is set in CI)`;
}

/**
 * The publisher of a package the workflow builds in CI under a name this repository does not hold:
 * the same values (they name no package); the page and command say where its name goes.
 */
export function unnamedPublisherSettings(repo: RepoRef, answers: Answers, dirs: readonly string[] = []): PublisherSettings {
  const named = publisherSettings('PACKAGE', repo, answers);
  return {
    ...named,
    packageName: unnamedHeading(dirs),
    url: accessUrl('<its name>'),
    trustCommand: named.trustCommand && named.trustCommand.replace(/^npm trust github PACKAGE /, 'npm trust github <its name> '),
  };
}

export function publisherSettings(packageName: string, repo: RepoRef, answers: Answers): PublisherSettings {
  const env = answers.environment;
  const allow = allowedAction(answers);
  return {
    packageName,
    url: accessUrl(packageName),
    provider: 'GitHub Actions',
    fields: [
      { label: 'Publisher', value: 'GitHub Actions' },
      { label: 'Organization or user', value: repo.owner, note: 'case-sensitive' },
      { label: 'Repository', value: repo.name, note: 'case-sensitive' },
      { label: 'Workflow filename', value: answers.workflow, note: 'file name only, no path' },
      env
        ? { label: 'Environment name', value: env, note: 'must match the workflow' }
        : emptyField('Environment name'),
      allow === 'npm publish'
        ? ALLOW_PUBLISH_FIELD
        : { label: 'Allowed actions', value: 'leave "Allow npm publish" unticked', note: 'always allowed; you approve each version with 2FA' },
    ],
    allow,
    trustCommand: shellCommand('npm', ...githubTrustArgs(packageName, githubTrust(repo, answers))),
  };
}
