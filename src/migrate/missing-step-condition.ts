// A publish step whose `if:` reads `steps.<id>` when no step of its job has that id (the step
// that set the output was removed or lives in another job). GitHub reads the missing step's
// outputs as empty, so the condition cannot test what it was written for: with `== 'false'` the
// publish never runs (actionlint reports the unknown step). What it meant cannot be known here,
// and a migrated file would carry the same fault, so it is refused with the line to fix.
import { MigrateError } from './errors.js';
import { publishSteps, type JobView } from './jobs.js';
import { textOf } from './nodes.js';

/** The first `steps.<id>` a publish step's `if:` reads that no step of the job has, with that condition. */
export function missingConditionStep(job: JobView): { id: string; condition: string } | undefined {
  const ids = new Set(job.steps.map((step) => textOf(step, 'id')).filter((id): id is string => id !== undefined));
  for (const step of publishSteps(job)) {
    const condition = textOf(step, 'if');
    if (condition === undefined) continue;
    // Quoted strings are text, not contexts.
    for (const m of condition.replace(/'(?:[^']|'')*'/g, "''").matchAll(/(?<![\w.-])steps\.([A-Za-z_][\w-]*)/g)) {
      if (!ids.has(m[1]!)) return { id: m[1]!, condition: condition.trim() };
    }
  }
  return undefined;
}

export function checkPublishConditionSteps(job: JobView): void {
  const found = missingConditionStep(job);
  if (!found) return;
  throw new MigrateError(
    `job "${job.id}" is not migrated: its publish step's if: (${found.condition}) reads steps.${found.id}, but no step of the job has the id ${found.id}, so GitHub reads it as empty and the condition cannot test what it was written for. ` +
      'Add the step that sets it (or fix the condition), then migrate again.',
  );
}
