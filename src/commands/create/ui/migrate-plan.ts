// The in-place edit of an existing token workflow, as a Plan the wizard's own screens show:
// the review (its diff), the npmjs.com values for the file npm must name, the checklist.
// Built from the migrate entry points (src/migrate), which stay the only code that edits.
import type { Answers, Detected, Plan, RepoRef } from '../../../core/model.js';
import type { GivenAnswers } from '../../../questions/resolve.js';
import { resolveDefaults } from '../../../questions/resolve.js';
import { MigrateError, planMigration } from '../../../migrate/index.js';
import { triggerOf } from '../../../migrate/after.js';
import { leftForYou } from '../../../migrate/left.js';
import { publisherSettings } from '../../../npm/publisher.js';
import { checklist } from '../../../plan/checklist.js';
import { publishedPackages } from '../../../doctor/index.js';

function repoOf(d: Detected, given: GivenAnswers): RepoRef | undefined {
  const [owner, name] = (given.repo ?? '').split('/');
  return owner && name ? { owner, name } : d.git.github;
}

/** The migration as a Plan, or why it cannot be done here (the new-workflow path stays open). */
export function migrationPlan(d: Detected, given: GivenAnswers): Plan | { error: string } {
  const repo = repoOf(d, given);
  if (!repo) return { error: 'The GitHub repository is not known: pass --repo.' };
  let migration;
  try {
    migration = planMigration(d, { repo });
  } catch (error) {
    if (error instanceof MigrateError) return { error: error.message };
    throw error;
  }
  const caller = migration.trustFile ? d.workflows.find((w) => w.fileName === migration.trustFile) : undefined;
  if (!migration.trustFile || !caller) {
    return { error: 'More than one workflow publishes: fix one at a time with --migrate <file>.' };
  }
  const content = migration.changes.find((c) => c.path === caller.path)?.after ?? caller.content;
  let answers: Answers;
  try {
    answers = {
      ...resolveDefaults(d, { ...given, repo: `${repo.owner}/${repo.name}`, environment: migration.environment }),
      workflow: migration.trustFile,
      // The workflow keeps what starts it today.
      trigger: triggerOf(content),
    };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const packages = publishedPackages(d).map((p) => ({ name: p.name!, ...(p.version ? { version: p.version } : {}) }));
  const changed = migration.changes.filter((c) => c.kind !== 'unchanged').map((c) => c.path);
  // What the doctor still reports once the edits are made: migrate leaves these to the user.
  const left = leftForYou(migration, d, repo);
  return {
    answers,
    repo,
    changes: migration.changes,
    manual: [],
    publishers: packages.map((p) => publisherSettings(p.name, repo, answers)),
    checklist: checklist({ detected: d, answers, repo, packages, written: changed, workflowPath: caller.path }),
    // Everything `--migrate` lists under "Left for you", in the same words.
    notes: [
      ...migration.notes,
      // An edit that changes what starts the workflow is named, not left to the diff alone.
      ...migration.results.flatMap(({ path, result }) => (result.trigger ?? []).map((line) => `${path}: ${line}`)),
      ...left.findings.filter((f) => f.level !== 'info').map((f) => `Left for you: ${f.message}`), ...left.lines.map((line) => `Left for you: ${line}`),
    ],
  };
}
