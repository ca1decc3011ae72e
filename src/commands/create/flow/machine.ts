// The create flow as one pure state machine: questions (and asking again after a conflict),
// review, the replace question (and what a "no" goes back to), writing, the npmjs.com
// values, the checklist. No I/O: each front-end is a driver that shows a state and feeds
// back an event — Ink renders it (ui/ink), Inquirer asks one prompt per state (ui/plain),
// flags and defaults answer every question at once (run.ts). Planning, writing and opening
// a browser are the drivers' effects; their results come back as events.
import type { Answers, Plan } from '../../../core/model.js';
import { labelOf, questionFor, type AnyQuestion } from '../../../questions/list.js';
import { applies, describeAnswer, nextQuestion, previousQuestion, type Answer } from './question-order.js';
import { conflictOf } from './conflict.js';
import { blockedChanges, type WriteResult } from '../../../apply/write.js';
import type { OpenResult } from '../../../core/browser.js';
import { freeWorkflowName } from './workflow-name.js';
import { isAlternative } from '../../../report/checklist.js';

export type { Answer } from './question-order.js';

/** The browser prompt on the npmjs.com screen. */
export type OpenState = 'ask' | 'opening' | 'declined' | 'skipped' | OpenResult;

export type Step =
  /**
   * Why this question is asked (again): `conflict`, the answers no workflow can serve; `kept`,
   * the files the user chose not to replace (each front-end words it for its own keys).
   */
  | { kind: 'question'; index: number; conflict?: string; thenReview?: boolean; kept?: string[] }
  /** `kept`: the publishing workflows the user chose not to replace, why the review is shown again. */
  | { kind: 'review'; kept?: string[] }
  /** Choosing an answer to change from the review; the question then returns to the review. */
  | { kind: 'pick' }
  | { kind: 'replace'; paths: string[] }
  | { kind: 'writing'; consent: boolean }
  | { kind: 'publisher'; index: number; open: OpenState }
  | { kind: 'checklist'; cursor: number; done: string[] }
  | { kind: 'finished' };

export type Outcome =
  | { kind: 'done'; done: string[] }
  /** The user chose to add the trusted publishers with `npm trust`, run after Ink has left. */
  | { kind: 'trust' }
  | { kind: 'cancelled' }
  | { kind: 'declined' }
  | { kind: 'failed'; error: unknown };

/** Lines that go to <Static>: finished steps stay in the scrollback, frames stay short. */
export type LogEntry =
  | { kind: 'answer'; label: string; value: string }
  | { kind: 'note'; text: string }
  | { kind: 'written'; results: WriteResult[] }
  | { kind: 'publisher'; index: number; open: OpenState };

export interface FlowConfig {
  /** The questions to ask, in order (pendingQuestions). */
  questions: AnyQuestion[];
  /** Given, detected and default answers; the questions change them. */
  answers: Partial<Answers>;
  /** --force: replacing an existing workflow needs no question. */
  force: boolean;
  /** False with --no-open, or when no browser can be opened here. */
  offerOpen: boolean;
  /** Workflow file names already in .github/workflows. */
  existingWorkflows: string[];
  /**
   * Paths of the workflows that publish already (the one an earlier run wrote too): declining to
   * replace one goes back to the review, since a new file beside it would publish twice.
   */
  publishingWorkflows?: string[];
  /** Set when the existing workflow is edited in place: the review asks this instead. */
  migrate?: { question: string };
}

export interface FlowState {
  config: FlowConfig;
  step: Step;
  questions: AnyQuestion[];
  answers: Partial<Answers>;
  log: { id: number; entry: LogEntry }[];
  /** The plan the user said yes to, frozen at review. */
  plan?: Plan;
  written?: WriteResult[];
  /** How many packages' npmjs.com values are printed already (in the scrollback). */
  shownPublishers?: number;
  outcome?: Outcome;
}

