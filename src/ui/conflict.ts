// Shared by both front-ends: answer combinations no workflow can serve.
import type { Answers } from '../model.js';
import { UsageError } from '../cli/errors.js';
import { answersConflict, type GivenAnswers } from '../questions/resolve.js';

export function conflictOf(answers: Partial<Answers>): string | undefined {
  return answers.release && answers.packages ? answersConflict({ release: answers.release, packages: answers.packages }) : undefined;
}

/** Flags that conflict with each other fail before any question, as with --yes. */
export function checkGivenConflict(given: GivenAnswers): void {
  if (given.release === undefined || given.packages === undefined) return;
  const conflict = conflictOf(given);
  if (conflict) throw new UsageError(conflict);
}
