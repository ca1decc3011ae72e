// flag ?? prompt ?? default, for every question.
import type { Answers, Detected } from '../model.js';
import { QUESTIONS, type AnyQuestion, type Question } from './list.js';
import { usesTrigger } from './release.js';
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
  return QUESTIONS.filter((q) => !(q.id in given) && !q.certain(d) && q.applies?.(given) !== false);
}

/**
 * Checks given answers against the repository and against each other; throws UsageError
 * naming the flag. Front-ends call it before asking anything, so a bad flag fails early.
 */
export function checkGiven(d: Detected, given: GivenAnswers): void {
  for (const q of QUESTIONS) {
    if (q.kind !== 'multiselect' || given[q.id] === undefined) continue;
    const error = q.check(given[q.id] as Answers[typeof q.id], d);
    if (error) throw new UsageError(`--${q.flag}: ${error}`);
  }
}

/** Combinations no workflow can serve; the message names the flags. Undefined when fine. */
export function answersConflict(answers: Pick<Answers, 'release' | 'packages'>): string | undefined {
  if (answers.release === 'semantic-release' && answers.packages.length > 1) {
    return (
      'semantic-release publishes one package per repository. Choose one with --packages, ' +
      'or use --release changesets or --release release-please for several.'
    );
  }
  return undefined;
}

/** Answers from flags and defaults only (`--yes`, or values not asked). */
export function resolveDefaults(d: Detected, given: GivenAnswers): Answers {
  checkGiven(d, given);
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
  const answers = out as Answers;
  if (given.trigger !== undefined && !usesTrigger(answers.release)) {
    throw new UsageError(
      `--trigger does not apply to --release ${answers.release}: that workflow runs on pushes to the default branch ` +
        'and the release tool decides when to publish. Leave out --trigger, or pass --release publish or staged.',
    );
  }
  const conflict = answersConflict(answers);
  if (conflict) throw new UsageError(conflict);
  return answers;
}

/** The value to pre-fill for a question: what was given, else the detected default. */
export function initialValue<K extends keyof Answers>(q: Question<K>, d: Detected, given: GivenAnswers): Answers[K] | undefined {
  return q.id in given ? (given[q.id] as Answers[typeof q.id]) : q.defaultValue(d);
}
