// An event filter GitHub does not know (`branch:` for `branches:`) is ignored, silently, so the
// trigger does not do what it says. actionlint reports the key as a syntax error: a migration that
// kept it would leave a file that fails the check, and what was meant cannot be known here (the
// filter fixed would change when the workflow publishes). The refusal names the key. A step
// GitHub cannot run, and a secret passed as a reusable workflow's input, are refused the same way.
import type { YAMLMap } from 'yaml';
import { secretsInCallInputs } from '../audit/call-inputs.js';
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

/**
 * `${{ secrets.X }}` under `with:` of a reusable workflow call makes GitHub reject the file, so it
 * never ran: whether the called workflow should get that value as a secret, or (for an npm token
 * under trusted publishing) not at all, is the user's call, and the file would still be rejected.
 */
export function refuseSecretCallInputs(jobs: readonly { id: string; node: YAMLMap }[], content: string, path: string): void {
  for (const job of jobs) {
    const [first] = secretsInCallInputs(job.node);
    if (!first) continue;
    const line = content.slice(0, first.offset).split('\n').length;
    throw new MigrateError(
      `${path} is not migrated: job "${job.id}" passes secrets.${first.secret} as the input "${first.input}" under with: (line ${line}), where GitHub does not allow the secrets context, so GitHub rejects this file and it never ran. Pass it under secrets: (or drop it, if the called workflow publishes with trusted publishing), then migrate again.`,
    );
  }
}
