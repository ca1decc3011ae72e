// After a migration: the same npmjs.com values and retire-the-token checklist a new
// workflow gets, for the file npm must be told (the caller's, for a reusable workflow).
import type { Answers, ChecklistItem, Detected, PublisherSettings, RepoRef, Trigger } from '../core/model.js';
import type { Io } from '../core/io.js';
import { paint } from '../core/style.js';
import { publisherSettings, unnamedPublisherSettings } from '../npm/publisher.js';
import { checklist, tokenSecrets } from '../plan/checklist.js';
import { secretUses } from '../audit/secret-uses.js';
import { resolveDefaults } from '../questions/resolve.js';
import { formatPublisher } from '../report/text.js';
import { formatChecklist } from '../report/checklist.js';
import { publishedPackages } from '../doctor/index.js';
import { ciBuiltPackages } from '../detect/built-package.js';
import { publishFolderPackages } from '../detect/publish-folders.js';
import type { MigrationPlan } from './index.js';
import { pushTagFilters } from './tag-filters.js';
import { tagExcludedPackages } from './tag-excluded.js';
import { workflowStart } from './workflow-start.js';

/** The migrated workflow's push tag filters, as the checklist input wants them (none: nothing). */
const tagFiltersOf = (content: string) => {
  const tagFilters = pushTagFilters(content);
  return tagFilters ? { tagFilters } : {};
};

/** What starts the migrated workflow, read from its `on:` block (for the "publish a release" step). */
export function triggerOf(content: string): Trigger {
  if (/^\s*release\s*:/m.test(content)) return 'release';
  if (/^\s*tags\s*:/m.test(content)) return 'tag';
  return 'manual';
}

/** How the migrated workflow is started, as the checklist input wants it (unreadable: nothing). */
const startOf = (content: string) => {
  const started = workflowStart(content);
  return started ? { started } : {};
};

export interface MigratedWorkflow {
  path: string;
  content: string;
  trustFile: string;
  environment: string | null;
  /** Every file the migration edits: their token uses are gone, not left for the user. */
  edited?: string[];
}

/**
 * Release tools in package.json too old to publish with trusted publishing (semantic-release < 25):
 * migrate leaves package.json's dependencies alone (the lockfile would no longer match), so the
 * migrated workflow cannot publish until the user upgrades them. Named under "Left for you".
 */
export const outdatedReleaseTools = (d: Detected) => d.findings.filter((f) => f.id === 'release-tool-outdated');

/** The files a migration plan rewrites. */
export const editedPaths = (plan: MigrationPlan): string[] => plan.changes.filter((c) => c.kind === 'update').map((c) => c.path);

/** The workflow npm must be told about (the caller's, for a reusable one), as it is after the migration. */
export function migratedWorkflow(d: Detected, plan: MigrationPlan): MigratedWorkflow | undefined {
  const caller = plan.trustFile ? d.workflows.find((w) => w.fileName === plan.trustFile) : undefined;
  if (!plan.trustFile || !caller) return undefined;
  const content = plan.changes.find((c) => c.path === caller.path)?.after ?? caller.content;
  return { path: caller.path, content, trustFile: plan.trustFile, environment: plan.environment, edited: editedPaths(plan) };
}

/**
 * Lines of the workflows, the migrated one as it is written, that read a token secret and do not
 * publish: the migration leaves them, so the secret stays. A check the migration removed (a step
 * that stopped the job when the token was empty) reads nothing any more.
 */
const secretReaders = (d: Detected, migrated: MigratedWorkflow) => {
  const workflows = d.workflows.map((w) => (w.path === migrated.path ? { ...w, content: migrated.content } : w));
  return secretUses(workflows, tokenSecrets(d.workflows.flatMap((w) => w.tokenUses))).filter((u) => !u.publishes);
};

/** The npmjs.com values and the checklist for a migrated workflow (also the pull request's). */
export function afterMigration(d: Detected, migrated: MigratedWorkflow, repo: RepoRef, named: readonly string[] = []): { answers: Answers; publishers: PublisherSettings[]; checklist: ChecklistItem[] } {
  // --packages names what the workflow publishes (the edit of the workflow does not depend on it);
  // else the repository's publishable packages.
  // A package the workflow's tag filters leave out by name (`!widget-api-client@*`) is released elsewhere.
  const published = publishedPackages(d);
  const excluded = named.length > 0 ? [] : tagExcludedPackages(published, migrated.content);
  const held = named.length > 0 ? named.map((name) => ({ name, version: undefined })) : published.filter((p) => !excluded.includes(p)).map((p) => ({ name: p.name!, version: p.version }));
  // Packages published from folders of the repository are not the ones the package question offers: given as named.
  const given = named.length > 0 || publishFolderPackages(d).length > 0 || excluded.length > 0;
  // No package.json to publish here: the packages the workflow builds in CI, named where the build's rule says.
  // Neither: the packages cannot be worked out (resolveDefaults says so, before anything is written).
  const built = held.length > 0 ? [] : ciBuiltPackages(d);
  const packages = built.length === 0 ? held : built.filter((p) => p.name).map((p) => ({ name: p.name!, version: p.version, ci: true }));
  const unnamed = built.some((p) => !p.name);
  const unnamedDirs = [...new Set(built.filter((p) => !p.name).flatMap((p) => p.dirs ?? []))];
  const answers: Answers = {
    ...resolveDefaults(d, { repo: `${repo.owner}/${repo.name}`, environment: migrated.environment, ...(built.length > 0 || given ? { packages: [] } : {}) }, { kept: true }),
    workflow: migrated.trustFile,
    trigger: triggerOf(migrated.content),
    ...(built.length > 0 || given ? { packages: packages.map((p) => p.name) } : {}),
  };
  return {
    answers,
    publishers: [...packages.map((p) => publisherSettings(p.name, repo, answers)), ...(unnamed ? [unnamedPublisherSettings(repo, answers, unnamedDirs)] : [])],
    checklist: checklist({ detected: d, answers, repo, packages, written: [...new Set([migrated.path, ...(migrated.edited ?? [])])], workflowPath: migrated.path, unnamed, unnamedDirs, built: built.length > 0, secretReaders: secretReaders(d, migrated), ...tagFiltersOf(migrated.content), ...startOf(migrated.content) }),
  };
}

export function printAfterMigration(d: Detected, migrated: MigratedWorkflow, repo: RepoRef, io: Io, named: readonly string[] = []): void {
  const after = afterMigration(d, migrated, repo, named);
  io.out(paint('bold', '\nOn npmjs.com: add a trusted publisher'));
  for (const p of after.publishers) io.out(formatPublisher(p));
  io.out(`\n${paint('bold', 'Then retire the token, in this order')}\n${formatChecklist(after.checklist)}`);
}
