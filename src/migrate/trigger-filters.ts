// An event filter GitHub does not know (`branch:` for `branches:`) is ignored, silently, so the
// trigger does not do what it says. actionlint reports the key as a syntax error: a migration that
// kept it would leave a file that fails the check, and what was meant cannot be known here (the
// filter fixed would change when the workflow publishes). The refusal names the key. A step
// GitHub cannot run is refused the same way.
import { isMap, isScalar, type YAMLMap } from 'yaml';
import { MigrateError } from './errors.js';

/** The filters actionlint accepts under a webhook event. */
const FILTERS = ['branches', 'branches-ignore', 'paths', 'paths-ignore', 'tags', 'tags-ignore', 'types', 'workflows'];

export function refuseUnknownFilters(root: YAMLMap, content: string, path: string): void {
  const on = root.get('on', true);
  if (!isMap(on)) return;
  for (const event of on.items) {
    if (!isScalar(event.key) || !['push', 'pull_request', 'pull_request_target'].includes(String(event.key.value)) || !isMap(event.value)) continue;
    for (const filter of event.value.items) {
      if (!isScalar(filter.key) || FILTERS.includes(String(filter.key.value))) continue;
      const key = String(filter.key.value);
      const line = content.slice(0, filter.key.range?.[0] ?? 0).split('\n').length;
      const meant = FILTERS.find((f) => f === `${key}s` || f === `${key}es`);
      throw new MigrateError(
        `${path} is not migrated: GitHub ignores "${key}" under "${String(event.key.value)}" (line ${line}${meant ? `; "${meant}"?` : ''}), so the trigger does not do what it says. Fix it first, then migrate again.`,
      );
    }
  }
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