export type FlowEvent =
  | { type: 'answer'; id: keyof Answers; value: Answer }
  | { type: 'review'; yes: boolean; plan: Plan }
  | { type: 'replace'; yes: boolean }
  | { type: 'written'; results: WriteResult[] }
  | { type: 'failed'; error: unknown }
  | { type: 'open'; yes: boolean }
  | { type: 'opened'; index: number; result: OpenResult }
  | { type: 'next' }
  | { type: 'trust' }
  /** Shift-Tab (and ← or Backspace where they edit nothing): the previous question. */
  | { type: 'back' }
  /** From the review: choose an answer to change, then change it. */
  | { type: 'pick' }
  /** From the review: answer every question again, from the first (the line-by-line prompts' way back). */
  | { type: 'again' }
  | { type: 'edit'; index: number }
  | { type: 'move'; delta: number }
  /** Items found done already (a re-run), ticked on arrival. */
  | { type: 'preset'; done: string[] }
  | { type: 'toggle' }
  | { type: 'leave' }
  | { type: 'cancel' };

/**
 * Where to go once the last question is answered: the review, or back to the question
 * whose answer makes the combination impossible (e.g. semantic-release for several packages).
 */
function afterQuestions(state: FlowState, answers: Partial<Answers>): Step {
  const conflict = conflictOf(answers);
  if (!conflict) return { kind: 'review' };
  const index = state.questions.findIndex((q) => conflict.ids.includes(q.id) && applies(q, answers));
  return index < 0 ? { kind: 'review' } : { kind: 'question', index, conflict: conflict.message };
}

/** Starts at the first question: "What I found" is drawn before Ink loads (src/commands/create/ui/first-screen.ts). */
export function initFlow(config: FlowConfig): FlowState {
  const state: FlowState = { config, step: { kind: 'review' }, questions: config.questions, answers: config.answers, log: [] };
  const first = nextQuestion(state.questions, 0, state.answers);
  return { ...state, step: first >= 0 ? { kind: 'question', index: first } : afterQuestions(state, state.answers) };
}

function log(state: FlowState, entry: LogEntry): FlowState['log'] {
  return [...state.log, { id: state.log.length, entry }];
}

function finish(state: FlowState, outcome: Outcome): FlowState {
  return { ...state, step: { kind: 'finished' }, outcome };
}

function publisherStep(state: FlowState, index: number): FlowState {
  return { ...state, shownPublishers: index + 1, step: { kind: 'publisher', index, open: state.config.offerOpen ? 'ask' : 'skipped' } };
}

/** The answers as they stay in the scrollback, logged once the review is accepted (they can change until then). */
function answersLog(state: FlowState): FlowState['log'] {
  let entries = state.log;
  for (const q of state.questions) {
    const value = state.answers[q.id];
    if (!applies(q, state.answers) || value === undefined) continue;
    entries = [...entries, { id: entries.length, entry: { kind: 'answer', label: labelOf(q, state.answers), value: describeAnswer(q, value) } }];
  }
  return entries;
}

/** True when one of `paths` is a workflow that publishes already (see FlowConfig.publishingWorkflows). */
export function replacesPublisher(config: FlowConfig, paths: readonly string[]): boolean {
  return paths.some((p) => config.publishingWorkflows?.includes(p));
}

