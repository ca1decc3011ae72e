// The pull request's content, taken from the plan the run carries out: the --yes plan, or
// the --migrate plan and the npmjs.com values and checklist that follow it.
import type { Options } from './args.js';
import { FailedError } from '../../core/errors.js';
import type { Detected, Plan } from '../../core/model.js';
import { planFor } from './run.js';
import { splitRepo } from '../../plan/index.js';
import { resolveDefaults } from '../../questions/resolve.js';
import { MigrateError, planMigration } from '../../migrate/index.js';
import { afterMigration, migratedWorkflow } from '../../migrate/after.js';
import type { PrContent } from '../../pr/body.js';

export function contentOfPlan(plan: Plan): PrContent {
  return {
    provider: plan.answers.provider,
    repo: plan.repo,
    files: plan.changes.flatMap((c) => (c.kind === 'unchanged' ? [] : [{ path: c.path, kind: c.kind, reasons: [c.reason] }])),
    publishers: plan.publishers,
    checklist: plan.checklist,
    notes: plan.notes,
  };
}

/** What the run will write, and what the pull request will say, before anything is written. */
export async function prContent(d: Detected, options: Options): Promise<PrContent> {
  if (options.migrate === undefined) return contentOfPlan(await planFor(d, resolveDefaults(d, options.given)));
  const repo = options.given.repo ? splitRepo(options.given.repo) : d.git.github;
  if (!repo) throw new FailedError('The pull request needs the GitHub repository: pass --repo owner/name.');
  let plan;
  try {
    plan = planMigration(d, { ...(options.migrate ? { file: options.migrate } : {}), repo, fixRepository: options.given.fixRepository !== false });
  } catch (error) {
    if (error instanceof MigrateError) throw new FailedError(error.message);
    throw error;
  }
  const migrated = migratedWorkflow(d, plan);
  const after = migrated ? afterMigration(d, migrated, repo) : { publishers: [], checklist: [] };
  return {
    provider: 'github',
    repo,
    files: plan.results.filter(({ result }) => result.after !== result.before).map(({ path, result }) => ({ path, kind: 'update' as const, reasons: result.changes })),
    ...after,
    notes: plan.notes,
  };
}
