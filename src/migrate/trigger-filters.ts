// An event filter GitHub does not know (`branch:` for `branches:`) is ignored, silently, so the
// trigger does not do what it says. actionlint reports the key as a syntax error: a migration that
// kept it would leave a file that fails the check, and what was meant cannot be known here (the
// filter fixed would change when the workflow publishes). The refusal names the key. A step
// GitHub cannot run is refused the same way.
import type { YAMLMap } from 'yaml';
import { ignoredFilters } from '../audit/trigger-filters.js';
import { MigrateError } from './errors.js';

export function refuseUnknownFilters(root: YAMLMap, content: string, path: string): void {
  const [first] = ignoredFilters(root);
  if (!first) return;
  const line = content.slice(0, first.offset).split('\n').length;
  throw new MigrateError(
    `${path} is not migrated: GitHub ignores "${first.key}" under "${first.event}" (line ${line}${first.meant ? `; "${first.meant}"?` : ''}), so the trigger does not do what it says. Fix it first, then migrate again.`,
  );
}

/**
 * A step with neither `run:` nor `uses:` makes GitHub reject the whole file, so the workflow never
 * ran: what the step was meant to do cannot be known here, and the file would still be rejected.
 */
export function refuseInvalidSteps(jobs: readonly { id: string; steps: readonly YAMLMap[] }[], content: string, path: string): void {
  for (const job of jobs) {
    for (const step of job.steps) {
      if (step.has('run') || step.has('uses')) continue;
      const line = content.slice(0, step.range?.[0] ?? 0).split('\n').length;
      throw new MigrateError(`${path} is not migrated: a step of job "${job.id}" (line ${line}) has neither run: nor uses:, so GitHub rejects this file and it never ran. Fix that step first, then migrate again.`);
    }
  }
}
