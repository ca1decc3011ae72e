// What the wizard starts from: the questions still open and every answer known so far.
import type { Detected } from '../../../core/model.js';
import type { Options } from '../args.js';
import { pendingQuestions } from '../../../questions/resolve.js';
import { publishingWorkflows, startingAnswers } from './previous-answers.js';
import type { FlowConfig } from './machine.js';

export function flowConfig(detected: Detected, options: Pick<Options, 'given' | 'force'>, offerOpen: boolean): FlowConfig {
  const answers = startingAnswers(detected, options.given);
  return {
    questions: pendingQuestions(detected, options.given),
    answers,
    force: options.force,
    offerOpen,
    existingWorkflows: detected.workflows.map((w) => w.fileName),
    publishingWorkflows: publishingWorkflows(detected),
  };
}
