// Why a question or the review is shown (again), in the wizard's words and keys.
import type { FlowState } from '../../flow/machine.js';
import { questionApplies } from '../../../../questions/list.js';

export function noticeOf({ step, questions, answers }: FlowState): string | undefined {
  if (step.kind === 'question') {
    if (step.kept) return `${step.kept.join(', ')} stays as it is. Choose a new file name for the new workflow, or press Esc to quit with nothing written.`;
    return step.conflict;
  }
  if (step.kind !== 'review' || !step.kept) return undefined;
  const then = questions.some((q) => questionApplies(q, answers)) ? 'Press c to change an answer, or Esc to quit.' : 'Press Esc to quit.';
  return `${step.kept.join(', ')} stays as it is and nothing is written: a second workflow would publish the package twice. ${then}`;
}
