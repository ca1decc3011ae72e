// Shared by both front-ends: the question that ends the review.
import type { Plan } from '../../../core/model.js';

export function reviewQuestion(plan: Plan): string {
  if (plan.changes.every((c) => c.kind === 'unchanged')) {
    // A job to paste by hand (shown above) is the only thing left: nothing to write, but the npmjs.com values still help.
    return plan.manual.length > 0 ? 'Nothing can be written for you. Go on to the npmjs.com values?' : 'Everything is already in place. Go on?';
  }
  return 'Write these files?';
}
