// semantic-release publishes through @semantic-release/npm, which runs its own npm: it exchanges
// the OIDC token from @semantic-release/npm 13.1.0 (semantic-release 25.0.1) on, and older ones stop
// at their token check (ENONPMTOKEN). Migrate leaves package.json's dependencies alone (the lockfile
// would no longer match), so an older one declared there stops the migration, naming the upgrade, as
// for an old lerna. A version named on the run line (`npx semantic-release@17`, `-p
// @semantic-release/npm@7`) is raised there, when the plugins the job pins run with 25 (their
// peerDependencies) and the job's Node meets its engines (^22.14.0 || >=24.10.0).
import { isScalar, type YAMLMap } from 'yaml';
import { RELEASE_TOOL_MINIMUM, type ReleaseTool } from '../core/model.js';
import { declaredTools } from '../detect/release.js';
import { lowestMajor } from '../npm/versions.js';
import { FIRST_WITH_OIDC } from '../plan/notes.js';
import { setupNodeVerdict, type NodeScope } from '../audit/node-version.js';
import { MigrateError } from './errors.js';
import type { JobView } from './jobs.js';
import { mapOf, nodeOf, textOf } from './nodes.js';

/** A run line that starts semantic-release (not a plugin such as semantic-release-monorepo). */
export const SEMANTIC_RELEASE = /\bsemantic-release(?![\w-])/;

