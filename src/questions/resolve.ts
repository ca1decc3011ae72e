// flag ?? prompt ?? default, for every question.
import type { Answers, Detected } from '../core/model.js';
import { QUESTIONS, questionApplies, type AnyQuestion, type Question } from './list.js';
import { PROVIDER_NAMES, detectedProvider, providerConflict } from './provider.js';
import { usesTrigger } from './release.js';
import { UsageError } from '../core/errors.js';

/** Answers given on the command line, already parsed and validated. */
export type GivenAnswers = Partial<Answers>;

/** Parses raw flag text for one question; throws UsageError naming the flag. */
export function parseFlag<K extends keyof Answers>(q: Question<K>, raw: string): Answers[K] {
  const parsed = q.parse(raw);
  if (!parsed.ok) throw new UsageError(`--${q.flag}: ${parsed.reason}`);
  return parsed.value;
}

/** The questions an interactive front-end should ask, in order. */
export function pendingQuestions(d: Detected, given: GivenAnswers): AnyQuestion[] {
  return QUESTIONS.filter((q) => !(q.id in given) && !q.certain(d) && questionApplies(q, given));
}

/**
 * Flags that belong to another CI provider than the one this run uses (given, or detected from the
 * remote). A "no" (--no-environment, --no-fix-repository) is harmless and passes.
 */
function checkProviderFlags(d: Detected, given: GivenAnswers): void {
  const provider = given.provider ?? detectedProvider(d);
  for (const q of QUESTIONS) {
    const value = given[q.id];
    if (value === undefined || value === null || value === false || questionApplies(q, { provider })) continue;
    const why = given.provider ? `--provider ${provider}` : `detected; --provider changes it`;
    throw new UsageError(`--${q.flag} does not apply to ${PROVIDER_NAMES[provider]} (${why}).`);
  }
}

/**
 * Checks given answers against the repository and against each other; throws UsageError
 * naming the flag. Front-ends call it before asking anything, so a bad flag fails early.
 */
export function checkGiven(d: Detected, given: GivenAnswers): void {
  checkProviderFlags(d, given);
  for (const q of QUESTIONS) {
    if (q.kind !== 'multiselect' || given[q.id] === undefined) continue;
    const error = q.check(given[q.id] as Answers[typeof q.id], d);
    if (error) throw new UsageError(`--${q.flag}: ${error}`);
  }
}

/** Combinations no workflow can serve; the message names the flags. Undefined when fine. */
export function answersConflict(answers: Pick<Answers, 'release' | 'packages'> & Partial<Pick<Answers, 'provider'>>): string | undefined {
  // The release flow is a GitHub Actions workflow; other providers have their own checks (providerConflict).
  if (answers.provider !== undefined && answers.provider !== 'github') return undefined;
  if (answers.release === 'semantic-release' && answers.packages.length > 1) {
    return (
      'semantic-release publishes one package per repository. Choose one with --packages, ' +
      'or use --release changesets or --release release-please for several.'
    );
  }
  return undefined;
}

/** The error for answers nothing can default: each flag, and where to find its value. */
function missingValues(missing: readonly AnyQuestion[]): string {
  const [only] = missing;
  if (missing.length === 1 && only && !only.whereToFind) {
    return `Could not work out the ${only.label.toLowerCase()} from this repository: pass --${only.flag}.`;
  }
  const width = Math.max(...missing.map((q) => q.flag.length));
  const lines = missing.map((q) => `  --${q.flag.padEnd(width)}  ${q.label}${q.whereToFind ? `: ${q.whereToFind}` : ''}`);
  return `These cannot be worked out from this repository; pass them:\n${lines.join('\n')}`;
}

/**
 * Answers from flags and defaults only (`--yes`, or values not asked). `kept`: the answers
 * describe a workflow the repository already has (a migration keeps its release tool and what it
 * publishes), so a combination no generated workflow can serve is no reason to stop.
 */
export function resolveDefaults(d: Detected, given: GivenAnswers, { kept = false }: { kept?: boolean } = {}): Answers {
  checkGiven(d, given);
  const out: Partial<Answers> = {};
  const missing: AnyQuestion[] = [];
  // In list order, so `applies` sees the provider and the earlier answers.
  for (const q of QUESTIONS) {
    if (q.id in given) {
      (out as Record<string, unknown>)[q.id] = given[q.id];
      continue;
    }
    const applies = questionApplies(q, out);
    if (!applies && q.optional) continue;
    const value = q.defaultValue(d);
    if (value === undefined) {
      if (applies) missing.push(q);
      continue;
    }
    (out as Record<string, unknown>)[q.id] = value;
  }
  if (missing.length > 0) throw new UsageError(missingValues(missing));
  const answers = out as Answers;
  if (given.trigger !== undefined && !usesTrigger(answers.release)) {
    throw new UsageError(
      `--trigger does not apply to --release ${answers.release}: that workflow runs on pushes to the default branch ` +
        'and the release tool decides when to publish. Leave out --trigger, or pass --release publish or staged.',
    );
  }
  const conflict = (kept ? undefined : answersConflict(answers)) ?? providerConflict(answers)?.message;
  if (conflict) throw new UsageError(conflict);
  return answers;
}

/** The value to pre-fill for a question: what was given, else the detected default. */
export function initialValue<K extends keyof Answers>(q: Question<K>, d: Detected, given: GivenAnswers): Answers[K] | undefined {
  return q.id in given ? (given[q.id] as Answers[typeof q.id]) : q.defaultValue(d);
}
