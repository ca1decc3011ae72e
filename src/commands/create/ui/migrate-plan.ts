// The in-place edit of an existing token workflow, as a Plan the wizard's own screens show:
// the review (its diff), the npmjs.com values for the file npm must name, the checklist.
// Built from the migrate entry points (src/migrate), which stay the only code that edits.
import type { Detected, Plan, RepoRef } from '../../../core/model.js';
import type { GivenAnswers } from '../../../questions/resolve.js';
import { MigrateError, planMigration } from '../../../migrate/index.js';
import { afterMigration, migratedWorkflow } from '../../../migrate/after.js';
import { leftForYou } from '../../../migrate/left.js';

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
  const migrated = migratedWorkflow(d, migration);
  if (!migrated) return { error: 'More than one workflow publishes: fix one at a time with --migrate <file>.' };
  // The npmjs.com values and the checklist `--migrate` prints (packages published from folders or
  // built in CI included).
  let after: ReturnType<typeof afterMigration>;
  try {
    after = afterMigration(d, migrated, repo, given.packages ?? []);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  // What the doctor still reports once the edits are made: migrate leaves these to the user.
  const left = leftForYou(migration, d, repo);
  return {
    answers: after.answers,
    repo,
    changes: migration.changes,
    manual: [],
    publishers: after.publishers,
    checklist: after.checklist,
    // Everything `--migrate` lists under "Left for you", in the same words.
    notes: [
      ...migration.notes,
      // An edit that changes what starts the workflow is named, not left to the diff alone.
      ...migration.results.flatMap(({ path, result }) => (result.trigger ?? []).map((line) => `${path}: ${line}`)),
      ...left.findings.filter((f) => f.level !== 'info').map((f) => `Left for you: ${f.message}`), ...left.lines.map((line) => `Left for you: ${line}`),
    ],
  };
}