/** `semantic-release@17`, `@semantic-release/npm@^7.1.0` on a run line: the package, its spec, its major. */
const PIN = /(?<![\w@/.-])(semantic-release|@semantic-release\/[\w-]+|conventional-changelog-[\w-]+)@(["']?)([\^~]?v?(\d+)[\w.*+-]*)/g;
const RAISED: Readonly<Record<string, number>> = { 'semantic-release': RELEASE_TOOL_MINIMUM['semantic-release'], '@semantic-release/npm': RELEASE_TOOL_MINIMUM['@semantic-release/npm'] };

/**
 * The first major that runs with semantic-release 25: the plugins' peerDependencies; the presets
 * of commit-analyzer 13 and release-notes-generator 14 (a v7 preset finds no release).
 */
const WORKS_WITH_25: Readonly<Record<string, number>> = {
  '@semantic-release/changelog': 6,
  '@semantic-release/commit-analyzer': 9,
  '@semantic-release/exec': 6,
  '@semantic-release/git': 10,
  '@semantic-release/github': 8,
  '@semantic-release/release-notes-generator': 10,
  'conventional-changelog-angular': 8,
  'conventional-changelog-conventionalcommits': 8,
};

type Read = ((path: string) => string | undefined) | undefined;
const pinsOf = (run: string) => [...run.matchAll(PIN)].map((m) => ({ name: m[1]!, major: Number(m[4]) }));

/**
 * Refuses a job that runs semantic-release when package.json asks for semantic-release older than
 * 25 or @semantic-release/npm older than 13 (a version named on the run line is the one that runs).
 * Returns the old versions named on the run line, which `raiseSemanticRelease` raises.
 */
export function refuseOldSemanticRelease(jobId: string, run: string, readFile: Read): { name: string; major: number }[] {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(readFile?.('package.json') ?? '{}') as Record<string, unknown>;
  } catch {
    return [];
  }
  const tools = declaredTools(data);
  const pins = pinsOf(run);
  const onLine = pins.filter(({ name, major }) => RAISED[name] !== undefined && major < RAISED[name]!);
  const named = pins.some(({ name }) => name === 'semantic-release');
  const fromPackage = (['semantic-release', '@semantic-release/npm'] as const)
    .filter((name) => !(name === 'semantic-release' && named))
    .map((name) => ({ name, tool: tools[name] }))
    .filter(({ name, tool }) => tool?.major !== undefined && tool.major < RELEASE_TOOL_MINIMUM[name]);
  if (fromPackage.length === 0) return onLine;
  const old = [...onLine.map(({ name, major }) => `${name} @${major}`), ...fromPackage.map(({ name, tool }) => `${name} ${tool!.range}`)];
  const fixes = [
    ...onLine.map(({ name, major }) => `name ${name}@${FIRST_WITH_OIDC[name as ReleaseTool]} on the run line instead of ${name}@${major} (with plugin versions that support it)`),
    `upgrade ${fromPackage.map(({ name }) => `${name} to ^${FIRST_WITH_OIDC[name]}`).join(' and ')} in package.json and commit the lockfile`,
  ];
  throw new MigrateError(
    `job "${jobId}" publishes with semantic-release, and ${old.join(' and ')} ` +
      `cannot publish with trusted publishing: semantic-release exchanges the OIDC token itself from ${FIRST_WITH_OIDC['semantic-release']} ` +
      `(@semantic-release/npm ${FIRST_WITH_OIDC['@semantic-release/npm']}) on, and older ones stop without the token (ENONPMTOKEN). ` +
      `${fixes.join(', and ').replace(/^./, (c) => c.toUpperCase())}, then migrate again.`,
  );
}

/** Plugins and presets, pinned on the run line or declared in package.json, too old to run with semantic-release 25. */
function staleWith25(run: string, readFile: Read): string[] {
  let deps: Record<string, unknown> = {};
  try {
    const data = JSON.parse(readFile?.('package.json') ?? '{}') as Record<string, Record<string, unknown> | undefined>;
    deps = { ...data.dependencies, ...data.devDependencies };
  } catch {
    // Unreadable: only the run line is checked.
  }
  const declared = Object.keys(WORKS_WITH_25).flatMap((name) => (typeof deps[name] === 'string' ? [{ name, major: lowestMajor(deps[name] as string), where: ` (package.json ${deps[name] as string})` }] : []));
  return [...pinsOf(run).map((pin) => ({ ...pin, where: '' })), ...declared]
    .filter(({ name, major }) => major !== undefined && WORKS_WITH_25[name] !== undefined && major < WORKS_WITH_25[name]!)
    .map(({ name, major, where }) => `${name}@${major}${where} (${WORKS_WITH_25[name]} or later runs with it)`);
}

/**
 * Raises the old versions named on the job's run lines to the first that publish with trusted
 * publishing (`semantic-release@25`, `@semantic-release/npm@13`), with a line for "Left for you".
 * Refuses when a plugin or preset the job pins does not run with semantic-release 25.
 */
export function raiseSemanticRelease(job: JobView, old: { name: string; major: number }[], readFile: Read, changes: string[], left: string[]): void {
  if (old.length === 0) return;
  const run = job.steps.map((step) => textOf(step, 'run') ?? '').join('\n');
  const stale = staleWith25(run, readFile);
  if (stale.length > 0) {
    throw new MigrateError(
      `job "${job.id}" runs ${old.map(({ name, major }) => `${name}@${major}`).join(' and ')}, which cannot publish with trusted publishing (ENONPMTOKEN), ` +
        `and semantic-release 25, the first that can, does not run with ${stale.join(', ')}. Upgrade ${stale.length > 1 ? 'them' : 'it'}, then migrate again.`,
    );
  }
  for (const step of job.steps) {
    const node = nodeOf(step, 'run');
    if (!isScalar(node) || typeof node.value !== 'string') continue;
    node.value = node.value.replace(PIN, (all, name: string, quote: string, _spec: string, major: string) =>
      RAISED[name] !== undefined && Number(major) < RAISED[name]! ? `${name}@${quote}${RAISED[name]}` : all,
    );
  }
  const to = old.map(({ name, major }) => `${name}@${RAISED[name]} (was @${major})`).join(' and ');
  changes.push(`job "${job.id}": runs ${to}, the first that publishes with trusted publishing`);
  left.push(`job "${job.id}" now runs ${to}: check its breaking changes (https://github.com/semantic-release/semantic-release/releases).`);
}

/**
 * cycjimmy/semantic-release-action installs the semantic-release its `semantic_version` input names:
 * one below 25 is raised to 25 (the action v6 runs it on its own Node 24), unless a plugin its
 * `extra_plugins` input (or package.json) pins does not run with 25.
 */
export function raiseActionSemanticVersion(job: JobView, readFile: Read, changes: string[], left: string[]): void {
  for (const step of job.steps.filter((s) => /^cycjimmy\/semantic-release-action@/i.test(textOf(s, 'uses') ?? ''))) {
    const node = nodeOf(mapOf(step, 'with'), 'semantic_version');
    const major = isScalar(node) ? /^[\^~]?v?(\d+)/.exec(String(node.value ?? ''))?.[1] : undefined;
    if (!isScalar(node) || major === undefined || Number(major) >= 25) continue;
    const stale = staleWith25(textOf(mapOf(step, 'with'), 'extra_plugins') ?? '', readFile);
    if (stale.length > 0) {
      throw new MigrateError(
        `job "${job.id}" runs semantic-release ${String(node.value)} (semantic_version of cycjimmy/semantic-release-action), which cannot publish with trusted publishing (ENONPMTOKEN), ` +
          `and semantic-release 25, the first that can, does not run with ${stale.join(', ')}. Upgrade ${stale.length > 1 ? 'them' : 'it'} in extra_plugins, then migrate again.`,
      );
    }
    const was = String(node.value);
    node.value = 25;
    changes.push(`job "${job.id}": semantic_version 25 (was ${was}), the first semantic-release that publishes with trusted publishing`);
    left.push(`job "${job.id}" now runs semantic-release 25 (semantic_version was ${was}): check its breaking changes (https://github.com/semantic-release/semantic-release/releases).`);
  }
}

/** Whether a setup-node version meets semantic-release 25's engines (^22.14.0 || >=24.10.0); undefined when unknown. */
export function meetsSemanticRelease25(version: string): boolean | undefined {
  if (/^(?:lts\/(?:\*|jod|krypton)|latest|current|node)$/i.test(version.trim())) return true;
  const m = /^([\^~]?)v?(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (!m) return undefined;
  const major = Number(m[2]);
  const minor = m[3] === undefined || m[1] === '^' ? Infinity : Number(m[3]);
  return major > 24 || (major === 24 && minor >= 10) || (major === 22 && minor >= 14);
}

/** After the Node edits: refuses a job whose raised semantic-release would run on a Node its engines refuse. */
export function refuseNodeForSemanticRelease(job: JobView, scope: NodeScope): void {
  const at = job.steps.findIndex((step) => pinsOf(textOf(step, 'run') ?? '').some(({ name, major }) => name === 'semantic-release' && major >= RAISED[name]!));
  if (at < 0) return;
  const setup = job.steps.slice(0, at).reverse().find((step: YAMLMap) => /^actions\/setup-node@/i.test(textOf(step, 'uses') ?? ''));
  if (!setup) return;
  const refused = setupNodeVerdict(mapOf(setup, 'with'), { ...scope, job: job.node }).versions.filter((v) => meetsSemanticRelease25(v) === false);
  if (refused.length === 0) return;
  throw new MigrateError(`job "${job.id}" would run semantic-release 25 on Node ${refused.join(', ')}, and it needs Node ^22.14.0 || >=24.10.0: use Node 24 in that job, then migrate again.`);
}
