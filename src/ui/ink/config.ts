// What the wizard starts from: the questions still open and every answer known so far.
import type { Answers, Detected } from '../../model.js';
import type { Options } from '../../cli/args.js';
import { QUESTIONS } from '../../questions/list.js';
import { initialValue, pendingQuestions } from '../../questions/resolve.js';
import type { WizardConfig } from './hooks/wizard-state.js';

export function wizardConfig(detected: Detected, options: Pick<Options, 'given' | 'force'>, offerOpen: boolean): WizardConfig {
  const answers: Partial<Answers> = {};
  for (const q of QUESTIONS) {
    const value = initialValue(q, detected, options.given);
    if (value !== undefined) (answers as Record<string, unknown>)[q.id] = value;
  }
  return {
    questions: pendingQuestions(detected, options.given),
    answers,
    force: options.force,
    offerOpen,
    existingWorkflows: detected.workflows.map((w) => w.fileName),
  };
}
