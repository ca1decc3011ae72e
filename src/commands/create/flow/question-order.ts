// The order of the create flow's questions: which one applies given the answers so far, which
// comes next or before, "question n of m", and how an answer reads once given.
import type { Answers } from '../../../core/model.js';
import { questionApplies, type AnyQuestion } from '../../../questions/list.js';

export type Answer = Answers[keyof Answers];

/** True when the question still matters given the answers so far (see Question.applies). */
export function applies(q: AnyQuestion, answers: Partial<Answers>): boolean {
  return questionApplies(q, answers);
}

/** The first question at or after `from` that applies, or -1. */
export function nextQuestion(questions: readonly AnyQuestion[], from: number, answers: Partial<Answers>): number {
  for (let i = from; i < questions.length; i++) if (applies(questions[i]!, answers)) return i;
  return -1;
}

/** The last question before `from` that applies, or -1. */
export function previousQuestion(questions: readonly AnyQuestion[], from: number, answers: Partial<Answers>): number {
  for (let i = Math.min(from, questions.length) - 1; i >= 0; i--) if (applies(questions[i]!, answers)) return i;
  return -1;
}

/** "Question n of m", counting only the questions that apply to the answers so far. */
export function progress(questions: readonly AnyQuestion[], index: number, answers: Partial<Answers>): { number: number; total: number } {
  const asked = questions.filter((q) => applies(q, answers));
  return { number: asked.indexOf(questions[index]!) + 1, total: asked.length };
}

/** How an answer reads in the log: the choice's label, "yes"/"no", or the text. */
export function describeAnswer(q: AnyQuestion, value: Answer): string {
  if (q.kind === 'select') return q.choices.find((c) => c.value === value)?.label ?? String(value);
  if (q.kind === 'confirm') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.join(', ');
  if ((value === null || value === '') && 'emptyMeans' in q && q.emptyMeans) return `(${q.emptyMeans})`;
  return String(value);
}
