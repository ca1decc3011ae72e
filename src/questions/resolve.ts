// flag ?? prompt ?? default, for every question.
import type { Answers, Detected } from '../model.js';
import { QUESTIONS, type AnyQuestion, type Question } from './list.js';
import { UsageError } from '../cli/errors.js';

/** Answers given on the command line, already parsed and validated. */
export type GivenAnswers = Partial<Answers>;

/** Parses raw flag text for one question; throws UsageError naming the flag. */
export function parseFlag<K extends keyof Answers>(q: Question<K>, raw: string): Answers[K] {
  const parsed = q.parse(raw);
  if (!parsed.ok) throw new UsageError(`--${q.flag}: ${parsed.error}`);
  return parsed.value;
}

/** The questions an interactive front-end should ask, in order. */
export function pendingQuestions(d: Detected, given: GivenAnswers): AnyQuestion[] {
  return QUESTIONS.filter((q) => !(q.id in given) && !q.certain(d));
}

/** Answers from flags and defaults only (`--yes`, or values not asked). */
export function resolveDefaults(d: Detected, given: GivenAnswers): Answers {
  const out: Partial<Answers> = {};
  for (const q of QUESTIONS) {
    if (q.id in given) {
      (out as Record<string, unknown>)[q.id] = given[q.id];
      continue;
    }
    const value = q.defaultValue(d);
    if (value === undefined) {
      throw new UsageError(`Could not work out the ${q.label.toLowerCase()} from this repository: pass --${q.flag}.`);
    }
    (out as Record<string, unknown>)[q.id] = value;
  }
  return out as Answers;
}

/** The value to pre-fill for a question: what was given, else the detected default. */
export function initialValue<K extends keyof Answers>(q: Question<K>, d: Detected, given: GivenAnswers): Answers[K] | undefined {
  return q.id in given ? (given[q.id] as Answers[K]) : q.defaultValue(d);
}
