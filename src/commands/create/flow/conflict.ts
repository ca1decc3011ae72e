// Shared by both front-ends: answer combinations no workflow or job can serve.
import type { Answers } from '../../../core/model.js';
import { UsageError } from '../../../core/errors.js';
import { answersConflict, type GivenAnswers } from '../../../questions/resolve.js';
import { providerConflict } from '../../../questions/provider.js';

export interface Conflict {
  message: string;
  /** The questions whose answers decide it: the front-ends ask again from the first one asked. */
  ids: (keyof Answers)[];
}

export function conflictOf(answers: Partial<Answers>): Conflict | undefined {
  const { provider, release, packages, node } = answers;
  if (provider && packages && node) {
    const conflict = providerConflict({ provider, packages, node });
    if (conflict) return { message: conflict.message, ids: [conflict.id] };
  }
  const message = release && packages ? answersConflict({ release, packages, ...(provider ? { provider } : {}) }) : undefined;
  return message ? { message, ids: ['release', 'packages'] } : undefined;
}

/** Flags that conflict with each other fail before any question, as with --yes. */
export function checkGivenConflict(given: GivenAnswers): void {
  const complete = given.release !== undefined && given.packages !== undefined;
  const provider = given.provider !== undefined && (given.packages !== undefined || given.node !== undefined);
  if (!complete && !provider) return;
  // Stand-ins for what is not given yet: one package, Node 24, a plain publish (all valid everywhere).
  const conflict = conflictOf({ packages: ['x'], node: '24', release: 'publish', ...given });
  if (conflict) throw new UsageError(conflict.message);
}