export function flowStep(state: FlowState, action: FlowEvent): FlowState {
  const { step } = state;
  if (step.kind === 'finished') return state;
  // Cancelling mid-write would leave the user unsure what was written: writes take milliseconds.
  if (action.type === 'cancel') {
    // Leaving the checklist is never a cancellation: everything is written, the ticks stay.
    if (step.kind === 'checklist') return finish(state, { kind: 'done', done: step.done });
    return step.kind === 'writing' ? state : finish(state, { kind: 'cancelled' });
  }
  if (action.type === 'failed') return finish(state, { kind: 'failed', error: action.error });

  switch (step.kind) {
    case 'question': {
      if (action.type === 'back') {
        // From a question reached through the review, back is the review.
        if (step.thenReview) return { ...state, step: { kind: 'review' } };
        const previous = previousQuestion(state.questions, step.index, state.answers);
        return previous < 0 ? state : { ...state, step: { kind: 'question', index: previous } };
      }
      if (action.type !== 'answer') return state;
      const q = state.questions[step.index];
      // A late key from the previous question's field (keys can come several at once).
      if (!q || q.id !== action.id) return state;
      const answers = { ...state.answers, [q.id]: action.value };
      const next = step.thenReview ? -1 : nextQuestion(state.questions, step.index + 1, answers);
      return { ...state, answers, step: next >= 0 ? { kind: 'question', index: next } : afterQuestions(state, answers) };
    }

    case 'review': {
      if (action.type === 'back') {
        const last = previousQuestion(state.questions, state.questions.length, state.answers);
        return last < 0 ? state : { ...state, step: { kind: 'question', index: last } };
      }
      if (action.type === 'again') {
        const first = nextQuestion(state.questions, 0, state.answers);
        return first < 0 ? state : { ...state, step: { kind: 'question', index: first } };
      }
      if (action.type === 'pick') return state.questions.some((q) => applies(q, state.answers)) ? { ...state, step: { kind: 'pick' } } : state;
      if (action.type !== 'review') return state;
      if (!action.yes) return finish(state, { kind: 'declined' });
      const blocked = blockedChanges(action.plan.changes, state.config.force);
      const plan = action.plan;
      const log = answersLog(state);
      if (blocked.length > 0) return { ...state, plan, step: { kind: 'replace', paths: blocked.map((c) => c.path) } };
      return { ...state, plan, log, step: { kind: 'writing', consent: state.config.force } };
    }

    case 'pick': {
      if (action.type === 'back') return { ...state, step: { kind: 'review' } };
      if (action.type !== 'edit' || !state.questions[action.index]) return state;
      return { ...state, step: { kind: 'question', index: action.index, thenReview: true } };
    }

    case 'replace': {
      if (action.type !== 'replace') return state;
      if (action.yes) return { ...state, log: answersLog(state), step: { kind: 'writing', consent: true } };
      if (replacesPublisher(state.config, step.paths)) {
        // A new file beside a workflow that publishes would publish the package twice: back to the review.
        return { ...state, plan: undefined, step: { kind: 'review', kept: step.paths } };
      }
      // Keep the user's file untouched and offer a free name for the new workflow.
      let questions = state.questions;
      let index = questions.findIndex((q) => q.id === 'workflow');
      if (index < 0) {
        questions = [...questions, questionFor('workflow') as AnyQuestion];
        index = questions.length - 1;
      }
      const answers = { ...state.answers, workflow: freeWorkflowName(state.config.existingWorkflows) };
      return {
        ...state,
        questions,
        answers,
        plan: undefined,
        log: log(state, { kind: 'note', text: `Kept ${step.paths.join(', ')} as it is.` }),
        step: { kind: 'question', index, thenReview: true, kept: step.paths },
      };
    }

    case 'writing':
      if (action.type !== 'written') return state;
      return publisherStep({ ...state, written: action.results, log: log(state, { kind: 'written', results: action.results }) }, 0);

    case 'publisher': {
      if (action.type === 'open' && step.open === 'ask') return { ...state, step: { ...step, open: action.yes ? 'opening' : 'declined' } };
      if (action.type === 'opened' && action.index === step.index && step.open === 'opening') {
        return { ...state, step: { ...step, open: action.result } };
      }
      if (action.type === 'trust' && step.open !== 'ask') return finish(state, { kind: 'trust' });
      if (action.type !== 'next' || step.open === 'ask') return state;
      const next = step.index + 1;
      const withLog = { ...state, log: log(state, { kind: 'publisher', index: step.index, open: step.open }) };
      if (next < (state.plan?.publishers.length ?? 0)) return publisherStep(withLog, next);
      return { ...withLog, step: { kind: 'checklist', cursor: 0, done: [] } };
    }

    case 'checklist': {
      const items = state.plan?.checklist ?? [];
      if (action.type === 'move') {
        const cursor = Math.max(0, Math.min(items.length - 1, step.cursor + action.delta));
        return { ...state, step: { ...step, cursor } };
      }
      if (action.type === 'preset') return { ...state, step: { ...step, done: [...new Set([...step.done, ...action.done])] } };
      if (action.type === 'toggle') {
        const item = items[step.cursor];
        // "Or add all publishers at once" is another way to do the steps around it, not a step.
        if (!item || isAlternative(item)) return state;
        const id = item.id;
        const done = step.done.includes(id) ? step.done.filter((d) => d !== id) : [...step.done, id];
        return { ...state, step: { ...step, done } };
      }
      if (action.type === 'leave') return finish(state, { kind: 'done', done: step.done });
      return state;
    }
  }
}
